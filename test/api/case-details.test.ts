import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/features/audit/audit.table.ts';
import { addDays, stockholmDate } from '../../src/shared/stockholm-days.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createConsortium, createOrganisation, createUser, type TestUser } from '../support/factories.ts';

// A case's details as work goes on: a coordinator corrects the title or the need and records how the customer
// buys (a public customer's procurement, with the tender's last day on the overview), and a case is handed over
// to another coordinator — one at a time, or all of a person's open cases when they leave.

let t: TestApp;
let coord: TestUser;
let colleague: TestUser;
let teacher: TestUser;
let manager: TestUser;
let otherHeiCoord: TestUser;
let admin: TestUser;
let heiId: string;
let caseId: string;

beforeAll(async () => {
  t = await createTestApp();
  const alliance = await createConsortium(t);
  const hei = await createOrganisation(t, { kind: 'hei', consortiumId: alliance.id });
  const otherHei = await createOrganisation(t, { kind: 'hei', consortiumId: alliance.id });
  coord = await createUser(t, [{ organisationId: hei.id, roles: ['coordinator'] }], {
    name: 'Ada Samordnare',
  });
  colleague = await createUser(t, [{ organisationId: hei.id, roles: ['coordinator'] }], {
    name: 'Bo Kollega',
    email: 'bo.kollega@alfa.example',
  });
  teacher = await createUser(t, [{ organisationId: hei.id, roles: ['teacher'] }], { name: 'Tea Lärare' });
  manager = await createUser(t, [{ organisationId: hei.id, roles: ['manager'] }], { name: 'Mats Chef' });
  otherHeiCoord = await createUser(t, [{ organisationId: otherHei.id, roles: ['coordinator'] }]);
  admin = await createUser(t, [{ organisationId: hei.id, roles: ['admin'] }]);
  heiId = hei.id;
  caseId = await openCase('Vårdhygien för kommunens hemtjänst');
});
afterAll(() => t.close());

