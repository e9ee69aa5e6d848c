import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/features/audit/audit.table.ts';
import { inquiry } from '../../src/features/inquiries/inquiries.table.ts';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import {
  createConsortium,
  createOrganisation,
  createUser,
  inquiryInput,
  orgNumber,
  type TestUser,
} from '../support/factories.ts';

let t: TestApp;
let slug: string;
let heiA: { id: string; name: string };
let heiB: { id: string; name: string };
let coordA: TestUser;
let coordB: TestUser;
let teacherA: TestUser;
let outsider: TestUser;
let ipCounter = 0;

beforeAll(async () => {
  t = await createTestApp();
  const alliance = await createConsortium(t, 'Alliansen');
  slug = alliance.slug;
  heiA = await createOrganisation(t, {
    kind: 'hei',
    name: 'A-universitetet',
    consortiumId: alliance.id,
    county: 'Västernorrland',
    degreeFields: ['52', '72'],
  });
  heiB = await createOrganisation(t, {
    kind: 'hei',
    name: 'B-högskolan',
    consortiumId: alliance.id,
    county: 'Norrbotten',
    degreeFields: ['52', '14'],
  });
  coordA = await createUser(t, [{ organisationId: heiA.id, roles: ['coordinator'] }], {
    name: 'Anna Samordnare',
  });
  coordB = await createUser(t, [{ organisationId: heiB.id, roles: ['coordinator'] }], {
    name: 'Bertil Samordnare',
  });
  teacherA = await createUser(t, [{ organisationId: heiA.id, roles: ['teacher'] }]);
  const elsewhere = await createOrganisation(t, { kind: 'hei', name: 'Annan högskola' });
  outsider = await createUser(t, [{ organisationId: elsewhere.id, roles: ['coordinator'] }]);
});
afterAll(() => t.close());

/** Each submission from its own address, unless a test is about the rate limit. */
async function submit(overrides: Record<string, unknown> = {}, ip = `10.0.0.${++ipCounter}`) {
  return t.app.inject({
    method: 'POST',
    url: `/api/public/consortia/${slug}/inquiries`,
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    remoteAddress: ip,
    payload: JSON.stringify(inquiryInput(overrides)),
  });
}
async function submitted(overrides: Record<string, unknown> = {}) {
  const response = await submit(overrides);
  expect(response.statusCode, response.body).toBe(201);
  const { reference, followUrl } = response.json();
  const [row] = await t.db.select().from(inquiry).where(eq(inquiry.reference, reference));
  if (!row) throw new Error('not stored');
  return { id: row.id, reference, token: String(followUrl).split('/follow/')[1] ?? '' };
}
const as = (user: TestUser) => ({ cookie: user.cookie });

