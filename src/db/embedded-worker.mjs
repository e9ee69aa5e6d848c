// Runs PGlite (PostgreSQL in WASM) in its own thread and serves it over the Postgres wire protocol,
// so the app talks to it with node-postgres exactly as to a real server, and a slow query never
// blocks the HTTP event loop. Plain JavaScript so it loads in any runner without a TS loader.
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** @type {{ dataDir?: string, loadFrom?: string }} */
const options = workerData ?? {};

async function start() {
  const loadDataDir = options.loadFrom ? new Blob([await readFile(options.loadFrom)]) : undefined;
  const db = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir,
    extensions: { pg_trgm, unaccent },
  });
  // The app's pool holds one connection at a time (see client.ts). node-postgres closes a connection
  // after a failed query and opens a new one at once; allowing a few sockets lets the new one in while
  // the old one is still being torn down (with a limit of 1 it was refused, failing the next query too).
  const server = new PGLiteSocketServer({
    db,
    port: 0,
    host: '127.0.0.1',
    maxConnections: 4,
    debug: process.env.LUPP_PGLITE_DEBUG === '1',
  });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());

  parentPort.on('message', async (message) => {
    if (message.type === 'dump') {
      const file = await db.dumpDataDir('none');
      parentPort.postMessage({ type: 'dumped', data: new Uint8Array(await file.arrayBuffer()) });
    } else if (message.type === 'stop') {
      await server.stop();
      await db.close();
      parentPort.postMessage({ type: 'stopped' });
    }
  });
  parentPort.postMessage({ type: 'ready', port });
}

start().catch((error) => {
  parentPort.postMessage({ type: 'failed', message: String(error?.stack ?? error) });
});
