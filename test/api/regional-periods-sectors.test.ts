import { and, eq, gt, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseFile } from '../../src/features/cases/cases.table.ts';
import { courseEvaluation } from '../../src/features/evaluation/evaluation.table.ts';
import { inquiry } from '../../src/features/inquiries/inquiries.table.ts';
import { competenceNeed, needsAnalysis } from '../../src/features/needs/needs.table.ts';
import { seedDemoTaxonomy } from '../../src/features/taxonomy/demo-taxonomy.ts';
import { taxonomyConcept } from '../../src/features/taxonomy/taxonomy.table.ts';
import { withCheckDigit } from '../../src/features/tenancy/org-number.ts';
import { stockholmDate } from '../../src/shared/stockholm-days.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import {
  createConsortium,
  createOrganisation,
  createUser,
  evaluatedCourse,
  inquiryInput,
  orgNumber,
  type TestUser,
} from '../support/factories.ts';

/**
 * The pooled regional analysis narrowed to a calendar year (a region's annual report) and to the customers'
 * sector (public, private, non-profit), with the anonymity threshold holding in each view.
 */
let t: TestApp;
let alliance: { id: string; slug: string };
let hei: string;
let analyst: TestUser;
let coordinator: TestUser;
let welding = '';
const customer: Record<string, string> = {};
const analysisOf: Record<string, string> = {};

// two years back: never inside the last twelve months, whatever day the tests run
const thisYear = Number(stockholmDate(new Date()).slice(0, 4));
const pastYear = String(thisYear - 2);
const yearAfter = String(thisYear - 1);

/** A new organisation number of this group (2: public body, 5: limited company, 8: non-profit association). */
const numberOfGroup = (group: '2' | '5' | '8') => withCheckDigit(`${group}${orgNumber().slice(1, 9)}`);

const read = (query: string) =>
  t.request('GET', `/api/regional-analysis${query}`, { cookie: analyst.cookie });

async function weldingAnalysis(name: string) {
  const created = await t.request('POST', '/api/analyses', {
    cookie: coordinator.cookie,
    body: { customerId: customer[name], title: `Behov hos ${name}` },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const need = await t.request('POST', `/api/analyses/${id}/needs`, {
    cookie: coordinator.cookie,
    body: { conceptId: welding, requiredLevel: 4, currentLevel: 2, importance: 2, people: 5, horizon: 'now' },
  });
  expect(need.statusCode, need.body).toBe(201);
  analysisOf[name] = id;
}

const postInquiry = (overrides: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: `/api/public/consortia/${alliance.slug}/inquiries`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(inquiryInput(overrides)),
  });

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoTaxonomy(t.db);
  const [concept] = await t.db
    .select()
    .from(taxonomyConcept)
    .where(eq(taxonomyConcept.labelSv, 'Svetsteknik'));
  welding = concept?.id ?? '';
  alliance = await createConsortium(t);
  hei = (await createOrganisation(t, { kind: 'hei', consortiumId: alliance.id })).id;
  const admin = await createUser(t, [{ organisationId: hei, roles: ['admin'] }]);
  coordinator = await createUser(t, [{ organisationId: hei, roles: ['coordinator'] }]);
  analyst = await createUser(t, [{ consortiumId: alliance.id, roles: ['analyst'] }]);
  const on = await t.request('PUT', '/api/regional-analysis/contribution', {
    cookie: admin.cookie,
    body: { contributes: true },
  });
  expect(on.statusCode, on.body).toBe(200);

  // three municipalities (public bodies), a municipal company (a limited company, its case says public),
  // two companies and an association
  for (const [name, group] of [
    ['Kommun 1', '2'],
    ['Kommun 2', '2'],
    ['Kommun 3', '2'],
    ['Kommunens bolag', '5'],
    ['Bolag 1', '5'],
    ['Bolag 2', '5'],
    ['Förening', '8'],
  ] as const)
    customer[name] = (
      await createOrganisation(t, { kind: 'customer', name, orgNumber: numberOfGroup(group) })
    ).id;
  for (const name of Object.keys(customer)) await weldingAnalysis(name);
  await t.db.insert(caseFile).values({
    heiId: hei,
    customerId: customer['Kommunens bolag'] as string,
    customerName: 'Kommunens bolag',
    reference: `UE-SEKTOR-${orgNumber().slice(3, 9)}`,
    title: 'Svetsning',
    needText: 'Svetsning för kommunens bolag.',
    sector: 'public',
  });
});
afterAll(() => t.close());

