import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockholmDate } from '../../src/shared/stockholm-days.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp, exampleProposal } from '../support/commercial.ts';
import { createUser, type TestUser } from '../support/factories.ts';

// The commercial set-up: an HEI with the demo cost configuration and a case. Its example design (a lecturer
// 40 h teaching + 20 h development, a professor 8 h teaching) is approved and calculated; the incentive
// model then says what the departments and teachers get from it.
//
// By hand, from the demo costs: a lecturer costs 450 kr + 41.5 % = 636,75 kr an hour, a professor
// 550 kr + 41.5 % = 778,25 kr. Staff costs 60 h × 636,75 + 8 h × 778,25 = 38 205,00 + 6 226,00 =
// 44 431,00 kr; OH is 35 % of that: 15 550,85 kr (1 555 085 öre).
const OH_ORE = 1_555_085;

let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let admin: TestUser;
const today = stockholmDate(new Date());

const as = (user: TestUser, body?: unknown) => ({ cookie: user.cookie, body });
const models = () => `/api/organisations/${s.hei}/incentive-models`;
const panel = (user: TestUser) => t.request('GET', `/api/cases/${s.caseId}/incentives`, as(user));

const model = (overrides: Record<string, unknown> = {}) => ({
  effectiveFrom: '2026-01-01',
  departmentShareBp: 2_500,
  workloadFactorBp: 12_500,
  descriptionSv: 'Uppdrag räknas som meriterande vid befordran och ger kontakter för forskning.',
  descriptionEn: 'Assignments count as merit for promotion and bring contacts for research.',
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  admin = await createUser(t, [{ organisationId: s.hei, roles: ['admin'] }]);
});
afterAll(() => t.close());

describe('what taking part gives, on the case', () => {
  it('says there is nothing to show before a design and its calculation are approved', async () => {
    const empty = await panel(s.coord);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toEqual({ caseId: s.caseId, designs: 0, entries: [] });
  });

  it('shows the calculation with no figures while the HEI has no incentive model', async () => {
    await exampleProposal(t, s, 'sent');
    const [entry] = (await panel(s.coord)).json().entries;
    expect(entry).toMatchObject({
      calculation: { version: 1, date: today },
      model: null,
      indirectCostsOre: OH_ORE,
      departmentShareOre: null,
      plannedHours: 68,
      creditedHours: null,
    });
    expect(entry.teachers.map((t: { creditedHours: number | null }) => t.creditedHours)).toEqual([
      null,
      null,
    ]);
  });
});

describe('incentive model', () => {
  it('is validated field by field', async () => {
    const bad = await t.request(
      'POST',
      models(),
      as(s.economist, {
        effectiveFrom: '2026-13-01',
        departmentShareBp: 10_001,
        workloadFactorBp: 1.5,
        descriptionSv: '   ',
        descriptionEn: 'x'.repeat(4_001),
        note: 'okänt fält',
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation_failed');
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    for (const field of [
      'body.effectiveFrom',
      'body.departmentShareBp',
      'body.workloadFactorBp',
      'body.descriptionSv',
      'body.descriptionEn',
    ])
      expect(fields).toContain(field);
    expect(bad.json().errors.some((e: { message: string }) => e.message.includes('note'))).toBe(true);

    const negative = await t.request('POST', models(), as(admin, model({ workloadFactorBp: -1 })));
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors).toEqual([
      { field: 'body.workloadFactorBp', message: 'the workload factor cannot be negative' },
    ]);
    expect((await t.request('GET', models(), as(admin))).json().versions).toEqual([]);
  });

  it('is set by admins and economists and read by everyone at the HEI, nobody else', async () => {
    for (const user of [s.coord, s.teacher, s.manager]) {
      const refused = await t.request('POST', models(), as(user, model()));
      expect(refused.statusCode).toBe(403);
    }
    const outsider = await t.request('POST', models(), as(s.outsider, model()));
    expect(outsider.statusCode).toBe(404);
    expect((await t.request('POST', models(), { body: model() })).statusCode).toBe(401);

    const created = await t.request('POST', models(), as(s.economist, model()));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      heiId: s.hei,
      version: 1,
      effectiveFrom: '2026-01-01',
      status: 'in_force',
      departmentShareBp: 2_500,
      workloadFactorBp: 12_500,
      description: { sv: model().descriptionSv, en: model().descriptionEn },
      createdBy: { id: s.economist.id, name: s.economist.name },
    });

    for (const user of [s.coord, s.teacher, s.manager, s.economist, admin]) {
      const read = await t.request('GET', models(), as(user));
      expect(read.statusCode).toBe(200);
      expect(read.json().versions.map((v: { version: number }) => v.version)).toEqual([1]);
    }
    for (const user of [s.outsider, s.contact])
      expect((await t.request('GET', models(), as(user))).statusCode).toBe(404);
    expect((await t.request('GET', models())).statusCode).toBe(401);
  });
});

