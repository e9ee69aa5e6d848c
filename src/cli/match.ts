import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openConfiguredDatabase, openDatabase } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { findHei } from '../features/catalog/catalog.service.ts';
import { type BatchNeed, loadCatalogFile, matchNeeds } from '../features/matching/matching.batch.ts';
import { exportMatchLabels } from '../features/matching/matching.labels.ts';
import { loadConfig } from '../server/config.ts';

export const matchUsage =
  'Usage: lupp match --catalog <catalog.json> --needs <needs.json> [--top 10] [--json] [--pg <server url>]';

type MatchOptions = { catalog?: string; needs?: string; top?: string; json?: boolean; pg?: string };

/**
 * `lupp match`: ranks every need of a needs file against a catalogue file on a throw-away database —
 * embedded PGlite in memory, or with --pg a fresh database on that PostgreSQL server, dropped afterwards.
 * With --json it prints one JSON array: for every need { id, results: [{ courseId, score, confidence }],
 * noGoodMatch }.
 */
export async function matchCommand(options: MatchOptions): Promise<number> {
  const top = Number(options.top ?? 10);
  if (!options.catalog || !options.needs || !Number.isInteger(top) || top < 1 || top > 100) {
    console.error(matchUsage);
    return 2;
  }
  for (const file of [options.catalog, options.needs])
    if (!existsSync(file)) {
      console.error(`${file} does not exist.`);
      return 2;
    }
  const catalog = JSON.parse(readFileSync(options.catalog, 'utf8'));
  const needsFile = JSON.parse(readFileSync(options.needs, 'utf8'));
  const needs: BatchNeed[] = Array.isArray(needsFile) ? needsFile : needsFile.needs;
  if (!Array.isArray(catalog?.courses) || !Array.isArray(needs)) {
    console.error('The catalogue file needs { "courses": [...] } and the needs file { "needs": [...] }.');
    return 2;
  }
  const throwAway = await openThrowAway(options.pg);
  try {
    await runMigrations(throwAway.database.pool);
    const { heiIds, problems } = await loadCatalogFile(throwAway.database.db, catalog);
    for (const p of problems.slice(0, 20)) console.error(`  catalogue problem: ${p}`);
    const results = await matchNeeds(throwAway.database.db, heiIds, needs, top);
    if (options.json) {
      console.log(JSON.stringify(results.map(({ ms: _ms, ...r }) => r)));
    } else {
      for (const r of results) {
        console.log(`${r.id}${r.noGoodMatch ? '  — no good match' : ''}`);
        for (const c of r.results)
          console.log(`  ${c.courseId.padEnd(12)} ${c.score.toFixed(2).padStart(7)}  ${c.confidence}`);
      }
    }
    return 0;
  } finally {
    await throwAway.close();
  }
}

async function openThrowAway(serverUrl: string | undefined) {
  if (!serverUrl) {
    const database = await openDatabase({});
    return { database, close: () => database.close() };
  }
  const name = `lupp_match_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  return {
    database,
    close: async () => {
      await database.close();
      await admin.query(`drop database ${name}`);
      await admin.end();
    },
  };
}

export const labelsUsage = 'Usage: lupp export match-labels --hei <id or org number> <folder>';

/**
 * `lupp export match-labels`: an HEI's decisions on suggestions and its unmet demand, written as a labelled
 * set (catalog.json, needs.json, gold.json) that `npm run bench:matching -- --set <folder>` measures.
 * The folder holds the consortium's catalogue and the HEI's customers' needs: keep it where the HEI
 * keeps its other data.
 */
export async function exportLabelsCommand(
  folder: string | undefined,
  hei: string | undefined,
): Promise<number> {
  if (!folder || !hei) {
    console.error(labelsUsage);
    return 2;
  }
  const database = await openConfiguredDatabase(loadConfig());
  try {
    await runMigrations(database.pool);
    const found = await findHei(database.db, hei);
    if (!found) {
      console.error(`No HEI with id or organisation number ${hei}.`);
      return 2;
    }
    const labels = await exportMatchLabels(database.db, found.id);
    mkdirSync(folder, { recursive: true });
    const write = (name: string, data: unknown) =>
      writeFileSync(path.join(folder, name), `${JSON.stringify(data, null, 2)}\n`);
    write('catalog.json', labels.catalog);
    write('needs.json', labels.needs);
    write('gold.json', labels.gold);
    const unmet = Object.values(labels.gold).filter((g) => !Object.keys(g).length).length;
    console.log(
      `${labels.needs.needs.length} needs (${unmet} unmet demand) and ${labels.catalog.courses.length} courses written to ${folder}; ` +
        `left out: ${labels.skipped.onlyRejected} with only rejections, ${labels.skipped.withoutText} decided before the matched text was kept.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}
