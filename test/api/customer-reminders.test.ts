import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { remindCustomers } from '../../src/features/portal/portal.service.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp, exampleProposal } from '../support/commercial.ts';

// The morning reminders: a proposal still unanswered 3 days before its last valid day, and a signed
// agreement's participants 5 days before their deadline, each reminded once to the customer's contact people.

let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
const year = new Date().getUTCFullYear() + 1;
const URL = 'https://lupp.example.se';
const at = (day: string) => new Date(`${day}T06:00:00Z`);
const remindersTo = async (kind: string) =>
  await t.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.kind, kind), eq(outbox.toAddress, s.contact.email)));

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
});
afterAll(() => t.close());

describe('reminders to customers', () => {
  it('reminds of an unanswered proposal three days before it lapses, once', async () => {
    const { proposalId } = await exampleProposal(t, s, 'sent'); // valid until year-06-30
    expect(await remindCustomers(t.db, URL, at(`${year}-06-26`))).toBe(0);
    expect(await remindCustomers(t.db, URL, at(`${year}-06-27`))).toBe(1);
    const [mail] = await remindersTo('reminder_proposal');
    expect(mail?.subject).toMatch(/^Påminnelse: offerten .* gäller till och med \d{4}-06-30 \/ Reminder: /);
    expect(mail?.textBody).toContain(`${URL}/portal/cases/${s.caseId}#portal-proposals`);
    const notes = (await t.request('GET', '/api/notifications', s.as(s.contact))).json().items;
    expect(notes[0]).toMatchObject({
      kind: 'reminder_proposal',
      link: `/portal/cases/${s.caseId}#portal-proposals`,
    });
    // once: the next morning sends nothing more
    expect(await remindCustomers(t.db, URL, at(`${year}-06-28`))).toBe(0);
    expect(await remindersTo('reminder_proposal')).toHaveLength(1);
    // answered proposals are not reminded of, and the reminder (like the proposal's notice) is done
    await t.request('POST', `/api/portal/proposals/${proposalId}/accept`, s.as(s.contact));
    const after = (await t.request('GET', '/api/notifications', s.as(s.contact))).json();
    expect(after.items.map((n: { kind: string; done: boolean }) => [n.kind, n.done])).toEqual([
      ['reminder_proposal', true],
      ['proposal_sent', true],
    ]);
    expect(after.unread).toBe(0);
  });

  it("reminds of a signed agreement's participants five days before the deadline, once", async () => {
    const [proposal] = (await t.request('GET', '/api/portal/proposals', s.as(s.contact))).json().proposals;
    const agreement = (
      await t.request(
        'POST',
        `/api/cases/${s.caseId}/agreements`,
        s.as(s.coord, { proposalId: proposal.id, participantsDeadline: `${year}-02-15` }),
      )
    ).json();
    // not while unsigned
    expect(await remindCustomers(t.db, URL, at(`${year}-02-12`))).toBe(0);
    await t.request('POST', `/api/agreements/${agreement.id}/sign`, s.as(s.manager, { revision: 1 }));
    await t.request('POST', `/api/portal/agreements/${agreement.id}/sign`, s.as(s.contact, { revision: 1 }));
    expect(await remindCustomers(t.db, URL, at(`${year}-02-09`))).toBe(0);
    expect(await remindCustomers(t.db, URL, at(`${year}-02-10`))).toBe(1);
    expect(await remindCustomers(t.db, URL, at(`${year}-02-11`))).toBe(0);
    const [mail] = await remindersTo('reminder_participants');
    expect(mail?.subject).toMatch(/^Påminnelse: anmäl deltagarna till .* senast \d{4}-02-15 \//);
    expect(mail?.textBody).toContain('0 är anmälda');
    // after the deadline there is nothing to remind of
    expect(await remindCustomers(t.db, URL, at(`${year}-02-16`))).toBe(0);
  });

  it('runs every morning at 07:00 Swedish time', async () => {
    const { rows } = await t.database.pool.query(
      `select cron, timezone from pgboss.schedule where name = 'customer-reminders'`,
    );
    expect(rows).toEqual([{ cron: '0 7 * * *', timezone: 'Europe/Stockholm' }]);
  });
});
