import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseDesign } from '../../src/features/design/design.table.ts';
import { evaluationResponse } from '../../src/features/evaluation/evaluation.table.ts';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { remindCustomers } from '../../src/features/portal/portal.service.ts';
import { addDays, stockholmDate } from '../../src/shared/stockholm-days.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp, exampleProposal, signedAgreement } from '../support/commercial.ts';
import { createOrganisation, createUser, type TestUser } from '../support/factories.ts';
import { pdfText } from '../support/pdf-text.ts';

// Evaluation on Kirkpatrick's four levels: the HEI evaluates a course it gave (the participants answer
// anonymously through single-use links: reaction and learning, levels 1–2), results only from five answers,
// and the customer follows up behaviour at work and results (levels 3–4) in the portal.

let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let designId: string;
let otherCustomer: TestUser;
const year = new Date().getUTCFullYear() + 1;
const today = new Date().toISOString().slice(0, 10);

const answer = (token: string, body: unknown) =>
  t.app.inject({
    method: 'POST',
    url: `/api/feedback/${token}`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
const tokenOf = (link: string) => link.replace(/^.*\/feedback\//, '');
const rating = (
  overall: number,
  before: number,
  after: number,
  texts: { best?: string; improve?: string } = {},
) => ({
  reaction: { overall, relevance: 4, teaching: 5, arrangements: 3 },
  recommend: overall >= 4,
  outcomes: [
    { key: 'o1', before, after },
    { key: 'o2', before: 1, after: 3 },
  ],
  ...texts,
});

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  otherCustomer = await createUser(t, [
    { organisationId: (await createOrganisation(t, { kind: 'customer' })).id, roles: ['customer_contact'] },
  ]);
  const example = await exampleProposal(t, s, 'accepted');
  designId = example.designId;
  const agreementId = await signedAgreement(t, s, example.proposalId);
  for (const [firstName, email, personnummer] of [
    ['Anna', 'anna@stalverket.example', '19850312-1231'],
    ['Bo', 'BO@stalverket.example', '19780501-0050'],
    ['Carl', null, '19900228-2383'],
  ])
    expect(
      (
        await t.request(
          'POST',
          `/api/portal/agreements/${agreementId}/participants`,
          s.as(s.contact, { firstName, lastName: 'Test', email, personnummer, creditEligible: true }),
        )
      ).statusCode,
    ).toBe(200);
});
afterAll(() => t.close());

let evaluationId: string;
let links: string[];

describe("the participants' evaluation (levels 1 and 2)", () => {
  it('is made of an approved design of the case, with a closing day to come', async () => {
    const url = `/api/cases/${s.caseId}/evaluations`;
    expect((await t.request('GET', url, s.as(s.coord))).json()).toEqual({ evaluations: [] });
    const bad = async (body: object) => {
      const response = await t.request(
        'POST',
        url,
        s.as(s.coord, { designId, invited: 10, closesOn: `${year}-01-31`, ...body }),
      );
      expect(response.statusCode, response.body).toBe(400);
      return response.json().errors;
    };
    expect(await bad({ closesOn: '2020-01-01' })).toEqual([
      { field: 'body.closesOn', message: 'the closing day has passed; choose today or later' },
    ]);
    expect(await bad({ designId: '00000000-0000-4000-8000-000000000000' })).toEqual([
      { field: 'body.designId', message: 'is not a design of this case' },
    ]);
    expect((await bad({ invited: 4 }))[0].field).toBe('body.invited');
    // the manager reads but does not make evaluations; another HEI does not see the case
    expect(
      (await t.request('POST', url, s.as(s.manager, { designId, invited: 10, closesOn: today }))).statusCode,
    ).toBe(403);
    expect(
      (await t.request('POST', url, s.as(s.outsider, { designId, invited: 10, closesOn: today }))).statusCode,
    ).toBe(404);
  });

  it('e-mails one link to each participant with an address and hands out the rest', async () => {
    const created = await t.request(
      'POST',
      `/api/cases/${s.caseId}/evaluations`,
      s.as(s.coord, { designId, invited: 6, closesOn: `${year}-01-31`, emailParticipants: true }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(body.evaluation).toMatchObject({
      title: 'PLC för underhållet',
      invited: 6,
      emailed: 2,
      answered: 0,
      open: true,
      followUp: null,
    });
    evaluationId = body.evaluation.id;
    expect(body.links).toHaveLength(4);
    const mails = await t.db.select().from(outbox).where(eq(outbox.kind, 'course_evaluation'));
    // their text (with the link) is blanked once sent: the outbox will not say which link went to whom
    expect(mails.every((m) => m.forgetBody)).toBe(true);
    expect(mails.map((m) => m.toAddress).sort()).toEqual([
      'anna@stalverket.example',
      'bo@stalverket.example',
    ]);
    const mailed = mails.map((m) => m.textBody.match(/\/feedback\/([\w-]+)/)?.[1] ?? '');
    expect(mailed[0]).not.toEqual(mailed[1]);
    links = [...mailed, ...body.links.map(tokenOf)];
    expect(new Set(links).size).toBe(6);
  });

  it("asks a participant about the design's learning outcomes, without signing in", async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/feedback/${links[0]}` });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      title: 'PLC för underhållet',
      language: 'sv',
      open: true,
      alreadyAnswered: false,
      closesOn: `${year}-01-31`,
      outcomes: [
        { key: 'o1', text: 'läsa och felsöka ett PLC-program' },
        { key: 'o2', text: 'göra säkra ändringar' },
      ],
    });
    const unknown = await t.app.inject({ method: 'GET', url: `/api/feedback/${'x'.repeat(43)}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('evaluation_link_invalid');
  });

  it('takes one complete answer per link, and shows nothing but the count until five have answered', async () => {
    const partial = await answer(links[0] as string, {
      ...rating(5, 2, 4),
      outcomes: [{ key: 'o1', before: 2, after: 4 }],
    });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().errors).toEqual([
      { field: 'body.outcomes', message: 'rate every outcome; missing: o2' },
    ]);
    const outOfScale = await answer(links[0] as string, {
      ...rating(5, 2, 4),
      reaction: { overall: 6, relevance: 4, teaching: 5, arrangements: 3 },
    });
    expect(outOfScale.statusCode).toBe(400);

    const answers = [
      rating(5, 2, 4, { best: 'Övningarna i labbet', improve: 'Mer tid för felsökning' }),
      rating(4, 1, 4, { best: 'Att läraren kände vår anläggning' }),
      rating(4, 3, 4),
      rating(2, 3, 3, { improve: 'Lokalen var för trång' }),
    ];
    for (const [i, body] of answers.entries())
      expect((await answer(links[i] as string, body)).statusCode).toBe(200);
    const again = await answer(links[0] as string, rating(1, 1, 1));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('evaluation_already_answered');

    const hidden = (
      await t.request('GET', `/api/evaluations/${evaluationId}/results`, s.as(s.teacher))
    ).json();
    expect(hidden).toMatchObject({
      shown: false,
      minimum: 5,
      reaction: [],
      outcomes: [],
      comments: { best: [], improve: [] },
    });
    expect(hidden.evaluation.answered).toBe(4);
    const early = await t.request('POST', `/api/evaluations/${evaluationId}/share`, s.as(s.coord));
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('Fewer than 5 have answered: there are no results to share yet.');

    expect((await answer(links[4] as string, rating(5, 2, 5, { best: 'allt' }))).statusCode).toBe(200);
    const results = (
      await t.request('GET', `/api/evaluations/${evaluationId}/results`, s.as(s.manager))
    ).json();
    expect(results.shown).toBe(true);
    expect(results.reaction[0]).toEqual({ key: 'overall', mean: 4, distribution: [0, 1, 0, 2, 2] });
    expect(results.recommend).toEqual({ yes: 4, no: 1 });
    expect(results.outcomes).toEqual([
      { key: 'o1', text: 'läsa och felsöka ett PLC-program', before: 2.2, after: 4, gain: 1.8 },
      { key: 'o2', text: 'göra säkra ändringar', before: 1, after: 3, gain: 2 },
    ]);
    // the comments in alphabetical order, not the order they came in
    expect(results.comments).toEqual({
      best: ['allt', 'Att läraren kände vår anläggning', 'Övningarna i labbet'],
      improve: ['Lokalen var för trång', 'Mer tid för felsökning'],
    });
    // an answer keeps the day it was given, nothing that leads back to its link
    const [stored] = await t.db.select().from(evaluationResponse).limit(1);
    expect(Object.keys(stored ?? {}).sort()).toEqual(
      ['answeredOn', 'best', 'evaluationId', 'id', 'improve', 'outcomes', 'reaction', 'recommend'].sort(),
    );
  });

  it("is in the merit record of the course's teachers, with its key figures", async () => {
    // the teacher is made the design's planned lecturer (the design's own teacher entry, by user)
    const [design] = await t.db.select().from(courseDesign).where(eq(courseDesign.id, designId));
    await t.db
      .update(courseDesign)
      .set({
        teachers: (design?.teachers ?? []).map((x, i) => (i === 0 ? { ...x, userId: s.teacher.id } : x)),
      })
      .where(eq(courseDesign.id, designId));
    const merit = await t.request(
      'GET',
      `/api/organisations/${s.hei}/staff/${s.teacher.id}/merit`,
      s.as(s.teacher),
    );
    expect(merit.statusCode, merit.body).toBe(200);
    expect(merit.json().evaluations).toEqual([
      {
        evaluationId,
        title: 'PLC för underhållet',
        closesOn: `${year}-01-31`,
        answered: 5,
        satisfaction: 4,
        gain: 1.9,
        recommended: 4,
      },
    ]);
    const pdf = await t.request(
      'GET',
      `/api/organisations/${s.hei}/staff/${s.teacher.id}/merit.pdf?language=en`,
      s.as(s.teacher),
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdfText(pdf.rawPayload).replace(/-\t/g, '-').replace(/\s+/g, ' ')).toContain(
      'PLC för underhållet (31 Jan ' +
        year +
        '): 5 answers, overall impression 4 of 5, rated knowledge gain +1.9, 4 of 5 would recommend the course.',
    );
  });

  it('is closed early by the HEI and then takes no more answers', async () => {
    expect(
      (await t.request('POST', `/api/evaluations/${evaluationId}/close`, s.as(s.manager))).statusCode,
    ).toBe(403);
    const closed = await t.request('POST', `/api/evaluations/${evaluationId}/close`, s.as(s.teacher));
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ open: false, answered: 5 });
    const late = await answer(links[5] as string, rating(3, 3, 3));
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('evaluation_closed');
    expect(
      (await t.request('POST', `/api/evaluations/${evaluationId}/close`, s.as(s.coord))).statusCode,
    ).toBe(409);
  });

  it('is shared with the customer as figures, never the comments', async () => {
    expect(
      (await t.request('POST', `/api/evaluations/${evaluationId}/share`, s.as(s.manager))).statusCode,
    ).toBe(403);
    const shared = await t.request('POST', `/api/evaluations/${evaluationId}/share`, s.as(s.coord));
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json().sharedAt).toEqual(expect.any(String));
    expect(
      (await t.request('POST', `/api/evaluations/${evaluationId}/share`, s.as(s.coord))).statusCode,
    ).toBe(409);
    expect((await t.request('GET', '/api/notifications', s.as(s.contact))).json().items[0]).toMatchObject({
      kind: 'evaluation_shared',
      link: `/portal/cases/${s.caseId}#portal-follow-up`,
    });
    const [seen, ...more] = (
      await t.request('GET', `/api/portal/evaluations?caseId=${s.caseId}`, s.as(s.contact))
    ).json();
    expect(more).toEqual([]);
    expect(seen).toMatchObject({
      evaluationId,
      title: 'PLC för underhållet',
      answered: 5,
      recommend: { yes: 4, no: 1 },
      reaction: expect.arrayContaining([{ key: 'overall', mean: 4, distribution: [0, 1, 0, 2, 2] }]),
    });
    expect(seen.outcomes[0]).toMatchObject({ key: 'o1', gain: 1.8 });
    expect(JSON.stringify(seen)).not.toContain('Övningarna i labbet');
    expect((await t.request('GET', '/api/portal/evaluations', s.as(otherCustomer))).json()).toEqual([]);
    expect((await t.request('GET', '/api/portal/evaluations', s.as(s.coord))).statusCode).toBe(403);
  });

  it('is seen only by the HEI whose case it is', async () => {
    expect(
      (await t.request('GET', `/api/evaluations/${evaluationId}/results`, s.as(s.outsider))).statusCode,
    ).toBe(404);
    expect((await t.request('GET', `/api/cases/${s.caseId}/evaluations`, s.as(s.outsider))).statusCode).toBe(
      404,
    );
    expect((await t.request('GET', '/api/evaluations', s.as(s.outsider))).json().items).toEqual([]);
    expect((await t.request('GET', '/api/evaluations', s.as(s.contact))).statusCode).toBe(403);
  });
});

