// `npx tsx bench/matching-tune.ts [--pg <url>] [--only name,name] [--dump <file>]` (about 15 s a variant)
// Fast tuning of the matching method (issue 5, decision 0004): loads the dev set
// (../shared/datasets/matching-dev) and the held-out set (bench/sets/heldout-a) once each into a fresh
// database on a PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres; both dropped at the
// end), then ranks every need of both sets with each variant and prints recall@5 (grade ≥ 1), nDCG@10, MRR
// and the "no good match" flags per set. A variant is parameters of `bench/tune-rank.ts` (a copy of the
// feature's `rankCourses` with its constants and BM25 k1/b open to change) and, optionally, a re-ranking of
// the top 30 in TypeScript (to try re-rankings before writing them in SQL). The baseline variant is the
// feature as built, so its figures are those of `npm run bench:matching`. --dump writes every need's top 30
// (id, score, direct score, matched words, score before the cap, lent-only) and the neighbour lists as JSON.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { courseExternalIds } from '../src/features/catalog/catalog.service.ts';
import { loadCatalogFile } from '../src/features/matching/matching.batch.ts';
import { judge, needBackground, P, type Ranked, rankCourses } from './tune-rank.ts';

type Need = { id: string; language: string; text: string; sector?: string };
type Course = { id: string; title: string; language: string; subjects: string[]; provider: string };
type Gold = Record<string, Record<string, number>>;
export type Hit = Ranked & { ext: string };
export type SetData = {
  name: string;
  needs: Need[];
  gold: Gold;
  courses: Map<string, Course>;
  database: Database;
  heiIds: string[];
  ext: Map<string, string>;
  /** similarity between two courses (internal ids) from match_neighbour, 0 when not neighbours */
  neighbours: Map<string, Map<string, { sim: number; cross: boolean; rank: number }>>;
};
export type Variant = {
  name: string;
  params?: Partial<typeof P>;
  /** re-rank the top 30 (hits sorted by score) */
  rerank?: (hits: Hit[], set: SetData) => Hit[];
  /** weights of need words by how common they are across the set's needs */
  background?: (set: SetData) => Map<string, number>;
  /** the text ranked for a need (default: its text) */
  textOf?: (need: Need) => string;
  /** the employer's sector as context: each course in the top 30 gains weight × the need's best direct
   * score × its direct score for the sector text alone (share of the best such score) */
  sector?: { weight: number; textOf?: (sector: string) => string };
};

const { values } = parseArgs({
  options: { pg: { type: 'string' }, only: { type: 'string' }, dump: { type: 'string' } },
});
const url = values.pg ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = path.resolve(import.meta.dirname, '..');
const sets = [
  ['dev', path.join(root, '../shared/datasets/matching-dev')],
  ['held-out', path.join(root, 'bench/sets/heldout-a')],
] as const;

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

async function load(name: string, dir: string, admin: pg.Client, dbName: string): Promise<SetData> {
  const read = <T>(file: string): T => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as T;
  await admin.query(`create database ${dbName}`);
  const target = new URL(url);
  target.pathname = `/${dbName}`;
  const database = await openDatabase({ databaseUrl: target.toString(), poolSize: 2 });
  await runMigrations(database.pool);
  const catalog = read<{ courses: Course[] }>('catalog.json');
  const { heiIds } = await loadCatalogFile(database.db, catalog);
  await database.pool.query('vacuum analyze');
  const ext = await courseExternalIds(database.db, heiIds);
  const neighbours: SetData['neighbours'] = new Map();
  const rows = await database.pool.query<{
    a: string;
    b: string;
    sim: number;
    cross_language: boolean;
    rank: number;
  }>('select a, b, sim, cross_language, rank from match_neighbour');
  for (const r of rows.rows) {
    if (!neighbours.has(r.a)) neighbours.set(r.a, new Map());
    neighbours.get(r.a)?.set(r.b, { sim: Number(r.sim), cross: r.cross_language, rank: Number(r.rank) });
  }
  return {
    name,
    needs: read<{ needs: Need[] }>('needs.json').needs,
    gold: read<Gold>('gold.json'),
    courses: new Map(catalog.courses.map((c) => [c.id, c])),
    database,
    heiIds,
    ext: new Map([...ext].map(([k, v]) => [k, String(v)])),
    neighbours,
  };
}

