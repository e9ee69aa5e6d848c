import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindOfFrameworks } from '../../src/features/frameworks/frameworks.reminders.ts';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { addDays, stockholmDate } from '../../src/shared/stockholm-days.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp, exampleProposal, signedAgreement } from '../support/commercial.ts';

// The morning reminders of framework agreements: those who run the HEI's agreements (coordinators, managers)
// are told once that one ends within 90 days, and once that its signed call-offs have used 80 % of its ceiling;
// an extension or a raised ceiling is reminded of anew.

let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let frameworkId: string;
let calledOffOre: number;
const URL = 'https://lupp.example.se';
const today = stockholmDate(new Date());
const at = (day: string) => new Date(`${day}T06:00:00Z`);
const mailsTo = (email: string) =>
  t.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.toAddress, email), like(outbox.kind, 'framework_%')));
const notes = async (user: typeof s.coord) =>
  (
    (await t.request('GET', '/api/notifications', s.as(user))).json().items as {
      kind: string;
      link: string;
    }[]
  ).filter((n) => n.kind.startsWith('framework_'));
const change = (body: object) =>
  t.request('PATCH', `/api/framework-agreements/${frameworkId}`, s.as(s.coord, body));

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  const created = await t.request(
    'POST',
    '/api/framework-agreements',
    s.as(s.coord, {
      customerId: s.customerId,
      title: 'Ramavtal automation',
      validFrom: addDays(today, -100),
      validTo: addDays(today, 200),
    }),
  );
  expect(created.statusCode, created.body).toBe(201);
  frameworkId = created.json().id;
  const linked = await t.request(
    'PATCH',
    `/api/cases/${s.caseId}`,
    s.as(s.coord, { purchaseRoute: 'framework_call_off', frameworkAgreementId: frameworkId }),
  );
  expect(linked.statusCode, linked.body).toBe(200);
  const { proposalId } = await exampleProposal(t, s, 'accepted');
  await signedAgreement(t, s, proposalId);
  calledOffOre = (await t.request('GET', `/api/framework-agreements/${frameworkId}`, s.as(s.coord))).json()
    .calledOffOre;
  expect(calledOffOre).toBeGreaterThan(0);
});
afterAll(() => t.close());

describe('reminders of framework agreements', () => {
  it('says nothing of an agreement far from its end with no ceiling', async () => {
    expect(await remindOfFrameworks(t.db, URL, at(today))).toBe(0);
  });

  it('tells coordinators and managers, once, that it ends within 90 days; not teachers or economists', async () => {
    const end = addDays(today, 200);
    expect(await remindOfFrameworks(t.db, URL, at(addDays(end, -91)))).toBe(0);
    expect(await remindOfFrameworks(t.db, URL, at(addDays(end, -90)))).toBe(1);
    expect(await remindOfFrameworks(t.db, URL, at(addDays(end, -89)))).toBe(0);

    const [mail] = await mailsTo(s.coord.email);
    expect(mail?.subject).toBe(
      `Ramavtalet Ramavtal automation löper ut ${end} / The framework agreement Ramavtal automation ends on ${end}`,
    );
    expect(mail?.textBody).toContain('om 90 dagar. Hittills: 1 avrop,');
    expect(mail?.textBody).toContain(`${URL}/framework-agreements/${frameworkId}`);
    expect(await notes(s.manager)).toEqual([
      expect.objectContaining({ kind: 'framework_ending', link: `/framework-agreements/${frameworkId}` }),
    ]);
    expect(await notes(s.teacher)).toEqual([]);
    expect(await notes(s.economist)).toEqual([]);
  });

  it('is reminded of again when the agreement is extended, but not of an agreement that has ended', async () => {
    const extended = addDays(today, 400);
    expect((await change({ validTo: extended })).statusCode).toBe(200);
    expect(await remindOfFrameworks(t.db, URL, at(addDays(today, 200)))).toBe(0);
    expect(await remindOfFrameworks(t.db, URL, at(addDays(extended, -60)))).toBe(1);
    expect(await remindOfFrameworks(t.db, URL, at(addDays(extended, 1)))).toBe(0);
    expect((await notes(s.coord)).map((n) => n.kind)).toEqual(['framework_ending', 'framework_ending']);
  });

  it('tells them once that 80 % of the ceiling is called off, and again for a raised ceiling', async () => {
    // the signed call-off is 79 % of the ceiling: nothing yet
    expect((await change({ ceilingOre: Math.ceil(calledOffOre / 0.79) })).statusCode).toBe(200);
    expect(await remindOfFrameworks(t.db, URL, at(today))).toBe(0);

    // lowered to make it 85 %: reminded once, with what is left
    const ceiling = Math.ceil(calledOffOre / 0.85);
    expect((await change({ ceilingOre: ceiling })).statusCode).toBe(200);
    expect(await remindOfFrameworks(t.db, URL, at(today))).toBe(1);
    expect(await remindOfFrameworks(t.db, URL, at(addDays(today, 1)))).toBe(0);
    const mail = (await mailsTo(s.manager.email)).find((m) => m.kind === 'framework_ceiling');
    const share = Math.floor((calledOffOre * 100) / ceiling); // 84 or 85
    expect(mail?.subject).toBe(
      `Ramavtalet Ramavtal automation: ${share} % av takbeloppet avropat / The framework agreement Ramavtal automation: ${share} % of its ceiling called off`,
    );
    expect(mail?.textBody).toMatch(/återstår\. Ett avrop utöver takbeloppet kan inte göras under avtalet\./);

    // raised, and used up to 80 % again: a new reminder
    expect((await change({ ceilingOre: Math.floor(calledOffOre / 0.8) })).statusCode).toBe(200);
    expect(await remindOfFrameworks(t.db, URL, at(today))).toBe(1);
    expect((await notes(s.coord)).filter((n) => n.kind === 'framework_ceiling')).toHaveLength(2);
  });

  it('runs every morning at 07:00 Swedish time', async () => {
    const { rows } = await t.database.pool.query(
      `select cron, timezone from pgboss.schedule where name = 'framework-reminders'`,
    );
    expect(rows).toEqual([{ cron: '0 7 * * *', timezone: 'Europe/Stockholm' }]);
  });
});
