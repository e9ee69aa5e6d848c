import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, stockholmDate } from '../../src/shared/stockholm-days.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp, exampleProposal } from '../support/commercial.ts';
import { createUser, type TestUser } from '../support/factories.ts';

// Which payments of a signed agreement are invoiced: the invoice is made in the HEI's finance system, and a
// coordinator or economist records its day and number in Lupp. The overview lists what is due to invoice, and
// the case's "Fakturerat" is ticked once every payment is invoiced.
let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let admin: TestUser;
let agreementId: string;
const today = stockholmDate(new Date());
const year = new Date().getUTCFullYear() + 1;

const mark = (n: number, body: object, user = s.economist) =>
  t.request('PUT', `/api/agreements/${agreementId}/invoices/${n}`, s.as(user, body));
const unmark = (n: number, user = s.economist) =>
  t.request('DELETE', `/api/agreements/${agreementId}/invoices/${n}`, s.as(user));
const invoicedItem = async () => {
  const checklist = (await t.request('GET', `/api/cases/${s.caseId}`, s.as(s.coord))).json().checklist as {
    id: string;
    evidence: string | null;
    done: { by: string | null; evidence: string | null } | null;
  }[];
  return checklist.find((i) => i.evidence === 'invoiced');
};
const overview = async (user: TestUser) => (await t.request('GET', '/api/overview', s.as(user))).json();

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  admin = await createUser(t, [{ organisationId: s.hei, roles: ['admin'] }]);
  const { proposalId } = await exampleProposal(t, s, 'accepted');
  const created = await t.request(
    'POST',
    `/api/cases/${s.caseId}/agreements`,
    s.as(s.coord, { proposalId, participantsDeadline: `${year}-02-15` }),
  );
  expect(created.statusCode, created.body).toBe(201);
  agreementId = created.json().id;
  const priceOre: number = created.json().priceOre;
  const split = await t.request(
    'PATCH',
    `/api/agreements/${agreementId}`,
    s.as(s.coord, {
      revision: 1,
      billingPlan: [
        { dueDate: addDays(today, -3), amountOre: priceOre - 100_000, description: 'Vid start' },
        { dueDate: addDays(today, 10), amountOre: 100_000, description: 'Efter genomförandet' },
      ],
    }),
  );
  expect(split.statusCode, split.body).toBe(200);
});
afterAll(() => t.close());

