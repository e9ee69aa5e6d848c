import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type FigureWindow, figureWindow } from '../../db/figure-window.ts';
import { forbidden } from '../../server/http/problem.ts';
import { toCsv } from '../../shared/csv.ts';
import { everyMonth, recentYears } from '../../shared/periods.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { sectorsOfCustomers } from '../cases/cases.service.ts';
import { courseCountsByConcept } from '../catalog/catalog.service.ts';
import { pooledEvaluations } from '../evaluation/evaluation.service.ts';
import { inquiryCountsByYear, inquiryFigures } from '../inquiries/inquiries.service.ts';
import { unmetNeedsOfHeis } from '../matching/matching.service.ts';
import {
  conceptsAndCustomersOfNeeds,
  type PooledFilter,
  pooledCompetences,
  pooledCompetencesByYear,
  pooledCustomerIds,
  pooledOccupations,
} from '../needs/pooled.service.ts';
import { conceptsByIds } from '../taxonomy/taxonomy.service.ts';
import { type Actor, actingHei, activeMembership, myConsortium } from '../tenancy/tenancy.service.ts';
import {
  type CompetenceDemand,
  type Contribution,
  DUE_YEARS_AHEAD,
  type InquiryFigures,
  MIN_ORGANISATIONS,
  type OccupationDemand,
  type RegionalAnalysis,
  type RegionalQuery,
  type RegionalTrend,
  type RegionalTrendQuery,
  TREND_COMPETENCES,
} from './regional.contract.ts';
import { competenceHeaders, competenceRow } from './regional.export.ts';
import { regionalContribution } from './regional.table.ts';

// ------------------------------------------------------------------ who may read

/**
 * The consortium whose pooled figures the actor reads: a regional analyst's, or that of the HEI they act
 * for (anyone at a member HEI: the figures are anonymous sums). Customer contacts read none.
 */
async function readerOf(db: Db, actor: Actor) {
  const m = activeMembership(actor);
  const atHei = m?.scope === 'organisation' && m.tenant.kind === 'hei';
  const analyst = m?.scope === 'consortium' && m.roles.includes('analyst');
  if (!m || !(atHei || analyst))
    throw forbidden("The regional analysis is for the consortium's HEIs and its analysts.");
  const { consortium, heis } = await myConsortium(db, actor);
  return {
    consortium: { id: consortium.id, name: consortium.name },
    heis,
    hei: atHei ? { id: m.tenant.id, name: m.tenant.name, isAdmin: m.roles.includes('admin') } : null,
  };
}

// ------------------------------------------------------------------ contributing

async function contributions(db: Db, heiIds: string[]) {
  if (!heiIds.length) return new Map<string, Date>();
  const rows = await db
    .select()
    .from(regionalContribution)
    .where(inArray(regionalContribution.heiId, heiIds));
  return new Map(rows.map((r) => [r.heiId, r.startedAt]));
}

const contributionOf = (
  hei: { id: string; name: string; isAdmin: boolean },
  since: Date | undefined,
): Contribution => ({
  hei: { id: hei.id, name: hei.name },
  contributes: !!since,
  since: since?.toISOString() ?? null,
  mayChange: hei.isAdmin,
});

/** The HEI contributes from now (already contributing: nothing changes, nothing is returned). */
export const startContributing = (db: Pick<Db, 'insert'>, heiId: string, userId: string | null) =>
  db
    .insert(regionalContribution)
    .values({ heiId, startedBy: userId })
    .onConflictDoNothing()
    .returning({ id: regionalContribution.heiId });

/**
 * The active HEI starts or stops contributing its needs analyses and unmet-demand findings to the
 * consortium's pooled analysis (its administrators decide). Audited; doing what is already so is no error.
 */
export async function setContribution(db: Db, actor: Actor, contributes: boolean): Promise<Contribution> {
  const hei = await actingHei(db, actor, ['admin']);
  await db.transaction(async (tx) => {
    const changed = contributes
      ? await startContributing(tx, hei.id, actor.userId)
      : await tx
          .delete(regionalContribution)
          .where(eq(regionalContribution.heiId, hei.id))
          .returning({ id: regionalContribution.heiId });
    if (changed.length)
      await recordAudit(tx, {
        actor,
        organisationId: hei.id,
        action: contributes ? 'regional.contribution_started' : 'regional.contribution_stopped',
        subjectType: 'organisation',
        subjectId: hei.id,
      });
  });
  const since = (await contributions(db, [hei.id])).get(hei.id);
  return contributionOf({ id: hei.id, name: hei.name, isAdmin: true }, since);
}

// ------------------------------------------------------------------ the pooled figures

