// `npm run bench:matching [-- --set <dir>] [-- --pg <url>] [-- --courses 20000] [-- --skip-latency]
//   [-- --skip-quality] [-- --skip-embedded]`
// Without --set: quality on the dev set and on bench/sets/heldout-a; latency on the first set's catalogue.
// Issue 5's measurement of matching. Quality: runs `lupp match --json` (the CLI, on a throw-away embedded
// database) on a labelled set (default ../shared/datasets/matching-dev: catalog.json, needs.json, gold.json)
// and prints recall@5 (grade ≥ 1), nDCG@10 (gain 2^grade − 1) and MRR, overall and per need language, and the
// "no good match" flags: the share of the needs with no relevant course that are flagged, and the share of
// the others wrongly flagged. Latency: the same needs ranked against a catalogue scaled to 20 000 generated
// courses, p50/p95 per query, and how long a rebuild of the neighbours holds other queries up, on embedded
// PGlite and on a PostgreSQL server (BENCH_PG_URL or --pg; default
// postgres://postgres@127.0.0.1:5432/postgres; skipped with a note when none answers).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { Db } from '../src/db/client.ts';
import { matchNeeds } from '../src/features/matching/matching.batch.ts';
import { rebuildNeighbours } from '../src/features/matching/matching.index.ts';
import { withScaledCatalogue } from './scaled-catalogue.ts';

type Need = { id: string; language: string; text: string };
type Result = { id: string; results: { courseId: string; score: number }[]; noGoodMatch: boolean };

const { values } = parseArgs({
  options: {
    set: { type: 'string' },
    pg: { type: 'string' },
    courses: { type: 'string' },
    'skip-latency': { type: 'boolean' },
    'skip-quality': { type: 'boolean' },
    'skip-embedded': { type: 'boolean' },
  },
});
const root = path.resolve(import.meta.dirname, '..');
const devSet = path.join(root, '../shared/datasets/matching-dev');
// the dev set, and Lupp's own held-out set (another catalogue, written without looking at the dev set)
const qualitySets = values.set
  ? [path.resolve(values.set)]
  : [devSet, path.join(root, 'bench/sets/heldout-a')];
const readFrom = <T>(setDir: string, file: string): T =>
  JSON.parse(readFileSync(path.join(setDir, file), 'utf8')) as T;
const setDir = qualitySets[0] as string;
const read = <T>(file: string): T => readFrom<T>(setDir, file);
const needs = read<{ needs: Need[] }>('needs.json').needs;

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

