// `npx tsx bench/matching-tune-feedback.ts [--pg <url>] [--long-words N]` (under a minute)
// Decision 0004, "Seventh round": coordinators' accepted suggestions as document expansion. A course a
// coordinator accepted for a need carries that need's words in its index, so the next employer who says
// it the same way finds the course. Simulated by cross-validation on the dev and the held-out set: the
// needs are split into 5 folds; for each fold, every course gets the texts of the other folds' needs it
// is relevant to (grade ≥ 1: as if a coordinator had accepted it for them), and the fold's own needs are
// ranked against that catalogue. Prints recall@5, nDCG@10 and MRR over all folds, with and without.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { loadCatalogFile, matchNeeds } from '../src/features/matching/matching.batch.ts';

type Course = { id: string; description: string } & Record<string, unknown>;
type Need = { id: string; text: string };
type Gold = Record<string, Record<string, number>>;

const { values } = parseArgs({ options: { pg: { type: 'string' }, 'long-words': { type: 'string' } } });
const url = values.pg ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = path.resolve(import.meta.dirname, '..');
const sets = [
  ['dev', path.join(root, '../shared/datasets/matching-dev')],
  ['held-out', path.join(root, 'bench/sets/heldout-a')],
] as const;
const FOLDS = 5;
/** Only the need's words of at least this many letters (0: the whole text). */
const LONG_WORDS = Number(values['long-words'] ?? 0);

async function rank(courses: Course[], needs: Need[], admin: pg.Client, name: string) {
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: target.toString(), poolSize: 2 });
  try {
    await runMigrations(database.pool);
    const { heiIds } = await loadCatalogFile(database.db, { courses });
    return await matchNeeds(database.db, heiIds, needs, 10);
  } finally {
    await database.close();
    await admin.query(`drop database ${name}`);
  }
}

function figures(gold: Record<string, number>, ids: string[]) {
  const relevant = Object.keys(gold).filter((k) => (gold[k] ?? 0) >= 1);
  const dcg = ids.reduce((sum, id, i) => sum + (2 ** (gold[id] ?? 0) - 1) / Math.log2(i + 2), 0);
  const ideal = Object.values(gold)
    .sort((a, b) => b - a)
    .slice(0, 10)
    .reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const first = ids.findIndex((id) => (gold[id] ?? 0) >= 1);
  return [
    relevant.filter((r) => ids.slice(0, 5).includes(r)).length / relevant.length,
    dcg / ideal,
    first >= 0 ? 1 / (first + 1) : 0,
  ];
}

const admin = new pg.Client({ connectionString: url });
await admin.connect();
try {
  for (const [setName, dir] of sets) {
    const read = <T>(file: string): T => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as T;
    const courses = read<{ courses: Course[] }>('catalog.json').courses;
    const needs = read<{ needs: Need[] }>('needs.json').needs;
    const gold = read<Gold>('gold.json');
    const covered = needs.filter((n) => Object.keys(gold[n.id] ?? {}).length);
    const without = await rank(courses, covered, admin, `lupp_feedback_${process.pid}_base`);
    const withFeedback = [];
    for (let fold = 0; fold < FOLDS; fold++) {
      const test = covered.filter((_, i) => i % FOLDS === fold);
      const accepted = covered.filter((_, i) => i % FOLDS !== fold);
      const expanded = courses.map((c) => {
        const texts = accepted
          .filter((n) => (gold[n.id]?.[c.id] ?? 0) >= 1)
          .map((n) =>
            LONG_WORDS
              ? n.text
                  .split(/[^\p{L}\p{N}-]+/u)
                  .filter((w) => w.length >= LONG_WORDS)
                  .join(' ')
              : n.text,
          );
        return texts.length ? { ...c, description: [c.description, ...texts].join(' ') } : c;
      });
      withFeedback.push(...(await rank(expanded, test, admin, `lupp_feedback_${process.pid}_${fold}`)));
    }
    for (const [label, results] of [
      ['as built', without],
      ['accepted needs expand their courses', withFeedback],
    ] as const) {
      const per = results.map((r) =>
        figures(
          gold[r.id] ?? {},
          r.results.map((x) => x.courseId),
        ),
      );
      const mean = (k: number) => (per.reduce((s, p) => s + (p[k] ?? 0), 0) / per.length).toFixed(3);
      console.log(`${setName.padEnd(9)} ${label.padEnd(38)} R@5 ${mean(0)} nDCG ${mean(1)} MRR ${mean(2)}`);
    }
  }
} finally {
  await admin.end();
}