async function openCase(title: string, user = coord): Promise<string> {
  const created = await t.request('POST', '/api/cases', {
    cookie: user.cookie,
    body: {
      title,
      customerName: 'Norrvik kommun',
      customerOrgNumber: '2120000142',
      sector: 'public',
      needText: 'Hemtjänstens personal behöver fördjupad kunskap i vårdhygien.',
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id;
}

const patch = (body: object, user = coord, id = caseId) =>
  t.request('PATCH', `/api/cases/${id}`, { cookie: user.cookie, body });
const handOver = (body: object, user = coord, id = caseId) =>
  t.request('PUT', `/api/cases/${id}/owner`, { cookie: user.cookie, body });
const inbox = async (user: TestUser) =>
  (await t.request('GET', '/api/notifications', { cookie: user.cookie })).json();
const today = () => stockholmDate(new Date());

describe("a case's details", () => {
  it('are corrected by a coordinator; the timeline and the audit log say what changed', async () => {
    const response = await patch({ title: 'Vårdhygien i hemtjänsten', subjectArea: '72' });
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json();
    expect(detail).toMatchObject({
      title: 'Vårdhygien i hemtjänsten',
      subjectArea: '72',
      needText: 'Hemtjänstens personal behöver fördjupad kunskap i vårdhygien.',
      purchaseRoute: null,
    });
    expect(detail.entries[0]).toMatchObject({
      kind: 'system',
      author: 'Ada Samordnare',
      body: { event: 'details_changed', fields: ['title', 'subjectArea'] },
    });
    const [audit] = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.subjectId, caseId), eq(auditEvent.action, 'case.updated')));
    expect(audit?.data).toMatchObject({
      title: { before: 'Vårdhygien för kommunens hemtjänst', after: 'Vårdhygien i hemtjänsten' },
    });
    // the list and its search follow the new title
    const found = (await t.request('GET', '/api/cases?q=hemtj%C3%A4nsten', { cookie: coord.cookie })).json();
    expect(found.items.map((c: { title: string }) => c.title)).toContain('Vårdhygien i hemtjänsten');
  });

  it('keep what a colleague changed meanwhile: another field stays, the same field is refused', async () => {
    const read = (await t.request('GET', `/api/cases/${caseId}`, { cookie: coord.cookie })).json();
    // the colleague, in another tab, renames the case
    expect((await patch({ title: 'Vårdhygien i hemtjänsten 2027' }, colleague)).statusCode).toBe(200);
    // the coordinator, from what they read, changes the subject area only: the new title stays
    const other = await patch({ subjectArea: '76', basedOn: { subjectArea: read.subjectArea } });
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json()).toMatchObject({ title: 'Vårdhygien i hemtjänsten 2027', subjectArea: '76' });
    // and the title they read is no longer there: theirs is refused, not written over the colleague's
    const same = await patch({ title: 'Vårdhygien, hemtjänsten', basedOn: { title: read.title } });
    expect(same.statusCode).toBe(409);
    expect(same.json()).toMatchObject({ code: 'edit_conflict' });
    expect(same.json().detail).toContain('title');
    const kept = (await t.request('GET', `/api/cases/${caseId}`, { cookie: coord.cookie })).json();
    expect(kept).toMatchObject({ title: 'Vårdhygien i hemtjänsten 2027', subjectArea: '76' });
    expect((await patch({ title: read.title, subjectArea: read.subjectArea })).statusCode).toBe(200);
  });

  it('record how a public customer buys: an advertised procurement with its last day and number', async () => {
    const deadline = addDays(today(), 12);
    const response = await patch({
      purchaseRoute: 'advertised',
      tenderDeadline: deadline,
      procurementReference: 'Dnr KS 2026/311',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      purchaseRoute: 'advertised',
      tenderDeadline: deadline,
      procurementReference: 'Dnr KS 2026/311',
    });
    const listed = (await t.request('GET', '/api/cases', { cookie: teacher.cookie })).json().items;
    expect(listed.find((c: { id: string }) => c.id === caseId)).toMatchObject({ tenderDeadline: deadline });
  });

  it("put the tender's last day on its owner's overview, the soonest first", async () => {
    const later = await openCase('Ledarskap för enhetschefer');
    expect(
      (
        await patch(
          { purchaseRoute: 'framework_call_off', tenderDeadline: addDays(today(), 30) },
          coord,
          later,
        )
      ).statusCode,
    ).toBe(200);
    const passed = await openCase('Dokumentation i journalen');
    expect(
      (await patch({ purchaseRoute: 'advertised', tenderDeadline: addDays(today(), -1) }, coord, passed))
        .statusCode,
    ).toBe(200);
    const overview = (await t.request('GET', '/api/overview', { cookie: coord.cookie })).json();
    expect(overview.tenders.map((x: { caseId: string }) => x.caseId)).toEqual([caseId, later]);
    expect(overview.tenders[0]).toMatchObject({
      title: 'Vårdhygien i hemtjänsten',
      customerName: 'Norrvik kommun',
      tenderDeadline: addDays(today(), 12),
    });
    // not someone else's
    expect((await t.request('GET', '/api/overview', { cookie: colleague.cookie })).json().tenders).toEqual(
      [],
    );
  });

  it('refuse a tender deadline without a tender, and bad input, keeping what was saved', async () => {
    const wrong = await patch({ purchaseRoute: 'direct_award', tenderDeadline: addDays(today(), 3) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'body.tenderDeadline' });
    const unknown = await patch({ purchaseRoute: 'auction' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ field: 'body.purchaseRoute' });
    expect((await patch({ title: 'x' })).json().errors[0]).toMatchObject({ field: 'body.title' });
    expect((await patch({})).statusCode).toBe(400);
    const detail = (await t.request('GET', `/api/cases/${caseId}`, { cookie: coord.cookie })).json();
    expect(detail).toMatchObject({
      title: 'Vårdhygien i hemtjänsten',
      purchaseRoute: 'advertised',
      tenderDeadline: addDays(today(), 12),
    });
  });

  it('may be given when a coordinator opens a case, checked the same way', async () => {
    const body = {
      title: 'Anbud på arbetsmiljöutbildning',
      customerName: 'Norrvik kommun',
      customerOrgNumber: '2120000142',
      sector: 'public',
      needText: 'Kommunen upphandlar en utbildning i systematiskt arbetsmiljöarbete.',
      purchaseRoute: 'advertised',
      tenderDeadline: addDays(today(), 20),
      procurementReference: 'KS 2026/400',
    };
    const created = await t.request('POST', '/api/cases', { cookie: coord.cookie, body });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      purchaseRoute: 'advertised',
      procurementReference: 'KS 2026/400',
    });
    const refused = await t.request('POST', '/api/cases', {
      cookie: coord.cookie,
      body: { ...body, purchaseRoute: 'none' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: 'body.tenderDeadline' });
  });

  it('drop the last day when the customer buys another way, and an emptied reference', async () => {
    const other = await openCase('Basal vårdhygien, kort kurs');
    await patch({ purchaseRoute: 'advertised', tenderDeadline: addDays(today(), 5) }, coord, other);
    const response = await patch({ purchaseRoute: 'direct_award', procurementReference: '' }, coord, other);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      purchaseRoute: 'direct_award',
      tenderDeadline: null,
      procurementReference: null,
    });
  });

  it('are changed by coordinators and managers only, of their own HEI, and never of a closed case', async () => {
    expect((await patch({ title: 'Av läraren' }, teacher)).statusCode).toBe(403);
    expect((await patch({ title: 'Av en annan' }, otherHeiCoord)).statusCode).toBe(404);
    expect((await patch({ procurementReference: 'Dnr KS 2026/312' }, manager)).statusCode).toBe(200);
    const closing = await openCase('Avslutas');
    const closed = await t.request('POST', `/api/cases/${closing}/close`, {
      cookie: coord.cookie,
      body: { outcome: 'lost', reason: 'Kunden valde en annan leverantör.' },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const late = await patch({ title: 'Efteråt' }, coord, closing);
    expect(late.statusCode).toBe(409);
    // …except its registration number, given when the case is filed in the HEI's registry
    const filed = await patch({ registryNumber: ' UF 2026/0417 ' }, coord, closing);
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json().registryNumber).toBe('UF 2026/0417');
    expect(
      (await patch({ registryNumber: 'UF 2026/0418', title: 'Och titeln' }, coord, closing)).statusCode,
    ).toBe(409);
    expect((await patch({ registryNumber: 'x'.repeat(61) }, coord, closing)).statusCode).toBe(400);
  });

  it("carry the HEI's registration number, which finds the case like its reference", async () => {
    const set = await patch({ registryNumber: 'Dnr 2026/1234' });
    expect(set.statusCode, set.body).toBe(200);
    const { reference } = set.json();
    const search = async (q: string) =>
      (await t.request('GET', `/api/cases?q=${encodeURIComponent(q)}&pageSize=50`, { cookie: coord.cookie }))
        .json()
        .items.map((c: { id: string; registryNumber: string | null }) => [c.id, c.registryNumber]);
    expect(await search('2026/1234')).toEqual([[caseId, 'Dnr 2026/1234']]);
    expect(await search(reference)).toEqual([[caseId, 'Dnr 2026/1234']]);
    // a LIKE wildcard is a character like any other
    expect(await search('2026%1234')).toEqual([]);
    // the timeline names the change
    expect(set.json().entries[0]).toMatchObject({
      kind: 'system',
      body: { event: 'details_changed', fields: ['registryNumber'] },
    });
    // emptied, it is gone
    expect((await patch({ registryNumber: '' })).json().registryNumber).toBeNull();
  });
});

