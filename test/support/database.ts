import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { withAdmin, withDatabase } from './global-setup.ts';

/**
 * A fresh, migrated database of the run's kind (embedded PGlite, or PostgreSQL when DATABASE_URL is set);
 * with `demo`, one with the demo data already in it (only where the project's global setup seeded it).
 */
export async function createTestDatabase(from: 'migrated' | 'demo' = 'migrated'): Promise<Database> {
  const template = inject(from === 'demo' ? 'demoDatabase' : 'templateDatabase');
  if (template.kind === 'embedded') return openDatabase({ loadFrom: template.file });
  const name = `lupp_test_${template.template.split('_').pop()}_${randomBytes(4).toString('hex')}`;
  await withAdmin(template.url, async (admin) => {
    await admin.query(`create database ${name} template ${template.template}`);
  });
  const database = await openDatabase({ databaseUrl: withDatabase(template.url, name), poolSize: 4 });
  return {
    ...database,
    close: async () => {
      await database.close();
      await withAdmin(template.url, async (admin) => {
        await admin.query(`drop database if exists ${name} with (force)`);
      });
    },
  };
}

/**
 * An embedded database in a data folder, as the `lupp` command opens one, with the run's migrated template
 * unpacked into it (embedded runs only).
 */
export async function createTestDataDir(dataDir: string): Promise<Database> {
  const template = inject('templateDatabase');
  if (template.kind !== 'embedded') throw new Error('createTestDataDir is for embedded runs');
  return openDatabase({ dataDir, loadFrom: template.file });
}
