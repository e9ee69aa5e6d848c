import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/features/audit/audit.table.ts';
import { course, courseConcept } from '../../src/features/catalog/catalog.table.ts';
import { inquiry } from '../../src/features/inquiries/inquiries.table.ts';
import { seedDemoTaxonomy } from '../../src/features/taxonomy/demo-taxonomy.ts';
import { taxonomyConcept } from '../../src/features/taxonomy/taxonomy.table.ts';
import { periodStart } from '../../src/shared/periods.ts';
import { stockholmDate } from '../../src/shared/stockholm-days.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import {
  createConsortium,
  createOrganisation,
  createUser,
  evaluatedCourse,
  importCourses,
  inquiryInput,
  orgNumber,
  type TestUser,
} from '../support/factories.ts';

let t: TestApp;
let alliance: { id: string; slug: string };
let heiA: string; // contributes
let heiB: string; // does not
let adminA: TestUser;
let coordA: TestUser;
let coordB: TestUser;
let adminB: TestUser;
let teacherB: TestUser;
let analyst: TestUser;
let otherAnalyst: TestUser;
let customerContact: TestUser;
const concepts: Record<string, string> = {};

const customers: Record<string, string> = {};
const thisYear = Number(stockholmDate(new Date()).slice(0, 4));

async function analysisFor(
  user: TestUser,
  customer: string,
  needs: Record<string, unknown>[],
  role?: unknown,
) {
  const created = await t.request('POST', '/api/analyses', {
    cookie: user.cookie,
    body: { customerId: customers[customer], title: `Behov hos ${customer}` },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  let roleId: string | null = null;
  if (role) {
    const withRole = await t.request('POST', `/api/analyses/${id}/roles`, {
      cookie: user.cookie,
      body: role,
    });
    expect(withRole.statusCode, withRole.body).toBe(201);
    roleId = withRole.json().roles[0].id;
  }
  const needIds: string[] = [];
  for (const need of needs) {
    const added = await t.request('POST', `/api/analyses/${id}/needs`, {
      cookie: user.cookie,
      body: { requiredLevel: 4, currentLevel: 2, importance: 2, people: 5, horizon: 'now', roleId, ...need },
    });
    expect(added.statusCode, added.body).toBe(201);
    needIds.push(added.json().needs.find((n: { id: string }) => !needIds.includes(n.id)).id);
  }
  return { id, needIds };
}

const read = (user: TestUser, query = '') =>
  t.request('GET', `/api/regional-analysis${query}`, { cookie: user.cookie });

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoTaxonomy(t.db);
  for (const label of ['Svetsteknik', 'Ledarskap', 'Svetsare och gasskärare', 'Projektledning']) {
    const [row] = await t.db.select().from(taxonomyConcept).where(eq(taxonomyConcept.labelSv, label));
    concepts[label] = row?.id ?? '';
  }
  alliance = await createConsortium(t);
  heiA = (await createOrganisation(t, { kind: 'hei', consortiumId: alliance.id, name: 'Högskolan A' })).id;
  heiB = (await createOrganisation(t, { kind: 'hei', consortiumId: alliance.id, name: 'Högskolan B' })).id;
  const elsewhere = await createConsortium(t);
  const heiC = (await createOrganisation(t, { kind: 'hei', consortiumId: elsewhere.id })).id;
  adminA = await createUser(t, [{ organisationId: heiA, roles: ['admin'] }]);
  coordA = await createUser(t, [{ organisationId: heiA, roles: ['coordinator'] }]);
  adminB = await createUser(t, [{ organisationId: heiB, roles: ['admin'] }]);
  coordB = await createUser(t, [{ organisationId: heiB, roles: ['coordinator'] }]);
  teacherB = await createUser(t, [{ organisationId: heiB, roles: ['teacher'] }]);
  analyst = await createUser(t, [{ consortiumId: alliance.id, roles: ['analyst'] }]);
  otherAnalyst = await createUser(t, [{ consortiumId: elsewhere.id, roles: ['analyst'] }]);
  await createUser(t, [{ organisationId: heiC, roles: ['admin'] }]);
  for (const [key, county] of [
    ['Verkstad 1', 'Norrbotten'],
    ['Verkstad 2', 'Norrbotten'],
    ['Verkstad 3', 'Västerbotten'],
    ['Verkstad 4', 'Norrbotten'],
    ['Kommun 5', 'Norrbotten'],
  ] as const)
    customers[key] = (await createOrganisation(t, { kind: 'customer', name: key, county })).id;
  customerContact = await createUser(t, [
    { organisationId: customers['Verkstad 1'], roles: ['customer_contact'] },
  ]);

  const welders = {
    title: 'Svetsare',
    occupationConceptId: concepts['Svetsare och gasskärare'],
    headcountNow: 10,
    headcountHorizon: 14,
  };
  const welding = (people: number, horizon = 'now') => ({ conceptId: concepts.Svetsteknik, people, horizon });
  const leadership = { conceptId: concepts.Ledarskap, people: 2, horizon: '3y' };
  // Högskolan A: welding at three workshops (the first analysed twice: a new version), leadership at two
  const first = await analysisFor(coordA, 'Verkstad 1', [welding(10), leadership], welders);
  const revised = await t.request('POST', `/api/analyses/${first.id}/versions`, { cookie: coordA.cookie });
  expect(revised.statusCode).toBe(201);
  const second = await analysisFor(coordA, 'Verkstad 2', [welding(4, '1y'), leadership], welders);
  await analysisFor(
    coordA,
    'Verkstad 3',
    [welding(6, '3y'), { freeText: 'Läsa svetsritningar', people: 3 }],
    welders,
  );
  // the same workshop analysed by Högskolan A again: the newer analysis stands for it (not counted twice)
  await analysisFor(coordA, 'Verkstad 3', [welding(8, '3y')]);
  // Högskolan B does not contribute: its leadership need at a third organisation is not pooled
  await analysisFor(coordB, 'Kommun 5', [leadership, welding(50)]);
  // a workshop's welding need with no course for it
  const unmet = await t.request('PUT', '/api/matching/unmet', {
    cookie: coordA.cookie,
    body: { subject: { kind: 'need', id: second.needIds[0] } },
  });
  expect(unmet.statusCode, unmet.body).toBe(200);

  // the consortium's catalogues: a course at Högskolan B confirmed as teaching welding, one suggested
  await importCourses(t.db, heiB, [
    {
      id: 'SV1',
      provider: 'B',
      code: 'SV1',
      title: 'Svetsteknik I',
      language: 'sv',
      credits: 7.5,
      level: 'first-cycle',
      format: 'campus',
      description: 'Svetsning.',
      learningOutcomes: [],
      subjects: [],
    },
    {
      id: 'SV2',
      provider: 'B',
      code: 'SV2',
      title: 'Svetsteknik II',
      language: 'sv',
      credits: 7.5,
      level: 'first-cycle',
      format: 'campus',
      description: 'Mer svetsning.',
      learningOutcomes: [],
      subjects: [],
    },
  ]);
  const courses = await t.db.select().from(course).where(eq(course.heiId, heiB));
  await t.db.insert(courseConcept).values(
    courses.map((c) => ({
      courseId: c.id,
      conceptId: concepts.Svetsteknik as string,
      status: c.code === 'SV1' ? ('confirmed' as const) : ('suggested' as const),
    })),
  );

  // the front door: two inquiries from Norrbotten (one answered), one from Stockholm
  for (const overrides of [
    {},
    { sector: 'public', subjectArea: '72' },
    { county: 'Stockholm', sector: 'public' },
  ])
    await t.app.inject({
      method: 'POST',
      url: `/api/public/consortia/${alliance.slug}/inquiries`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(inquiryInput({ orgNumber: orgNumber(), ...overrides })),
    });
  const [inquiry] = (await t.request('GET', '/api/inquiries', { cookie: coordA.cookie })).json().items;
  await t.request('POST', `/api/inquiries/${inquiry.id}/claim`, { cookie: coordA.cookie });
});
afterAll(() => t.close());

