import { defineConfig } from 'vitest/config';

const browserFirst = process.env.LUPP_BROWSER_FIRST === '1';

// Two projects: `api` (unit tests beside the code, and HTTP tests against a real database) and
// `e2e` (journeys in real Chromium). Both run on embedded PGlite, or on PostgreSQL with DATABASE_URL.
//
// API files run two at a time, also on a 2-core machine: a file spends much of its time waiting on its
// database, and vitest's default there (cores − 1) would run one after the other. Browser journeys run
// one at a time, after them: each drives Chromium and a server of its own, and two at once on two cores
// took four times as long and timed out.
//
// LUPP_BROWSER_FIRST=1 runs the browser journeys before the API files (CI's PGlite pass, .ci/run): that pass
// is the longer one, and what it runs after the PostgreSQL pass has ended it runs alone. Journeys alone keep
// the machine half idle (one at a time, mostly waiting on Chromium); API files, two at a time, keep it busy.
//
// A worker keeps the modules it loaded from one file to the next (isolate: false): loading the app anew
// for each file was a third of the API project's time. Each file still builds its own app on its own
// database: what files share is the loaded code and what it keeps of files read once (the glossary, the
// guide's content and template files), never a database's data.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'api',
          include: ['src/**/*.test.ts', 'test/api/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          // generous: CI runs the PGlite and PostgreSQL passes side by side, two files each, on two cores,
          // where a test of a few seconds alone can take 30, and on PGlite (one connection) a request waits
          // behind a background rebuild of the consortium's matching neighbours — a minute each under that
          // load; two such waits took tests past 90 s. A timeout here only guards against hangs.
          testTimeout: 300_000,
          hookTimeout: 300_000,
          pool: 'forks',
          maxWorkers: 2,
          isolate: false,
          sequence: { groupOrder: browserFirst ? 1 : 0 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts', 'test/e2e/support/global-setup.ts'],
          // a backstop only: every step of a journey waits at most UI_TIMEOUT (15 s); a journey of many
          // steps took more than 60 s on a slow CI machine
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // expect.poll waits as long as a step of a journey does (UI_TIMEOUT), not vitest's 1 s: a list that
          // refetches after a change took longer than that under CI load
          expect: { poll: { timeout: 15_000 } },
          pool: 'forks',
          fileParallelism: false,
          isolate: false,
          sequence: { groupOrder: browserFirst ? 0 : 1 },
        },
      },
    ],
  },
});