function quality(setDir: string) {
  const read = <T>(file: string): T => readFrom<T>(setDir, file);
  const needs = read<{ needs: Need[] }>('needs.json').needs;
  const gold = read<Record<string, Record<string, number>>>('gold.json');
  const t0 = Date.now();
  const run = spawnSync(
    process.execPath,
    [
      path.join(root, 'bin/lupp.js'),
      'match',
      '--catalog',
      path.join(setDir, 'catalog.json'),
      '--needs',
      path.join(setDir, 'needs.json'),
      '--top',
      '10',
      '--json',
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`lupp match failed:\n${run.stderr}`);
  const results = new Map((JSON.parse(run.stdout) as Result[]).map((r) => [r.id, r]));
  console.log(
    `Quality on ${setDir} (${needs.length} needs; lupp match took ${((Date.now() - t0) / 1000).toFixed(0)} s)`,
  );

  const metrics = (need: Need) => {
    const g = gold[need.id] ?? {};
    const relevant = Object.keys(g).filter((k) => (g[k] ?? 0) >= 1);
    if (!relevant.length) return null;
    const ids = (results.get(need.id)?.results ?? []).map((r) => r.courseId);
    const recall5 = relevant.filter((r) => ids.slice(0, 5).includes(r)).length / relevant.length;
    const dcg = ids.slice(0, 10).reduce((sum, id, i) => sum + (2 ** (g[id] ?? 0) - 1) / Math.log2(i + 2), 0);
    const ideal = Object.values(g)
      .sort((a, b) => b - a)
      .slice(0, 10)
      .reduce((sum, grade, i) => sum + (2 ** grade - 1) / Math.log2(i + 2), 0);
    const first = ids.findIndex((id) => (g[id] ?? 0) >= 1);
    return { recall5, ndcg10: dcg / ideal, mrr: first >= 0 ? 1 / (first + 1) : 0 };
  };
  const row = (label: string, ns: Need[]) => {
    const ms = ns.map(metrics).filter((m) => m !== null);
    console.log(
      `  ${label.padEnd(10)} needs ${String(ms.length).padStart(3)}  recall@5 ${mean(ms.map((m) => m.recall5)).toFixed(3)}  nDCG@10 ${mean(ms.map((m) => m.ndcg10)).toFixed(3)}  MRR ${mean(ms.map((m) => m.mrr)).toFixed(3)}`,
    );
  };
  row('all', needs);
  for (const lang of [...new Set(needs.map((n) => n.language))].sort())
    row(
      lang,
      needs.filter((n) => n.language === lang),
    );
  const empty = needs.filter((n) => !Object.keys(gold[n.id] ?? {}).length);
  const covered = needs.filter((n) => Object.keys(gold[n.id] ?? {}).length);
  const flagged = (ns: Need[]) => ns.filter((n) => results.get(n.id)?.noGoodMatch).length;
  console.log(
    `  no good match: ${flagged(empty)} of ${empty.length} needs without a relevant course flagged (${((100 * flagged(empty)) / Math.max(empty.length, 1)).toFixed(0)} %), ${flagged(covered)} of ${covered.length} others wrongly flagged (${((100 * flagged(covered)) / Math.max(covered.length, 1)).toFixed(0)} %)`,
  );
  console.log('  goals: recall@5 ≥ 0.85, nDCG@10 ≥ 0.75, ≥ 80 % flagged with ≤ 10 % false flags');
}

/**
 * Rebuilds the neighbours while a query runs every 20 ms, as the app's requests would: on embedded PGlite
 * they share its one connection, so the longest wait says how long a rebuild holds everything else up.
 */
async function rebuildBesideQueries(db: Db, heiIds: string[]) {
  // how long the app's event loop was held (a request arriving then waits that long before it is even read)
  const held = monitorEventLoopDelay({ resolution: 5 });
  held.enable();
  let running = true;
  const waits: number[] = [];
  const queries = (async () => {
    while (running) {
      const started = performance.now();
      await db.execute(sql`select count(*) from match_doc`);
      waits.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const started = performance.now();
  await rebuildNeighbours(db, heiIds);
  const seconds = (performance.now() - started) / 1000;
  held.disable();
  running = false;
  await queries;
  return { seconds, longestWait: Math.max(...waits), p50: pct(waits, 50), longestHold: held.max / 1e6 };
}

async function latency(label: string, url: string | undefined, size: number) {
  const ran = await withScaledCatalogue(url, setDir, size, async (database, { heiIds, seconds }) => {
    await matchNeeds(database.db, heiIds, needs.slice(0, 10), 10); // warm-up
    const results = await matchNeeds(database.db, heiIds, needs, 10);
    const ms = results.map((r) => r.ms);
    console.log(
      `  ${label.padEnd(18)} ${size} courses (imported and indexed in ${seconds.imported.toFixed(0)} s, neighbours in ${seconds.neighbours.toFixed(0)} s): p50 ${pct(ms, 50).toFixed(1)} ms, p95 ${pct(ms, 95).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms over ${ms.length} needs`,
    );
    const rebuild = await rebuildBesideQueries(database.db, heiIds);
    console.log(
      `  ${''.padEnd(18)} a rebuild of the neighbours (as after a catalogue change) took ${rebuild.seconds.toFixed(1)} s; meanwhile a query every 20 ms waited at most ${rebuild.longestWait.toFixed(0)} ms (p50 ${rebuild.p50.toFixed(0)} ms), the event loop was held at most ${rebuild.longestHold.toFixed(0)} ms`,
    );
  });
  if (!ran) console.log(`  ${label}: skipped, no PostgreSQL server answers at ${url}`);
}

if (!values['skip-quality']) for (const set of qualitySets) quality(set);
if (!values['skip-latency']) {
  const size = Number(values.courses ?? 20_000);
  console.log(`Latency per need (top 10), goal p95 < 50 ms on server PostgreSQL`);
  if (!values['skip-embedded']) await latency('embedded PGlite', undefined, size);
  await latency(
    'server PostgreSQL',
    values.pg ?? process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    size,
  );
}
