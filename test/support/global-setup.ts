import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.ts';
import { runMigrations } from '../../src/db/migrate.ts';

export type TemplateDatabase =
  | { kind: 'embedded'; file: string }
  | { kind: 'server'; url: string; template: string };

declare module 'vitest' {
  export interface ProvidedContext {
    /** Embedded: a tarball of a migrated database. Server: the name of a migrated template database. */
    templateDatabase: TemplateDatabase;
    /** The same with the demo data seeded (browser journeys: test/e2e/support/global-setup.ts). */
    demoDatabase: TemplateDatabase;
  }
}

/**
 * Migrates one template database per test run; every test file then gets its own copy of it
 * (test/support/database.ts), so files run in parallel without seeing each other's data.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `lupp_test_template_${process.pid}`;
    await withAdmin(url, async (admin) => {
      await admin.query(`drop database if exists ${template}`);
      await admin.query(`create database ${template}`);
    });
    const database = await openDatabase({ databaseUrl: withDatabase(url, template), poolSize: 1 });
    await runMigrations(database.pool);
    await database.close();
    project.provide('templateDatabase', { kind: 'server', url, template });
    return async () => {
      await withAdmin(url, async (admin) => {
        const { rows } = await admin.query<{ datname: string }>(
          `select datname from pg_database where datname like 'lupp_test_%${process.pid}%'`,
        );
        for (const row of rows) await admin.query(`drop database if exists "${row.datname}" with (force)`);
      });
    };
  }
  const dir = path.resolve('.test-tmp');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `template-${process.pid}.tar`);
  const database = await openDatabase({});
  await runMigrations(database.pool);
  const dump = await database.dump?.();
  await database.close();
  if (!dump) throw new Error('embedded database could not be dumped');
  writeFileSync(file, dump);
  project.provide('templateDatabase', { kind: 'embedded', file });
}

export async function withAdmin(url: string, work: (client: pg.Client) => Promise<void>) {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
