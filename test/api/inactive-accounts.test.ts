import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/features/audit/audit.table.ts';
import { authSession, authUser } from '../../src/features/auth/auth.table.ts';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { sweepInactiveAccounts, WARNING_DAYS } from '../../src/features/retention/inactive-accounts.ts';
import { membership } from '../../src/features/tenancy/tenancy.table.ts';
import { createTestApp, type TestApp, testConfig } from '../support/app.ts';
import {
  createConsortium,
  createOrganisation,
  createUser,
  inquiryInput,
  type TestUser,
} from '../support/factories.ts';

// The deployment's rule for customers' portal accounts (LUPP_INACTIVE_ACCOUNT_MONTHS = 24 here): an account
// with no role at an HEI, unused for 24 months and with no open case, is warned by e-mail 30 days before and
// then erased, unless the person signs in.

const MONTHS = 24;
const DAY_MS = 86_400_000;
let t: TestApp;
let idle: TestUser; // customer contact of an organisation with no open case, unused for 25 months
let orphan: TestUser; // no membership at all, unused for 25 months
let nearly: TestUser; // customer contact, unused for 24 months less 10 days: due within the warning period
let busy: TestUser; // customer contact of an organisation with an open case, unused for 25 months
let staff: TestUser; // a coordinator at an HEI, unused for 25 months
let recent: TestUser; // customer contact, used today
let quietCustomer: string;

const rule = { months: MONTHS, publicUrl: 'https://lupp.example.se' };

function monthsAgo(months: number, days = 0) {
  const date = new Date();
  date.setUTCMonth(date.getUTCMonth() - months);
  return new Date(date.getTime() + days * DAY_MS);
}

/** The account was last used then: stamped, its sessions and its creation all that long ago. */
async function unusedSince(user: TestUser, when: Date) {
  await t.db.update(authUser).set({ lastActiveAt: when, createdAt: when }).where(eq(authUser.id, user.id));
  await t.db.update(authSession).set({ updatedAt: when }).where(eq(authSession.userId, user.id));
}

const exists = async (user: TestUser) =>
  (await t.db.select().from(authUser).where(eq(authUser.id, user.id))).length === 1;

beforeAll(async () => {
  t = await createTestApp({ config: testConfig({ LUPP_INACTIVE_ACCOUNT_MONTHS: String(MONTHS) }) });
  const consortium = await createConsortium(t);
  const hei = await createOrganisation(t, { kind: 'hei', consortiumId: consortium.id });
  quietCustomer = (await createOrganisation(t, { kind: 'customer' })).id;
  staff = await createUser(t, [{ organisationId: hei.id, roles: ['coordinator'] }]);
  // a case for this customer, still open: its contact people are needed
  const submitted = await t.app.inject({
    method: 'POST',
    url: `/api/public/consortia/${consortium.slug}/inquiries`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(inquiryInput()),
  });
  const { reference } = submitted.json();
  const inbox = (
    await t.request('GET', `/api/inquiries?view=inbox&q=${reference}`, { cookie: staff.cookie })
  ).json().items;
  await t.request('POST', `/api/inquiries/${inbox[0].id}/claim`, { cookie: staff.cookie });
  const caseId = (await t.request('GET', '/api/cases', { cookie: staff.cookie })).json().items[0].id;
  const busyCustomer = (await t.request('GET', `/api/cases/${caseId}`, { cookie: staff.cookie })).json()
    .customer.id;

  const contactOf = (organisationId: string, name: string) =>
    createUser(t, [{ organisationId, roles: ['customer_contact'] }], { name });
  idle = await contactOf(quietCustomer, 'Ida Idle');
  nearly = await contactOf(quietCustomer, 'Nils Nära');
  recent = await contactOf(quietCustomer, 'Rut Rask');
  busy = await contactOf(busyCustomer, 'Bo Bråd');
  orphan = await createUser(t, [], { name: 'Olle Ensam' });
  for (const user of [idle, orphan, busy, staff]) await unusedSince(user, monthsAgo(MONTHS + 1));
  await unusedSince(nearly, monthsAgo(MONTHS, 10));
});
afterAll(() => t.close());