describe("the customer's follow-up (levels 3 and 4)", () => {
  it('is asked for once; the contact people are told and find it in their to do', async () => {
    expect(
      (await t.request('POST', `/api/evaluations/${evaluationId}/follow-up`, s.as(s.outsider))).statusCode,
    ).toBe(404);
    const asked = await t.request('POST', `/api/evaluations/${evaluationId}/follow-up`, s.as(s.coord));
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().followUp).toMatchObject({ answeredAt: null, application: null });
    expect(
      (await t.request('POST', `/api/evaluations/${evaluationId}/follow-up`, s.as(s.coord))).statusCode,
    ).toBe(409);

    const notifications = (await t.request('GET', '/api/notifications', s.as(s.contact))).json().items;
    expect(notifications[0]).toMatchObject({
      kind: 'evaluation_follow_up',
      title: 'Hur har PLC för underhållet gett resultat? / How has PLC för underhållet paid off?',
      link: `/portal/cases/${s.caseId}#portal-follow-up`,
    });
    const toDo = (await t.request('GET', '/api/portal', s.as(s.contact))).json().toDo;
    const answerBy = addDays(stockholmDate(new Date()), 21);
    expect(toDo.filter((i: { kind: string }) => i.kind === 'follow_up_evaluation')).toMatchObject([
      { caseId: s.caseId, title: 'PLC för underhållet', dueOn: answerBy },
    ]);
    // a week before the day the HEI would like an answer by, the contact people are reminded, once
    const morning = (day: string) => new Date(`${day}T06:00:00Z`);
    expect(await remindCustomers(t.db, 'https://lupp.example.se', morning(addDays(answerBy, -8)))).toBe(0);
    expect(await remindCustomers(t.db, 'https://lupp.example.se', morning(addDays(answerBy, -7)))).toBe(1);
    expect(await remindCustomers(t.db, 'https://lupp.example.se', morning(addDays(answerBy, -6)))).toBe(0);
    const [reminder, ...again] = await t.db
      .select()
      .from(outbox)
      .where(eq(outbox.kind, 'reminder_follow_up'));
    expect(again).toEqual([]);
    expect(reminder).toMatchObject({
      toAddress: s.contact.email,
      subject: 'Påminnelse: följ upp PLC för underhållet / Reminder: follow up PLC för underhållet',
    });
    expect(reminder?.textBody).toContain(`https://lupp.example.se/portal/cases/${s.caseId}#portal-follow-up`);
    expect((await t.request('GET', '/api/portal/follow-ups', s.as(otherCustomer))).json()).toEqual([]);
  });

  it('is answered once by a contact person, and the case owner is told', async () => {
    const [followUp] = (
      await t.request('GET', `/api/portal/follow-ups?caseId=${s.caseId}`, s.as(s.contact))
    ).json();
    expect(followUp).toMatchObject({ evaluationId, caseId: s.caseId, answeredAt: null });
    const body = {
      application: 4,
      applicationText: 'Felsökningen går fortare; två har lärt upp kollegor.',
      results: 3,
      resultsText: 'Stopptiden på linje 2 har minskat.',
      again: true,
    };
    expect(
      (await t.request('POST', `/api/portal/follow-ups/${followUp.id}`, s.as(otherCustomer, body)))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await t.request(
          'POST',
          `/api/portal/follow-ups/${followUp.id}`,
          s.as(s.contact, { ...body, results: 0 }),
        )
      ).statusCode,
    ).toBe(400);
    const answered = await t.request('POST', `/api/portal/follow-ups/${followUp.id}`, s.as(s.contact, body));
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ ...body, answeredBy: s.contact.name });
    // the HEI's customer register shows the answer on the customer's page, with the course
    const customer = (await t.request('GET', `/api/customers/${s.customerId}`, s.as(s.manager))).json();
    expect(customer.followUps).toEqual([
      expect.objectContaining({ ...body, caseId: s.caseId, title: 'PLC för underhållet' }),
    ]);
    expect(
      (await t.request('POST', `/api/portal/follow-ups/${followUp.id}`, s.as(s.contact, body))).statusCode,
    ).toBe(409);
    const toDo = (await t.request('GET', '/api/portal', s.as(s.contact))).json().toDo;
    expect(toDo.map((i: { kind: string }) => i.kind)).not.toContain('follow_up_evaluation');
    // the request and its reminder asked for this answer: both are done now
    const asked = (await t.request('GET', '/api/notifications', s.as(s.contact))).json().items;
    expect(
      asked
        .filter((n: { kind: string }) => ['evaluation_follow_up', 'reminder_follow_up'].includes(n.kind))
        .map((n: { kind: string; done: boolean; read: boolean }) => [n.kind, n.done, n.read]),
    ).toEqual([
      ['reminder_follow_up', true, true],
      ['evaluation_follow_up', true, true],
    ]);
    const told = (await t.request('GET', '/api/notifications', s.as(s.coord))).json().items[0];
    expect(told).toMatchObject({
      kind: 'evaluation_follow_up_answered',
      link: `/cases/${s.caseId}#case-evaluation`,
    });
  });

  it('is in a subject access report of the one who answered it, and of a person its words name', async () => {
    const admin = await createUser(t, [{ organisationId: s.hei, roles: ['admin'] }]);
    const report = async (name: string) => {
      const response = await t.request(
        'POST',
        `/api/organisations/${s.hei}/subject-access`,
        s.as(admin, { name }),
      );
      expect(response.statusCode, response.body).toBe(200);
      return response.json().mentions.filter((m: { source: string }) => m.source === 'evaluation');
    };
    expect(await report(s.contact.name)).toMatchObject([
      { source: 'evaluation', caseId: s.caseId, label: 'PLC för underhållet', matched: ['name'] },
    ]);
    // the customer's words, and a participant's comment (the words stand in for a name they may hold)
    expect(await report('linje 2')).toHaveLength(1);
    expect(await report('Övningarna i labbet')).toMatchObject([
      { source: 'evaluation', label: 'PLC för underhållet' },
    ]);
  });

  it("is summed up with the participants' results on the HEI's evaluation page", async () => {
    const page = (await t.request('GET', '/api/evaluations', s.as(s.manager))).json();
    expect(page.items).toMatchObject([
      { id: evaluationId, caseId: s.caseId, satisfaction: 4, gain: 1.9, answered: 5, open: false },
    ]);
    expect(page.items[0].caseReference).toMatch(/\S/);
    const csv = await t.request('GET', '/api/evaluations/export?lang=sv', s.as(s.manager));
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, row, ...rest] = csv.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(rest).toEqual([]);
    expect(header).toMatch(
      /^"Ärende";"Kund";"Utbildning";.*"Helhetsintryck \(1–5\)";"Skattad kunskapsökning"/,
    );
    expect(row).toContain(`"${page.items[0].caseReference}"`);
    expect(row).toMatch(/"PLC för underhållet";.*"nej";6;5;4;1,9;.*;4;3;"ja"$/);
    expect((await t.request('GET', '/api/evaluations/export', s.as(s.contact))).statusCode).toBe(403);
    expect(page.totals).toEqual({
      evaluations: 1,
      answered: 5,
      satisfaction: 4,
      gain: 1.9,
      followUpsAnswered: 1,
      application: 4,
      results: 3,
    });
  });
});

describe('the outcomes asked about', () => {
  it("are the coordinator's own when given (none: only level 1 is asked)", async () => {
    const make = (outcomes: string[]) =>
      t.request(
        'POST',
        `/api/cases/${s.caseId}/evaluations`,
        s.as(s.coord, { designId, invited: 5, closesOn: `${year}-03-31`, outcomes }),
      );
    const own = (await make(['  felsöka ett PLC-program på plats ', 'dokumentera ändringar'])).json();
    const asked = await t.app.inject({ method: 'GET', url: `/api/feedback/${tokenOf(own.links[0])}` });
    expect(asked.json().outcomes).toEqual([
      { key: 'o1', text: 'felsöka ett PLC-program på plats' },
      { key: 'o2', text: 'dokumentera ändringar' },
    ]);
    const none = (await make([])).json();
    const reaction = { overall: 4, relevance: 4, teaching: 4, arrangements: 4 };
    expect(
      (await answer(tokenOf(none.links[0]), { reaction, recommend: true, outcomes: [] })).statusCode,
    ).toBe(200);
    const tooMany = await make(Array.from({ length: 31 }, (_, i) => `mål ${i + 1}`));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].field).toBe('body.outcomes');
  });
});
