import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/features/demo/demo.seed.ts';
import { organisation } from '../../src/features/tenancy/tenancy.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createUser, signIn } from '../support/factories.ts';
import { pdfText } from '../support/pdf-text.ts';

// The course report of the demo's course that has been given (Demensvård i hemtjänsten at Högskolan i Norrvik):
// four sessions of 3.5 hours, twelve participants of whom seven were away once (41 of 48 marks present), ten
// credentials, nine of twelve evaluation answers (overall 43/9, seven of nine would recommend it).

let t: TestApp;
let nils: string;
let caseId: string;
let designId: string;
let norrvik: string;
const reportUrl = (language?: 'sv' | 'en') =>
  `/api/cases/${caseId}/designs/${designId}/report${language ? `?language=${language}` : ''}`;
// pdfmake writes a word per text object: a hyphenated word comes apart at its hyphen
const textOf = (pdf: Buffer) =>
  pdfText(pdf)
    .replace(/([-/])\t/g, '$1')
    .replace(/\t/g, ' ');

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.db, t.auth, t.config);
  nils = await signIn(t, 'nils.chef@norrvik.example', DEMO_PASSWORD);
  const [theCase] = (await t.request('GET', '/api/cases?q=Demensv%C3%A5rd', { cookie: nils })).json().items;
  caseId = theCase.id;
  designId = (await t.request('GET', `/api/cases/${caseId}/delivery`, { cookie: nils })).json().designs[0]
    .designId;
  norrvik = (await t.db.select().from(organisation).where(eq(organisation.name, 'Högskolan i Norrvik')))[0]
    ?.id as string;
});
afterAll(() => t.close());

describe("a course's report for the follow-up meeting", () => {
  it('sums up the sessions, the attendance, the credentials and the evaluation, in the course language', async () => {
    const response = await t.request('GET', reportUrl(), { cookie: nils });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain('kursrapport-Personcentrerad-demensv');
    const text = textOf(response.rawPayload);
    for (const expected of [
      'Högskolan i Norrvik',
      'Kursrapport: Personcentrerad demensvård i hemtjänsten',
      'Uppdragsgivare Norrviks kommun',
      '4 tillfällen genomförda, 14 timmar.',
      'Fallbeskrivningar och examination',
      '12 deltagare.',
      'Närvaro 85 % vid de 4 tillfällen där närvaron registrerades.',
      '10 mikromeriter utfärdade.',
      '9 av 12 har svarat.',
      'Helhetsintryck 4,8',
      '7 av 9 skulle rekommendera utbildningen.',
      'Uppdragsgivaren har inte svarat på någon uppföljning ännu.',
    ])
      expect(text).toContain(expected);
    // the participants' comments stay with the HEI, as when it shares the figures
    expect(text).not.toContain('Fallbeskrivningarna, och att få pröva');
    expect(text).not.toContain('Distansträffen var svår att följa');
  });

  it('reads in English when asked', async () => {
    const text = textOf((await t.request('GET', reportUrl('en'), { cookie: nils })).rawPayload);
    for (const expected of [
      'Course report: Personcentrerad demensvård i hemtjänsten',
      '4 sessions given, 14 hours.',
      'Attendance 85 % at the 4 sessions where it was recorded.',
      '10 micro-credentials issued.',
      'Overall impression 4.8',
      '7 of 9 would recommend the course.',
    ])
      expect(text).toContain(expected);
  });

  it("is for the HEI's staff who read the case: not for the customer, another HEI, or a course not given there", async () => {
    const lena = await signIn(t, 'lena.kund@norrvik-kommun.example', DEMO_PASSWORD);
    expect((await t.request('GET', reportUrl(), { cookie: lena })).statusCode).toBe(403);
    const other = await createUser(t, [
      {
        organisationId: (
          await t.db.select().from(organisation).where(eq(organisation.name, 'Mittlands universitet'))
        )[0]?.id,
        roles: ['coordinator'],
      },
    ]);
    expect((await t.request('GET', reportUrl(), { cookie: other.cookie })).statusCode).toBe(404);
    const teacher = await createUser(t, [{ organisationId: norrvik, roles: ['teacher'] }]);
    expect((await t.request('GET', reportUrl(), { cookie: teacher.cookie })).statusCode).toBe(200);
    const notGiven = await t.request(
      'GET',
      `/api/cases/${caseId}/designs/00000000-0000-4000-8000-000000000000/report`,
      { cookie: nils },
    );
    expect(notGiven.statusCode).toBe(404);
    expect((await t.request('GET', reportUrl())).statusCode).toBe(401);
    const badLanguage = await t.request('GET', `${reportUrl()}?language=fi`, { cookie: nils });
    expect(badLanguage.statusCode).toBe(400);
  });
});