describe('the pooled analysis by sector', () => {
  it("counts the customers of the sector: by their latest case's sector, else by their organisation number", async () => {
    const all = (await read('')).json();
    expect(all).toMatchObject({ sector: null, organisations: 7 });
    expect(all.competences[0]).toMatchObject({ concept: { id: welding }, organisations: 7, people: 35 });

    const publicSector = await read('?sector=public');
    expect(publicSector.statusCode, publicSector.body).toBe(200);
    // the three municipalities and the municipal company, which its case records as public
    expect(publicSector.json()).toMatchObject({ sector: 'public', analyses: 4, organisations: 4 });
    expect(publicSector.json().competences).toEqual([
      expect.objectContaining({ organisations: 4, people: 20 }),
    ]);

    // two companies: below the threshold, hidden and counted
    const privateSector = (await read('?sector=private')).json();
    expect(privateSector).toMatchObject({ organisations: 2, competences: [], hiddenCompetences: 1 });
    expect((await read('?sector=non_profit')).json()).toMatchObject({ organisations: 1, competences: [] });
    expect((await read('?sector=church')).statusCode).toBe(400);
  });

  it('counts the inquiries stating the sector, and the evaluations of customers in it', async () => {
    for (const sector of ['public', 'public', 'private', 'non_profit'])
      expect((await postInquiry({ sector })).statusCode).toBe(201);
    expect((await read('')).json().inquiries.total).toBe(4);
    const publicInquiries = (await read('?sector=public')).json().inquiries;
    expect(publicInquiries).toMatchObject({ total: 2, bySector: { public: 2, private: 0, non_profit: 0 } });

    for (const name of ['Kommun 1', 'Kommun 2', 'Kommun 3', 'Bolag 1'])
      await evaluatedCourse(t.db, hei, customer[name] as string, '52', [4, 4, 4, 4, 4]);
    expect((await read('')).json().evaluations.all).toMatchObject({ evaluations: 4, organisations: 4 });
    expect((await read('?sector=public')).json().evaluations.all).toMatchObject({
      evaluations: 3,
      organisations: 3,
    });
    expect((await read('?sector=private')).json().evaluations.all).toBeNull(); // one organisation
  });
});