const byDemand = (a: CompetenceDemand, b: CompetenceDemand) =>
  b.organisations - a.organisations ||
  b.people - a.people ||
  (a.concept.label.sv ?? a.concept.label.en ?? '').localeCompare(
    b.concept.label.sv ?? b.concept.label.en ?? '',
  );

/**
 * The years the competences' needs are summed by when due: this one (Swedish time) — a need whose year has passed
 * is still a need, unless a newer analysis says otherwise, so it counts in this year — and DUE_YEARS_AHEAD after it.
 */
const dueYears = (today = new Date()) => ({
  first: Number(stockholmDate(today).slice(0, 4)),
  count: DUE_YEARS_AHEAD + 1,
});

/** Organisations per competence whose need a coordinator found no course for. */
async function unmetByConcept(db: Db, filter: PooledFilter) {
  const needIds = await unmetNeedsOfHeis(db, filter.heiIds, filter.window);
  const inSector = filter.customerIds && new Set(filter.customerIds);
  const customers = new Map<string, Set<string>>();
  for (const n of await conceptsAndCustomersOfNeeds(db, needIds, filter.county))
    if (!inSector || inSector.has(n.customerId))
      customers.set(n.conceptId, (customers.get(n.conceptId) ?? new Set()).add(n.customerId));
  return customers;
}

async function competenceDemand(db: Db, filter: PooledFilter, catalogueHeis: string[]) {
  const pooled = await pooledCompetences(db, filter, dueYears());
  const shown = pooled.competences.filter((c) => c.organisations >= MIN_ORGANISATIONS);
  const ids = shown.map((c) => c.conceptId);
  const [concepts, courses, unmet] = await Promise.all([
    conceptsByIds(db, ids),
    courseCountsByConcept(db, catalogueHeis, ids),
    unmetByConcept(db, filter),
  ]);
  const labels = new Map(concepts.map((c) => [c.id, c.label]));
  const competences = shown
    .map(
      (c): CompetenceDemand => ({
        concept: { id: c.conceptId, label: labels.get(c.conceptId) ?? { sv: null, en: null } },
        organisations: c.organisations,
        people: c.people,
        meanGap: Math.round(c.meanGap * 10) / 10,
        peopleByHorizon: c.peopleByHorizon,
        peopleByYear: c.peopleByDueYear,
        courses: courses.get(c.conceptId)?.confirmed ?? 0,
        suggestedCourses: courses.get(c.conceptId)?.suggested ?? 0,
        unmetOrganisations: unmet.get(c.conceptId)?.size ?? 0,
      }),
    )
    .sort(byDemand);
  return {
    analyses: pooled.analyses,
    organisations: pooled.organisations,
    freeTextNeeds: pooled.freeTextNeeds,
    competences,
    hiddenCompetences: pooled.competences.length - shown.length,
  };
}

async function occupationDemand(db: Db, filter: PooledFilter) {
  const pooled = await pooledOccupations(db, filter);
  const shown = pooled.filter((o) => o.organisations >= MIN_ORGANISATIONS);
  const labels = new Map(
    (
      await conceptsByIds(
        db,
        shown.map((o) => o.conceptId),
      )
    ).map((c) => [c.id, c.label]),
  );
  const occupations = shown
    .map(
      (o): OccupationDemand => ({
        concept: { id: o.conceptId, label: labels.get(o.conceptId) ?? { sv: null, en: null } },
        organisations: o.organisations,
        headcountNow: o.headcountNow,
        headcountHorizon: o.headcountHorizon,
      }),
    )
    .sort((a, b) => b.organisations - a.organisations || b.headcountHorizon - a.headcountHorizon);
  return { occupations, hiddenOccupations: pooled.length - shown.length };
}

/**
 * The consortium's pooled analysis for a period and county: the front door's inquiries (all of them), and
 * the competences and occupations of the contributing HEIs' needs analyses with the consortium's courses
 * that teach them — each shown only when drawn from at least MIN_ORGANISATIONS customer organisations.
 */
export async function regionalAnalysis(db: Db, actor: Actor, q: RegionalQuery): Promise<RegionalAnalysis> {
  const { reader, contributing, filter } = await scopeOf(db, actor, q, figureWindow(q.period));
  const { window } = filter;
  const inquiries = await inquiryFigures(db, {
    consortiumId: reader.consortium.id,
    window,
    county: filter.county,
    sector: q.sector ?? null,
  });
  const competences = await competenceDemand(
    db,
    filter,
    reader.heis.map((h) => h.id),
  );
  const occupations = await occupationDemand(db, filter);
  const evaluations = await pooledEvaluations(db, { ...filter, sector: q.sector ?? null }, MIN_ORGANISATIONS);
  return {
    consortium: reader.consortium,
    period: q.period,
    since: window.firstDay,
    until: window.lastDay,
    county: filter.county,
    sector: q.sector ?? null,
    minOrganisations: MIN_ORGANISATIONS,
    contributors: reader.heis.filter((h) => contributing.has(h.id)),
    notContributing: reader.heis.filter((h) => !contributing.has(h.id)),
    contribution: reader.hei ? contributionOf(reader.hei, contributing.get(reader.hei.id)) : null,
    inquiries: {
      ...inquiries,
      byMonth: everyMonth(inquiries.byMonth, window.firstDay, window.lastDay),
    } satisfies InquiryFigures,
    ...competences,
    ...occupations,
    evaluations,
  };
}

