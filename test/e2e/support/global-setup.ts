import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../../src/db/client.ts';
import { createAuth } from '../../../src/features/auth/auth.ts';
import { seedDemo } from '../../../src/features/demo/demo.seed.ts';
import { testConfig } from '../../support/app.ts';
import { withAdmin, withDatabase } from '../../support/global-setup.ts';
import chromium from './chromium.json' with { type: 'json' };

/**
 * Debian's Chromium for the journeys: its headless shell (package chromium-headless-shell: the same engine
 * without the desktop browser around it) when installed, else the full browser (package chromium).
 * LUPP_CHROMIUM names another build. Measured here: a fresh context with one page of Lupp cost the full
 * browser 3.2 CPU-seconds and the shell 1.0 (the full browser starts three renderer processes per page
 * and a heavier profile per context); whole journey files took a fifth to a quarter less CPU.
 */
export const CHROMIUM =
  process.env.LUPP_CHROMIUM ??
  chromium.builds.find((build) => existsSync(build)) ??
  chromium.builds.join(' or ');

/**
 * Builds the web app once per run (the server serves dist/web), checks that Chromium is there, and seeds
 * the demo data that every journey starts from.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Debian's Chromium (${CHROMIUM}), which is missing. Install it with:\n\n    apt-get install -y ${chromium.package}\n`,
    );
  }
  const root = path.resolve(import.meta.dirname, '../../..');
  // CI builds the web app once and runs the PGlite and PostgreSQL passes side by side (.ci/run): two
  // builds into the same dist/web at once would trip over each other.
  if (process.env.LUPP_WEB_BUILT === '1' && existsSync(path.join(root, 'dist/web/index.html'))) {
    await provideDemoTemplate(project);
    return;
  }
  try {
    execFileSync(
      process.execPath,
      [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
        // the build users get (npm test sets NODE_ENV=test, with which Vite bundles React's development
        // build: its checks made the journeys a fifth slower)
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
  } catch (error) {
    throw new Error(`Building the web app (vite build) failed: ${(error as Error).message}`);
  }
  await provideDemoTemplate(project);
}

/**
 * Seeds the demo data once per run into a copy of the migrated template, which every journey's server
 * then starts from (seeding hashes a dozen passwords and writes a few hundred rows: ~5 s a file).
 */
async function provideDemoTemplate(project: TestProject) {
  const template = project.getProvidedContext().templateDatabase;
  if (template.kind === 'server') {
    // named like the run's template, so the run's teardown drops it too
    const demo = `${template.template}_demo`;
    await withAdmin(template.url, async (admin) => {
      await admin.query(`drop database if exists ${demo}`);
      await admin.query(`create database ${demo} template ${template.template}`);
    });
    const database = await openDatabase({ databaseUrl: withDatabase(template.url, demo), poolSize: 1 });
    try {
      await seedDemo(database.db, createAuth(testConfig(), database.db), testConfig());
    } finally {
      await database.close();
    }
    project.provide('demoDatabase', { kind: 'server', url: template.url, template: demo });
    return;
  }
  const database = await openDatabase({ loadFrom: template.file });
  await seedDemo(database.db, createAuth(testConfig(), database.db), testConfig());
  const dump = await database.dump?.();
  await database.close();
  if (!dump) throw new Error('embedded database could not be dumped');
  const file = path.join(path.dirname(template.file), `demo-${process.pid}.tar`);
  writeFileSync(file, dump);
  project.provide('demoDatabase', { kind: 'embedded', file });
}
