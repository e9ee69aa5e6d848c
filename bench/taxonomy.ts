// `npm run bench:taxonomy`: concept search speed on a full-size taxonomy. Imports the real JobTech and ESCO
// files from ../shared/datasets/taxonomy, adds synthetic English skills up to ESCO's size (≈14 000 skills,
// ≈3 000 occupations), and prints median and 95th percentile per query. Runs on embedded PGlite, or on the
// PostgreSQL at DATABASE_URL (an empty database).
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { importTaxonomy, searchConcepts } from '../src/features/taxonomy/taxonomy.service.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const datasets = path.resolve(import.meta.dirname, '../../shared/datasets/taxonomy');
const database = await openDatabase(
  process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {},
);
const { db } = database;
await runMigrations(database.pool);

let t0 = performance.now();
await importTaxonomy(db, { source: 'jobtech', path: path.join(datasets, 'jobtech'), version: 'bench' });
await importTaxonomy(db, { source: 'esco', path: path.join(datasets, 'esco'), version: '1.2.0' });
const words = [
  'manage',
  'operate',
  'maintain',
  'design',
  'analyse',
  'welding',
  'hydrogen',
  'software',
  'patient',
  'safety',
  'quality',
  'logistics',
  'marketing',
  'budget',
  'network',
  'machine',
  'learning',
  'construction',
  'energy',
  'teaching',
];
await db.execute(sql`
  insert into taxonomy_concept (source, external_id, type, label_en, version)
  select 'esco', 'http://bench.example/skill/' || n,
    case when n % 5 = 0 then 'occupation' else 'skill' end,
    (array[${sql.raw(words.map((w) => `'${w}'`).join(','))}])[1 + n % 20] || ' ' || (array[${sql.raw(words.map((w) => `'${w}'`).join(','))}])[1 + (n / 20) % 20] || ' ' || n,
    '1.2.0'
  from generate_series(1, 15000) n
  on conflict do nothing`);
await db.execute(sql`analyze taxonomy_concept`);
const [total] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from taxonomy_concept`)).rows;
console.log(
  `${total?.n} concepts ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (${database.kind} database)`,
);

const queries: [string, Parameters<typeof searchConcepts>[1]][] = [
  ['"svets" (Swedish prefix)', { q: 'svets', limit: 20 }],
  ['"ledare" (stem → ledarskap)', { q: 'ledare', limit: 20 }],
  ['"säkerhet" (inside compounds)', { q: 'säkerhet', limit: 20 }],
  ['"svetsning" (five-letter prefix)', { q: 'svetsning', limit: 20 }],
  ['"machine learning" (English)', { q: 'machine learning', limit: 20 }],
  ['"project management" skills only', { q: 'project management', types: ['skill'], limit: 20 }],
  ['"py" (two letters)', { q: 'py', limit: 20 }],
];
console.log(`\n${'query'.padEnd(40)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(10)}`);
for (const [name, input] of queries) {
  await searchConcepts(db, input);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t0 = performance.now();
    await searchConcepts(db, input);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]?.toFixed(1);
  console.log(`${name.padEnd(40)} ${String(at(0.5)).padStart(10)} ${String(at(0.95)).padStart(10)}`);
}
await database.close();
