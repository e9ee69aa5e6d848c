import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';

/** Builds the web app once per run (the server serves dist/web) and checks that Chromium is there. */
export default async function setup() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}, which is missing. Install it with:\n\n    apt-get install -y chromium\n`,
    );
  }
  const root = path.resolve(import.meta.dirname, '../../..');
  try {
    execFileSync(
      process.execPath,
      [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
  } catch (error) {
    throw new Error(`Building the web app (vite build) failed: ${(error as Error).message}`);
  }
}
