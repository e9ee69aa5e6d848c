import type { FastifyBaseLogger } from 'fastify';
import PgBoss from 'pg-boss';
import type { Database } from '../db/client.ts';

/**
 * Background jobs with pg-boss: jobs are rows in PostgreSQL (schema `pgboss`, which pg-boss installs
 * and migrates itself at start under its own advisory lock), never in memory, so a queued job survives a
 * restart and any app process can run it. pg-boss gets the app's own pool through its `db` option:
 * with embedded PGlite that pool is the one connection the embedded server copes with; on a
 * PostgreSQL server it shares the pool's connections.
 *
 * Features define their queues while they register (`define`); `start` (when the app is ready) creates
 * the queues and starts one worker per queue, `stop` (when the app closes) lets a running job finish
 * for up to 90 s.
 *
 * A queue whose jobs redo one whole piece of work (`coalesce: true`) keeps at most one job waiting and one
 * running per `key`: a job sent while one of its key waits is that job (send gives null), so a burst of
 * changes costs one run after the running one, not one run each.
 *
 * A queue with a `cron` schedule also gets a job at those times (Swedish time), from pg-boss's clock:
 * the schedule is a row in the database, so with several app processes it still runs once.
 */
export type JobInfo = { id: string; retryCount: number; retryLimit: number };
export type JobHandler<T> = (data: T, job: JobInfo) => Promise<void>;
export type QueueOptions = {
  retryLimit: number;
  retryDelaySeconds: number;
  expireInSeconds: number;
  /** Jobs of one key coalesce: at most one waiting and one running (send them with a `key`). */
  coalesce?: boolean;
  /** A job (with empty data) at these times, as a cron expression in Swedish time: '30 2 * * *'. */
  cron?: string;
};

/**
 * The morning reminders' schedule: 07:00 Swedish time, before the working day; a failed run is tried again
 * twice, ten minutes apart (each reminder is sent once, so a retry sends only what did not go out).
 */
export const EVERY_MORNING: QueueOptions = {
  retryLimit: 2,
  retryDelaySeconds: 600,
  expireInSeconds: 3600,
  cron: '0 7 * * *',
};

/** Scheduled jobs run on Swedish time, as the HEIs' working days and nights are. */
const SCHEDULE_TIME_ZONE = 'Europe/Stockholm';

export type Jobs = {
  define<T extends object>(queue: string, options: QueueOptions, handler: JobHandler<T>): void;
  /** The job's id; null when a coalescing queue already had a job of this key waiting. */
  send<T extends object>(queue: string, data: T, options?: { key: string }): Promise<string | null>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

const POLL_SECONDS = 1;

export function createJobs(database: Database, log: FastifyBaseLogger): Jobs {
  // Counted so that `stop` can wait for them: see there.
  let queriesInFlight = 0;
  let handlersRunning = 0;
  const executeSql = async (text: string, values?: unknown[]) => {
    queriesInFlight += 1;
    try {
      return await database.pool.query(text, values);
    } finally {
      queriesInFlight -= 1;
    }
  };
  const boss = new PgBoss({
    db: { executeSql },
    schedule: true, // cron schedules (QueueOptions.cron), kept in the database
    supervise: true, // expire stuck jobs, archive and delete old ones
  });
  boss.on('error', (error) => log.error({ err: error }, 'background jobs: pg-boss error'));
  const queues = new Map<string, { options: QueueOptions; handler: JobHandler<object> }>();
  let started = false;

  return {
    define(queue, options, handler) {
      if (started) throw new Error(`define the ${queue} queue before the jobs start`);
      queues.set(queue, { options, handler: handler as JobHandler<object> });
    },

    async send(queue, data, options) {
      const id = await boss.send(queue, data, options ? { singletonKey: options.key } : {});
      if (!id && !(options && queues.get(queue)?.options.coalesce))
        throw new Error(`the ${queue} job was not queued`);
      return id;
    },

    async start() {
      if (started) return;
      await boss.start();
      for (const [queue, { options, handler }] of queues) {
        const settings = {
          name: queue,
          retryLimit: options.retryLimit,
          retryDelay: options.retryDelaySeconds,
          expireInSeconds: options.expireInSeconds,
          // stately: one job per key and state (one waiting, one running)
          policy: (options.coalesce ? 'stately' : 'standard') as PgBoss.QueuePolicy,
        };
        if (await boss.getQueue(queue)) await boss.updateQueue(queue, settings);
        else
          await boss.createQueue(queue, settings).catch(async (error: Error) => {
            // Another process created it at the same moment.
            if (!(await boss.getQueue(queue))) throw error;
          });
        if (options.cron) await boss.schedule(queue, options.cron, {}, { tz: SCHEDULE_TIME_ZONE });
        else await boss.unschedule(queue);
        await boss.work<object>(
          queue,
          { pollingIntervalSeconds: POLL_SECONDS, batchSize: 1, includeMetadata: true },
          async ([job]) => {
            if (!job) return;
            log.info({ queue, jobId: job.id, attempt: job.retryCount + 1 }, 'background job started');
            handlersRunning += 1;
            try {
              await handler(job.data, { id: job.id, retryCount: job.retryCount, retryLimit: job.retryLimit });
              log.info({ queue, jobId: job.id }, 'background job done');
            } catch (error) {
              log.error({ err: error, queue, jobId: job.id }, 'background job failed');
              throw error;
            } finally {
              handlersRunning -= 1;
            }
          },
        );
      }
      started = true;
    },

    async stop() {
      if (!started) return;
      started = false;
      // wait for a running job (a neighbours rebuild can take a minute on a busy machine) before the pool
      // closes under it; a server's own shutdown forces exit after 25 s anyway
      const deadline = Date.now() + 90_000;
      await boss.stop({ graceful: true, close: false, timeout: 90_000 });
      // pg-boss 10 waits only for the jobs it has in hand: a fetch still on its way comes back after stop with a
      // job to run, and a job's completion (or failure) is written without being awaited. Either then met a
      // closed pool, and the failure was an unhandled rejection. So wait until none of its queries and none of
      // our handlers run. Polled between macrotasks: a fetch's answer reaches the handler in microtasks.
      while ((queriesInFlight > 0 || handlersRunning > 0) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}
