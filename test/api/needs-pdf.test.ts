import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoTaxonomy } from '../../src/features/taxonomy/demo-taxonomy.ts';
import { taxonomyConcept } from '../../src/features/taxonomy/taxonomy.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import {
  createConsortium,
  createOrganisation,
  createUser,
  inquiryInput,
  orgNumber,
  type TestUser,
} from '../support/factories.ts';
import { pdfText } from '../support/pdf-text.ts';

// The PDF summary of an analysis, read back as text (through the fonts' ToUnicode maps) to check what it says.

let t: TestApp;
let coord: TestUser;
let outsider: TestUser;
let analysisId: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoTaxonomy(t.db);
  const concept = async (label: string) =>
    (await t.db.select().from(taxonomyConcept).where(eq(taxonomyConcept.labelSv, label)))[0]?.id ?? '';
  const alliance = await createConsortium(t);
  const hei = await createOrganisation(t, { kind: 'hei', consortiumId: alliance.id });
  coord = await createUser(t, [{ organisationId: hei.id, roles: ['coordinator'] }]);
  outsider = await createUser(t, [
    { organisationId: (await createOrganisation(t, { kind: 'hei' })).id, roles: ['coordinator'] },
  ]);
  await t.app.inject({
    method: 'POST',
    url: `/api/public/consortia/${alliance.slug}/inquiries`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(
      inquiryInput({ organisationName: 'Ångbruket i Älvdal AB', orgNumber: orgNumber() }),
    ),
  });
  const [inquiry] = (await t.request('GET', '/api/inquiries', { cookie: coord.cookie })).json().items;
  await t.request('POST', `/api/inquiries/${inquiry.id}/claim`, { cookie: coord.cookie });
  const caseId = (await t.request('GET', '/api/cases', { cookie: coord.cookie })).json().items[0].id;

  const created = await t.request('POST', '/api/analyses', {
    cookie: coord.cookie,
    body: {
      caseId,
      title: 'Kompetensbehov i underhållet',
      strategy: 'Fossilfri produktion 2030',
      drivers: ['new_technology', 'retirements'],
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  analysisId = created.json().id;
  const role = await t.request('POST', `/api/analyses/${analysisId}/roles`, {
    cookie: coord.cookie,
    body: { title: 'Underhållstekniker', headcountNow: 14, headcountHorizon: 9 },
  });
  expect(role.statusCode, role.body).toBe(201);
  const needs = [
    { conceptId: await concept('Ledarskap'), importance: 1, people: 3, horizon: '3y' },
    {
      conceptId: await concept('Svetsteknik'),
      importance: 3,
      people: 10,
      horizon: 'now',
      goalOrganisation: 'Halverade svetsfel',
      indicators: 'Andel godkända svetsfogar',
    },
    {
      conceptId: null,
      freeText: 'Läsa svetsritningar enligt ISO 2553',
      importance: 2,
      people: 4,
      horizon: '1y',
    },
  ];
  for (const need of needs) {
    const added = await t.request('POST', `/api/analyses/${analysisId}/needs`, {
      cookie: coord.cookie,
      body: { requiredLevel: 4, currentLevel: 1, ...need },
    });
    expect(added.statusCode, added.body).toBe(201);
  }
});
afterAll(() => t.close());

async function summary(lang: 'sv' | 'en') {
  const response = await t.request('GET', `/api/analyses/${analysisId}/summary.pdf?lang=${lang}`, {
    cookie: coord.cookie,
  });
  expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return { response, text: pdfText(response.rawPayload) };
}

describe('the PDF summary of an analysis', () => {
  it('is an A4 PDF in Swedish with the customer, the organisation level, roles and every need by priority', async () => {
    const { response, text } = await summary('sv');
    expect(response.rawPayload.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(response.headers['content-disposition']).toContain('.pdf');
    expect(text).toContain('Kompetensbehov i underhållet');
    expect(text).toContain('Ångbruket i Älvdal AB');
    expect(text).toMatch(/Version\t1/);
    expect(text).toContain('Fossilfri produktion 2030');
    expect(text).toContain('Pensionsavgångar');
    expect(text).toMatch(/Underhållstekniker\t14\t9\t−5/);
    expect(text).toContain('Alla kompetensbehov, efter prioritet');
    // Priority: welding (3 × 3 × 2 × 1 = 18) before the drawings (free text) before leadership.
    const welding = text.indexOf('Svetsteknik', text.indexOf('Alla kompetensbehov'));
    const drawings = text.indexOf('Läsa svetsritningar', welding);
    const leadership = text.indexOf('Ledarskap', drawings);
    expect(welding).toBeGreaterThan(0);
    expect(drawings).toBeGreaterThan(welding);
    expect(leadership).toBeGreaterThan(drawings);
    expect(text).toMatch(/4\t1\t3\t3\t10\tNu\t18/);
    expect(text).toContain('Halverade svetsfel');
    expect(text).toContain('Andel godkända svetsfogar');
  });

  it('speaks English with lang=en, using the English concept labels', async () => {
    const { text } = await summary('en');
    expect(text).toContain('All competence needs, by priority');
    expect(text).toContain('Welding technology');
    expect(text).toContain('Ångbruket i Älvdal AB');
    expect(text).toContain('Retirements');
    expect(text).not.toContain('Alla kompetensbehov');
  });

  it('is not given to other HEIs, nor without a session', async () => {
    const url = `/api/analyses/${analysisId}/summary.pdf`;
    expect((await t.request('GET', url, { cookie: outsider.cookie })).statusCode).toBe(404);
    expect((await t.request('GET', url)).statusCode).toBe(401);
    const bad = await t.request('GET', `${url}?lang=fi`, { cookie: coord.cookie });
    expect(bad.statusCode).toBe(400);
  });
});
