import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreement } from '../../src/features/agreements/agreements.table.ts';
import { caseFile } from '../../src/features/cases/cases.table.ts';
import { periodStart } from '../../src/shared/periods.ts';
import { addDays, stockholmDate } from '../../src/shared/stockholm-days.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp, exampleProposal } from '../support/commercial.ts';
import { createUser, inquiryInput, orgNumber, type TestUser } from '../support/factories.ts';

// An HEI's key figures: one case with a proposal accepted and an agreement signed (paid in two parts, one
// due today, one in two months), one case lost and one won, and one still open.
let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let admin: TestUser;
const today = stockholmDate(new Date());

const read = (user: TestUser, query = '') =>
  t.request('GET', `/api/dashboard${query}`, { cookie: user.cookie });

async function claimNewCase(sector: 'public' | 'private') {
  const submitted = await t.app.inject({
    method: 'POST',
    url: `/api/public/consortia/${s.consortiumSlug}/inquiries`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(inquiryInput({ orgNumber: orgNumber(), sector })),
  });
  expect(submitted.statusCode, submitted.body).toBe(201);
  const { reference } = submitted.json();
  const inbox = (await t.request('GET', `/api/inquiries?view=inbox&q=${reference}`, s.as(s.coord))).json()
    .items;
  const inquiry = inbox.find((i: { reference: string }) => i.reference === reference);
  expect((await t.request('POST', `/api/inquiries/${inquiry.id}/claim`, s.as(s.coord))).statusCode).toBe(200);
  return (await t.request('GET', '/api/cases?pageSize=200', s.as(s.coord)))
    .json()
    .items.find((c: { reference: string }) => c.reference === reference).id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  admin = await createUser(t, [{ organisationId: s.hei, roles: ['admin'] }]);
  const { proposalId, designId } = await exampleProposal(t, s, 'accepted');
  const created = await t.request(
    'POST',
    `/api/cases/${s.caseId}/agreements`,
    s.as(s.coord, { proposalId, participantsDeadline: addDays(today, 30) }),
  );
  expect(created.statusCode, created.body).toBe(201);
  const agreement = created.json();
  const split = await t.request(
    'PATCH',
    `/api/agreements/${agreement.id}`,
    s.as(s.coord, {
      revision: 1,
      billingPlan: [
        { dueDate: today, amountOre: 4_000_000, description: 'Del 1' },
        { dueDate: addDays(today, 60), amountOre: 5_031_357, description: 'Del 2' },
      ],
    }),
  );
  expect(split.statusCode, split.body).toBe(200);
  await t.request('POST', `/api/agreements/${agreement.id}/sign`, s.as(s.manager, { revision: 2 }));
  const signed = await t.request(
    'POST',
    `/api/portal/agreements/${agreement.id}/sign`,
    s.as(s.contact, { revision: 2 }),
  );
  expect(signed.statusCode, signed.body).toBe(200);
  // three participants, two of whom meet the entry requirements of the 7.5-credit course
  for (const [firstName, personnummer, creditEligible] of [
    ['Anna', '19850312-1231', true],
    ['Bo', '19780501-0050', true],
    ['Carl', '19900228-2383', false],
  ] as const)
    expect(
      (
        await t.request(
          'POST',
          `/api/portal/agreements/${agreement.id}/participants`,
          s.as(s.contact, { firstName, lastName: 'Test', personnummer, creditEligible }),
        )
      ).statusCode,
    ).toBe(200);
  // a morning given yesterday, one called off, and one next week (not given yet)
  const session = async (day: string) =>
    (
      await t.request(
        'POST',
        `/api/cases/${s.caseId}/sessions`,
        s.as(s.coord, { designId, day, startsAt: '09:00', endsAt: '12:00' }),
      )
    ).json().id as string;
  await session(addDays(today, -1));
  const off = await session(addDays(today, -2));
  await t.request('POST', `/api/sessions/${off}/cancel`, s.as(s.coord, { notifyParticipants: false }));
  await session(addDays(today, 7));

  const lost = await claimNewCase('public');
  // the municipality had advertised the course: a tender lost
  const tendered = await t.request(
    'PATCH',
    `/api/cases/${lost}`,
    s.as(s.coord, { purchaseRoute: 'advertised', procurementReference: 'KS 2026/12' }),
  );
  expect(tendered.statusCode, tendered.body).toBe(200);
  const closeLost = await t.request(
    'POST',
    `/api/cases/${lost}/close`,
    s.as(s.coord, { outcome: 'lost', reason: 'Kunden valde en annan leverantör.' }),
  );
  expect(closeLost.statusCode, closeLost.body).toBe(200);
  const won = await claimNewCase('public');
  const closeWon = await t.request(
    'POST',
    `/api/cases/${won}/close`,
    s.as(s.manager, {
      outcome: 'won',
      reason: 'Genomförd och fakturerad.',
      overrideReason: 'Avtalat utanför Lupp, se diariet.',
    }),
  );
  expect(closeWon.statusCode, closeWon.body).toBe(200);
  await claimNewCase('private'); // still open
});
afterAll(() => t.close());