describe('contributing to the pooled analysis', () => {
  it('is off until an HEI administrator switches it on, and audited both ways', async () => {
    const before = (await read(coordA)).json();
    expect(before.contribution).toMatchObject({ hei: { id: heiA }, contributes: false, mayChange: false });
    expect(before.contributors).toEqual([]);
    expect(before.competences).toEqual([]);
    const put = (user: TestUser, contributes: boolean) =>
      t.request('PUT', '/api/regional-analysis/contribution', { cookie: user.cookie, body: { contributes } });
    expect((await put(coordA, true)).statusCode).toBe(403);
    expect((await put(analyst, true)).statusCode).toBe(403);
    const on = await put(adminA, true);
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toMatchObject({ contributes: true, mayChange: true });
    expect((await put(adminA, true)).statusCode).toBe(200); // again: nothing changes
    expect((await put(adminB, true)).json().contributes).toBe(true);
    expect((await put(adminB, false)).json()).toMatchObject({ contributes: false, since: null });
    const events = await t.db
      .select({ action: auditEvent.action })
      .from(auditEvent)
      .where(and(eq(auditEvent.subjectType, 'organisation'), eq(auditEvent.subjectId, heiB)));
    expect(events.map((e) => e.action).sort()).toEqual([
      'regional.contribution_started',
      'regional.contribution_stopped',
    ]);
    const bad = await t.request('PUT', '/api/regional-analysis/contribution', {
      cookie: adminA.cookie,
      body: { contributes: 'yes' },
    });
    expect(bad.statusCode).toBe(400);
    expect((await read(coordA)).json().contribution.contributes).toBe(true);
  });
});