describe('the pooled analysis of a calendar year', () => {
  it('counts what falls in the year, in Swedish time, and says which days it covers', async () => {
    // four of the analyses were last changed in the past year; one on its last evening, Swedish time
    const inPastYear = ['Kommun 1', 'Kommun 2', 'Kommun 3'].map((name) => analysisOf[name] as string);
    await t.db
      .update(needsAnalysis)
      .set({ updatedAt: new Date(`${pastYear}-06-01T10:00:00Z`) })
      .where(inArray(needsAnalysis.id, inPastYear));
    await t.db
      .update(needsAnalysis)
      .set({ updatedAt: new Date(`${pastYear}-12-31T22:30:00Z`) }) // 23:30 in Stockholm
      .where(eq(needsAnalysis.id, analysisOf['Kommunens bolag'] as string));
    // …and one in the first half hour of the year after, Swedish time (still the past year in UTC)
    await t.db
      .update(needsAnalysis)
      .set({ updatedAt: new Date(`${pastYear}-12-31T23:30:00Z`) })
      .where(eq(needsAnalysis.id, analysisOf['Bolag 1'] as string));
    // Kommun 1's need was for within five years: made two years ago, it is due three years from now
    await t.db
      .update(competenceNeed)
      .set({ horizon: '5y' })
      .where(eq(competenceNeed.analysisId, analysisOf['Kommun 1'] as string));
    const [first] = await t.db.select().from(inquiry).where(eq(inquiry.consortiumId, alliance.id)).limit(1);
    await t.db
      .update(inquiry)
      .set({ createdAt: new Date(`${pastYear}-03-10T09:00:00Z`) })
      .where(eq(inquiry.id, first?.id ?? ''));
    await t.db.update(courseEvaluation).set({ createdAt: new Date(`${pastYear}-09-01T09:00:00Z`) });

    const response = await read(`?period=${pastYear}`);
    expect(response.statusCode, response.body).toBe(200);
    const year = response.json();
    expect(year).toMatchObject({
      period: pastYear,
      since: `${pastYear}-01-01`,
      until: `${pastYear}-12-31`,
      analyses: 4,
      organisations: 4,
    });
    expect(year.competences).toEqual([expect.objectContaining({ organisations: 4 })]);
    // the year's needs by when they are due, from this year's point of view: those due already count now
    expect(year.competences[0].peopleByYear).toEqual(
      [15, 0, 0, 5, 0, 0].map((people, i) => ({ year: thisYear + i, people })),
    );
    expect(year.inquiries.total).toBe(1);
    expect(year.inquiries.byMonth.map((m: { key: string }) => m.key)).toEqual(
      Array.from({ length: 12 }, (_, i) => `${pastYear}-${String(i + 1).padStart(2, '0')}`),
    );
    expect(year.inquiries.byMonth[2]).toEqual({ key: `${pastYear}-03`, count: 1 });
    expect(year.evaluations.all).toMatchObject({ evaluations: 4 });

    // the year after holds the one changed after midnight; the last twelve months none of them
    expect((await read(`?period=${yearAfter}`)).json()).toMatchObject({
      since: `${yearAfter}-01-01`,
      until: `${yearAfter}-12-31`,
      analyses: 1,
    });
    const recent = (await read('?period=12m')).json();
    expect(recent).toMatchObject({ analyses: 2, until: stockholmDate(new Date()) });
    expect(recent.inquiries.total).toBe(3);
    expect(recent.evaluations.all).toBeNull();

    // a year and a sector together: the year's public customers
    expect((await read(`?period=${pastYear}&sector=public`)).json()).toMatchObject({ organisations: 4 });
    // this year runs to today; a year ahead, or before 2000, is refused
    expect((await read(`?period=${thisYear}`)).json().until).toBe(stockholmDate(new Date()));
    expect((await read(`?period=${thisYear + 1}`)).statusCode).toBe(400);
    expect((await read('?period=1999')).statusCode).toBe(400);
  });

  it('names the year, its last day and the sector in the workbook', async () => {
    const response = await t.request(
      'GET',
      `/api/regional-analysis/export?period=${pastYear}&sector=public&format=xlsx&lang=en`,
      { cookie: analyst.cookie },
    );
    expect(response.statusCode, response.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const about = new Map(
      (workbook.getWorksheet('Sources')?.getSheetValues() ?? []).flatMap((row) =>
        Array.isArray(row) ? [[row[1], row[2]]] : [],
      ),
    );
    expect(about.get('Period')).toBe(pastYear);
    expect(about.get('From')).toBe(`${pastYear}-01-01`);
    expect(about.get('To')).toBe(`${pastYear}-12-31`);
    expect(about.get("Sector (the customer's)")).toBe('Public sector');
    expect(about.get('Customer organisations pooled')).toBe(4);
    // the competences' people by the year their need is due by
    const due = (workbook.getWorksheet('When the needs are to be met')?.getSheetValues() ?? []).flatMap(
      (row) => (Array.isArray(row) ? [row.slice(1)] : []),
    );
    expect(due).toEqual([
      [
        'Competence',
        `Now (${thisYear}, and years passed)`,
        ...[1, 2, 3, 4, 5].map((i) => String(thisYear + i)),
      ],
      ['Welding technology', 15, 0, 0, 5, 0, 0],
    ]);
  });
});

describe('the pooled analysis year by year', () => {
  it('follows the last five calendar years, each figure of a competence from three organisations that year', async () => {
    // an inquiry that came half an hour into the new year, Swedish time (still the old year in UTC)
    const [late] = await t.db
      .select()
      .from(inquiry)
      .where(and(eq(inquiry.consortiumId, alliance.id), gt(inquiry.createdAt, new Date(`${thisYear}-01-01`))))
      .limit(1);
    await t.db
      .update(inquiry)
      .set({ createdAt: new Date(`${pastYear}-12-31T23:30:00Z`) })
      .where(eq(inquiry.id, late?.id ?? ''));
    const response = await t.request('GET', '/api/regional-analysis/trend', { cookie: analyst.cookie });
    expect(response.statusCode, response.body).toBe(200);
    const trend = response.json();
    const years = [4, 3, 2, 1, 0].map((back) => thisYear - back);
    expect(trend).toMatchObject({ years, county: null, sector: null, minOrganisations: 3 });
    // the analyses moved to two years back (four), the one just after that new year, the two left this year
    expect(trend.byYear).toEqual(
      years.map((year) => ({
        year,
        inquiries: { [pastYear]: 1, [yearAfter]: 1, [thisYear]: 2 }[year] ?? 0,
        analyses: { [pastYear]: 4, [yearAfter]: 1, [thisYear]: 2 }[year] ?? 0,
        organisations: { [pastYear]: 4, [yearAfter]: 1, [thisYear]: 2 }[year] ?? 0,
      })),
    );
    // welding: seven organisations over the years; only two years back had three or more of them
    expect(trend.competences).toEqual([
      {
        concept: { id: welding, label: { sv: 'Svetsteknik', en: 'Welding technology' } },
        organisations: 7,
        byYear: years.map((year) =>
          year === Number(pastYear)
            ? { year, organisations: 4, people: 20 }
            : { year, organisations: null, people: null },
        ),
      },
    ]);

    // the workbook has it on a sheet of its own, the hidden years as a dash
    const file = await t.request('GET', '/api/regional-analysis/export?format=xlsx', {
      cookie: analyst.cookie,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const rows = (workbook.getWorksheet('År för år')?.getSheetValues() ?? []).flatMap((row) =>
      Array.isArray(row) ? [row.slice(1)] : [],
    );
    expect(rows[0]).toEqual(['', ...years.map(String)]);
    expect(rows).toContainEqual([
      'Behovsanalyser',
      ...trend.byYear.map((y: { analyses: number }) => y.analyses),
    ]);
    expect(rows.at(-1)).toEqual(['Svetsteknik', '–', '–', 20, '–', '–']);

    // the sector narrows it as it does the analysis
    const publicTrend = (
      await t.request('GET', '/api/regional-analysis/trend?sector=public', { cookie: analyst.cookie })
    ).json();
    expect(publicTrend.byYear.map((y: { analyses: number }) => y.analyses)).toEqual([0, 0, 4, 0, 0]);
    expect(publicTrend.competences[0].organisations).toBe(4);
    const privateTrend = (
      await t.request('GET', '/api/regional-analysis/trend?sector=private', { cookie: analyst.cookie })
    ).json();
    expect(privateTrend.competences).toEqual([]); // two companies over the years
    // the period is the trend's own; bad input is refused; customers read none
    expect(
      (await t.request('GET', '/api/regional-analysis/trend?county=Atlantis', { cookie: analyst.cookie }))
        .statusCode,
    ).toBe(400);
    const contact = await createUser(t, [
      { organisationId: customer['Bolag 1'] as string, roles: ['customer_contact'] },
    ]);
    expect(
      (await t.request('GET', '/api/regional-analysis/trend', { cookie: contact.cookie })).statusCode,
    ).toBe(403);
  });
});

describe('a new version of an analysis', () => {
  // Kommun 2's analysis was last changed two years back (above); its coordinator revises it as a new version now.
  it('leaves the earlier version in the years it was the latest, and counts the customer once today', async () => {
    const before = (await read(`?period=${pastYear}`)).json();
    const trendBefore = (
      await t.request('GET', '/api/regional-analysis/trend', { cookie: analyst.cookie })
    ).json();
    const allBefore = (await read('?period=all')).json();
    const revised = await t.request('POST', `/api/analyses/${analysisOf['Kommun 2']}/versions`, {
      cookie: coordinator.cookie,
    });
    expect(revised.statusCode, revised.body).toBe(201);
    const [need] = await t.db
      .select()
      .from(competenceNeed)
      .where(eq(competenceNeed.analysisId, revised.json().id));
    const revisedNeed = await t.request('PUT', `/api/analyses/${revised.json().id}/needs/${need?.id}`, {
      cookie: coordinator.cookie,
      body: {
        conceptId: welding,
        requiredLevel: 4,
        currentLevel: 3,
        importance: 2,
        people: 9,
        horizon: 'now',
      },
    });
    expect(revisedNeed.statusCode, revisedNeed.body).toBe(200);

    // two years back reads as it did: the version of then, with its five people
    const after = (await read(`?period=${pastYear}`)).json();
    expect(after).toMatchObject({ analyses: before.analyses, organisations: before.organisations });
    expect(after.competences).toEqual(before.competences);
    // year by year: the earlier version in its year, the new one in this year
    const trend = (await t.request('GET', '/api/regional-analysis/trend', { cookie: analyst.cookie })).json();
    const analysesIn = (of: { byYear: { year: number; analyses: number }[] }, year: number) =>
      of.byYear.find((y) => y.year === year)?.analyses;
    expect(analysesIn(trend, Number(pastYear))).toBe(analysesIn(trendBefore, Number(pastYear)));
    expect(analysesIn(trend, thisYear)).toBe((analysesIn(trendBefore, thisYear) ?? 0) + 1);
    // all time: the customer once, as revised
    expect((await read('?period=all')).json()).toMatchObject({
      analyses: allBefore.analyses,
      organisations: allBefore.organisations,
    });
    const welded = (await read('?period=all')).json().competences[0];
    expect(welded.people).toBe(allBefore.competences[0].people - 5 + 9);
  });
});
