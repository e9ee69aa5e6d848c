// `npm run bench:regional`: how fast the consortium's pooled analysis (Analys) is with a large consortium —
// by default 5 HEIs, 3 000 customer organisations, 10 000 needs analyses (a fifth with an older version) of
// 8 needs and 2 roles each, 300 competences, 60 occupations, 5 000 tagged courses and 30 000 inquiries.
// Runs on embedded PGlite, or on the PostgreSQL at DATABASE_URL (use an empty database: it adds data).
// Prints median and 95th percentile per request; it asserts nothing — read the figures.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { regionalAnalysis, regionalTrend } from '../src/features/regional/regional.service.ts';
import type { Actor } from '../src/features/tenancy/tenancy.service.ts';
import { stockholmDate } from '../src/shared/stockholm-days.ts';

const ANALYSES = Number(process.env.BENCH_ANALYSES ?? 10_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 3_000);
const INQUIRIES = Number(process.env.BENCH_INQUIRIES ?? 30_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const run = `${Date.now()}`;

const database = await openDatabase(
  process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {},
);
const { db } = database;
await runMigrations(database.pool);

const one = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
  (await db.execute<T>(query)).rows[0] as T;
const counties = sql`(array['Norrbotten','Västerbotten','Västernorrland','Jämtland','Gävleborg'])`;

console.log(`Seeding (${database.kind} database)…`);
let t0 = performance.now();
const { id: consortiumId } = await one<{ id: string }>(
  sql`insert into consortium (slug, name) values (${`bench-${run}`}, 'Bench') returning id`,
);
// organisation numbers: made up, unique per run (the column is unique; no check digit is checked here)
const prefix = run.slice(-5);
await db.execute(sql`
  insert into organisation (kind, name, org_number, consortium_id)
  select 'hei', 'Benchhögskolan ' || n, '1' || ${prefix} || lpad(n::text, 4, '0'), ${consortiumId}::uuid
  from generate_series(1, 5) n`);
await db.execute(sql`
  insert into regional_contribution (hei_id)
  select id from organisation where consortium_id = ${consortiumId}::uuid`);
await db.execute(sql`
  insert into organisation (kind, name, org_number, county)
  select 'customer', 'Benchkund ' || n,
    -- a third of them public bodies (group 2), for the sector filter
    case when n % 3 = 0 then '2' else '5' end || ${prefix} || lpad(n::text, 4, '0'), ${counties}[1 + n % 5]
  from generate_series(1, ${CUSTOMERS}::int) n`);
await db.execute(sql`
  insert into taxonomy_concept (source, external_id, type, label_sv, label_en, version)
  select 'demo', ${`bench-${run}-`} || n, case when n <= 300 then 'skill' else 'occupation' end,
    'Kompetens ' || n, 'Competence ' || n, 'bench'
  from generate_series(1, 360) n`);
// analyses: customers in turn, HEIs in turn, changed over the last three years
await db.execute(sql`
  with heis as (select id, row_number() over (order by name) as i from organisation where consortium_id = ${consortiumId}::uuid),
  customers as (select id, row_number() over (order by name) as i from organisation where name like 'Benchkund %' and substr(org_number, 2) like ${`${prefix}%`}),
  a as (select n from generate_series(1, ${ANALYSES}::int) n)
  insert into needs_analysis (hei_id, customer_id, title, updated_at)
  select heis.id, customers.id, 'Benchanalys ' || a.n, now() - ((a.n % 1000) || ' days')::interval
  from a
  join heis on heis.i = 1 + a.n % 5
  join customers on customers.i = 1 + a.n % ${CUSTOMERS}::int`);
// a fifth of them have a newer version (the older one must not count)
await db.execute(sql`
  insert into needs_analysis (hei_id, customer_id, title, version, previous_id, updated_at)
  select hei_id, customer_id, title, 2, id, updated_at + interval '1 day'
  from needs_analysis where title like 'Benchanalys %' and (substring(title from 13))::int % 5 = 0`);
const concepts = sql`(select array_agg(id order by external_id) from taxonomy_concept where external_id like ${`bench-${run}-%`} and type = 'skill')`;
const occupations = sql`(select array_agg(id order by external_id) from taxonomy_concept where external_id like ${`bench-${run}-%`} and type = 'occupation')`;
await db.execute(sql`
  with c as (select ${concepts} as ids), o as (select ${occupations} as ids)
  insert into analysis_role (analysis_id, title, occupation_concept_id, headcount_now, headcount_horizon)
  select a.id, 'Roll ' || r, o.ids[1 + (abs(hashtext(a.id::text)) + r) % 60], 5 + r * 3, 6 + r * 2
  from needs_analysis a, generate_series(1, 2) r, o
  where a.title like 'Benchanalys %'`);
await db.execute(sql`
  with c as (select ${concepts} as ids)
  insert into competence_need (analysis_id, concept_id, required_level, current_level, importance, people, horizon)
  select a.id, c.ids[1 + ((abs(hashtext(a.id::text)) % 300) + k * 37) % 300], 4, 1 + k % 3, 1 + k % 3,
    1 + (k * 7) % 20, (array['now','1y','3y','5y'])[1 + k % 4]
  from needs_analysis a, generate_series(1, 8) k, c
  where a.title like 'Benchanalys %'`);
await db.execute(sql`
  with heis as (select id, row_number() over (order by name) as i from organisation where consortium_id = ${consortiumId}::uuid)
  insert into course (hei_id, code, title_sv)
  select heis.id, 'B' || n, 'Benchkurs ' || n
  from generate_series(1, 5000) n join heis on heis.i = 1 + n % 5`);
await db.execute(sql`
  with c as (select ${concepts} as ids)
  insert into course_concept (course_id, concept_id, status)
  select course.id, c.ids[1 + (abs(hashtext(course.id::text)) % 300)],
    case when abs(hashtext(course.code)) % 3 = 0 then 'confirmed' else 'suggested' end
  from course join organisation o on o.id = course.hei_id, c
  where o.consortium_id = ${consortiumId}::uuid`);
await db.execute(sql`
  insert into inquiry (consortium_id, reference, follow_token_hash, status, organisation_name, org_number, sector,
    municipality, county, need_text, subject_area, purpose, participants_work_for_buyer, participants, format,
    language, budget_range, locale, consent_at, sender_hash, due_at, first_response_at, created_at, contact_erased_at, referred_to_hei_id)
  select ${consortiumId}::uuid, ${`B${prefix}-`} || n, ${`bench-${run}-`} || n,
    (array['new','claimed','referred','declined'])[1 + n % 4], 'Benchkund ' || n, '5560000000',
    (array['public','private','non_profit'])[1 + n % 3], 'Ort', ${counties}[1 + n % 5], 'Behov',
    (array['52','72','34',null])[1 + n % 4], 'staff_training', true, 10, 'campus', 'sv', 'unknown', 'sv', now(),
    'x', now() - ((n % 1000) || ' days')::interval + interval '2 days',
    case when n % 4 > 0 then now() - ((n % 1000) || ' days')::interval + interval '1 day' end,
    now() - ((n % 1000) || ' days')::interval, now(),
    case when n % 4 = 2 then (select id from organisation where consortium_id = ${consortiumId}::uuid limit 1) end
  from generate_series(1, ${INQUIRIES}::int) n`);
await db.execute(sql`analyze`);
console.log(`Seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const userId = `bench-analyst-${run}`;
await db.execute(
  sql`insert into auth_user (id, name, email) values (${userId}, 'Bench', ${`bench-${run}@example.se`})`,
);
const { id: membershipId } = await one<{ id: string }>(
  sql`insert into membership (user_id, consortium_id, roles) values (${userId}, ${consortiumId}::uuid, '{analyst}') returning id`,
);
const actor: Actor = {
  userId,
  email: 'bench@example.se',
  name: 'Bench',
  locale: 'sv',
  notificationEmail: 'each',
  sessionId: 'bench',
  activeMembershipId: membershipId,
  memberships: [
    {
      id: membershipId,
      scope: 'consortium',
      tenant: { id: consortiumId, name: 'Bench', kind: 'consortium' },
      roles: ['analyst'],
    },
  ],
};

const lastYear = `${Number(stockholmDate(new Date()).slice(0, 4)) - 1}` as const;

const scenarios: [string, () => Promise<{ competences: unknown[]; analyses: number }>][] = [
  ['last 12 months, all counties', () => regionalAnalysis(db, actor, { period: '12m' })],
  ['last 3 years, all counties', () => regionalAnalysis(db, actor, { period: '36m' })],
  ['all time, one county', () => regionalAnalysis(db, actor, { period: 'all', county: 'Jämtland' })],
  ['last year, all counties', () => regionalAnalysis(db, actor, { period: lastYear })],
  ['last 3 years, public sector', () => regionalAnalysis(db, actor, { period: '36m', sector: 'public' })],
  [
    'five years side by side',
    async () => {
      const trend = await regionalTrend(db, actor, {});
      return { competences: trend.competences, analyses: trend.byYear.reduce((n, y) => n + y.analyses, 0) };
    },
  ],
];

console.log(
  `\n${'request'.padEnd(34)} ${'analyses'.padStart(9)} ${'shown'.padStart(6)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(8)}`,
);
for (const [name, request] of scenarios) {
  const warm = await request();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t0 = performance.now();
    await request();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]?.toFixed(1);
  console.log(
    `${name.padEnd(34)} ${String(warm.analyses).padStart(9)} ${String(warm.competences.length).padStart(6)} ${String(at(0.5)).padStart(10)} ${String(at(0.95)).padStart(8)}`,
  );
}
await database.close();