describe('the front door (no account)', () => {
  it('shows the consortium and its HEIs', async () => {
    const response = await t.request('GET', `/api/public/consortia/${slug}`);
    expect(response.json()).toEqual({
      consortium: { name: 'Alliansen', slug },
      heis: [heiA, heiB].map(({ id, name }) => ({ id, name })),
    });
    expect((await t.request('GET', '/api/public/consortia/finns-inte')).statusCode).toBe(404);
  });

  it('takes an inquiry: reference on screen, confirmation e-mail with the follow link, a link that shows the status', async () => {
    const response = await submit({ contactEmail: 'Kund@Example.se' });
    expect(response.statusCode).toBe(201);
    const { reference, followUrl } = response.json();
    expect(reference).toMatch(/^UF-\d{4}-\d{5}$/);
    expect(followUrl).toMatch(/^http:\/\/localhost:3000\/follow\/[A-Za-z0-9_-]{30,}$/);
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.toAddress, 'kund@example.se'));
    expect(mail?.subject).toContain(reference);
    expect(mail?.textBody).toContain(followUrl);
    const followed = await t.request('GET', `/api/public/inquiries/${followUrl.split('/follow/')[1]}`);
    expect(followed.json()).toMatchObject({
      reference,
      status: 'new',
      organisationName: 'Stålverket i Norrvik AB',
      handledBy: null,
    });
  });

  it('names every bad field at once and stores nothing', async () => {
    const before = (await t.db.select().from(inquiry)).length;
    const response = await submit({
      orgNumber: '811218-9876',
      contactEmail: 'inte en adress',
      needText: 'För kort',
      consent: false,
      county: 'Atlantis',
      participants: 0,
    });
    expect(response.statusCode).toBe(400);
    const fields = response
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    expect(fields).toEqual([
      'body.consent',
      'body.contactEmail',
      'body.county',
      'body.needText',
      'body.orgNumber',
      'body.participants',
    ]);
    expect(
      response.json().errors.find((e: { field: string }) => e.field === 'body.orgNumber').message,
    ).toContain('personnummer');
    expect((await t.db.select().from(inquiry)).length).toBe(before);
  });

  it('pretends to accept what a bot sends through the honeypot, and stores nothing', async () => {
    const before = (await t.db.select().from(inquiry)).length;
    const response = await submit({ website: 'http://spam.example' });
    expect(response.statusCode).toBe(201);
    expect((await t.db.select().from(inquiry)).length).toBe(before);
  });

  it('limits how many inquiries one address may send in an hour', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await submit({}, '192.0.2.77')).statusCode);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    expect((await submit({}, '192.0.2.78')).statusCode).toBe(201);
  });

  it('proposes an HEI: the customer choice first, then degree powers in the subject and the region', async () => {
    const chosen = await submitted({ preferredHeiId: heiB.id, subjectArea: '72' });
    const local = await submitted({ subjectArea: '52', county: 'Norrbotten' });
    const qualified = await submitted({ subjectArea: '72', county: 'Skåne' });
    const detail = async (id: string) => (await t.request('GET', `/api/inquiries/${id}`, as(coordA))).json();
    expect(await detail(chosen.id)).toMatchObject({
      proposedHei: { id: heiB.id },
      proposalReason: 'customer_choice',
    });
    expect(await detail(local.id)).toMatchObject({
      proposedHei: { id: heiB.id },
      proposalReason: 'subject_and_region',
    });
    expect(await detail(qualified.id)).toMatchObject({
      proposedHei: { id: heiA.id },
      proposalReason: 'subject',
    });
  });
});

