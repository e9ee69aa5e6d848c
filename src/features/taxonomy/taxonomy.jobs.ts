import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { JobInfo, Jobs } from '../../server/jobs.ts';
import {
  failImport,
  type ImportProgress,
  importTaxonomy,
  recordQueuedImport,
  setImportProgress,
} from './taxonomy.service.ts';
import { taxonomyImport } from './taxonomy.table.ts';

/**
 * Taxonomy imports from the admin page run as a background job (pg-boss). The uploaded files wait in
 * `<data folder>/taxonomy-uploads/<import id>/` until the job has run, then are removed. The data
 * folder rather than the database: an ESCO package is up to a few hundred MB, which would go through
 * the embedded database's single connection and memory twice; rather than os.tmpdir(): a queued job
 * survives a restart, and the files with it. (With several app processes, the data folder must be
 * shared storage, or uploads and the worker that takes the job may be on different machines.)
 */
export const TAXONOMY_IMPORT_QUEUE = 'taxonomy-import';
export type ImportJob = { importId: string };

export const uploadsRoot = (dataDir: string) => path.join(dataDir, 'taxonomy-uploads');
export const uploadDir = (dataDir: string, importId: string) => path.join(uploadsRoot(dataDir), importId);

/** Records the import (status 'queued') for files already stored in its upload folder, and queues the job. */
export async function queueImport(
  db: Db,
  jobs: Jobs,
  dataDir: string,
  input: Parameters<typeof recordQueuedImport>[1],
) {
  const queued = await recordQueuedImport(db, input);
  try {
    await jobs.send<ImportJob>(TAXONOMY_IMPORT_QUEUE, { importId: input.id });
  } catch (error) {
    await failImport(db, input.id, 'the import could not be queued; try again');
    await rm(uploadDir(dataDir, input.id), { recursive: true, force: true });
    throw error;
  }
  return queued;
}

/**
 * Writes progress on the import row at most about once a second, one write at a time and never
 * awaited by the import: inside the import's transaction on the embedded database (one connection)
 * a write waits until the transaction ends, and the import must not wait for it.
 */
function progressWriter(db: Db, importId: string) {
  let latest: ImportProgress | null = null;
  let writing: Promise<void> | null = null;
  let last = 0;
  let timer: NodeJS.Timeout | null = null;
  const write = () => {
    if (writing || !latest) return;
    const progress = latest;
    latest = null;
    last = Date.now();
    writing = setImportProgress(db, importId, progress)
      .catch(() => {}) // progress is a courtesy; the import's own result is what counts
      .finally(() => {
        writing = null;
        if (latest) schedule();
      });
  };
  const schedule = () => {
    if (timer) return;
    timer = setTimeout(
      () => {
        timer = null;
        write();
      },
      Math.max(0, 1000 - (Date.now() - last)),
    );
  };
  return {
    report(progress: ImportProgress) {
      latest = progress;
      if (Date.now() - last >= 1000) write();
      else schedule();
    },
    async close() {
      if (timer) clearTimeout(timer);
      latest = null;
      await writing;
    },
  };
}

/** The job: runs the queued import on its uploaded files, like `lupp import taxonomy` would. */
export async function runImportJob(db: Db, dataDir: string, data: ImportJob, job: JobInfo) {
  const [row] = await db.select().from(taxonomyImport).where(eq(taxonomyImport.id, data.importId));
  const dir = uploadDir(dataDir, data.importId);
  if (!row || !['queued', 'running'].includes(row.status)) {
    // Already done (a repeated job) or removed: nothing to do.
    await rm(dir, { recursive: true, force: true });
    return;
  }
  if (!existsSync(dir)) {
    await failImport(
      db,
      row.id,
      'the uploaded files are gone (with several app servers, the data folder must be shared); upload them again',
    );
    return;
  }
  const writer = progressWriter(db, row.id);
  try {
    await importTaxonomy(db, {
      importId: row.id,
      source: row.source as 'esco' | 'jobtech',
      path: dir,
      version: row.version,
      language: row.language ?? undefined,
      keepValidRows: row.keepValidRows,
      onProgress: (_message, progress) => writer.report(progress),
    });
    await writer.close();
  } catch (error) {
    await writer.close();
    // pg-boss tries again (the import is idempotent); after the last try the import is failed.
    if (job.retryCount < job.retryLimit) throw error;
    await failImport(db, row.id, `the import stopped with an error: ${(error as Error).message}`);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  await rm(dir, { recursive: true, force: true });
}

/** Removes upload folders nobody will use: of no queued or running import, and older than a day. */
export async function sweepUploads(db: Db, dataDir: string) {
  const root = uploadsRoot(dataDir);
  await mkdir(root, { recursive: true });
  const active = new Set(
    (
      await db
        .select({ id: taxonomyImport.id })
        .from(taxonomyImport)
        .where(inArray(taxonomyImport.status, ['queued', 'running']))
    ).map((r) => r.id),
  );
  for (const name of await readdir(root)) {
    const dir = path.join(root, name);
    const info = await stat(dir).catch(() => null);
    if (info && !active.has(name) && Date.now() - info.mtimeMs > 24 * 3600_000)
      await rm(dir, { recursive: true, force: true });
  }
}
