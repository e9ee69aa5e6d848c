#!/usr/bin/env node
// `npm test`: typecheck, lint, then every test (unit, API, browser) on the database the environment
// chooses — embedded PGlite by default, the PostgreSQL server at DATABASE_URL when it is set.
// Browser tests need Debian's Chromium; it is installed here when we are root, and never skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

// Debian's Chromium headless shell, or its full browser (test/e2e/support/global-setup.ts says why the shell
// first, and reads the same list)
const { builds: CHROMIUM_BUILDS, package: CHROMIUM_PACKAGE } = JSON.parse(
  readFileSync(new URL('../test/e2e/support/chromium.json', import.meta.url), 'utf8'),
);

function step(title, command, args, extraEnv = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed`);
    process.exit(result.status ?? 1);
  }
}

function ensureChromium() {
  if (CHROMIUM_BUILDS.some((build) => existsSync(build))) return;
  if (process.getuid?.() === 0) {
    step('Installing Chromium for the browser tests (Debian package)', 'sh', [
      '-c',
      `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${CHROMIUM_PACKAGE}`,
    ]);
    if (CHROMIUM_BUILDS.some((build) => existsSync(build))) return;
  }
  console.error(
    `✖ The browser tests need Debian's Chromium (${CHROMIUM_BUILDS.join(' or ')}), and it is missing.\n` +
      `  Install it, as root:  apt-get update && apt-get install -y ${CHROMIUM_PACKAGE}\n` +
      '  (Lupp uses the Debian package; it never downloads a browser of its own.)',
  );
  process.exit(1);
}

const database = process.env.DATABASE_URL
  ? `PostgreSQL at ${new URL(process.env.DATABASE_URL).host}`
  : 'embedded PGlite';
console.log(`Lupp tests on ${database}`);
ensureChromium();
// CI runs the tests twice (PGlite and PostgreSQL, side by side); the code's checks need to pass only once
if (process.env.LUPP_SKIP_STATIC_CHECKS === '1') console.log('\n▶ Typecheck and lint: done in the other run');
else {
  step('Typecheck (tsc --noEmit)', process.execPath, [
    'node_modules/typescript/bin/tsc',
    '--noEmit',
    '-p',
    'tsconfig.json',
  ]);
  step('Lint (Biome)', process.execPath, ['node_modules/@biomejs/biome/bin/biome', 'ci', '.']);
}
step('Unit, API and browser tests (Vitest)', process.execPath, ['node_modules/vitest/vitest.mjs', 'run'], {
  NODE_ENV: 'test',
});
