// `npm run bench:matching-scaled [-- --pg <url>] [-- --courses 20000] [-- --limits 100000,300,170,120]`
// Ranking quality at 20 000 courses, where the dev set's labels do not reach: the dev catalogue scaled as
// `npm run bench:matching` scales it, on a throw-away server database, each dev need ranked with each limit
// of postings read per term and language (bench/tune-rank.ts's POSTINGS_PER_TERM; 100000 reads them all).
// A generated course is judged by the label of the labelled course whose title, subjects and outcomes it
// copies (its description is another course's): nDCG@10 and precision@10 (grade ≥ 1) by those labels, and
// the overlap of the top 10 with reading every posting. Decision 0004, "Fifth pass".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { courseExternalIds } from '../src/features/catalog/catalog.service.ts';
import { withScaledCatalogue } from './scaled-catalogue.ts';
import { P, rankCourses } from './tune-rank.ts';

const { values } = parseArgs({
  options: { pg: { type: 'string' }, courses: { type: 'string' }, limits: { type: 'string' } },
});
const url = values.pg ?? process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const size = Number(values.courses ?? 20_000);
const limits = (values.limits ?? '100000,300,170,120').split(',').map(Number);
const dir = path.resolve(import.meta.dirname, '../../shared/datasets/matching-dev');
const read = <T>(file: string): T => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as T;
const needs = read<{ needs: { id: string; text: string }[] }>('needs.json').needs;
const gold = read<Record<string, Record<string, number>>>('gold.json');
const labelled = needs.filter((n) => Object.keys(gold[n.id] ?? {}).length);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor((p / 100) * (xs.length - 1))] ?? 0;

/** nDCG@10 by the copied labels; the ideal has as many copies of each relevant course as the catalogue. */
function ndcg(ranked: string[], grades: Record<string, number>, copies: number) {
  const dcg = (gains: number[]) => gains.reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = Object.values(grades)
    .flatMap((g) => Array<number>(copies).fill(g))
    .sort((a, b) => b - a)
    .slice(0, 10);
  return dcg(ranked.slice(0, 10).map((id) => grades[id] ?? 0)) / dcg(ideal);
}

const ran = await withScaledCatalogue(url, dir, size, async (database, { heiIds, copiedFrom }) => {
  const externalIds = await courseExternalIds(database.db, heiIds);
  const copies = Math.floor(size / 220);
  const rankAll = async (limit: number) => {
    P.POSTINGS_PER_TERM = limit;
    const out = new Map<string, { top: string[]; ms: number }>();
    for (const need of labelled) {
      const t0 = performance.now();
      const ranking = await rankCourses(database.db, { text: need.text, scope: heiIds, top: 10 });
      const ms = performance.now() - t0;
      out.set(need.id, { top: ranking.results.map((r) => externalIds.get(r.courseId) ?? r.courseId), ms });
    }
    return out;
  };
  await rankAll(limits[0] ?? 300); // warm-up
  const all = await rankAll(100_000);
  console.log(`${size} courses, ${labelled.length} labelled dev needs; labels of the copied course`);
  for (const limit of limits) {
    const run = await rankAll(limit);
    const rows = labelled.map((n) => {
      const top = run.get(n.id)?.top ?? [];
      const grades = gold[n.id] ?? {};
      const copied = top.map(copiedFrom);
      const exact = new Set(all.get(n.id)?.top ?? []);
      return {
        ndcg: ndcg(copied, grades, copies),
        p10: copied.filter((id) => (grades[id] ?? 0) >= 1).length / 10,
        overlap: top.filter((id) => exact.has(id)).length / 10,
      };
    });
    const ms = [...run.values()].map((r) => r.ms);
    console.log(
      `  ${String(limit).padStart(6)} postings a term: nDCG@10 ${mean(rows.map((r) => r.ndcg)).toFixed(3)}, P@10 ${mean(rows.map((r) => r.p10)).toFixed(3)}, top 10 shared with reading all ${mean(rows.map((r) => r.overlap)).toFixed(2)}, p50 ${pct(ms, 50).toFixed(1)} ms, p95 ${pct(ms, 95).toFixed(1)} ms`,
    );
  }
});
if (!ran) console.log(`no PostgreSQL server answers at ${url}`);
