// `npm run bench:guide`: how fast the public process guide answers — pages, an HEI's version of a page,
// search and template files — through the whole HTTP stack (Fastify inject, no network). Runs on embedded
// PGlite, or on the PostgreSQL at DATABASE_URL (an HEI's version asks the database for its adaptations).
// Prints median and 95th percentile per request; it asserts nothing — read the figures.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { withCheckDigit } from '../src/features/tenancy/org-number.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 200);

const database = await openDatabase(
  process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {},
);
await runMigrations(database.pool);
const [{ id: consortiumId }] = (
  await database.db.execute<{ id: string }>(
    sql`insert into consortium (slug, name) values ('bench-' || gen_random_uuid(), 'Bench') returning id`,
  )
).rows as [{ id: string }];
const [{ id: heiId }] = (
  await database.db.execute<{ id: string }>(
    sql`insert into organisation (kind, name, org_number, consortium_id) values ('hei', 'Benchhögskolan', ${withCheckDigit(String(202000000 + Math.floor(Math.random() * 99999)))}, ${consortiumId}) returning id`,
  )
).rows as [{ id: string }];

const config = loadConfig({
  NODE_ENV: 'test',
  PUBLIC_URL: 'http://localhost:3000',
  AUTH_SECRET: 'bench-secret-that-is-long-enough-for-better-auth',
  LUPP_PERSONAL_DATA_KEY: randomBytes(32).toString('base64'),
  LOG_LEVEL: 'silent',
  LUPP_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lupp-bench-')),
});
let t0 = performance.now();
const { app } = await buildApp({ config, database, logger: false });
await app.ready();
console.log(
  `App with the guide loaded and rendered in ${(performance.now() - t0).toFixed(0)} ms (${database.kind})`,
);

async function measure(label: string, url: string) {
  const first = performance.now();
  const cold = await app.inject({ method: 'GET', url });
  const coldMs = performance.now() - first;
  if (cold.statusCode !== 200) throw new Error(`${url}: ${cold.statusCode}`);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t0 = performance.now();
    await app.inject({ method: 'GET', url });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(2);
  console.log(
    `${label.padEnd(44)} first ${coldMs.toFixed(1).padStart(7)} ms   p50 ${at(0.5).padStart(6)} ms   p95 ${at(0.95).padStart(6)} ms   ${(cold.rawPayload.length / 1024).toFixed(0)} kB`,
  );
}

await measure('start page /guide', '/guide');
await measure('stage page /guide/stage-design', '/guide/stage-design');
await measure('English page /en/guide/full-cost', '/en/guide/full-cost');
await measure("an HEI's version of a page", `/guide/l/${heiId}/stage-design`);
await measure(
  'search "full kostnadstäckning"',
  `/guide/sok?q=${encodeURIComponent('full kostnadstäckning')}`,
);
await measure('search with a typo "behovsanalyss"', `/guide/sok?q=${encodeURIComponent('behovsanalyss')}`);
await measure('English search "participants"', '/en/guide/search?q=participants');
await measure('template as DOCX', '/guide/mallar/calculation.docx');
await measure('template as PDF', '/guide/mallar/calculation.pdf');
await app.close();
await database.close();