describe('the consortium inbox and routing', () => {
  it('every member HEI sees a new inquiry; after a claim only the owner does; the customer sees who handles it', async () => {
    const { id, token } = await submitted();
    for (const user of [coordA, coordB]) {
      const inbox = (await t.request('GET', '/api/inquiries?view=inbox', as(user))).json().items;
      expect(inbox.map((i: { id: string }) => i.id)).toContain(id);
    }
    const claimed = await t.request('POST', `/api/inquiries/${id}/claim`, as(coordA));
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json()).toMatchObject({ status: 'claimed', ownerHei: { id: heiA.id } });
    expect(claimed.json().firstResponseAt).not.toBeNull();
    expect(claimed.json().caseId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.request('GET', `/api/inquiries/${id}`, as(coordB))).statusCode).toBe(404);
    expect((await t.request('POST', `/api/inquiries/${id}/claim`, as(coordB))).statusCode).toBe(404);
    expect((await t.request('POST', `/api/inquiries/${id}/claim`, as(coordA))).statusCode).toBe(409);
    expect((await t.request('GET', `/api/public/inquiries/${token}`)).json()).toMatchObject({
      status: 'claimed',
      handledBy: 'A-universitetet',
    });
  });

  it('refers to another HEI, which accepts; the whole trail is kept', async () => {
    const { id } = await submitted();
    await t.request('POST', `/api/inquiries/${id}/claim`, as(coordA));
    const referred = await t.request('POST', `/api/inquiries/${id}/refer`, {
      ...as(coordA),
      body: { toHeiId: heiB.id, reason: 'B har lärare i svetsteknik nära kunden.' },
    });
    expect(referred.json()).toMatchObject({
      status: 'referred',
      referredToHei: { id: heiB.id },
      ownerHei: { id: heiA.id },
    });
    const forB = (await t.request('GET', '/api/inquiries?view=referred_to_us', as(coordB))).json().items;
    expect(forB.map((i: { id: string }) => i.id)).toContain(id);

    const accepted = await t.request('POST', `/api/inquiries/${id}/referral/accept`, {
      ...as(coordB),
      body: {},
    });
    expect(accepted.json()).toMatchObject({
      status: 'claimed',
      ownerHei: { id: heiB.id },
      referredToHei: null,
    });
    expect(
      accepted
        .json()
        .trail.map((e: { kind: string; actor: string | null; hei: string | null }) => [
          e.kind,
          e.actor,
          e.hei,
        ]),
    ).toEqual([
      ['submitted', null, null],
      ['claimed', 'Anna Samordnare', 'A-universitetet'],
      ['referred', 'Anna Samordnare', 'A-universitetet'],
      ['referral_accepted', 'Bertil Samordnare', 'B-högskolan'],
    ]);
    expect(accepted.json().trail[2].data).toMatchObject({
      to: 'B-högskolan',
      reason: 'B har lärare i svetsteknik nära kunden.',
    });
    expect((await t.request('GET', `/api/inquiries/${id}`, as(coordA))).statusCode).toBe(404);
  });

  it('referring straight from the inbox keeps the inquiry in sight of the referring HEI until answered', async () => {
    const { id } = await submitted();
    const referred = await t.request('POST', `/api/inquiries/${id}/refer`, {
      ...as(coordA),
      body: { toHeiId: heiB.id, reason: 'Närmare kunden' },
    });
    expect(referred.statusCode).toBe(200);
    expect(referred.json()).toMatchObject({
      status: 'referred',
      ownerHei: null,
      referredToHei: { id: heiB.id },
      caseId: null,
    });
    expect((await t.request('GET', `/api/inquiries/${id}`, as(coordA))).statusCode).toBe(200);
    expect((await t.request('POST', `/api/inquiries/${id}/claim`, as(coordA))).statusCode).toBe(409);
    await t.request('POST', `/api/inquiries/${id}/referral/accept`, { ...as(coordB), body: {} });
    expect((await t.request('GET', `/api/inquiries/${id}`, as(coordA))).statusCode).toBe(404);
  });

  it('a declined referral goes back to the referring HEI; referral targets must be other consortium HEIs', async () => {
    const { id } = await submitted();
    const selfRefer = await t.request('POST', `/api/inquiries/${id}/refer`, {
      ...as(coordA),
      body: { toHeiId: heiA.id, reason: 'Till oss själva' },
    });
    expect(selfRefer.statusCode).toBe(400);
    const stranger = await createOrganisation(t, { kind: 'hei' });
    const away = await t.request('POST', `/api/inquiries/${id}/refer`, {
      ...as(coordA),
      body: { toHeiId: stranger.id, reason: 'Utanför konsortiet' },
    });
    expect(away.statusCode).toBe(400);
    expect(away.json().errors[0].field).toBe('body.toHeiId');

    await t.request('POST', `/api/inquiries/${id}/refer`, {
      ...as(coordA),
      body: { toHeiId: heiB.id, reason: 'Ni har kapacitet' },
    });
    const declined = await t.request('POST', `/api/inquiries/${id}/referral/decline`, {
      ...as(coordB),
      body: { reason: 'Ingen lärare ledig i höst' },
    });
    expect(declined.json()).toMatchObject({ status: 'new', referredToHei: null });
    expect(
      (
        await t.request('POST', `/api/inquiries/${id}/referral/decline`, {
          ...as(coordB),
          body: { reason: 'igen, igen' },
        })
      ).statusCode,
    ).toBe(409);
  });

  it('declining sends the reason and alternatives to the customer', async () => {
    const { id, reference, token } = await submitted({ contactEmail: 'avbojd@example.se', locale: 'en' });
    const response = await t.request('POST', `/api/inquiries/${id}/decline`, {
      ...as(coordA),
      body: {
        reason: 'We have no capacity this year.',
        alternatives: 'Try the open course Welding 7.5 credits.',
      },
    });
    expect(response.json().status).toBe('declined');
    const mails = await t.db.select().from(outbox).where(eq(outbox.toAddress, 'avbojd@example.se'));
    const reply = mails.find((m) => m.kind === 'inquiry_declined');
    expect(reply?.subject).toContain(reference);
    expect(reply?.textBody).toContain('We have no capacity this year.');
    expect(reply?.textBody).toContain('Welding 7.5 credits');
    expect((await t.request('GET', `/api/public/inquiries/${token}`)).json().status).toBe('declined');
  });

  it('puts overdue inquiries first and can show only them', async () => {
    const late = await submitted();
    await t.db
      .update(inquiry)
      .set({ dueAt: new Date(Date.now() - 60_000) })
      .where(eq(inquiry.id, late.id));
    const list = (await t.request('GET', '/api/inquiries?view=inbox', as(coordA))).json().items;
    expect(list[0]).toMatchObject({ id: late.id, overdue: true });
    const onlyOverdue = (await t.request('GET', '/api/inquiries?overdue=true', as(coordA))).json().items;
    expect(onlyOverdue.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
    expect(onlyOverdue.map((i: { id: string }) => i.id)).toContain(late.id);
  });

  it('pages a long list, counts every overdue inquiry found and searches by the customer and the need', async () => {
    const own = await createConsortium(t, 'Sökalliansen');
    const hei = await createOrganisation(t, { kind: 'hei', name: 'Sökhögskolan', consortiumId: own.id });
    const coord = await createUser(t, [{ organisationId: hei.id, roles: ['coordinator'] }]);
    const send = async (overrides: Record<string, unknown>) => {
      const ip = `10.9.0.${++ipCounter}`;
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/public/consortia/${own.slug}/inquiries`,
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        remoteAddress: ip,
        payload: JSON.stringify(inquiryInput(overrides)),
      });
      expect(response.statusCode, response.body).toBe(201);
      const [row] = await t.db.select().from(inquiry).where(eq(inquiry.reference, response.json().reference));
      return row as typeof inquiry.$inferSelect;
    };
    const plain = await send({});
    const mine = await send({
      organisationName: 'Bergsbygdens Kraft AB',
      municipality: 'Åre',
      county: 'Jämtland',
    });
    const forklift = await send({
      needText: 'Lagerpersonalen behöver truckkort och säkra arbetssätt vid lastning.',
    });
    await t.db
      .update(inquiry)
      .set({ dueAt: new Date(Date.now() - 60_000) })
      .where(inArray(inquiry.id, [mine.id, forklift.id]));
    const list = async (query: string) => {
      const response = await t.request('GET', `/api/inquiries?view=inbox&${query}`, as(coord));
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);

    const first = await list('pageSize=2');
    expect(first).toMatchObject({ total: 3, overdue: 2, page: 1, pageSize: 2 });
    expect(ids(first).sort()).toEqual([mine.id, forklift.id].sort());
    const second = await list('pageSize=2&page=2');
    expect(second).toMatchObject({ total: 3, overdue: 2, page: 2 });
    expect(ids(second)).toEqual([plain.id]);
    expect(await list('pageSize=2&page=3')).toMatchObject({ items: [], total: 3 });

    expect(ids(await list('q=bergsbygdens'))).toEqual([mine.id]);
    expect(ids(await list('q=jämtland'))).toEqual([mine.id]);
    expect(ids(await list(`q=${forklift.reference.toLowerCase()}`))).toEqual([forklift.id]);
    const byNeed = await list(`q=${encodeURIComponent('TRUCKKORT')}`);
    expect(byNeed).toMatchObject({ total: 1, overdue: 1 });
    expect(ids(byNeed)).toEqual([forklift.id]);
    expect(await list('q=svetsteknik&overdue=true')).toMatchObject({ total: 1, overdue: 1 });
    expect(await list('q=ingenting%25s%C3%A5dant')).toEqual({
      items: [],
      total: 0,
      overdue: 0,
      page: 1,
      pageSize: 50,
    });

    for (const bad of ['page=0', 'pageSize=0', 'pageSize=201', `q=${'x'.repeat(201)}`]) {
      const response = await t.request('GET', `/api/inquiries?${bad}`, as(coord));
      expect(response.statusCode, bad).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('the first-response deadline is two Swedish working days', async () => {
    const { id } = await submitted();
    const detail = (await t.request('GET', `/api/inquiries/${id}`, as(coordA))).json();
    const days = (Date.parse(detail.dueAt) - Date.parse(detail.createdAt)) / 86_400_000;
    expect(days).toBeGreaterThan(1);
    expect(days).toBeLessThan(8);
  });
});

describe('eligibility', () => {
  it('shows a reason for every flag, assessed for the HEI looking at it', async () => {
    const { id } = await submitted({ purpose: 'development_aid', subjectArea: '72' });
    const forA = (await t.request('GET', `/api/inquiries/${id}`, as(coordA))).json();
    expect(forA.eligibility.map((f: { rule: string }) => f.rule)).toEqual(['purpose_fits_buyer']);
    expect(forA.eligibility[0].reason.sv).toContain('biståndsändamål');
    const forB = (await t.request('GET', `/api/inquiries/${id}`, as(coordB))).json();
    expect(forB.eligibility.map((f: { rule: string }) => f.rule)).toEqual([
      'purpose_fits_buyer',
      'degree_powers',
    ]);
    expect(forB.openFlags).toBe(2);
  });

  it('a coordinator overrides a flag with a recorded justification', async () => {
    const { id } = await submitted({ participantsWorkForBuyer: false });
    const short = await t.request('POST', `/api/inquiries/${id}/eligibility/overrides`, {
      ...as(coordA),
      body: { rule: 'staff_training_relevance', justification: 'ok' },
    });
    expect(short.statusCode).toBe(400);
    const notFlagged = await t.request('POST', `/api/inquiries/${id}/eligibility/overrides`, {
      ...as(coordA),
      body: { rule: 'purpose_fits_buyer', justification: 'Ingen flagga att häva här.' },
    });
    expect(notFlagged.statusCode).toBe(400);
    const done = await t.request('POST', `/api/inquiries/${id}/eligibility/overrides`, {
      ...as(coordA),
      body: {
        rule: 'staff_training_relevance',
        justification: 'Deltagarna är inhyrda konsulter på heltid hos kunden.',
      },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().openFlags).toBe(0);
    expect(done.json().eligibility[0].override).toMatchObject({
      justification: 'Deltagarna är inhyrda konsulter på heltid hos kunden.',
      by: 'Anna Samordnare',
    });
  });
});

describe("the contact person's rights: correction and erasure on request (GDPR)", () => {
  const auditOf = (id: string) =>
    t.db.select().from(auditEvent).where(eq(auditEvent.subjectId, id)).orderBy(auditEvent.at);
  const mailsAbout = (reference: string) =>
    t.db
      .select()
      .from(outbox)
      .then((rows) => rows.filter((m) => m.subject.includes(reference)));

  it('a coordinator corrects the contact person; the trail and the audit log name the fields, not the values', async () => {
    const { id } = await submitted({ contactEmail: 'gammal@example.se', contactPhone: '070-111 11 11' });
    const url = `/api/inquiries/${id}/contact`;
    const badEmail = await t.request('PUT', url, {
      ...as(coordA),
      body: { contactName: 'Sara Ståhl', contactEmail: 'inte-en-adress', contactPhone: '' },
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.contactEmail']);

    const corrected = await t.request('PUT', url, {
      ...as(coordA),
      body: { contactName: 'Sara Ståhl', contactEmail: 'Ny@Example.se', contactPhone: '' },
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json()).toMatchObject({
      contactName: 'Sara Ståhl',
      contactEmail: 'ny@example.se',
      contactPhone: null,
      contactErasedAt: null,
    });
    const event = corrected.json().trail.at(-1);
    expect(event).toMatchObject({ kind: 'contact_corrected', actor: 'Anna Samordnare' });
    expect(event.data).toEqual({ fields: ['contactEmail', 'contactPhone'] });
    const [audit] = (await auditOf(id)).filter((a) => a.action === 'inquiry.contact_corrected');
    expect(audit?.data).toMatchObject({ fields: ['contactEmail', 'contactPhone'] });
    expect(JSON.stringify(audit?.data)).not.toMatch(/example\.se|070/);

    const unchanged = await t.request('PUT', url, {
      ...as(coordA),
      body: { contactName: 'Sara Ståhl', contactEmail: 'ny@example.se' },
    });
    expect(unchanged.statusCode).toBe(400);
    expect(unchanged.json().errors[0].field).toBe('body');
  });

  it("erasing removes name, e-mail, phone and the inquiry's e-mails to them; the organisation and need stay; nothing is written to them again", async () => {
    const erased = await submitted({ contactEmail: 'radera@example.se', contactPhone: '070-222 22 22' });
    const kept = await submitted({ contactEmail: 'radera@example.se' });
    expect(await mailsAbout(erased.reference)).toHaveLength(1);
    const url = `/api/inquiries/${erased.id}/contact/erase`;

    const noReason = await t.request('POST', url, { ...as(coordA), body: { reason: 'x' } });
    expect(noReason.statusCode).toBe(400);
    expect((await t.request('GET', `/api/inquiries/${erased.id}`, as(coordA))).json().contactEmail).toBe(
      'radera@example.se',
    );

    const response = await t.request('POST', url, {
      ...as(coordA),
      body: { reason: 'Kontaktpersonen bad om det per telefon.' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json();
    expect(detail).toMatchObject({ contactName: null, contactEmail: null, contactPhone: null });
    expect(Date.parse(detail.contactErasedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(detail.organisationName).toBe(inquiryInput().organisationName);
    expect(detail.needText).toBe(inquiryInput().needText);
    expect(detail.trail.at(-1)).toMatchObject({
      kind: 'contact_erased',
      data: { reason: 'Kontaktpersonen bad om det per telefon.' },
    });
    const [row] = await t.db.select().from(inquiry).where(eq(inquiry.id, erased.id));
    expect([row?.contactName, row?.contactEmail, row?.contactPhone]).toEqual([null, null, null]);
    expect(await mailsAbout(erased.reference)).toHaveLength(0);
    expect(await mailsAbout(kept.reference)).toHaveLength(1);
    const audit = (await auditOf(erased.id)).find((a) => a.action === 'inquiry.contact_erased');
    expect(audit?.data).toMatchObject({ reason: 'Kontaktpersonen bad om det per telefon.' });
    expect(JSON.stringify(await auditOf(erased.id))).not.toMatch(/radera@|070-222/);

    // erased once: not again, not corrected back, and a decline writes to nobody
    expect(
      (await t.request('POST', url, { ...as(coordA), body: { reason: 'En gång till.' } })).statusCode,
    ).toBe(409);
    const correct = await t.request('PUT', `/api/inquiries/${erased.id}/contact`, {
      ...as(coordA),
      body: { contactName: 'Sara Ståhl', contactEmail: 'radera@example.se' },
    });
    expect(correct.statusCode).toBe(409);
    const declined = await t.request('POST', `/api/inquiries/${erased.id}/decline`, {
      ...as(coordA),
      body: { reason: 'Vi har inte kapacitet i år.' },
    });
    expect(declined.json()).toMatchObject({ status: 'declined', contactEmail: null });
    expect(await mailsAbout(erased.reference)).toHaveLength(0);
    expect((await t.request('GET', `/api/public/inquiries/${erased.token}`)).json().status).toBe('declined');
  });

  it('only a coordinator who can see the inquiry may correct or erase its contact person', async () => {
    const { id } = await submitted();
    expect((await t.request('POST', `/api/inquiries/${id}/claim`, as(coordA))).statusCode).toBe(200);
    const correct = { contactName: 'Ny Person', contactEmail: 'ny.person@example.se' };
    const erase = { reason: 'Begäran från kontaktpersonen.' };
    for (const [user, status] of [
      [teacherA, 403],
      [coordB, 404],
      [outsider, 404],
    ] as const) {
      expect(
        (await t.request('PUT', `/api/inquiries/${id}/contact`, { ...as(user), body: correct })).statusCode,
      ).toBe(status);
      expect(
        (await t.request('POST', `/api/inquiries/${id}/contact/erase`, { ...as(user), body: erase }))
          .statusCode,
      ).toBe(status);
    }
    expect((await t.request('PUT', `/api/inquiries/${id}/contact`, { body: correct })).statusCode).toBe(401);
    const [row] = await t.db
      .select()
      .from(inquiry)
      .where(and(eq(inquiry.id, id), eq(inquiry.contactEmail, inquiryInput().contactEmail)));
    expect(row?.contactName).toBe(inquiryInput().contactName);
  });
});

describe('who may see and do what', () => {
  it('teachers, customer contacts and analysts cannot use the inbox; outsiders see nothing', async () => {
    const { id } = await submitted();
    const customer = await createOrganisation(t, { kind: 'customer' });
    const contact = await createUser(t, [{ organisationId: customer.id, roles: ['customer_contact'] }]);
    const alliance2 = await createConsortium(t);
    const analyst = await createUser(t, [{ consortiumId: alliance2.id, roles: ['analyst'] }]);
    for (const user of [teacherA, contact, analyst]) {
      expect((await t.request('GET', '/api/inquiries', as(user))).statusCode).toBe(403);
      expect((await t.request('GET', `/api/inquiries/${id}`, as(user))).statusCode).toBe(403);
      expect((await t.request('POST', `/api/inquiries/${id}/claim`, as(user))).statusCode).toBe(403);
    }
    expect(
      (await t.request('GET', '/api/inquiries', as(outsider))).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(id);
    expect((await t.request('GET', `/api/inquiries/${id}`, as(outsider))).statusCode).toBe(404);
    expect((await t.request('POST', `/api/inquiries/${id}/claim`, as(outsider))).statusCode).toBe(404);
    expect((await t.request('GET', '/api/inquiries')).statusCode).toBe(401);
    expect(orgNumber()).toMatch(/^\d{10}$/);
  });
});
