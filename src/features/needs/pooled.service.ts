import { sql } from 'drizzle-orm';
import { uuidArray } from '../../db/arrays.ts';
import type { Db } from '../../db/client.ts';
import { type FigureWindow, inWindow } from '../../db/figure-window.ts';

/**
 * Needs analyses summed across HEIs, for the consortium's pooled analysis: counts and sums per competence
 * and per occupation, never an analysis, a customer or a text. Of each analysis only the version that was the
 * latest at the period's end counts, and where several analyses of one customer name the same competence (two
 * HEIs, or two parts of the organisation) the most recently changed one stands for that customer, so nobody is
 * counted twice.
 */
export type PooledFilter = {
  heiIds: string[];
  window: FigureWindow;
  county: string | null;
  /** Only these customer organisations (those of a sector); null: every one. */
  customerIds: string[] | null;
};

/** The first instant of the calendar year (Swedish time) after the one an analysis (`a`) was last changed in. */
const endOfYearChanged = sql`((date_trunc('year', a.updated_at at time zone 'Europe/Stockholm') + interval '1 year')
  at time zone 'Europe/Stockholm')`;

/**
 * The HEIs' analyses changed in the period, of customers in the county: of each analysis, the version that was the
 * latest when the period ended. A version made later does not take the one before it out of an earlier period: a
 * customer's analysis of 2025, revised as a new version in 2026, counts in 2025 as it was and in 2026 as revised.
 * `eachYear` (the trend): the version that was the latest at the end of the calendar year it was last changed in.
 */
const latestAnalyses = (f: PooledFilter, eachYear = false) => {
  const periodEnd = sql`${f.window.until.toISOString()}::timestamptz`;
  const replacedBefore = eachYear ? sql`least(${periodEnd}, ${endOfYearChanged})` : periodEnd;
  return sql`
  select a.id, a.customer_id, a.updated_at
  from needs_analysis a
  join organisation o on o.id = a.customer_id
  where a.hei_id = any(${uuidArray(f.heiIds)})
    and not exists (
      select 1 from needs_analysis newer where newer.previous_id = a.id and newer.created_at < ${replacedBefore})
    and ${inWindow(sql`a.updated_at`, f.window)}
    ${f.county ? sql`and o.county = ${f.county}` : sql``}
    ${f.customerIds ? sql`and a.customer_id = any(${uuidArray(f.customerIds)})` : sql``}`;
};

/** The customer organisations whose analyses the filter pools (to learn their sectors). */
export async function pooledCustomerIds(db: Db, f: PooledFilter): Promise<string[]> {
  if (!f.heiIds.length) return [];
  const { rows } = await db.execute<{ customer_id: string }>(sql`
    with latest as (${latestAnalyses(f)}) select distinct customer_id from latest`);
  return rows.map((r) => r.customer_id);
}

/** The calendar year (Swedish time) an analysis of `latest` (as `l`) was last changed. */
const yearChanged = sql`extract(year from l.updated_at at time zone 'Europe/Stockholm')::int`;

/**
 * For each customer and competence — in each year the analyses were last changed, `byYear` — the most recently
 * changed of the latest analyses naming it (`latest` above): the one that stands for the customer.
 */
const chosenAnalysisOfEachCompetence = (byYear = false) => sql`
  select distinct on (${byYear ? sql`${yearChanged}, ` : sql``}l.customer_id, n.concept_id)
    ${byYear ? sql`${yearChanged} as year, ` : sql``}l.customer_id, n.concept_id, l.id as analysis_id, l.updated_at
  from latest l join competence_need n on n.analysis_id = l.id
  where n.concept_id is not null
  order by ${byYear ? sql`${yearChanged}, ` : sql``}l.customer_id, n.concept_id, l.updated_at desc, l.id`;

export type PooledCompetence = {
  conceptId: string;
  organisations: number;
  people: number;
  meanGap: number;
  peopleByHorizon: { now: number; '1y': number; '3y': number; '5y': number };
  /**
   * People by the calendar year (Swedish time) their need is due by — the analysis's year plus its horizon — for
   * each of the years asked for, those due earlier counted in the first: a need "within 3 years" in an analysis
   * last changed in 2025 is due by 2028. Horizons of analyses made in different years only add up this way.
   */
  peopleByDueYear: { year: number; people: number }[];
};

/** The calendar years to sum the needs due by: from the first (earlier ones counted in it), so many. */
export type DueYears = { first: number; count: number };

/** The calendar year a chosen need (`c` its analysis, `n` the need) is due by. */
const dueYear = sql`(extract(year from c.updated_at at time zone 'Europe/Stockholm')::int
  + case n.horizon when '1y' then 1 when '3y' then 3 when '5y' then 5 else 0 end)`;

