import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/database.ts';
import type { Database } from '../db/client.ts';
import { createJobs, type Jobs } from './jobs.ts';

let database: Database;
let jobs: Jobs;
const runs: string[] = [];
let finishFirstRun: () => void = () => undefined;
const firstRunFinishes = new Promise<void>((resolve) => {
  finishFirstRun = resolve;
});

beforeAll(async () => {
  database = await createTestDatabase();
  jobs = createJobs(database, pino({ level: 'silent' }));
  jobs.define<{ change: number; key: string }>(
    'rebuild-everything',
    { retryLimit: 0, retryDelaySeconds: 1, expireInSeconds: 60, coalesce: true },
    async ({ change, key }) => {
      runs.push(`${key}:${change}`);
      if (runs.length === 1) await firstRunFinishes;
    },
  );
  await jobs.start();
});
afterAll(async () => {
  await jobs.stop();
  await database.close();
});

const until = async (done: () => boolean) => {
  for (let i = 0; i < 600 && !done(); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(done()).toBe(true);
};

it('runs a burst of jobs of one key as the running one and one more, and other keys apart', async () => {
  const send = (key: string, change: number) => jobs.send('rebuild-everything', { key, change }, { key });
  expect(await send('consortium-a', 1)).toEqual(expect.any(String));
  await until(() => runs.length === 1); // the first is running
  // while it runs, a second waits; the next three of its key are that waiting one
  expect(await send('consortium-a', 2)).toEqual(expect.any(String));
  expect([
    await send('consortium-a', 3),
    await send('consortium-a', 4),
    await send('consortium-a', 5),
  ]).toEqual([null, null, null]);
  // another key's job is a job of its own
  expect(await send('consortium-b', 1)).toEqual(expect.any(String));
  finishFirstRun();
  await until(() => runs.length === 3);
  await new Promise((resolve) => setTimeout(resolve, 2500)); // time to run any job that should not exist
  expect(runs.sort()).toEqual(['consortium-a:1', 'consortium-a:2', 'consortium-b:1']);
});