describe('what taking part gives, under the model in force', () => {
  it("shows the departments' share of the OH and the teachers' credited hours from the approved calculation", async () => {
    const [design] = (await t.request('GET', `/api/cases/${s.caseId}/designs`, as(s.coord))).json().designs;
    const designId = design.id;
    const response = await panel(s.teacher);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.designs).toBe(1);
    expect(body.entries).toHaveLength(1);
    const [entry] = body.entries;
    expect(entry).toMatchObject({
      design: { id: designId, title: 'PLC för underhållet' },
      calculation: { version: 1, date: today },
      model: { version: 1, effectiveFrom: '2026-01-01', departmentShareBp: 2_500, workloadFactorBp: 12_500 },
      indirectCostsOre: OH_ORE,
      // 25 % of 15 550,85 kr = 3 887,7125 kr, to whole öre: 3 887,71 kr
      departmentShareOre: 388_771,
      plannedHours: 68,
      // (40 + 20) × 1,25 = 75 h and 8 × 1,25 = 10 h
      creditedHours: 85,
    });
    expect(entry.teachers).toEqual([
      {
        name: 'Lektor i automation',
        userId: null,
        category: 'lecturer',
        categoryLabel: 'Lektor',
        teachingHours: 40,
        developmentHours: 20,
        plannedHours: 60,
        creditedHours: 75,
      },
      {
        name: 'Professor i reglerteknik',
        userId: null,
        category: 'professor',
        categoryLabel: 'Professor',
        teachingHours: 8,
        developmentHours: 0,
        plannedHours: 8,
        creditedHours: 10,
      },
    ]);
  });

  it('is for readers of the case only', async () => {
    for (const user of [s.coord, s.economist, s.manager, admin])
      expect((await panel(user)).statusCode).toBe(200);
    expect((await panel(s.outsider)).statusCode).toBe(404);
    expect((await panel(s.contact)).statusCode).toBe(403);
    expect((await t.request('GET', `/api/cases/${s.caseId}/incentives`)).statusCode).toBe(401);
  });
});

describe('versions of the incentive model', () => {
  it('never rewrite the past: a new version starts today or later', async () => {
    const past = await t.request('POST', models(), as(admin, model({ effectiveFrom: '2026-02-01' })));
    expect(past.statusCode).toBe(400);
    expect(past.json().errors).toEqual([
      {
        field: 'body.effectiveFrom',
        message: `must be today (${today}) or later: the version in force since 2026-01-01 applied until now, and that does not change`,
      },
    ]);
  });

  it('an upcoming version does not apply yet, and is replaced by a new one from the same day', async () => {
    const upcoming = await t.request(
      'POST',
      models(),
      as(admin, model({ effectiveFrom: '2099-01-01', departmentShareBp: 9_000 })),
    );
    expect(upcoming.statusCode, upcoming.body).toBe(201);
    expect(upcoming.json()).toMatchObject({ version: 2, status: 'upcoming', departmentShareBp: 9_000 });
    const corrected = await t.request(
      'POST',
      models(),
      as(s.economist, model({ effectiveFrom: '2099-01-01', departmentShareBp: 4_000 })),
    );
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.json()).toMatchObject({ version: 2, status: 'upcoming', departmentShareBp: 4_000 });
    const list = (await t.request('GET', models(), as(s.teacher))).json().versions;
    expect(list).toMatchObject([
      { effectiveFrom: '2099-01-01', status: 'upcoming', departmentShareBp: 4_000 },
      { effectiveFrom: '2026-01-01', status: 'in_force', departmentShareBp: 2_500 },
    ]);
    // the case's calculation was made today: version 1 still applies
    expect((await panel(s.coord)).json().entries[0]).toMatchObject({
      model: { version: 1 },
      departmentShareOre: 388_771,
    });
  });

  it('a version from today replaces the one in force for calculations made from today; it is never changed', async () => {
    const fromToday = await t.request(
      'POST',
      models(),
      as(s.economist, model({ effectiveFrom: today, departmentShareBp: 5_000, workloadFactorBp: 10_000 })),
    );
    expect(fromToday.statusCode, fromToday.body).toBe(201);
    expect(fromToday.json()).toMatchObject({ version: 2, status: 'in_force' });
    const statuses = (await t.request('GET', models(), as(admin)))
      .json()
      .versions.map((v: { version: number; status: string }) => [v.version, v.status]);
    expect(statuses).toEqual([
      [3, 'upcoming'],
      [2, 'in_force'],
      [1, 'superseded'],
    ]);

    const again = await t.request(
      'POST',
      models(),
      as(admin, model({ effectiveFrom: today, departmentShareBp: 6_000 })),
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('is in force and is never changed');

    const entry = (await panel(s.coord)).json().entries[0];
    expect(entry).toMatchObject({
      model: { version: 2, effectiveFrom: today, departmentShareBp: 5_000 },
      // 50 % of 1 555 085 öre = 777 542,5 öre: half an öre rounds away from zero
      departmentShareOre: 777_543,
      plannedHours: 68,
      creditedHours: 68,
    });
  });

  it('a changed design takes its approval back: the panel waits for new approvals', async () => {
    const [design] = (await t.request('GET', `/api/cases/${s.caseId}/designs`, as(s.coord))).json().designs;
    const changed = await t.request(
      'PATCH',
      `/api/designs/${design.id}`,
      as(s.coord, { revision: design.revision, participants: 16 }),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await panel(s.coord)).json()).toEqual({ caseId: s.caseId, designs: 1, entries: [] });
  });
});
