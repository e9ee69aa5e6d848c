// `npm run bench:cases`: how fast the coordinators' case list, search and board are with 100 000 cases.
// Runs on embedded PGlite, or on the PostgreSQL at DATABASE_URL (use an empty database: it adds data).
// Prints median and 95th percentile per query; it asserts nothing — read the figures.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { type CaseListFilter, caseBoard, listCases } from '../src/features/cases/cases.service.ts';
import { withCheckDigit } from '../src/features/tenancy/org-number.ts';
import type { Actor } from '../src/features/tenancy/tenancy.service.ts';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

const database = await openDatabase(
  process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {},
);
const { db } = database;
await runMigrations(database.pool);

const [{ id: consortiumId }] = (
  await db.execute<{ id: string }>(
    sql`insert into consortium (slug, name) values ('bench-' || gen_random_uuid(), 'Bench') returning id`,
  )
).rows as [{ id: string }];
const hei = (
  await db.execute<{ id: string }>(
    sql`insert into organisation (kind, name, org_number, consortium_id) values ('hei', 'Benchhögskolan', ${withCheckDigit(String(202000000 + Math.floor(Math.random() * 99999)))}, ${consortiumId}) returning id`,
  )
).rows[0] as { id: string };
const customer = (
  await db.execute<{ id: string }>(
    sql`insert into organisation (kind, name, org_number) values ('customer', 'Benchkunden AB', ${withCheckDigit(String(556000000 + Math.floor(Math.random() * 99999)))}) returning id`,
  )
).rows[0] as { id: string };
const userId = 'bench-user';
await db.execute(
  sql`insert into auth_user (id, name, email) values (${userId}, 'Bench', ${`bench-${Date.now()}@example.se`}) on conflict do nothing`,
);
const membershipId = (
  await db.execute<{ id: string }>(
    sql`insert into membership (user_id, organisation_id, roles) values (${userId}, ${hei.id}, '{coordinator}') on conflict (user_id, organisation_id) do update set roles = excluded.roles returning id`,
  )
).rows[0] as { id: string };

console.log(`Seeding ${CASES} cases (${database.kind} database)…`);
let t0 = performance.now();
const batch = 10_000;
for (let offset = 0; offset < CASES; offset += batch) {
  await db.execute(sql`
    insert into "case" (hei_id, customer_id, customer_name, reference, title, need_text, sector, stage, outcome, owner_user_id, notes_text, updated_at)
    select ${hei.id}, ${customer.id},
      (array['Stålverket AB','Norrviks kommun','Region Mittland','Gruvteknik AB','Skogsbolaget','Vårdcentralen Norr'])[1 + n % 6] || ' ' || n,
      'BENCH-' || ${Date.now()} || '-' || n,
      (array['Ledarskap','Svetsteknik','Vätgas','Demensvård','Informationssäkerhet','Lean produktion','Machine learning','Project management'])[1 + n % 8] || ' för ' || (array['chefer','tekniker','undersköterskor','ingenjörer'])[1 + n % 4],
      'Behov av ' || (array['ledarskapsutbildning','svetsteknik','vätgasteknik','demensvård','NIS2 och informationssäkerhet','lean production','maskininlärning','agile project management'])[1 + (n / 7)::int % 8] || ' för ' || (n % 50 + 5) || ' medarbetare.',
      (array['public','private','non_profit'])[1 + n % 3],
      (array['inquiry','qualification','dialogue','design','costing','agreement','delivery','evaluation','closed'])[1 + n % 9],
      case when n % 9 = 8 then 'won' end,
      case when n % 4 = 0 then ${userId} end,
      case when n % 10 = 0 then 'Möte om vibrationsanalys och underhåll' else '' end,
      now() - (n || ' minutes')::interval
    from generate_series(${offset + 1}::int, ${Math.min(offset + batch, CASES)}::int) as n`);
}
await db.execute(sql`analyze "case"`);
console.log(`Seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const actor: Actor = {
  userId,
  email: 'bench@example.se',
  name: 'Bench',
  locale: 'sv',
  notificationEmail: 'each',
  sessionId: 'bench',
  activeMembershipId: membershipId.id,
  memberships: [
    {
      id: membershipId.id,
      scope: 'organisation',
      tenant: { id: hei.id, name: 'Benchhögskolan', kind: 'hei' },
      roles: ['coordinator'],
    },
  ],
};
const base: CaseListFilter = { sort: 'updated', order: 'desc', page: 1, pageSize: 50 };
const scenarios: [string, () => Promise<unknown>][] = [
  ['list, newest first, page 1', () => listCases(db, actor, base)],
  ['list, page 1000', () => listCases(db, actor, { ...base, page: 1000 })],
  ['filter stage = design', () => listCases(db, actor, { ...base, stage: 'design' })],
  [
    'filter owner = me, sector = private',
    () => listCases(db, actor, { ...base, owner: 'me', sector: 'private' }),
  ],
  ['sort by customer', () => listCases(db, actor, { ...base, sort: 'customer', order: 'asc' })],
  ['search "svetsteknik" (Swedish)', () => listCases(db, actor, { ...base, q: 'svetsteknik' })],
  ['search "project management" (English)', () => listCases(db, actor, { ...base, q: 'project management' })],
  ['search notes "vibrationsanalys"', () => listCases(db, actor, { ...base, q: 'vibrationsanalys' })],
  ['overdue tasks filter', () => listCases(db, actor, { ...base, overdue: true })],
  ['kanban board', () => caseBoard(db, actor)],
];

console.log(`\n${'query'.padEnd(42)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(10)}`);
for (const [name, run] of scenarios) {
  await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]?.toFixed(1);
  console.log(`${name.padEnd(42)} ${String(at(0.5)).padStart(10)} ${String(at(0.95)).padStart(10)}`);
}
await database.close();