describe('handing a case over', () => {
  it('makes another coordinator its owner, tells them (with the note) and keeps it on the timeline', async () => {
    const response = await handOver({ ownerUserId: colleague.id, note: 'Anbudet ska in om tolv dagar.' });
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json();
    expect(detail.owner).toMatchObject({ id: colleague.id, name: 'Bo Kollega' });
    expect(detail.entries[0]).toMatchObject({
      kind: 'system',
      body: {
        event: 'owner_changed',
        from: 'Ada Samordnare',
        to: 'Bo Kollega',
        note: 'Anbudet ska in om tolv dagar.',
      },
    });
    const theirs = await inbox(colleague);
    expect(theirs.items[0]).toMatchObject({
      kind: 'case_handed_over',
      link: `/cases/${caseId}`,
      actorName: 'Ada Samordnare',
    });
    // the one who handed it over is not told of their own act
    expect((await inbox(coord)).items.some((n: { kind: string }) => n.kind === 'case_handed_over')).toBe(
      false,
    );
    // the tender's last day follows the case to its new owner's overview
    const overview = (await t.request('GET', '/api/overview', { cookie: colleague.cookie })).json();
    expect(overview.tenders.map((x: { caseId: string }) => x.caseId)).toEqual([caseId]);
  });

  it('tells the former owner when a manager hands it on', async () => {
    const response = await handOver({ ownerUserId: coord.id }, manager);
    expect(response.statusCode, response.body).toBe(200);
    expect((await inbox(colleague)).items[0]).toMatchObject({
      kind: 'case_handed_over',
      actorName: 'Mats Chef',
    });
    expect((await inbox(coord)).items[0]).toMatchObject({
      kind: 'case_handed_over',
      link: `/cases/${caseId}`,
    });
  });

  it('only to a coordinator at the HEI, by a coordinator or manager, and not to the owner again', async () => {
    const toTeacher = await handOver({ ownerUserId: teacher.id });
    expect(toTeacher.statusCode).toBe(400);
    expect(toTeacher.json().errors[0]).toMatchObject({ field: 'body.ownerUserId' });
    expect((await handOver({ ownerUserId: otherHeiCoord.id })).statusCode).toBe(400);
    expect((await handOver({ ownerUserId: colleague.id }, teacher)).statusCode).toBe(403);
    expect((await handOver({ ownerUserId: colleague.id }, otherHeiCoord)).statusCode).toBe(404);
    expect((await handOver({ ownerUserId: coord.id })).statusCode).toBe(409);
    const detail = (await t.request('GET', `/api/cases/${caseId}`, { cookie: coord.cookie })).json();
    expect(detail.owner.id).toBe(coord.id);
  });

  it('hands every open case of someone who leaves to one coordinator, with one notification', async () => {
    const before = (
      await t.request('GET', '/api/cases?owner=me&pageSize=100', { cookie: coord.cookie })
    ).json();
    const open = before.items.filter((c: { stage: string }) => c.stage !== 'closed');
    expect(open.length).toBeGreaterThanOrEqual(4);
    const unreadBefore = (await inbox(colleague)).unread;
    const response = await t.request('POST', '/api/cases/hand-over', {
      cookie: manager.cookie,
      body: { fromUserId: coord.id, ownerUserId: colleague.id, note: 'Ada är föräldraledig från måndag.' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ handedOver: open.length });
    const theirs = (
      await t.request('GET', '/api/cases?owner=me&pageSize=100', { cookie: colleague.cookie })
    ).json();
    expect(theirs.items.map((c: { id: string }) => c.id).sort()).toEqual(
      open.map((c: { id: string }) => c.id).sort(),
    );
    // the closed case stays with whoever closed it
    const left = (
      await t.request('GET', '/api/cases?owner=me&pageSize=100', { cookie: coord.cookie })
    ).json();
    expect(left.items.map((c: { stage: string }) => c.stage)).toEqual(['closed']);
    const told = await inbox(colleague);
    expect(told.unread).toBe(unreadBefore + 1);
    expect(told.items[0]).toMatchObject({ kind: 'case_handed_over', link: '/cases?owner=me' });
  });

  it("moves only the active HEI's cases: another HEI's cases of the same person stay theirs", async () => {
    const elsewhere = await openCase('Hos det andra lärosätet', otherHeiCoord);
    const response = await t.request('POST', '/api/cases/hand-over', {
      cookie: manager.cookie,
      body: { fromUserId: otherHeiCoord.id, ownerUserId: coord.id },
    });
    expect(response.json()).toEqual({ handedOver: 0 });
    const detail = (
      await t.request('GET', `/api/cases/${elsewhere}`, { cookie: otherHeiCoord.cookie })
    ).json();
    expect(detail.owner.id).toBe(otherHeiCoord.id);
  });

  it("shows on the members list who leads open cases, and lets the admin hand a leaver's cases over", async () => {
    const members = await t.request('GET', `/api/organisations/${heiId}/members`, { cookie: admin.cookie });
    expect(members.statusCode, members.body).toBe(200);
    const leads = (user: TestUser) =>
      members.json().find((m: { userId: string }) => m.userId === user.id)?.openCases;
    expect(leads(colleague)).toBeGreaterThanOrEqual(4);
    expect(leads(coord)).toBe(0);
    const response = await t.request('POST', '/api/cases/hand-over', {
      cookie: admin.cookie,
      body: { fromUserId: colleague.id, ownerUserId: coord.id },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().handedOver).toBe(leads(colleague));
    const after = (
      await t.request('GET', `/api/organisations/${heiId}/members`, { cookie: admin.cookie })
    ).json();
    expect(after.find((m: { userId: string }) => m.userId === colleague.id).openCases).toBe(0);
  });

  it('refuses handing all cases to the same person, to a non-coordinator, or by a teacher', async () => {
    const same = await t.request('POST', '/api/cases/hand-over', {
      cookie: manager.cookie,
      body: { fromUserId: colleague.id, ownerUserId: colleague.id },
    });
    expect(same.statusCode).toBe(400);
    const toTeacher = await t.request('POST', '/api/cases/hand-over', {
      cookie: manager.cookie,
      body: { fromUserId: colleague.id, ownerUserId: teacher.id },
    });
    expect(toTeacher.statusCode).toBe(400);
    const byTeacher = await t.request('POST', '/api/cases/hand-over', {
      cookie: teacher.cookie,
      body: { fromUserId: colleague.id, ownerUserId: coord.id },
    });
    expect(byTeacher.statusCode).toBe(403);
    // nothing moved: the admin had handed them to Ada, and there they stay
    const mine = (
      await t.request('GET', '/api/cases?owner=me&pageSize=100', { cookie: coord.cookie })
    ).json();
    expect(mine.items.filter((c: { stage: string }) => c.stage !== 'closed').length).toBeGreaterThanOrEqual(
      4,
    );
  });

  it('removes a member who leads open cases only with a successor, who takes them over in the same step', async () => {
    const leaver = await createUser(t, [{ organisationId: heiId, roles: ['coordinator'] }], {
      name: 'Lo Slutar',
    });
    const theirs = await openCase('Arbetsmiljö i hemtjänsten', leaver);
    const membersUrl = `/api/organisations/${heiId}/members`;
    const membershipOf = async (user: TestUser) =>
      (await t.request('GET', membersUrl, { cookie: admin.cookie }))
        .json()
        .find((m: { userId: string }) => m.userId === user.id)?.membershipId;
    const membershipId = await membershipOf(leaver);
    const remove = (query = '') =>
      t.request('DELETE', `${membersUrl}/${membershipId}${query}`, { cookie: admin.cookie });
    const ownerOfTheirs = async () =>
      (await t.request('GET', `/api/cases/${theirs}`, { cookie: coord.cookie })).json().owner.id;

    const without = await remove();
    expect(without.statusCode).toBe(409);
    expect(without.json().code).toBe('member_leads_open_cases');
    const toTeacher = await remove(`?successor=${teacher.id}`);
    expect(toTeacher.statusCode).toBe(400);
    expect(toTeacher.json().errors[0].field).toBe('query.successor');
    // neither refusal changed anything
    expect(await membershipOf(leaver)).toBe(membershipId);
    expect(await ownerOfTheirs()).toBe(leaver.id);

    expect((await remove(`?successor=${coord.id}`)).statusCode).toBe(204);
    expect(await membershipOf(leaver)).toBeUndefined();
    expect(await ownerOfTheirs()).toBe(coord.id);
    const entries = (await t.request('GET', `/api/cases/${theirs}`, { cookie: coord.cookie })).json().entries;
    expect(entries[0].body).toMatchObject({
      event: 'owner_changed',
      from: 'Lo Slutar',
      to: 'Ada Samordnare',
    });
  });
});