describe('payments recorded as invoiced', () => {
  it('only of an agreement both parties signed', async () => {
    const early = await mark(1, { invoicedOn: today, invoiceNumber: '100231' });
    expect(early.statusCode).toBe(409);
    await t.request('POST', `/api/agreements/${agreementId}/sign`, s.as(s.manager, { revision: 2 }));
    await t.request('POST', `/api/portal/agreements/${agreementId}/sign`, s.as(s.contact, { revision: 2 }));
  });

  it('lists the payments due on the overview of coordinators and economists, past due first', async () => {
    const { invoicing } = await overview(s.economist);
    expect(invoicing).toMatchObject({
      total: 2,
      overdue: 1,
      items: [
        { agreementId, caseId: s.caseId, number: 1, dueDate: addDays(today, -3), overdue: true },
        { agreementId, number: 2, dueDate: addDays(today, 10), amountOre: 100_000, overdue: false },
      ],
    });
    expect(invoicing.items[0].caseReference).toMatch(/^UF-\d{4}-\d+$/);
    expect((await overview(s.coord)).invoicing.total).toBe(2);
    // teachers and managers do not invoice; another HEI's economist sees none of it
    expect((await overview(s.teacher)).invoicing).toBeNull();
    expect((await overview(s.manager)).invoicing).toBeNull();
    expect((await overview(s.outsider)).invoicing).toEqual({ total: 0, overdue: 0, items: [] });
  });

  it('refuses a day still to come, a missing number, a payment not in the plan and those who do not invoice', async () => {
    const later = await mark(1, { invoicedOn: addDays(today, 1), invoiceNumber: '100231' });
    expect(later.statusCode).toBe(400);
    expect(later.json().errors[0]).toMatchObject({ field: 'body.invoicedOn' });
    const blank = await mark(1, { invoicedOn: today, invoiceNumber: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0]).toMatchObject({ field: 'body.invoiceNumber' });
    expect((await mark(3, { invoicedOn: today, invoiceNumber: '100231' })).statusCode).toBe(404);
    expect((await mark(1, { invoicedOn: today, invoiceNumber: '100231' }, s.teacher)).statusCode).toBe(403);
    expect((await mark(1, { invoicedOn: today, invoiceNumber: '100231' }, s.outsider)).statusCode).toBe(404);
    expect((await mark(1, { invoicedOn: today, invoiceNumber: '100231' }, s.contact)).statusCode).toBe(403);
    const view = (await t.request('GET', `/api/agreements/${agreementId}`, s.as(s.coord))).json();
    expect(view.invoices).toEqual([]); // nothing was recorded by the refused requests
  });

  it('records the day and number; the overview and the customer see it; the case is ticked when all are', async () => {
    const first = await mark(1, { invoicedOn: addDays(today, -1), invoiceNumber: ' 100231 ' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().invoices).toEqual([
      { number: 1, invoicedOn: addDays(today, -1), invoiceNumber: '100231' },
    ]);
    expect((await overview(s.economist)).invoicing).toMatchObject({
      total: 1,
      overdue: 0,
      items: [{ number: 2 }],
    });
    expect((await invoicedItem())?.done).toBeNull();

    // again for the same payment corrects the record
    const corrected = await mark(1, { invoicedOn: addDays(today, -1), invoiceNumber: '100232' });
    expect(corrected.json().invoices).toEqual([
      { number: 1, invoicedOn: addDays(today, -1), invoiceNumber: '100232' },
    ]);

    const second = await mark(2, { invoicedOn: today, invoiceNumber: '100377' }, s.coord);
    expect(second.statusCode, second.body).toBe(200);
    expect(await invoicedItem()).toMatchObject({ done: { by: s.coord.name, evidence: 'invoiced' } });
    expect((await overview(s.economist)).invoicing).toEqual({ total: 0, overdue: 0, items: [] });

    const portal = (await t.request('GET', '/api/portal/agreements', s.as(s.contact))).json();
    expect(portal.agreements[0].invoices.map((i: { invoiceNumber: string }) => i.invoiceNumber)).toEqual([
      '100232',
      '100377',
    ]);
    const csv = await t.request('GET', `/api/agreements/${agreementId}/billing.csv`, s.as(s.economist));
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/"Fakturerad";"Fakturanummer"$/);
    expect(lines[1]).toMatch(new RegExp(`;"${addDays(today, -1)}";"100232"$`));
  });

  it('takes a record back; the checkpoint Lupp ticked is unticked, one ticked by hand stays', async () => {
    const back = await unmark(2);
    expect(back.statusCode, back.body).toBe(200);
    const view = (await t.request('GET', `/api/agreements/${agreementId}`, s.as(s.coord))).json();
    expect(view.invoices.map((i: { number: number }) => i.number)).toEqual([1]);
    expect((await invoicedItem())?.done).toBeNull();

    // invoiced again: ticked again; ticked by hand instead, the tick survives a record taken back
    expect((await mark(2, { invoicedOn: today, invoiceNumber: '100377' })).statusCode).toBe(200);
    expect(await invoicedItem()).toMatchObject({ done: { evidence: 'invoiced' } });
    expect((await unmark(2)).statusCode).toBe(200);
    const item = await invoicedItem();
    const tick = await t.request(
      'PUT',
      `/api/cases/${s.caseId}/checklist/${item?.id}`,
      s.as(s.coord, { done: true }),
    );
    expect(tick.statusCode, tick.body).toBe(200);
    expect((await mark(2, { invoicedOn: today, invoiceNumber: '100377' })).statusCode).toBe(200);
    expect((await unmark(2)).statusCode).toBe(200);
    expect(await invoicedItem()).toMatchObject({ done: { by: s.coord.name, evidence: null } });
    expect((await unmark(2)).statusCode).toBe(404);
    expect((await unmark(1, s.teacher)).statusCode).toBe(403);
    expect((await overview(s.economist)).invoicing.items.map((i: { number: number }) => i.number)).toEqual([
      2,
    ]);
  });

  it('is in the audit log, with the number, day and amount', async () => {
    const audit = await t.request('GET', `/api/organisations/${s.hei}/audit`, s.as(admin));
    const entries = audit.json().items as { action: string; data: Record<string, unknown> }[];
    const marked = entries.filter((e) => e.action === 'agreement.invoice_marked');
    expect(marked).toHaveLength(5);
    expect(marked.map((e) => e.data)).toContainEqual({
      number: 2,
      invoiceId: '100377',
      day: today,
      amountOre: 100_000,
    });
    expect(entries.find((e) => e.action === 'agreement.invoice_unmarked')?.data).toEqual({
      number: 2,
      invoiceId: '100377',
    });
  });
});

describe('migration 0052', () => {
  it('names the evidence of "Fakturerat" in the checklists HEIs already have', async () => {
    await t.db.execute(sql`update checklist_item set evidence = null where hei_id = ${s.hei}`);
    const migration = await import('node:fs').then((fs) =>
      fs.readFileSync('src/db/migrations/0052_agreement_invoices.sql', 'utf8'),
    );
    const update = migration.split('--> statement-breakpoint').at(-1) ?? '';
    await t.db.execute(sql.raw(update));
    const { rows } = await t.db.execute<{ label_sv: string }>(
      sql`select label_sv from checklist_item where hei_id = ${s.hei} and evidence = 'invoiced'`,
    );
    expect(rows.map((r) => r.label_sv)).toEqual(['Fakturerat']);
  });
});
