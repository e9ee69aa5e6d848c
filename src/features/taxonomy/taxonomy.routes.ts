import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { AppError, forbidden, invalid } from '../../server/http/problem.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import type { Actor } from '../tenancy/tenancy.service.ts';
import {
  type ImportJob,
  queueImport,
  runImportJob,
  sweepUploads,
  TAXONOMY_IMPORT_QUEUE,
  uploadDir,
} from './taxonomy.jobs.ts';
import { getConcept, getImport, listImports, searchConcepts, suggestConcepts } from './taxonomy.service.ts';
import { conceptSources } from './taxonomy.table.ts';

/** An upload from the admin page: an ESCO CSV package or JobTech JSON files, at most 200 MB together. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const MAX_UPLOAD_FILES = 50;

const conceptSchema = z
  .object({
    id: z.uuid(),
    source: z.string(),
    type: z.string(),
    code: z.string().nullable(),
    label: z.object({ sv: z.string().nullable(), en: z.string().nullable() }),
    deprecated: z.boolean(),
  })
  .meta({ id: 'Concept' });

const conceptDetailSchema = conceptSchema
  .extend({
    altLabels: z.object({ sv: z.array(z.string()), en: z.array(z.string()) }),
    description: z.object({ sv: z.string().nullable(), en: z.string().nullable() }),
    version: z.string(),
    broader: z.array(conceptSchema),
    narrower: z.array(conceptSchema),
  })
  .meta({ id: 'ConceptDetail' });

const importSchema = z
  .object({
    id: z.uuid(),
    source: z.string(),
    version: z.string(),
    language: z.string().nullable(),
    status: z.string(),
    keepValidRows: z.boolean(),
    progress: z
      .object({
        phase: z.enum(['reading', 'writing', 'linking', 'done']),
        done: z.number(),
        total: z.number(),
      })
      .nullable()
      .describe(
        'Imports run as a background job: the phase and how far it has come (files, concepts, relations)',
      ),
    counts: z.record(z.string(), z.number()),
    problems: z.array(z.object({ file: z.string(), row: z.number().nullable(), problem: z.string() })),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'TaxonomyImport' });

/**
 * Taxonomies are shared by every organisation in the installation, so imports are for the administrators
 * of any HEI in it (not customers, not consortium analysts).
 */
function requireTaxonomyAdmin(actor: Actor) {
  if (!actor.memberships.some((m) => m.tenant.kind === 'hei' && m.roles.includes('admin'))) {
    throw forbidden('Taxonomy imports are for HEI administrators.');
  }
}

const uploadFields = z.object({
  format: z.enum(['esco', 'jobtech'], 'choose esco or jobtech'),
  version: z
    .string()
    .trim()
    .max(50)
    .regex(/^[\w.-]*$/, 'letters, digits, dots and dashes only (e.g. 1.2.0)')
    .optional(),
  language: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^([a-z]{2}(-[a-z]{2})?)?$/, 'a language code such as sv or en')
    .optional(),
  keepValidRows: z.enum(['true', 'false']).default('false'),
});

const tooLarge = () =>
  new AppError(413, 'body_too_large', 'The files are larger than 200 MB together.', [
    { field: 'body.files', message: 'are larger than 200 MB together' },
  ]);

/** File names are kept for the problem report only; path parts and odd characters go. */
const safeName = (name: string) =>
  (name.split(/[\\/]/).pop() ?? '').replace(/[^\p{L}\p{N}._ -]+/gu, '_').slice(0, 200) || 'file';

/**
 * Streams a multipart upload's files into `dir` (never whole into memory) and returns the form fields
 * and file names. Refuses more than 200 MB together or more than 50 files (413).
 */
async function receiveUpload(request: FastifyRequest, dir: string) {
  if (!request.isMultipart())
    throw new AppError(415, 'unsupported_media_type', 'Send the files as multipart/form-data.');
  await mkdir(dir, { recursive: true });
  const fields: Record<string, string> = {};
  const files: string[] = [];
  let total = 0;
  try {
    const parts = request.parts({
      limits: { fileSize: MAX_UPLOAD_BYTES, files: MAX_UPLOAD_FILES, fields: 10, fieldSize: 1000 },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      let name = safeName(part.filename);
      if (files.includes(name)) name = `${files.length + 1}-${name}`;
      files.push(name);
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          total += chunk.length;
          done(total > MAX_UPLOAD_BYTES ? tooLarge() : null, chunk);
        },
      });
      await pipeline(part.file, counter, createWriteStream(path.join(dir, name)));
      if (part.file.truncated) throw tooLarge();
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT')
      throw new AppError(413, 'body_too_large', `Send at most ${MAX_UPLOAD_FILES} files at a time.`, [
        { field: 'body.files', message: `at most ${MAX_UPLOAD_FILES} files` },
      ]);
    if (code === 'FST_FIELDS_LIMIT') throw invalid([{ field: 'body', message: 'too many form fields' }]);
    throw error;
  }
  return { fields, files };
}

