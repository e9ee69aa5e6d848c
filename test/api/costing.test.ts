import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockholmDate } from '../../src/shared/stockholm-days.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createConsortium, createOrganisation, createUser, type TestUser } from '../support/factories.ts';

// The example of src/features/costing/calculation.test.ts ("A"), through HTTP: a lecturer at 450 kr an
// hour and a professor at 550 kr, 41.5 % payroll overheads, OH 35 % and premises 12 % of staff costs.
const config = {
  staff: [
    { key: 'lecturer', label: 'Lektor', hourlySalaryOre: 45_000, payrollOverheadBp: 4_150 },
    { key: 'professor', label: 'Professor', hourlySalaryOre: 55_000, payrollOverheadBp: 4_150 },
  ],
  indirectCostBp: 3_500,
  indirectCostBase: 'staff',
  premises: { kind: 'surcharge', rateBp: 1_200 },
  administrationPerDeliveryOre: 500_000,
  administrationPerParticipantOre: 20_000,
  materialsPerParticipantOre: 50_000,
  travelPerTripOre: 150_000,
  vat: { applies: false, rateBp: 2_500 },
};
const design = {
  participants: 20,
  teaching: [
    { category: 'lecturer', hours: 40 },
    { category: 'professor', hours: 8 },
  ],
  development: [{ category: 'lecturer', hours: 20 }],
  trips: 4,
};

let t: TestApp;
let hei: string;
let economist: TestUser;
let economist2: TestUser;
let admin: TestUser;
let coordinator: TestUser;
let teacher: TestUser;
let otherEconomist: TestUser;
let customer: TestUser;

const configs = `/api/organisations/{hei}/cost-configs`;
const url = (path: string) => path.replace('{hei}', hei);
const calculateAs = (user: TestUser, body: Record<string, unknown>) =>
  t.request('POST', url('/api/organisations/{hei}/costing/calculate'), { cookie: user.cookie, body });

beforeAll(async () => {
  t = await createTestApp();
  const consortium = await createConsortium(t);
  hei = (await createOrganisation(t, { kind: 'hei', consortiumId: consortium.id })).id;
  const other = (await createOrganisation(t, { kind: 'hei', consortiumId: consortium.id })).id;
  economist = await createUser(t, [{ organisationId: hei, roles: ['economist'] }]);
  economist2 = await createUser(t, [{ organisationId: hei, roles: ['economist'] }]);
  admin = await createUser(t, [{ organisationId: hei, roles: ['admin'] }]);
  coordinator = await createUser(t, [{ organisationId: hei, roles: ['coordinator'] }]);
  teacher = await createUser(t, [{ organisationId: hei, roles: ['teacher'] }]);
  otherEconomist = await createUser(t, [{ organisationId: other, roles: ['economist'] }]);
  customer = await createUser(t, [
    { organisationId: (await createOrganisation(t, { kind: 'customer' })).id, roles: ['customer_contact'] },
  ]);
});
afterAll(() => t.close());

