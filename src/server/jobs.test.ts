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

it('stops only when a job fetched at that moment has run and is marked done, so nothing meets a closed pool', async () => {
  const own = await createTestDatabase();
  let jobFetched: () => void = () => undefined;
  const fetched = new Promise<void>((resolve) => {
    jobFetched = resolve;
  });
  // The fetch that brings the job back is slow to answer: stop is called while its answer is on its way.
  const slowToAnswer = {
    ...own,
    pool: {
      query: async (text: string, values?: unknown[]) => {
        const result = await own.pool.query(text, values);
        if (/WITH next as/i.test(text) && result.rows.length > 0) {
          jobFetched();
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        return result;
      },
    },
  } as unknown as Database;
  const stopping = createJobs(slowToAnswer, pino({ level: 'silent' }));
  const handled: number[] = [];
  stopping.define<{ n: number }>(
    'count-something',
    { retryLimit: 0, retryDelaySeconds: 1, expireInSeconds: 60 },
    async ({ n }) => {
      await own.pool.query('select 1');
      handled.push(n);
    },
  );
  try {
    await stopping.start();
    await stopping.send('count-something', { n: 1 });
    await fetched;
    await stopping.stop();
    expect(handled).toEqual([1]);
    const { rows } = await own.pool.query(`select state from pgboss.job where name = 'count-something'`);
    expect(rows).toEqual([{ state: 'completed' }]);
  } finally {
    await own.close();
  }
});