/**
 * Who reads, which HEIs contribute, and what the pooled figures cover: the period, the county and — with a
 * sector — the customer organisations in it among those the contributing HEIs' analyses are of.
 */
async function scopeOf(db: Db, actor: Actor, q: RegionalTrendQuery, window: FigureWindow) {
  const reader = await readerOf(db, actor);
  const contributing = await contributions(
    db,
    reader.heis.map((h) => h.id),
  );
  const filter: PooledFilter = {
    heiIds: [...contributing.keys()],
    window,
    county: q.county ?? null,
    customerIds: null,
  };
  if (q.sector) {
    const sectors = await sectorsOfCustomers(db, await pooledCustomerIds(db, filter));
    filter.customerIds = [...sectors].filter(([, sector]) => sector === q.sector).map(([id]) => id);
  }
  return { reader, contributing, filter };
}

/**
 * The pooled figures of the last five calendar years, year by year, for the county and sector: the inquiries, the
 * analyses and organisations, and the competences most organisations named over those years — each year's
 * figure for a competence only when drawn from at least MIN_ORGANISATIONS organisations that year.
 */
export async function regionalTrend(db: Db, actor: Actor, q: RegionalTrendQuery): Promise<RegionalTrend> {
  const years = recentYears().reverse();
  const windows = years.map((year) => figureWindow(year));
  const first = windows[0] as FigureWindow;
  const last = windows.at(-1) as FigureWindow;
  const span: FigureWindow = { ...first, until: last.until, lastDay: last.lastDay };
  const { reader, filter } = await scopeOf(db, actor, q, span);
  const overall = (await pooledCompetences(db, filter, dueYears())).competences
    .filter((c) => c.organisations >= MIN_ORGANISATIONS)
    .sort((a, b) => b.organisations - a.organisations || b.people - a.people)
    .slice(0, TREND_COMPETENCES);
  const inquiries = await inquiryCountsByYear(db, {
    consortiumId: reader.consortium.id,
    window: span,
    county: filter.county,
    sector: q.sector ?? null,
  });
  const pooledByYear = await pooledCompetencesByYear(db, filter);
  const empty = { analyses: 0, organisations: 0, competences: new Map<string, never>() };
  const perYear = years.map((year) => pooledByYear.get(Number(year)) ?? empty);
  const labels = new Map(
    (
      await conceptsByIds(
        db,
        overall.map((c) => c.conceptId),
      )
    ).map((c) => [c.id, c.label]),
  );
  return {
    years: years.map(Number),
    county: filter.county,
    sector: q.sector ?? null,
    minOrganisations: MIN_ORGANISATIONS,
    byYear: perYear.map((pooled, i) => ({
      year: Number(years[i]),
      inquiries: inquiries.get(Number(years[i])) ?? 0,
      analyses: pooled.analyses,
      organisations: pooled.organisations,
    })),
    competences: overall.map((c) => ({
      concept: { id: c.conceptId, label: labels.get(c.conceptId) ?? { sv: null, en: null } },
      organisations: c.organisations,
      byYear: perYear.map((pooled, i) => {
        const that = pooled.competences.get(c.conceptId);
        const shown = that && that.organisations >= MIN_ORGANISATIONS;
        return {
          year: Number(years[i]),
          organisations: shown ? that.organisations : null,
          people: shown ? that.people : null,
        };
      }),
    })),
  };
}

/** The pooled competences as CSV (semicolons, decimal comma in Swedish): for a regional report. */
export async function regionalCsv(db: Db, actor: Actor, q: RegionalQuery, language: 'sv' | 'en') {
  // the competences only: the inquiries and occupations are not in the file
  const { reader, filter } = await scopeOf(db, actor, q, figureWindow(q.period));
  const { competences } = await competenceDemand(
    db,
    filter,
    reader.heis.map((h) => h.id),
  );
  return toCsv(
    [competenceHeaders[language], ...competences.map((c) => competenceRow(c, language))],
    language === 'sv',
  );
}