export async function taxonomyRoutes(app: App, { database: { db }, config, jobs }: Deps) {
  const tags = ['taxonomy'];

  // The import job: one import at a time per app process; tried again (it is idempotent) when it
  // fails or the process stops in the middle; a big ESCO package on the embedded database takes minutes.
  jobs.define<ImportJob>(
    TAXONOMY_IMPORT_QUEUE,
    { retryLimit: 2, retryDelaySeconds: 10, expireInSeconds: 3600 },
    (data, job) => runImportJob(db, config.dataDir, data, job),
  );
  app.addHook('onReady', async () => {
    await sweepUploads(db, config.dataDir).catch((error) =>
      app.log.warn({ err: error }, 'old taxonomy uploads could not be removed'),
    );
  });
  // Taxonomies are shared reference data: every signed-in user may search them.
  app.get(
    '/api/taxonomy/concepts',
    {
      schema: {
        tags,
        summary:
          'Search skills, occupations and classifications in Swedish and English (prefix- and compound-aware)',
        querystring: z.object({
          q: z.string().trim().min(1).max(200),
          type: z
            .string()
            .max(200)
            .optional()
            .describe('Comma-separated concept types, e.g. skill,occupation'),
          source: z.enum(conceptSources).optional(),
          includeDeprecated: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.array(conceptSchema.extend({ score: z.number() })), ...problems(400, 401) },
      },
    },
    async (request) => {
      const q = request.query;
      return searchConcepts(db, {
        q: q.q,
        types: q.type
          ?.split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        source: q.source,
        includeDeprecated: q.includeDeprecated === 'true',
        limit: q.limit,
      });
    },
  );

  app.get(
    '/api/taxonomy/concepts/:conceptId',
    {
      schema: {
        tags,
        summary: 'A concept with its labels, description, broader and narrower concepts',
        params: z.object({ conceptId: z.uuid() }),
        response: { 200: conceptDetailSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => getConcept(db, request.params.conceptId),
  );

  app.post(
    '/api/taxonomy/suggestions',
    {
      schema: {
        tags,
        summary:
          'Suggest concepts for a need in free text, each with the words that matched and a confidence; a person confirms',
        body: z.strictObject({
          text: z.string().trim().min(3).max(5000),
          type: z.string().max(200).optional(),
          limit: z.number().int().min(1).max(30).default(10),
        }),
        response: {
          200: z.array(
            z.object({
              concept: conceptSchema,
              matchedWords: z.array(z.string()),
              confidence: z.number(),
              needsConfirmation: z.boolean(),
            }),
          ),
          ...problems(400, 401),
        },
      },
    },
    async (request) =>
      suggestConcepts(db, {
        text: request.body.text,
        types: request.body.type
          ?.split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        limit: request.body.limit,
      }),
  );

  app.get(
    '/api/taxonomy/imports',
    {
      schema: {
        tags,
        summary: 'Recent taxonomy imports with their counts and problems (HEI admins)',
        response: { 200: z.array(importSchema), ...problems(401, 403) },
      },
    },
    async (request) => {
      requireTaxonomyAdmin(actorOf(request));
      return listImports(db);
    },
  );

  app.post(
    '/api/taxonomy/imports',
    {
      schema: {
        tags,
        summary:
          'Upload taxonomy files and import them in the background (HEI admins); 202 with the queued import',
        description:
          'multipart/form-data: `format` (esco or jobtech), optionally `version` (required for ESCO unless a file name ' +
          'has it), `language` (ESCO: the package language, else read from names like skills_sv.csv) and ' +
          '`keepValidRows=true`; then the `files` (ESCO: .csv, JobTech: .json; at most 50 files and 200 MB together). ' +
          'Follow the import at GET /api/taxonomy/imports/{importId}.',
        consumes: ['multipart/form-data'],
        response: { 202: importSchema, ...problems(400, 401, 403, 413), 415: problems(400)[400] },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireTaxonomyAdmin(actor);
      const importId = randomUUID();
      const dir = uploadDir(config.dataDir, importId);
      const upload = await receiveUpload(request, dir);
      try {
        const parsed = uploadFields.safeParse(
          Object.fromEntries(Object.entries(upload.fields).filter(([, v]) => v.trim() !== '')),
        );
        if (!parsed.success)
          throw invalid(
            parsed.error.issues.map((issue) => ({
              field: ['body', ...issue.path].join('.'),
              message: issue.message,
            })),
          );
        const { format, language, keepValidRows } = parsed.data;
        const extension = format === 'esco' ? '.csv' : '.json';
        if (!upload.files.length)
          throw invalid([{ field: 'body.files', message: 'attach the files to import' }]);
        const wrong = upload.files.filter((f) => !f.toLowerCase().endsWith(extension));
        if (wrong.length)
          throw invalid([
            {
              field: 'body.files',
              message: `${format === 'esco' ? 'ESCO packages are .csv files' : 'JobTech files are .json'}: ${wrong.join(', ')}`,
            },
          ]);
        const version =
          parsed.data.version ||
          (format === 'jobtech'
            ? 'current'
            : upload.files.map((f) => f.match(/\d+\.\d+(\.\d+)?/)?.[0]).find(Boolean));
        if (!version)
          throw invalid([{ field: 'body.version', message: 'give the ESCO version (e.g. 1.2.0)' }]);
        const queued = await queueImport(db, jobs, config.dataDir, {
          id: importId,
          source: format,
          version,
          language: format === 'jobtech' ? 'sv' : language || null,
          keepValidRows: keepValidRows === 'true',
          files: upload.files.length,
          startedBy: actor.userId,
        });
        return reply.status(202).header('location', `/api/taxonomy/imports/${importId}`).send(queued);
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    },
  );

  app.get(
    '/api/taxonomy/imports/:importId',
    {
      schema: {
        tags,
        summary:
          'One taxonomy import: status, progress, counts and the problems found, by file and row (HEI admins)',
        params: z.object({ importId: z.uuid() }),
        response: { 200: importSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      requireTaxonomyAdmin(actorOf(request));
      return getImport(db, request.params.importId);
    },
  );
}