describe("an HEI's key figures", () => {
  it('sum the pipeline, the outcomes, the proposals and the agreements with their payments', async () => {
    const response = await read(s.manager);
    expect(response.statusCode, response.body).toBe(200);
    const figures = response.json();
    expect(figures).toMatchObject({ period: '12m', since: periodStart('12m') });
    expect(figures.pipeline.open).toBe(2);
    expect(figures.pipeline.byStage.map((st: { stage: string }) => st.stage)).toEqual([
      'inquiry',
      'qualification',
      'dialogue',
      'design',
      'costing',
      'agreement',
      'delivery',
      'evaluation',
    ]);
    expect(figures.pipeline.awaitingAnswer).toEqual({ count: 0, valueOre: 0 });
    // who is responsible for the open cases: the coordinator who claimed them
    expect(figures.pipeline.byOwner).toEqual([{ owner: s.coord.name, count: 2 }]);
    expect(figures.cases).toEqual({
      opened: 4,
      won: 1,
      lost: 1,
      declined: 0,
      referred: 0,
      winRate: 0.5,
      wonBySector: { public: 1, private: 0, non_profit: 0 },
      tenders: { won: 0, lost: 1, winRate: 0 },
    });
    expect(figures.proposals).toEqual({
      sent: { count: 1, valueOre: 9_031_357 },
      accepted: { count: 1, valueOre: 9_031_357 },
      declined: { count: 0, valueOre: 0 },
      hitRate: 1,
    });
    expect(figures.agreements).toMatchObject({
      signed: { count: 1, valueOre: 9_031_357 },
      medianDaysToAgreement: 0,
      dueInPeriodOre: 4_000_000,
      dueNextYearOre: 5_031_357,
    });
    expect(figures.agreements.byMonth).toHaveLength(12);
    expect(figures.agreements.byMonth.at(-1)).toEqual({
      key: today.slice(0, 7),
      count: 1,
      valueOre: 9_031_357,
    });
    expect(figures.evaluations).toMatchObject({ evaluations: 0, answered: 0, satisfaction: null });
    expect(figures.volume).toEqual({
      participants: 3,
      creditParticipants: 2,
      credits: 15,
      fullTimeEquivalents: 0.25,
      sessionsGiven: 1,
      teachingHours: 3,
      credentialsIssued: 0,
    });
  });

  it('cover all time on request; a bad period is refused', async () => {
    const all = (await read(admin, '?period=all')).json();
    expect(all).toMatchObject({ period: 'all', since: null });
    expect(all.agreements.byMonth).toEqual([{ key: today.slice(0, 7), count: 1, valueOre: 9_031_357 }]);
    expect((await read(admin, '?period=year')).statusCode).toBe(400);
  });

  it('download as a workbook with the same figures, in Swedish or English', async () => {
    const response = await t.request('GET', '/api/dashboard/export?period=all', s.as(s.economist));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toMatch(/nyckeltal-all-\d{4}-\d{2}-\d{2}\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Nyckeltal',
      'Ärenden per läge',
      'Ärenden per ansvarig',
      'Avtal per månad',
    ]);
    const rowsOf = (name: string) =>
      (workbook.getWorksheet(name)?.getSheetValues() ?? []).flatMap((row) =>
        Array.isArray(row) ? [row.slice(1)] : [],
      );
    const figures = new Map(rowsOf('Nyckeltal').map((r) => [r[0], r[1]]));
    expect(figures.get('Period')).toBe('All tid');
    expect(figures.get('Öppna ärenden')).toBe(2);
    expect(figures.get('Vinstandel (vunna av vunna och förlorade)')).toBe(0.5);
    expect(figures.get('Avtal undertecknade av båda parter')).toBe(1);
    expect(figures.get('Avtalat värde (kr)')).toBe(90_313.57);
    expect(figures.get('Intäkt av faktisk full kostnad')).toBe('–'); // no post-calculation yet
    expect(figures.get('Högskolepoäng')).toBe(15);
    expect(figures.get('Helårsekvivalenter (60 hp)')).toBe(0.25);
    expect(figures.get('Genomförda kurstillfällen')).toBe(1);
    expect(rowsOf('Ärenden per läge')[1]).toEqual(['Förfrågan', expect.any(Number)]);
    expect(rowsOf('Ärenden per ansvarig')[1]).toEqual([s.coord.name, 2]);
    expect(rowsOf('Avtal per månad')).toEqual([
      ['Månad', 'Avtal', 'Avtalat värde (kr)'],
      [today.slice(0, 7), 1, 90_313.57],
    ]);

    const english = await t.request('GET', '/api/dashboard/export?period=12m&lang=en', s.as(s.manager));
    const inEnglish = new ExcelJS.Workbook();
    await inEnglish.xlsx.load(english.rawPayload as unknown as ArrayBuffer);
    expect(inEnglish.worksheets.map((w) => w.name)).toEqual([
      'Key figures',
      'Cases by stage',
      'Cases by owner',
      'Agreements by month',
    ]);
    expect(english.headers['content-disposition']).toMatch(/key-figures-12m-/);
    expect((await t.request('GET', '/api/dashboard/export', s.as(s.teacher))).statusCode).toBe(403);
  });

  it("are the active HEI's own: teachers and customers are refused, another HEI sees its own", async () => {
    expect((await read(s.teacher)).statusCode).toBe(403);
    expect((await read(s.contact)).statusCode).toBe(403);
    const theirs = (await read(s.outsider)).json();
    expect(theirs.pipeline.open).toBe(0);
    expect(theirs.agreements.signed).toEqual({ count: 0, valueOre: 0 });
    expect((await read(s.coord)).statusCode).toBe(200);
    expect((await read(s.economist)).statusCode).toBe(200);
  });

  // last, as it moves the agreement's signing and the lost case's closing into last year
  it("cover a calendar year, the HEI's financial year: what happened in it, to its 31 December", async () => {
    const year = today.slice(0, 4);
    const lastYear = String(Number(year) - 1);
    const lastJune = new Date(`${lastYear}-06-15T10:00:00Z`);
    await t.db
      .update(agreement)
      .set({ heiSignedAt: lastJune, customerSignedAt: lastJune })
      .where(eq(agreement.caseId, s.caseId));
    await t.db.update(caseFile).set({ stageEnteredAt: lastJune }).where(eq(caseFile.outcome, 'lost'));

    const past = (await read(s.economist, `?period=${lastYear}`)).json();
    expect(past).toMatchObject({ period: lastYear, since: `${lastYear}-01-01`, until: `${lastYear}-12-31` });
    expect(past.pipeline.open).toBe(2); // the pipeline is as it stands now
    expect(past.cases).toMatchObject({
      opened: 0,
      won: 0,
      lost: 1,
      tenders: { won: 0, lost: 1, winRate: 0 },
    });
    expect(past.agreements.signed).toEqual({ count: 1, valueOre: 9_031_357 });
    // every month of the year, January to December
    expect(past.agreements.byMonth.map((m: { key: string }) => m.key)).toEqual(
      Array.from({ length: 12 }, (_, i) => `${lastYear}-${String(i + 1).padStart(2, '0')}`),
    );
    expect(past.agreements.byMonth[5]).toEqual({ key: `${lastYear}-06`, count: 1, valueOre: 9_031_357 });
    expect(past.agreements.dueInPeriodOre).toBe(0); // its payments fall due this year
    // its participants are last year's; the session was given this year
    expect(past.volume).toMatchObject({ participants: 3, credits: 15, sessionsGiven: 0 });

    const current = (await read(s.economist, `?period=${year}`)).json();
    expect(current).toMatchObject({ period: year, since: `${year}-01-01`, until: today });
    expect(current.cases).toMatchObject({ opened: 4, won: 1, lost: 0 });
    expect(current.agreements.signed).toEqual({ count: 0, valueOre: 0 });
    expect(current.agreements.dueInPeriodOre).toBe(4_000_000); // due today; the rest after today
    expect(current.volume).toMatchObject({ participants: 0, sessionsGiven: 1 });

    for (const refused of [String(Number(year) + 1), '1999', `${year}x`])
      expect((await read(admin, `?period=${refused}`)).statusCode, refused).toBe(400);

    const response = await t.request('GET', `/api/dashboard/export?period=${lastYear}`, s.as(s.economist));
    expect(response.headers['content-disposition']).toContain(`nyckeltal-${lastYear}-`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const rows = (workbook.getWorksheet('Nyckeltal')?.getSheetValues() ?? []).flatMap((row) =>
      Array.isArray(row) ? [row.slice(1)] : [],
    );
    const figures = new Map(rows.map((r) => [r[0], r[1]]));
    expect(figures.get('Period')).toBe(lastYear);
    expect(figures.get('Till och med')).toBe(`${lastYear}-12-31`);
    expect(figures.get('Att fakturera enligt betalplanerna under perioden (kr)')).toBe(0);
    expect(figures.get('Avtal undertecknade av båda parter')).toBe(1);
  });
});