/** Per competence (taxonomy concept): organisations, people, the gap weighted by people, people by horizon. */
export async function pooledCompetences(db: Db, f: PooledFilter, due: DueYears) {
  if (!f.heiIds.length)
    return { analyses: 0, organisations: 0, freeTextNeeds: 0, competences: [] as PooledCompetence[] };
  const { rows: totals } = await db.execute<{
    analyses: number;
    organisations: number;
    free_text: number;
  }>(sql`
    with latest as (${latestAnalyses(f)})
    select count(*)::int as analyses, count(distinct customer_id)::int as organisations,
      (select count(*) from competence_need n
        where n.analysis_id in (select id from latest) and n.concept_id is null)::int as free_text
    from latest`);
  const { rows } = await db.execute<{
    concept_id: string;
    organisations: number;
    people: number;
    gap_people: number;
    now: number;
    y1: number;
    y3: number;
    y5: number;
    due: number[];
  }>(sql`
    with latest as (${latestAnalyses(f)}),
    chosen as (${chosenAnalysisOfEachCompetence()})
    select n.concept_id,
      count(distinct n.customer_id)::int as organisations,
      sum(n.people)::int as people,
      sum(greatest(n.required_level - n.current_level, 0) * n.people)::float8 as gap_people,
      coalesce(sum(n.people) filter (where n.horizon = 'now'), 0)::int as now,
      coalesce(sum(n.people) filter (where n.horizon = '1y'), 0)::int as y1,
      coalesce(sum(n.people) filter (where n.horizon = '3y'), 0)::int as y3,
      coalesce(sum(n.people) filter (where n.horizon = '5y'), 0)::int as y5,
      array[${sql.join(
        Array.from(
          { length: due.count },
          (_, i) =>
            sql`coalesce(sum(n.people) filter (where n.due ${i ? sql`=` : sql`<=`} ${due.first + i}), 0)::int`,
        ),
        sql`, `,
      )}] as due
    from (
      select c.concept_id, c.customer_id, n.people, n.required_level, n.current_level, n.horizon, ${dueYear} as due
      from chosen c
      join competence_need n on n.analysis_id = c.analysis_id and n.concept_id = c.concept_id
    ) n
    group by n.concept_id`);
  return {
    analyses: totals[0]?.analyses ?? 0,
    organisations: totals[0]?.organisations ?? 0,
    // needs written in free text name no concept: they cannot be summed, but the reader learns how many
    freeTextNeeds: totals[0]?.free_text ?? 0,
    competences: rows.map(
      (r): PooledCompetence => ({
        conceptId: r.concept_id,
        organisations: r.organisations,
        people: r.people,
        meanGap: r.people ? r.gap_people / r.people : 0,
        peopleByHorizon: { now: r.now, '1y': r.y1, '3y': r.y3, '5y': r.y5 },
        peopleByDueYear: r.due.map((people, i) => ({ year: due.first + i, people })),
      }),
    ),
  };
}

/**
 * The sums of `pooledCompetences` for each calendar year (Swedish time) of the filter's window, in one pass: for
 * each year, the analyses last changed in it, and per competence the organisations and people — with the same
 * rules (the versions latest at the end of the year; each customer once per competence, the most recently changed
 * analysis standing for it).
 */
export async function pooledCompetencesByYear(db: Db, f: PooledFilter) {
  const years = new Map<
    number,
    {
      analyses: number;
      organisations: number;
      competences: Map<string, { organisations: number; people: number }>;
    }
  >();
  if (!f.heiIds.length) return years;
  const { rows: totals } = await db.execute<{ year: number; analyses: number; organisations: number }>(sql`
    with latest as (${latestAnalyses(f, true)})
    select ${yearChanged} as year, count(*)::int as analyses, count(distinct l.customer_id)::int as organisations
    from latest l group by 1`);
  for (const t of totals)
    years.set(t.year, { analyses: t.analyses, organisations: t.organisations, competences: new Map() });
  const { rows } = await db.execute<{
    year: number;
    concept_id: string;
    organisations: number;
    people: number;
  }>(sql`
    with latest as (${latestAnalyses(f, true)}),
    chosen as (${chosenAnalysisOfEachCompetence(true)})
    select c.year, c.concept_id, count(distinct c.customer_id)::int as organisations, sum(n.people)::int as people
    from chosen c
    join competence_need n on n.analysis_id = c.analysis_id and n.concept_id = c.concept_id
    group by c.year, c.concept_id`);
  for (const r of rows)
    years.get(r.year)?.competences.set(r.concept_id, { organisations: r.organisations, people: r.people });
  return years;
}

export type PooledOccupation = {
  conceptId: string;
  organisations: number;
  headcountNow: number;
  headcountHorizon: number;
};

/** Per occupation of the analysed roles: organisations, headcount now and at the horizon. */
export async function pooledOccupations(db: Db, f: PooledFilter): Promise<PooledOccupation[]> {
  if (!f.heiIds.length) return [];
  const { rows } = await db.execute<{
    concept_id: string;
    organisations: number;
    now: number;
    horizon: number;
  }>(sql`
    with latest as (${latestAnalyses(f)}),
    chosen as (
      select distinct on (l.customer_id, r.occupation_concept_id)
        l.customer_id, r.occupation_concept_id as concept_id, l.id as analysis_id
      from latest l join analysis_role r on r.analysis_id = l.id
      where r.occupation_concept_id is not null
      order by l.customer_id, r.occupation_concept_id, l.updated_at desc, l.id
    )
    select c.concept_id,
      count(distinct c.customer_id)::int as organisations,
      sum(r.headcount_now)::int as now,
      sum(r.headcount_horizon)::int as horizon
    from chosen c
    join analysis_role r on r.analysis_id = c.analysis_id and r.occupation_concept_id = c.concept_id
    group by c.concept_id`);
  return rows.map((r) => ({
    conceptId: r.concept_id,
    organisations: r.organisations,
    headcountNow: r.now,
    headcountHorizon: r.horizon,
  }));
}

/**
 * Each need's competence and customer, of customers in the county (needs without a concept are left out):
 * to pool unmet-demand findings by competence.
 */
export async function conceptsAndCustomersOfNeeds(db: Db, needIds: string[], county: string | null) {
  if (!needIds.length) return [];
  const { rows } = await db.execute<{ concept_id: string; customer_id: string }>(sql`
    select n.concept_id, a.customer_id
    from competence_need n
    join needs_analysis a on a.id = n.analysis_id
    join organisation o on o.id = a.customer_id
    where n.id = any(${uuidArray(needIds)}) and n.concept_id is not null
      ${county ? sql`and o.county = ${county}` : sql``}`);
  return rows.map((r) => ({ conceptId: r.concept_id, customerId: r.customer_id }));
}
