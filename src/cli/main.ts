import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Mapping } from '../features/catalog/parse.ts';
import { ConfigError, loadConfig } from '../server/config.ts';

// The app's modules are imported by the command that needs them, not up front: loading all of Lupp takes
// seconds of CPU, which `lupp help` and a mistyped command should not pay.
const serverMain = () => import('../server/main.ts');
const databaseClient = () => import('../db/client.ts');
const migrations = () => import('../db/migrate.ts');

const usage = `Usage: lupp <command>

Commands:
  serve [--build-if-missing]   start Lupp (migrates first; seeds demo data into an empty database in demo mode)
  migrate                      apply pending database migrations and exit
  seed --demo                  fill an empty database with the demo consortium, organisations and users
  import taxonomy --format esco|jobtech <path> [--version 1.2.0] [--language sv] [--keep-valid-rows]
                               import an ESCO CSV package or JobTech static JSON files (a file or a folder)
  import catalog --hei <id or org number> <file> [--map ourField=Column ...] [--keep-valid-rows] [--no-tags]
                               import an HEI's course catalogue: the JSON interchange format, CSV or XLSX
                               (columns mapped with --map, else guessed from their names)
  match --catalog <catalog.json> --needs <needs.json> [--top 10] [--json] [--pg <server url>]
                               rank courses for every need on a throw-away database (evaluation and batch use)
  export match-labels --hei <id or org number> <folder>
                               write the HEI's match decisions and unmet demand as a labelled set
                               (catalog.json, needs.json, gold.json) for npm run bench:matching -- --set <folder>
  help                         show this text

Configuration comes from environment variables; see .env.example.`;

const projectRoot = path.resolve(import.meta.dirname, '../..');

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      demo: { type: 'boolean' },
      'build-if-missing': { type: 'boolean' },
      format: { type: 'string' },
      version: { type: 'string' },
      language: { type: 'string' },
      'keep-valid-rows': { type: 'boolean' },
      hei: { type: 'string' },
      map: { type: 'string', multiple: true },
      'no-tags': { type: 'boolean' },
      catalog: { type: 'string' },
      needs: { type: 'string' },
      top: { type: 'string' },
      json: { type: 'boolean' },
      pg: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  switch (command) {
    case 'serve': {
      const config = loadConfig();
      if (values['build-if-missing']) await buildWebIfStale();
      const { serve } = await serverMain();
      await serve(config);
      return -1; // keep running
    }
    case 'migrate': {
      const { openConfiguredDatabase } = await databaseClient();
      const { runMigrations } = await migrations();
      const db = await openConfiguredDatabase(loadConfig());
      await runMigrations(db.pool);
      await db.close();
      console.log('Migrations are applied.');
      return 0;
    }
    case 'seed': {
      if (!values.demo) {
        console.error('Only demo data can be seeded: lupp seed --demo');
        return 2;
      }
      const config = loadConfig();
      if (config.env === 'production') {
        console.error('Refusing to seed demo users with a known password in production.');
        return 2;
      }
      const { openConfiguredDatabase } = await databaseClient();
      const { runMigrations } = await migrations();
      const { createAuth } = await import('../features/auth/auth.ts');
      const { DEMO_PASSWORD, seedDemo } = await import('../features/demo/demo.seed.ts');
      const db = await openConfiguredDatabase(config);
      await runMigrations(db.pool);
      const seeded = await seedDemo(db.db, createAuth(config, db.db), config);
      await db.close();
      console.log(
        seeded
          ? `Demo data seeded; every demo user's password is ${DEMO_PASSWORD}.`
          : 'The database already has data; nothing was seeded.',
      );
      return 0;
    }
    case 'import': {
      const [what, target] = positionals;
      if (what === 'catalog') return importCatalogCommand(target, values);
      if (what !== 'taxonomy' || !target || (values.format !== 'esco' && values.format !== 'jobtech')) {
        console.error(
          'Usage: lupp import taxonomy --format esco|jobtech <path> [--version V] [--language L] [--keep-valid-rows]',
        );
        return 2;
      }
      const { openConfiguredDatabase } = await databaseClient();
      const { runMigrations } = await migrations();
      const { importTaxonomy } = await import('../features/taxonomy/taxonomy.service.ts');
      const db = await openConfiguredDatabase(loadConfig());
      await runMigrations(db.pool);
      const result = await importTaxonomy(db.db, {
        source: values.format,
        path: target,
        version: values.version,
        language: values.language,
        keepValidRows: values['keep-valid-rows'],
        onProgress: (message) => console.log(`  ${message}`),
      });
      await db.close();
      for (const p of result.problems.slice(0, 50))
        console.log(`  problem: ${p.file}${p.row ? ` row ${p.row}` : ''}: ${p.problem}`);
      if (result.problems.length > 50) console.log(`  … and ${result.problems.length - 50} more problems`);
      console.log(`Import ${result.status} (version ${result.version}): ${JSON.stringify(result.counts)}`);
      if (result.status === 'needs_decision') {
        console.log(
          'Nothing was imported. Fix the files, or run again with --keep-valid-rows to import the valid rows.',
        );
        return 1;
      }
      return result.status === 'succeeded' ? 0 : 1;
    }
    case 'match': {
      const { matchCommand } = await import('./match.ts');
      return matchCommand(values);
    }
    case 'export': {
      const [what, folder] = positionals;
      const { exportLabelsCommand, labelsUsage } = await import('./match.ts');
      if (what === 'match-labels') return exportLabelsCommand(folder, values.hei);
      console.error(labelsUsage);
      return 2;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(usage);
      return 0;
    default:
      console.error(`Unknown command: ${command}\n\n${usage}`);
      return 2;
  }
}

