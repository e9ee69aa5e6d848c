import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/features/audit/audit.table.ts';
import { caseFile } from '../../src/features/cases/cases.table.ts';
import { inquiry, inquiryEvent } from '../../src/features/inquiries/inquiries.table.ts';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { sweepRetention } from '../../src/features/retention/retention.service.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import {
  createConsortium,
  createOrganisation,
  createUser,
  inquiryInput,
  type TestUser,
} from '../support/factories.ts';

// An HEI's retention rule (gallringsbeslut): an inquiry's contact person is erased some months after the
// inquiry ended — declined, or its case closed — by the nightly sweep or by an admin's "apply now".

let t: TestApp;
let slug: string;
let heiA: { id: string; name: string };
let heiB: { id: string; name: string };
let adminA: TestUser;
let coordA: TestUser;
let teacherA: TestUser;
let adminB: TestUser;
let coordB: TestUser;
let customerAdmin: TestUser;
let customerId: string;
let ipCounter = 0;

beforeAll(async () => {
  t = await createTestApp();
  const consortium = await createConsortium(t, 'Gallringsalliansen');
  slug = consortium.slug;
  heiA = await createOrganisation(t, { kind: 'hei', name: 'A-universitetet', consortiumId: consortium.id });
  heiB = await createOrganisation(t, { kind: 'hei', name: 'B-högskolan', consortiumId: consortium.id });
  adminA = await createUser(t, [{ organisationId: heiA.id, roles: ['admin'] }], { name: 'Alma Admin' });
  coordA = await createUser(t, [{ organisationId: heiA.id, roles: ['coordinator'] }]);
  teacherA = await createUser(t, [{ organisationId: heiA.id, roles: ['teacher'] }]);
  adminB = await createUser(t, [{ organisationId: heiB.id, roles: ['admin'] }]);
  coordB = await createUser(t, [{ organisationId: heiB.id, roles: ['coordinator'] }]);
  const customer = await createOrganisation(t, { kind: 'customer' });
  customerId = customer.id;
  customerAdmin = await createUser(t, [{ organisationId: customer.id, roles: ['admin'] }]);
});
afterAll(() => t.close());

const as = (user: TestUser) => ({ cookie: user.cookie });
const rulePath = (heiId: string) => `/api/organisations/${heiId}/retention`;