async function evaluate(set: SetData, variant: Variant, dump?: Record<string, unknown>) {
  const defaults = { ...P };
  Object.assign(P, variant.params ?? {});
  needBackground.weights = variant.background?.(set) ?? new Map();
  const per: { recall5: number; ndcg10: number; mrr: number; lang: string }[] = [];
  let flaggedEmpty = 0;
  let flaggedCovered = 0;
  let empty = 0;
  try {
    for (const need of set.needs) {
      const text = variant.textOf?.(need) ?? need.text;
      const ranking = await rankCourses(set.database.db, {
        text,
        scope: set.heiIds,
        top: Number(process.env.TUNE_TOP ?? 30),
      });
      const { noGoodMatch } = judge(ranking);
      let hits: Hit[] = ranking.results.map((r) => ({ ...r, ext: set.ext.get(r.courseId) ?? r.courseId }));
      if (variant.sector && need.sector) {
        const sectorText = variant.sector.textOf?.(need.sector) ?? need.sector;
        const bySector = await rankCourses(set.database.db, {
          text: sectorText,
          scope: set.heiIds,
          top: 1000,
        });
        const most = Math.max(1e-9, ...bySector.results.map((r) => r.direct));
        const of = new Map(bySector.results.map((r) => [r.courseId, r.direct / most]));
        const best = Math.max(0, ...hits.map((h) => h.direct));
        const weight = variant.sector.weight;
        hits = hits
          .map((h) => ({ ...h, score: h.score + weight * best * (of.get(h.courseId) ?? 0) }))
          .sort((a, b) => b.score - a.score);
      }
      if (variant.rerank) hits = variant.rerank(hits, set);
      const ids = hits.slice(0, 10).map((h) => h.ext);
      const g = set.gold[need.id] ?? {};
      const relevant = Object.keys(g).filter((k) => (g[k] ?? 0) >= 1);
      if (dump)
        dump[`${set.name}/${need.id}`] = {
          ranked: hits.map((h) => [
            h.ext,
            Math.round(h.score * 100) / 100,
            Math.round(h.direct * 100) / 100,
            h.matched.join(' '),
            Math.round((h.raw ?? 0) * 100) / 100,
            h.similarTo ? 1 : 0,
          ]),
          gold: g,
          noGoodMatch,
        };
      if (!relevant.length) {
        empty += 1;
        if (noGoodMatch) flaggedEmpty += 1;
        continue;
      }
      if (noGoodMatch) flaggedCovered += 1;
      const recall5 = relevant.filter((r) => ids.slice(0, 5).includes(r)).length / relevant.length;
      const dcg = ids.reduce((sum, id, i) => sum + (2 ** (g[id] ?? 0) - 1) / Math.log2(i + 2), 0);
      const ideal = Object.values(g)
        .sort((a, b) => b - a)
        .slice(0, 10)
        .reduce((sum, grade, i) => sum + (2 ** grade - 1) / Math.log2(i + 2), 0);
      const first = ids.findIndex((id) => (g[id] ?? 0) >= 1);
      per.push({ recall5, ndcg10: dcg / ideal, mrr: first >= 0 ? 1 / (first + 1) : 0, lang: need.language });
    }
  } finally {
    Object.assign(P, defaults);
    needBackground.weights = new Map();
  }
  const covered = per.length;
  return {
    recall5: mean(per.map((m) => m.recall5)),
    ndcg10: mean(per.map((m) => m.ndcg10)),
    mrr: mean(per.map((m) => m.mrr)),
    flags: `${flaggedEmpty}/${empty} · ${flaggedCovered}/${covered}`,
  };
}

export async function run(variants: Variant[]) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const loaded: SetData[] = [];
  const names: string[] = [];
  try {
    for (const [i, [name, dir]] of sets.entries()) {
      const dbName = `lupp_matching_tune_${process.pid}_${i}`;
      names.push(dbName);
      loaded.push(await load(name, dir, admin, dbName));
    }
    const only = values.only?.split(',');
    const dump: Record<string, unknown> | undefined = values.dump ? {} : undefined;
    for (const variant of variants) {
      if (only && !only.includes(variant.name)) continue;
      const cells: string[] = [];
      for (const set of loaded) {
        const r = await evaluate(set, variant, dump);
        cells.push(
          `${set.name} R@5 ${r.recall5.toFixed(3)} nDCG ${r.ndcg10.toFixed(3)} MRR ${r.mrr.toFixed(3)} nm ${r.flags}`,
        );
      }
      console.log(`${variant.name.padEnd(28)} ${cells.join(' | ')}`);
    }
    if (dump)
      for (const set of loaded)
        dump[`${set.name}/neighbours`] = Object.fromEntries(
          [...set.neighbours].map(([a, m]) => [
            set.ext.get(a),
            [...m].map(([b, x]) => [
              set.ext.get(b),
              Math.round(x.sim * 1000) / 1000,
              x.cross ? 1 : 0,
              x.rank,
            ]),
          ]),
        );
    if (values.dump && dump) writeFileSync(values.dump, JSON.stringify(dump, null, 1));
  } finally {
    for (const set of loaded) await set.database.close();
    for (const n of names) await admin.query(`drop database if exists ${n}`);
    await admin.end();
  }
}

// run alone: the feature as built (the round's variants: bench/matching-tune-round3.ts)
if (import.meta.url === `file://${process.argv[1]}`) await run([{ name: 'baseline' }]);