const catalogUsage =
  'Usage: lupp import catalog --hei <id or org number> <file> [--map ourField=Column ...] [--keep-valid-rows] [--no-tags]';

/** `lupp import catalog`: one file into one HEI's catalogue, with the report on the console. */
async function importCatalogCommand(
  file: string | undefined,
  values: { hei?: string; map?: string[]; 'keep-valid-rows'?: boolean; 'no-tags'?: boolean },
): Promise<number> {
  if (!file || !values.hei) {
    console.error(catalogUsage);
    return 2;
  }
  let mapping: Mapping | null = null;
  const fields: Record<string, string> = {};
  for (const pair of values.map ?? []) {
    const [field, ...column] = pair.split('=');
    if (!field || !column.length) {
      console.error(`--map takes ourField=TheirColumn, not "${pair}"\n${catalogUsage}`);
      return 2;
    }
    fields[field] = column.join('=');
    mapping = fields as Mapping;
  }
  if (!existsSync(file)) {
    console.error(`${file} does not exist.`);
    return 2;
  }
  const { openConfiguredDatabase } = await databaseClient();
  const { runMigrations } = await migrations();
  const { findHei, importCatalog } = await import('../features/catalog/catalog.service.ts');
  const db = await openConfiguredDatabase(loadConfig());
  try {
    await runMigrations(db.pool);
    const hei = await findHei(db.db, values.hei);
    if (!hei) {
      console.error(`No HEI with id or organisation number ${values.hei}.`);
      return 2;
    }
    const report = await importCatalog(db.db, {
      heiId: hei.id,
      actor: null,
      fileName: path.basename(file),
      content: readFileSync(file),
      mapping,
      keepValidRows: !!values['keep-valid-rows'],
      suggestTags: !values['no-tags'],
    });
    for (const p of report.problems.slice(0, 50))
      console.log(`  problem: ${p.row === null ? 'file' : `row ${p.row}`}: ${p.message.en} (${p.code})`);
    if (report.problems.length > 50) console.log(`  … and ${report.problems.length - 50} more problems`);
    console.log(`Catalogue import into ${hei.name} ${report.status}: ${JSON.stringify(report.counts)}`);
    if (report.status === 'needs_decision') {
      console.log(
        'Nothing was imported. Fix the file, or run again with --keep-valid-rows to import the valid rows.',
      );
      return 1;
    }
    return report.status === 'succeeded' ? 0 : 1;
  } finally {
    await db.close();
  }
}

/** `npm start` on a fresh clone: build the web app when it is missing or older than its sources. */
async function buildWebIfStale() {
  const { webRoot } = await import('../server/app.ts');
  const built = path.join(webRoot, 'index.html');
  const newestSource = newestMtime(path.join(projectRoot, 'src'));
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource) return;
  console.log('Building the web app (first start, or its sources changed)…');
  const result = spawnSync(
    process.execPath,
    [path.join(projectRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: projectRoot,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('Building the web app failed; see the output above.');
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