async function submitted(contactEmail: string) {
  const ip = `10.1.0.${++ipCounter}`;
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/public/consortia/${slug}/inquiries`,
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    remoteAddress: ip,
    payload: JSON.stringify(inquiryInput({ contactEmail })),
  });
  expect(response.statusCode, response.body).toBe(201);
  const [row] = await t.db.select().from(inquiry).where(eq(inquiry.reference, response.json().reference));
  if (!row) throw new Error('not stored');
  return row.id;
}

async function declined(contactEmail: string, by: TestUser, monthsAgo: number) {
  const id = await submitted(contactEmail);
  const response = await t.request('POST', `/api/inquiries/${id}/decline`, {
    ...as(by),
    body: { reason: 'Vi har inte kapacitet i år.' },
  });
  expect(response.statusCode, response.body).toBe(200);
  await t.db
    .update(inquiryEvent)
    .set({ at: ago(monthsAgo) })
    .where(and(eq(inquiryEvent.inquiryId, id), eq(inquiryEvent.kind, 'declined')));
  return id;
}

/** Claimed by `by` (which opens its case); the case closed `closedMonthsAgo`, or left open. */
async function claimed(contactEmail: string, by: TestUser, closedMonthsAgo: number | null) {
  const id = await submitted(contactEmail);
  const claim = await t.request('POST', `/api/inquiries/${id}/claim`, as(by));
  expect(claim.statusCode, claim.body).toBe(200);
  const caseId = claim.json().caseId as string;
  if (closedMonthsAgo !== null) {
    const close = await t.request('POST', `/api/cases/${caseId}/close`, {
      ...as(by),
      body: { outcome: 'lost', reason: 'Kunden valde en annan leverantör.' },
    });
    expect(close.statusCode, close.body).toBe(200);
    await t.db
      .update(caseFile)
      .set({ stageEnteredAt: ago(closedMonthsAgo) })
      .where(eq(caseFile.id, caseId));
  }
  return id;
}

/** A moment `months` months (and a day) ago. */
function ago(months: number) {
  const at = new Date();
  at.setUTCMonth(at.getUTCMonth() - months);
  at.setUTCDate(at.getUTCDate() - 1);
  return at;
}

describe('an HEI sets its retention rule', () => {
  it('an admin sets the period; a bad one is named and saves nothing; members read it, others do not', async () => {
    const none = await t.request('GET', rulePath(heiA.id), as(adminA));
    expect(none.statusCode, none.body).toBe(200);
    expect(none.json()).toEqual({
      inquiryContactMonths: null,
      participantMonths: null,
      participantNameMonths: null,
      due: { inquiryContacts: 0, participants: 0, participantNames: 0 },
      lastRunAt: null,
      lastRunErased: null,
      updatedAt: null,
      updatedBy: null,
      // no rule for customers' unused accounts in this deployment
      customerAccountMonths: null,
    });

    for (const [value, message] of [
      [0, 'must be at least 1 month'],
      [121, 'must be at most 120 months (ten years)'],
      [1.5, 'must be a whole number of months'],
      ['tolv', 'must be a whole number of months'],
    ] as const) {
      const refused = await t.request('PUT', rulePath(heiA.id), {
        ...as(adminA),
        body: { inquiryContactMonths: value, participantMonths: value },
      });
      expect(refused.statusCode, String(value)).toBe(400);
      expect(refused.json().errors).toEqual([
        { field: 'body.inquiryContactMonths', message },
        { field: 'body.participantMonths', message },
      ]);
    }
    expect((await t.request('GET', rulePath(heiA.id), as(adminA))).json().inquiryContactMonths).toBeNull();

    const set = await t.request('PUT', rulePath(heiA.id), {
      ...as(adminA),
      body: { inquiryContactMonths: 24, participantMonths: null },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      inquiryContactMonths: 24,
      participantMonths: null,
      updatedBy: 'Alma Admin',
      due: { inquiryContacts: 0, participants: 0, participantNames: 0 },
    });
    const [audit] = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.organisationId, heiA.id), eq(auditEvent.action, 'retention.rule_changed')));
    expect(audit).toMatchObject({
      actorUserId: adminA.id,
      subjectId: heiA.id,
      data: {
        before: { inquiryContactMonths: null, participantMonths: null },
        after: { inquiryContactMonths: 24, participantMonths: null },
      },
    });

    // every member reads it; only admins change or apply it; other organisations do not see it
    for (const member of [coordA, teacherA])
      expect((await t.request('GET', rulePath(heiA.id), as(member))).json().inquiryContactMonths).toBe(24);
    const byCoordinator = await t.request('PUT', rulePath(heiA.id), {
      ...as(coordA),
      body: { inquiryContactMonths: 1, participantMonths: 1 },
    });
    expect(byCoordinator.statusCode).toBe(403);
    expect((await t.request('POST', `${rulePath(heiA.id)}/run`, as(coordA))).statusCode).toBe(403);
    expect((await t.request('GET', rulePath(heiA.id), as(adminB))).statusCode).toBe(404);
    expect((await t.request('POST', `${rulePath(heiA.id)}/run`, as(adminB))).statusCode).toBe(404);
    // a customer organisation has no rule of its own
    expect((await t.request('GET', rulePath(customerId), as(customerAdmin))).statusCode).toBe(404);

    // no period: nothing to apply
    const off = await t.request('PUT', rulePath(heiA.id), {
      ...as(adminA),
      body: { inquiryContactMonths: null, participantMonths: null },
    });
    expect(off.json()).toMatchObject({ inquiryContactMonths: null, participantMonths: null });
    const run = await t.request('POST', `${rulePath(heiA.id)}/run`, as(adminA));
    expect(run.statusCode).toBe(409);
  });
});

describe('applying the rule', () => {
  it('erases the contact persons of inquiries that ended longer ago than the rule, with their e-mails, and nothing else', async () => {
    const oldDecline = await declined('gammal.avbojd@example.se', coordA, 13);
    const recentDecline = await declined('ny.avbojd@example.se', coordA, 1);
    const oldClosedCase = await claimed('stangt.arende@example.se', coordA, 13);
    const openCase = await claimed('oppet.arende@example.se', coordA, null);
    const otherHeis = await declined('annat.larosate@example.se', coordB, 13);
    const erasedOnRequest = await declined('redan.raderad@example.se', coordA, 13);
    const erase = await t.request('POST', `/api/inquiries/${erasedOnRequest}/contact/erase`, {
      ...as(coordA),
      body: { reason: 'Begäran per telefon' },
    });
    expect(erase.statusCode, erase.body).toBe(200);

    const set = await t.request('PUT', rulePath(heiA.id), {
      ...as(adminA),
      body: { inquiryContactMonths: 12, participantMonths: null },
    });
    expect(set.json().due).toEqual({ inquiryContacts: 2, participants: 0, participantNames: 0 });

    const run = await t.request('POST', `${rulePath(heiA.id)}/run`, as(adminA));
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({
      erased: { inquiryContacts: 2, participants: 0, participantNames: 0 },
      retention: {
        due: { inquiryContacts: 0, participants: 0, participantNames: 0 },
        lastRunErased: { inquiryContacts: 2, participants: 0, participantNames: 0 },
      },
    });

    const rows = await t.db
      .select()
      .from(inquiry)
      .where(inArray(inquiry.id, [oldDecline, recentDecline, oldClosedCase, openCase, otherHeis]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of [oldDecline, oldClosedCase])
      expect(byId.get(id)).toMatchObject({ contactName: null, contactEmail: null, contactPhone: null });
    for (const id of [oldDecline, oldClosedCase]) expect(byId.get(id)?.contactErasedAt).toBeInstanceOf(Date);
    for (const id of [recentDecline, openCase, otherHeis]) {
      expect(byId.get(id)?.contactErasedAt).toBeNull();
      expect(byId.get(id)?.contactName).toBeTruthy();
    }
    // the organisation and the need stay
    expect(byId.get(oldDecline)?.needText).toBe(inquiryInput().needText);

    // the e-mails to the erased addresses are gone; the others' stay
    const mailTo = async (address: string) =>
      (await t.db.select().from(outbox).where(eq(outbox.toAddress, address))).length;
    expect(await mailTo('gammal.avbojd@example.se')).toBe(0);
    expect(await mailTo('stangt.arende@example.se')).toBe(0);
    expect(await mailTo('ny.avbojd@example.se')).toBe(2); // the confirmation and the decline

    // the inquiry says why it was erased; the trail and the log name the rule, not a person
    const detail = (await t.request('GET', `/api/inquiries/${oldDecline}`, as(coordA))).json();
    expect(detail.contactErasure).toBe('retention');
    expect(detail.trail.at(-1)).toMatchObject({
      kind: 'contact_purged',
      actor: null,
      data: { months: 12, ended: 'declined' },
    });
    const onRequest = (await t.request('GET', `/api/inquiries/${erasedOnRequest}`, as(coordA))).json();
    expect(onRequest.contactErasure).toBe('request');
    const purged = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.organisationId, heiA.id), eq(auditEvent.action, 'inquiry.contact_purged')));
    expect(purged.map((e) => [e.subjectId, e.actorUserId, e.data]).sort()).toEqual(
      [
        [oldDecline, null, { months: 12, ended: 'declined' }],
        [oldClosedCase, null, { months: 12, ended: 'case_closed' }],
      ].sort(),
    );
    const [applied] = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.organisationId, heiA.id), eq(auditEvent.action, 'retention.run')));
    expect(applied).toMatchObject({
      actorUserId: adminA.id,
      data: {
        inquiryContactMonths: 12,
        participantMonths: null,
        erased: { inquiryContacts: 2, participants: 0, participantNames: 0 },
      },
    });

    // applied again: nothing left to erase
    expect((await t.request('POST', `${rulePath(heiA.id)}/run`, as(adminA))).json().erased).toEqual({
      inquiryContacts: 0,
      participants: 0,
      participantNames: 0,
    });

    // the nightly sweep applies every HEI's rule: B-högskolan's too, once it has one
    await t.request('PUT', rulePath(heiB.id), {
      ...as(adminB),
      body: { inquiryContactMonths: 12, participantMonths: null },
    });
    const swept = await sweepRetention(t.db);
    expect(swept.get(heiB.id)).toEqual({ inquiryContacts: 1, participants: 0, participantNames: 0 });
    expect(swept.get(heiA.id)).toEqual({ inquiryContacts: 0, participants: 0, participantNames: 0 });
    const [other] = await t.db.select().from(inquiry).where(eq(inquiry.id, otherHeis));
    expect(other?.contactEmail).toBeNull();
  });

  it('is scheduled in the database every night at 02:30 Swedish time', async () => {
    const { rows } = await t.database.pool.query(
      `select cron, timezone from pgboss.schedule where name = 'retention-sweep'`,
    );
    expect(rows).toEqual([{ cron: '30 2 * * *', timezone: 'Europe/Stockholm' }]);
  });

  it('runs as a background job: a job on the queue applies every rule', async () => {
    const id = await declined('via.jobbet@example.se', coordA, 13);
    await t.database.pool.query(`insert into pgboss.job (name, data) values ('retention-sweep', '{}')`);
    const contactOf = async () =>
      (await t.db.select().from(inquiry).where(eq(inquiry.id, id)))[0]?.contactEmail;
    await expect.poll(contactOf, { timeout: 60_000, interval: 250 }).toBeNull();
  });
});
