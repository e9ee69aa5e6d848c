// `npx tsx bench/matching-latency-ab.ts [--pg <url>] [--courses 20000] [--a k=v,k=v] [--b k=v,k=v]`
// A/B latency of two parameter sets of bench/tune-rank.ts on one loaded catalogue (the dev catalogue scaled
// as `npm run bench:matching` scales it), each need ranked by A and B in turn (alternating which goes
// first), so both see the same machine load: on a shared machine separate runs differ by more than the
// change being measured. Prints p50/p95 of each. Default: A = before the third round, B = the feature.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { withScaledCatalogue } from './scaled-catalogue.ts';
import { P, rankCourses } from './tune-rank.ts';

const { values } = parseArgs({
  options: {
    pg: { type: 'string' },
    courses: { type: 'string' },
    a: { type: 'string' },
    b: { type: 'string' },
  },
});
const url = values.pg ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const size = Number(values.courses ?? 20_000);
const dir = path.resolve(import.meta.dirname, '../../shared/datasets/matching-dev');
const read = <T>(file: string): T => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as T;
const needs = read<{ needs: { id: string; text: string }[] }>('needs.json').needs;
const parse = (s: string | undefined, fallback: Partial<typeof P>) =>
  s
    ? (Object.fromEntries(s.split(',').map((kv) => [kv.split('=')[0], Number(kv.split('=')[1])])) as Partial<
        typeof P
      >)
    : fallback;
const variants = { A: parse(values.a, { TIEBREAK: 0, LENDERS2: 0 }), B: parse(values.b, {}) };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const ran = await withScaledCatalogue(url, dir, size, async (database, { heiIds }) => {
  const defaults = { ...P };
  const time = async (v: 'A' | 'B', text: string) => {
    Object.assign(P, defaults, variants[v]);
    const t0 = performance.now();
    await rankCourses(database.db, { text, scope: heiIds, top: 10 });
    return performance.now() - t0;
  };
  for (const need of needs.slice(0, 10)) for (const v of ['A', 'B'] as const) await time(v, need.text); // warm-up
  const ms = { A: [] as number[], B: [] as number[] };
  for (const [i, need] of needs.entries())
    for (const v of i % 2 ? (['B', 'A'] as const) : (['A', 'B'] as const))
      ms[v].push(await time(v, need.text));
  for (const v of ['A', 'B'] as const)
    console.log(
      `${v} ${JSON.stringify(variants[v])}: ${size} courses, p50 ${pct(ms[v], 50).toFixed(1)} ms, p95 ${pct(ms[v], 95).toFixed(1)} ms, max ${Math.max(...ms[v]).toFixed(1)} ms`,
    );
});
if (!ran) console.log(`no PostgreSQL server answers at ${url}`);