describe('cost configuration', () => {
  let first: { id: string; revision: number };

  it('is drafted by an economist, in effect only once approved; until then nothing can be calculated', async () => {
    const missing = await t.request('POST', url(configs), {
      cookie: economist.cookie,
      body: { effectiveFrom: '2026-01-01' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([
      { field: 'body.config', message: 'is required for the first version (there is none to copy)' },
    ]);

    const created = await t.request('POST', url(configs), {
      cookie: economist.cookie,
      body: { effectiveFrom: '2026-01-01', config, note: 'Budget 2026' },
    });
    expect(created.statusCode, created.body).toBe(201);
    first = created.json();
    expect(created.json()).toMatchObject({
      version: 1,
      status: 'draft',
      inEffect: false,
      effectiveFrom: '2026-01-01',
      revision: 1,
      note: 'Budget 2026',
      createdBy: { id: economist.id },
      approvedBy: null,
    });

    const none = await calculateAs(coordinator, { design });
    expect(none.statusCode).toBe(409);
    expect(none.json()).toMatchObject({ code: 'no_cost_config' });
    expect(none.json().detail).toMatch(/No approved cost configuration is in effect/);

    const approved = await t.request('POST', url(`${configs}/${first.id}/approve`), {
      cookie: economist.cookie,
      body: { revision: 1 },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      inEffect: true,
      approvedBy: { id: economist.id },
    });
  });

  it('calculates full cost with the version in effect, line by line, and for other group sizes', async () => {
    const response = await calculateAs(coordinator, { design, groupSizes: [12, 25] });
    expect(response.statusCode, response.body).toBe(200);
    const c = response.json();
    expect(c.config).toMatchObject({ id: first.id, version: 1 });
    expect(
      Object.fromEntries(c.lines.map((l: { code: string; amountOre: number }) => [l.code, l.amountOre])),
    ).toMatchObject({
      teaching: 3_169_600,
      development: 1_273_500,
      direct_total: 6_043_100,
      premises: 533_172,
      indirect_costs: 1_555_085,
      administration: 900_000,
      total_cost: 9_031_357,
      vat: 0,
      price: 9_031_357,
    });
    expect(c.pricePerParticipantOre).toBe(451_600);
    expect(c.hourlyCosts).toEqual([
      { category: 'lecturer', label: 'Lektor', hourlyCostOre: 63_675 },
      { category: 'professor', label: 'Professor', hourlyCostOre: 77_825 },
    ]);
    expect(c.sensitivity).toEqual([
      { participants: 12, priceOre: 8_471_357, pricePerParticipantOre: 706_000 },
      { participants: 25, priceOre: 9_381_357, pricePerParticipantOre: 375_300 },
    ]);
  });

  it('keeps an approved version as it is: a change is a new version, in effect from its date once approved', async () => {
    const frozen = await t.request('PATCH', url(`${configs}/${first.id}`), {
      cookie: economist.cookie,
      body: { revision: 2, note: 'Ändrad' },
    });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().detail).toMatch(/Version 1 is approved and does not change/);

    // Next year's version: a copy of the latest with a higher OH rate.
    const created = await t.request('POST', url(configs), {
      cookie: admin.cookie,
      body: { effectiveFrom: '2099-01-01' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const next = created.json();
    expect(next).toMatchObject({ version: 2, status: 'draft', config });
    const changed = await t.request('PATCH', url(`${configs}/${next.id}`), {
      cookie: economist.cookie,
      body: { revision: 1, config: { ...config, indirectCostBp: 4_000 } },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ revision: 2, config: { indirectCostBp: 4_000 } });
    // an admin drafts, only an economist approves
    const byAdmin = await t.request('POST', url(`${configs}/${next.id}/approve`), {
      cookie: admin.cookie,
      body: { revision: 2 },
    });
    expect(byAdmin.statusCode).toBe(403);
    const approved = await t.request('POST', url(`${configs}/${next.id}/approve`), {
      cookie: economist.cookie,
      body: { revision: 2 },
    });
    expect(approved.statusCode).toBe(200);

    // Today the first version still applies; from 2099 the second.
    const now = (await calculateAs(coordinator, { design })).json();
    expect(now.config.version).toBe(1);
    const later = (await calculateAs(coordinator, { design, date: '2099-06-01' })).json();
    expect(later.config.version).toBe(2);
    expect(later.totalCostOre).toBeGreaterThan(now.totalCostOre);
    const list = (await t.request('GET', url(configs), { cookie: coordinator.cookie })).json();
    expect(list.versions.map((v: { version: number; inEffect: boolean }) => [v.version, v.inEffect])).toEqual(
      [
        [2, false],
        [1, true],
      ],
    );
    expect(stockholmDate(new Date()) < '2099-01-01').toBe(true);
  });

  it('refuses the second of two people saving the same draft, and keeps the first one’s change', async () => {
    const draft = (
      await t.request('POST', url(configs), {
        cookie: economist.cookie,
        body: { effectiveFrom: '2100-01-01' },
      })
    ).json();
    const mine = await t.request('PATCH', url(`${configs}/${draft.id}`), {
      cookie: economist.cookie,
      body: { revision: draft.revision, note: 'Första ändringen' },
    });
    expect(mine.statusCode).toBe(200);
    const theirs = await t.request('PATCH', url(`${configs}/${draft.id}`), {
      cookie: economist2.cookie,
      body: { revision: draft.revision, note: 'Andra ändringen' },
    });
    expect(theirs.statusCode).toBe(409);
    expect(theirs.json().code).toBe('edit_conflict');
    expect(theirs.json().detail).toMatch(/changed version 3 .* after you opened it/);
    const kept = (
      await t.request('GET', url(`${configs}/${draft.id}`), { cookie: economist2.cookie })
    ).json();
    expect(kept).toMatchObject({ note: 'Första ändringen', revision: 2 });
    // approving what one has not seen is refused the same way
    const stale = await t.request('POST', url(`${configs}/${draft.id}/approve`), {
      cookie: economist2.cookie,
      body: { revision: 1 },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('names the field of bad input, and loses nothing saved', async () => {
    const bad = await t.request('POST', url(configs), {
      cookie: economist.cookie,
      body: {
        effectiveFrom: '2026-13-01',
        config: {
          ...config,
          staff: [config.staff[0], { ...config.staff[0], hourlySalaryOre: -5 }],
          premises: { kind: 'per_room' },
          vat: { applies: true, rateBp: 25_000 },
        },
      },
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'body.effectiveFrom',
        'body.config.staff.1.hourlySalaryOre',
        'body.config.premises.kind',
        'body.config.vat.rateBp',
      ]),
    );
    const unknown = await calculateAs(coordinator, {
      design: { ...design, teaching: [{ category: 'guest', hours: 2 }] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      { field: 'body.design.teaching.0.category', message: 'has no hourly cost: "guest"' },
    ]);
    const list = (await t.request('GET', url(configs), { cookie: economist.cookie })).json();
    expect(list.versions).toHaveLength(3);
  });

  it('is the HEI’s own: coordinators and managers read, teachers and other HEIs do not', async () => {
    expect((await t.request('GET', url(configs), { cookie: teacher.cookie })).statusCode).toBe(403);
    expect((await calculateAs(teacher, { design })).statusCode).toBe(403);
    expect(
      (
        await t.request('POST', url(configs), {
          cookie: coordinator.cookie,
          body: { effectiveFrom: '2101-01-01' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.request('GET', url(configs), { cookie: otherEconomist.cookie })).statusCode).toBe(404);
    expect((await calculateAs(otherEconomist, { design })).statusCode).toBe(404);
    expect((await t.request('GET', url(configs), { cookie: customer.cookie })).statusCode).toBe(404);
    expect((await t.request('GET', url(configs))).statusCode).toBe(401);
  });
});
