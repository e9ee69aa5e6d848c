import { mkdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.ts';

export type Db = NodePgDatabase<typeof schema>;

export type Database = {
  kind: 'embedded' | 'server';
  pool: pg.Pool;
  db: Db;
  /** Connection string that reaches this database (the embedded one listens on loopback). */
  url: string;
  /** Embedded only: a tarball of the whole data directory (used to clone test databases quickly). */
  dump?: () => Promise<Uint8Array>;
  close: () => Promise<void>;
};

export type DatabaseOptions = {
  /** A PostgreSQL server. Without it: embedded PGlite. */
  databaseUrl?: string;
  poolSize?: number;
  /** Embedded: where the data lives; undefined means in memory. */
  dataDir?: string;
  /** Embedded: start from a tarball made by `dump()` (test databases). */
  loadFrom?: string;
};

// node-postgres would return int8 (count, sum) as strings; Lupp's counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * Opens the configured database: the server at DATABASE_URL, else embedded PGlite in the data folder.
 * (Here rather than beside the server so that CLI commands open it without loading the whole app.)
 */
export function openConfiguredDatabase(config: { databaseUrl?: string | null; dataDir: string }) {
  return config.databaseUrl
    ? openDatabase({ databaseUrl: config.databaseUrl })
    : openDatabase({ dataDir: `${config.dataDir}/pgdata` });
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', () => {}); // an idle client's lost connection must not crash the process
    return {
      kind: 'server',
      pool,
      db: drizzle(pool, { schema }),
      url: options.databaseUrl,
      close: () => pool.end(),
    };
  }
  return openEmbedded(options.dataDir, options.loadFrom);
}

async function openEmbedded(dataDir: string | undefined, loadFrom: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const worker = new Worker(new URL('./embedded-worker.mjs', import.meta.url), {
    workerData: { dataDir, loadFrom },
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message) => {
      if (message.type === 'ready') resolve(message.port);
      else reject(new Error(`Embedded PostgreSQL failed to start: ${message.message}`));
    });
  });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  // Exactly one connection: the embedded server multiplexes connections onto one PGlite session,
  // and concurrent extended-protocol messages from several connections interleave badly.
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', () => {});

  const request = <T>(type: string, answer: string) =>
    new Promise<T>((resolve) => {
      const onMessage = (message: { type: string; data?: T }) => {
        if (message.type !== answer) return;
        worker.off('message', onMessage);
        resolve(message.data as T);
      };
      worker.on('message', onMessage);
      worker.postMessage({ type });
    });

  return {
    kind: 'embedded',
    pool,
    db: drizzle(pool, { schema }),
    url,
    dump: () => request<Uint8Array>('dump', 'dumped'),
    close: async () => {
      await pool.end();
      await request('stop', 'stopped');
      await worker.terminate();
    },
  };
}