describe('unused customer accounts', () => {
  it('are warned by e-mail once, 30 days ahead; staff and contacts of open cases are left alone', async () => {
    expect(await sweepInactiveAccounts(t.db, rule)).toEqual({ warned: 3, erased: 0 });
    const mails = await t.db.select().from(outbox).where(eq(outbox.kind, 'account_erasure_warning'));
    expect(mails.map((m) => m.toAddress).sort()).toEqual([idle.email, nearly.email, orphan.email].sort());
    const toIdle = mails.find((m) => m.toAddress === idle.email);
    expect(toIdle?.subject).toBe('Ditt konto i Lupp raderas');
    // already due, so erased when the warning has stood its 30 days
    const day = new Date(Date.now() + WARNING_DAYS * DAY_MS).toISOString().slice(0, 10);
    expect(toIdle?.textBody).toContain(`ditt konto raderas ${day}`);
    expect(toIdle?.textBody).toContain('https://lupp.example.se/sign-in');
    // not repeated the next night
    expect(await sweepInactiveAccounts(t.db, rule)).toEqual({ warned: 0, erased: 0 });
  });

  it('are erased once the warning has stood 30 days, unless the person signed in since', async () => {
    // Nils signs in after the warning: the guard stamps his use of Lupp
    await t.db
      .update(authUser)
      .set({ lastActiveAt: monthsAgo(1) })
      .where(eq(authUser.id, nearly.id));
    expect((await t.request('GET', '/api/me', { cookie: nearly.cookie })).statusCode).toBe(200);
    const [stamped] = await t.db.select().from(authUser).where(eq(authUser.id, nearly.id));
    expect(Date.now() - (stamped?.lastActiveAt?.getTime() ?? 0)).toBeLessThan(60_000);

    const later = new Date(Date.now() + (WARNING_DAYS + 1) * DAY_MS);
    expect(await sweepInactiveAccounts(t.db, rule, later)).toEqual({ warned: 0, erased: 2 });
    expect(await exists(idle)).toBe(false);
    expect(await exists(orphan)).toBe(false);
    for (const kept of [nearly, busy, staff, recent]) expect(await exists(kept)).toBe(true);
    expect(
      await t.db
        .select()
        .from(membership)
        .where(inArray(membership.userId, [idle.id, orphan.id])),
    ).toEqual([]);

    // in the customer's own log (Olle had no organisation: the deployment's), with no person as actor
    const events = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'account.erased_inactive')));
    expect(events.map((e) => [e.subjectId, e.organisationId, e.actorUserId]).sort()).toEqual(
      [
        [idle.id, quietCustomer, null],
        [orphan.id, null, null],
      ].sort(),
    );
    expect(events[0]?.data).toMatchObject({ months: MONTHS });
  });

  it('run every night with the retention sweep when the deployment sets a period', async () => {
    const gone = await createUser(t, [{ organisationId: quietCustomer, roles: ['customer_contact'] }]);
    await unusedSince(gone, monthsAgo(MONTHS + 1));
    await t.database.pool.query(`insert into pgboss.job (name, data) values ('retention-sweep', '{}')`);
    const warned = async () =>
      (await t.db.select().from(outbox).where(eq(outbox.toAddress, gone.email))).map((m) => m.kind);
    await expect.poll(warned, { timeout: 60_000, interval: 250 }).toEqual(['account_erasure_warning']);
  });

  it('is shown to every HEI beside its own retention rule (the HEI cannot change it)', async () => {
    const hei = await createOrganisation(t, { kind: 'hei' });
    const admin = await createUser(t, [{ organisationId: hei.id, roles: ['admin'] }]);
    const path = `/api/organisations/${hei.id}/retention`;
    const read = await t.request('GET', path, { cookie: admin.cookie });
    expect(read.json()).toMatchObject({ inquiryContactMonths: null, customerAccountMonths: MONTHS });
    const set = await t.request('PUT', path, {
      cookie: admin.cookie,
      body: { inquiryContactMonths: 12, participantMonths: null },
    });
    expect(set.json()).toMatchObject({ inquiryContactMonths: 12, customerAccountMonths: MONTHS });
    // the rule is the deployment's: a body that names it is refused
    const refused = await t.request('PUT', path, {
      cookie: admin.cookie,
      body: { inquiryContactMonths: 12, participantMonths: null, customerAccountMonths: 1 },
    });
    expect(refused.statusCode).toBe(400);
  });
});