describe('the pooled analysis', () => {
  it("sums the contributing HEIs' latest analyses by competence, each customer once", async () => {
    const response = await read(analyst);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.contributors.map((h: { name: string }) => h.name)).toEqual(['Högskolan A']);
    expect(body.notContributing.map((h: { name: string }) => h.name)).toEqual(['Högskolan B']);
    expect(body.contribution).toBeNull(); // an analyst acts for no HEI
    // Verkstad 3's reading of welding drawings is free text: not in the sums, but counted
    expect(body).toMatchObject({ analyses: 4, organisations: 3, minOrganisations: 3, freeTextNeeds: 1 });
    expect(body.competences).toEqual([
      {
        concept: { id: concepts.Svetsteknik, label: { sv: 'Svetsteknik', en: 'Welding technology' } },
        organisations: 3,
        people: 10 + 4 + 8,
        meanGap: 2,
        peopleByHorizon: { now: 10, '1y': 4, '3y': 8, '5y': 0 },
        // every analysis was made this year: a need within three years is due three years on
        peopleByYear: [10, 4, 0, 8, 0, 0].map((people, i) => ({ year: thisYear + i, people })),
        courses: 1,
        suggestedCourses: 1,
        unmetOrganisations: 1,
      },
    ]);
    // leadership: two organisations of Högskolan A (Högskolan B's third is not shared): hidden, counted
    expect(body.hiddenCompetences).toBe(1);
    expect(body.occupations).toEqual([
      {
        concept: expect.objectContaining({ id: concepts['Svetsare och gasskärare'] }),
        organisations: 3,
        headcountNow: 30,
        headcountHorizon: 42,
      },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/Verkstad|Kommun 5/);
  });

  it('counts every front-door inquiry of the consortium by status, sector, county and month', async () => {
    const { inquiries, since } = (await read(teacherB)).json();
    expect(since).toBe(periodStart('12m'));
    expect(inquiries).toMatchObject({
      total: 3,
      answered: 1,
      answeredInTime: 1,
      // the share answered in time is of the one answered: the other two are still within the target
      settled: 1,
      byStatus: { new: 2, claimed: 1, referred: 0, declined: 0 },
      bySector: { public: 2, private: 1, non_profit: 0 },
    });
    expect(inquiries.byCounty).toEqual([
      { key: 'Norrbotten', count: 2 },
      { key: 'Stockholm', count: 1 },
    ]);
    expect(inquiries.bySubjectArea).toEqual(
      expect.arrayContaining([
        { key: '52', count: 2 },
        { key: '72', count: 1 },
      ]),
    );
    expect(inquiries.byMonth).toHaveLength(12);
    expect(inquiries.byMonth.at(-1).count).toBe(3);
    // one of them is now past the target unanswered: it counts as not answered in time
    const [waiting] = await t.db.select().from(inquiry).where(eq(inquiry.status, 'new')).limit(1);
    await t.db
      .update(inquiry)
      .set({ dueAt: new Date(Date.now() - 3_600_000) })
      .where(eq(inquiry.id, waiting?.id ?? ''));
    expect((await read(teacherB)).json().inquiries).toMatchObject({ answeredInTime: 1, settled: 2 });
  });

  it('narrows to a county, and hides what fewer than three organisations there name', async () => {
    const body = (await read(analyst, '?county=Norrbotten&period=all')).json();
    expect(body).toMatchObject({ county: 'Norrbotten', since: null, organisations: 2 });
    expect(body.inquiries.total).toBe(2);
    expect(body.competences).toEqual([]);
    expect(body.hiddenCompetences).toBe(2);
    expect(body.occupations).toEqual([]);
    expect((await read(analyst, '?county=Atlantis')).statusCode).toBe(400);
    expect((await read(analyst, '?period=week')).statusCode).toBe(400);
  });

  it("is the consortium's own: another consortium's analyst reads theirs, customers none", async () => {
    const theirs = (await read(otherAnalyst)).json();
    expect(theirs.inquiries.total).toBe(0);
    expect(theirs.competences).toEqual([]);
    expect((await read(customerContact)).statusCode).toBe(403);
    expect((await t.request('GET', '/api/regional-analysis')).statusCode).toBe(401);
  });

  it('downloads the competences as CSV in Swedish or English', async () => {
    const sv = await t.request('GET', '/api/regional-analysis/export?period=all', { cookie: analyst.cookie });
    expect(sv.statusCode).toBe(200);
    expect(sv.headers['content-type']).toContain('text/csv');
    const lines = sv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain('"Kompetens";"Organisationer";"Personer"');
    expect(lines[1]).toBe('"Svetsteknik";3;22;2;10;4;8;0;1;1;1');
    const en = await t.request('GET', '/api/regional-analysis/export?lang=en', { cookie: analyst.cookie });
    expect(en.body).toContain('"Welding technology";3;22');
    expect(
      (await t.request('GET', '/api/regional-analysis/export', { cookie: customerContact.cookie }))
        .statusCode,
    ).toBe(403);
  });
  it('downloads the whole analysis as a workbook: sources, competences, occupations and inquiries', async () => {
    const shown = (
      await t.request('GET', '/api/regional-analysis?period=all', { cookie: analyst.cookie })
    ).json();
    const response = await t.request('GET', '/api/regional-analysis/export?period=all&format=xlsx', {
      cookie: analyst.cookie,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toMatch(/regional-analys-\d{4}-\d{2}-\d{2}\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Underlag',
      'Kompetenser',
      'När behoven ska vara mötta',
      'Yrken',
      'Förfrågningar',
      'Kursutvärderingar',
      'År för år',
    ]);
    const rowsOf = (name: string) =>
      (workbook.getWorksheet(name)?.getSheetValues() ?? []).flatMap((row) =>
        Array.isArray(row) ? [row.slice(1)] : [],
      );
    const about = new Map(rowsOf('Underlag').map((r) => [r[0], r[1]]));
    expect(about.get('Period')).toBe('All tid');
    expect(about.get('Län')).toBe('Alla län');
    expect(about.get('Behovsanalyser i underlaget')).toBe(shown.analyses);
    expect(about.get('Kompetenser som inte visas (för få organisationer)')).toBe(shown.hiddenCompetences);
    expect(about.get('Behov i fritext, utan kompetens ur taxonomin (ingår inte i summorna)')).toBe(1);
    // the same competences as the page (and the CSV), nothing the page hides
    expect(rowsOf('Kompetenser')[1]).toEqual(['Svetsteknik', 3, 22, 2, 10, 4, 8, 0, 1, 1, 1]);
    expect(rowsOf('Kompetenser')).toHaveLength(shown.competences.length + 1);
    expect(rowsOf('När behoven ska vara mötta')[1]).toEqual(['Svetsteknik', 10, 4, 0, 8, 0, 0]);
    expect(rowsOf('Yrken')).toHaveLength(shown.occupations.length + 1);
    const inquiries = rowsOf('Förfrågningar');
    expect(inquiries[0]).toEqual(['Förfrågningar via ingången', shown.inquiries.total]);
    expect(inquiries).toContainEqual(['Tagna', shown.inquiries.byStatus.claimed]);
    expect(inquiries).toContainEqual(['Offentlig sektor', shown.inquiries.bySector.public]);

    const en = await t.request('GET', '/api/regional-analysis/export?period=all&format=xlsx&lang=en', {
      cookie: analyst.cookie,
    });
    const english = new ExcelJS.Workbook();
    await english.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(english.worksheets.map((w) => w.name)).toEqual([
      'Sources',
      'Competences',
      'When the needs are to be met',
      'Occupations',
      'Inquiries',
      'Course evaluations',
      'Year by year',
    ]);
    expect(english.getWorksheet('Competences')?.getRow(2).getCell(1).value).toBe('Welding technology');
    expect(
      (
        await t.request('GET', '/api/regional-analysis/export?format=xlsx', {
          cookie: customerContact.cookie,
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe("the consortium's pooled course evaluations", () => {
  it("sum the contributing HEIs' evaluations with results, by subject area, each shown from three organisations", async () => {
    // Högskolan A (contributing): welding courses (SUN 52) at three workshops, one of them with too few answers;
    // a leadership course (SUN 34) at one; Högskolan B (not contributing) is left out
    await evaluatedCourse(t.db, heiA, customers['Verkstad 1'] as string, '521', [5, 5, 4, 4, 4], {
      application: 4,
      results: 3,
      again: true,
    });
    await evaluatedCourse(t.db, heiA, customers['Verkstad 2'] as string, '520', [3, 3, 3, 3, 3, 3]);
    await evaluatedCourse(t.db, heiA, customers['Verkstad 3'] as string, '52', [4, 4, 4, 4, 4], {
      application: 2,
      results: 5,
      again: false,
    });
    await evaluatedCourse(t.db, heiA, customers['Verkstad 4'] as string, '52', [1, 1, 1, 1]); // four answers: no results
    await evaluatedCourse(t.db, heiA, customers['Verkstad 4'] as string, '345', [5, 5, 5, 5, 5]);
    await evaluatedCourse(t.db, heiB, customers['Kommun 5'] as string, '52', [1, 1, 1, 1, 1]);

    const pooled = (await read(analyst)).json().evaluations;
    // 16 answers of three welding courses and 5 of the leadership course, at four workshops
    expect(pooled.all).toEqual({
      evaluations: 4,
      organisations: 4,
      answers: 21,
      satisfaction: Math.round(((5 + 5 + 4 + 4 + 4 + 18 + 20 + 25) / 21) * 10) / 10,
      gain: 2,
      recommendShare: 12 / 21,
      followUps: { answered: 2, application: 3, results: 4, againShare: 0.5 },
    });
    expect(pooled.bySubjectArea).toEqual([
      expect.objectContaining({ subjectArea: '52', evaluations: 3, organisations: 3, answers: 16 }),
    ]);
    expect(pooled.bySubjectArea[0].satisfaction).toBe(Math.round(((22 + 18 + 20) / 16) * 10) / 10);
    // the leadership course is one organisation's: not shown on its own
    expect(pooled.hiddenSubjectAreas).toBe(1);

    // in Norrbotten, three organisations: the sum is shown, but neither field (two and one organisation)
    const norrbotten = (await read(analyst, '?county=Norrbotten')).json().evaluations;
    expect(norrbotten).toEqual({
      all: expect.objectContaining({ organisations: 3 }),
      bySubjectArea: [],
      hiddenSubjectAreas: 2,
    });
    // a member HEI's people read the same sums; the comments and course names are never in them
    // the workbook holds the same, nothing more
    const response = await t.request('GET', '/api/regional-analysis/export?format=xlsx', {
      cookie: analyst.cookie,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const rows = (workbook.getWorksheet('Kursutvärderingar')?.getSheetValues() ?? []).flatMap((row) =>
      Array.isArray(row) ? [row.slice(1)] : [],
    );
    expect(rows.map((r) => r[0])).toEqual([
      'Ämnesområde',
      'Alla ämnesområden',
      'Teknik och teknisk industri',
    ]);
    expect(rows[1]).toEqual([
      'Alla ämnesområden',
      4,
      4,
      21,
      pooled.all.satisfaction,
      2,
      12 / 21,
      2,
      3,
      4,
      0.5,
    ]);
    const about = new Map(
      (workbook.getWorksheet('Underlag')?.getSheetValues() ?? []).flatMap((row) =>
        Array.isArray(row) ? [[row[1], row[2]]] : [],
      ),
    );
    expect(about.get('Ämnesområden i kursutvärderingarna som inte visas (för få organisationer)')).toBe(1);

    const asMember = (await read(coordB)).json().evaluations;
    expect(asMember).toEqual(pooled);
    expect(JSON.stringify(pooled)).not.toContain('Kursen');
  });
});
