import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { loadCatalogFile } from '../src/features/matching/matching.batch.ts';

export type CatalogueCourse = Record<string, unknown> & { id: string };

/**
 * A catalogue of `size` courses made from a labelled one (`catalog.json` in `setDir`): each generated course
 * takes a real course's title, subjects and outcomes and mixes in the description of another course of the
 * same language, under a new code at one of 30 providers — so the vocabulary and the document frequencies
 * grow as in a large consortium, and some generated courses are near-duplicates as real catalogues have.
 * Generated course i copies the title of the labelled course at i mod the labelled count (`copiedFrom`).
 */
export function scaledCatalogue(setDir: string, size: number) {
  const base = (
    JSON.parse(readFileSync(path.join(setDir, 'catalog.json'), 'utf8')) as { courses: CatalogueCourse[] }
  ).courses;
  const byLang = new Map<string, CatalogueCourse[]>();
  for (const c of base) byLang.set(String(c.language), [...(byLang.get(String(c.language)) ?? []), c]);
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const courses: CatalogueCourse[] = [];
  for (let i = 0; i < size; i += 1) {
    const c = base[i % base.length] as CatalogueCourse;
    if (i < base.length) {
      courses.push(c);
      continue;
    }
    const same = byLang.get(String(c.language)) ?? base;
    const other = same[Math.floor(random() * same.length)] as CatalogueCourse;
    courses.push({
      ...c,
      id: `GEN-${i}`,
      code: `G${i}`,
      provider: `Lärosäte ${i % 30}`,
      description: `${String(other.description)} ${String(c.description).split('. ').slice(0, 2).join('. ')}`,
    });
  }
  /** The labelled course a course of this catalogue copies the title, subjects and outcomes of. */
  const copiedFrom = (id: string) =>
    id.startsWith('GEN-') ? (base[Number(id.slice(4)) % base.length] as CatalogueCourse).id : id;
  return { courses, copiedFrom };
}

/**
 * Runs `fn` on a throw-away database loaded with the scaled catalogue of `setDir`: an embedded PGlite, or with
 * `url` a new database on that server (dropped after). Left as autovacuum and the background writer leave a
 * table after a load: `vacuum analyze` (statistics, and the visibility map the index-only scans of the
 * postings rely on) and `checkpoint` (else the first minutes after a load of 20 000 courses measure the
 * server writing it out as much as Lupp). Returns false, having run nothing, when no server answers at `url`.
 */
export async function withScaledCatalogue(
  url: string | undefined,
  setDir: string,
  size: number,
  fn: (
    database: Database,
    catalogue: {
      heiIds: string[];
      copiedFrom: (id: string) => string;
      /** Seconds: importing and indexing the courses, then their neighbours. */
      seconds: { imported: number; neighbours: number };
    },
  ) => Promise<void>,
): Promise<boolean> {
  const admin = url ? new pg.Client({ connectionString: url }) : null;
  const name = `lupp_bench_scaled_${process.pid}`;
  let databaseUrl: string | undefined;
  if (admin && url) {
    try {
      await admin.connect();
    } catch {
      return false;
    }
    await admin.query(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    databaseUrl = target.toString();
  }
  const database = await openDatabase({ databaseUrl, poolSize: 2 });
  try {
    await runMigrations(database.pool);
    const { courses, copiedFrom } = scaledCatalogue(setDir, size);
    const { heiIds, seconds } = await loadCatalogFile(database.db, { courses });
    await database.pool.query('vacuum analyze');
    await database.pool.query('checkpoint');
    await fn(database, { heiIds, copiedFrom, seconds });
    return true;
  } finally {
    await database.close();
    if (admin) {
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    }
  }
}
