import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { fileName, sendFile } from '../../server/http/files.ts';
import { AppError, invalid } from '../../server/http/problem.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { rebuildNeighbours } from '../matching/matching.index.ts';
import { getOrganisation } from '../tenancy/tenancy.service.ts';
import {
  courseListQuery,
  courseListSchema,
  courseSchema,
  createCourseBody,
  decideTagBody,
  importBody,
  importReportSchema,
  tagReviewQuery,
  tagReviewSchema,
  updateCourseBody,
  uploadSchema,
} from './catalog.contract.ts';
import {
  authorizeCatalogWriter,
  catalogScope,
  createCourse,
  createUpload,
  decideTag,
  deleteCourse,
  exportCatalog,
  getCourse,
  importUpload,
  listCourses,
  listImports,
  suggestCourseTags,
  suggestTagsFor,
  tagReview,
  updateCourse,
} from './catalog.service.ts';
import { catalogXlsx } from './catalog.sheet.ts';

/** Catalogue files are small: the app's multipart limit (10 MB) applies. */
const MAX_CATALOG_BYTES = 10 * 1024 * 1024;

const orgParams = z.object({ organisationId: z.uuid() });
const courseParams = orgParams.extend({ courseId: z.uuid() });
const tagParams = courseParams.extend({ conceptId: z.uuid() });

async function readFile(request: FastifyRequest) {
  if (!request.isMultipart())
    throw new AppError(415, 'unsupported_media_type', 'Send the file as multipart/form-data.');
  const file: MultipartFile | undefined = await request.file({
    limits: { fileSize: MAX_CATALOG_BYTES, files: 1 },
  });
  if (!file) throw invalid([{ field: 'file', message: 'attach a catalogue file' }]);
  const content = await file.toBuffer().catch((error: { code?: string }) => {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError(413, 'body_too_large', 'The file is larger than 10 MB.', [
        { field: 'file', message: 'is larger than 10 MB' },
      ]);
    throw error;
  });
  return { fileName: file.filename || 'catalogue', content };
}

/** Tag suggestions for the courses an import created or changed, in the background (idempotent). */
export const CATALOG_TAGS_QUEUE = 'catalog-suggest-tags';
type TagsJob = { courseIds: string[] };
/** The matching index's course neighbours of an HEI's consortium, rebuilt after its catalogue changed. */
export const MATCHING_NEIGHBOURS_QUEUE = 'matching-neighbours';
type NeighboursJob = { heiId: string };

export async function catalogRoutes(app: App, { database: { db }, jobs }: Deps) {
  const tags = ['course catalogues'];
  jobs.define<TagsJob>(
    CATALOG_TAGS_QUEUE,
    { retryLimit: 2, retryDelaySeconds: 10, expireInSeconds: 1800 },
    async (data) => {
      await suggestTagsFor(db, data.courseIds);
    },
  );
  // a rebuild redoes the whole consortium's neighbours: changes while one runs need one more run, not one each
  jobs.define<NeighboursJob>(
    MATCHING_NEIGHBOURS_QUEUE,
    { retryLimit: 2, retryDelaySeconds: 10, expireInSeconds: 1800, coalesce: true },
    async (data) => {
      await rebuildNeighbours(db, await catalogScope(db, data.heiId));
    },
  );
  const queueTags = async (courseIds: string[]) => {
    await jobs.send<TagsJob>(CATALOG_TAGS_QUEUE, { courseIds });
  };
  /** The HEI's admin or coordinator (others of the HEI 403, outsiders 404), checked before anything is read. */
  const writer = (request: FastifyRequest, params: { organisationId: string }) => ({
    ...authorizeCatalogWriter(actorOf(request), params.organisationId),
    queueNeighbours,
  });
  const queueNeighbours = async (heiId: string) => {
    // one key per consortium (its first HEI): every HEI of it rebuilds the same neighbours
    const [key = heiId] = (await catalogScope(db, heiId)).sort();
    await jobs.send<NeighboursJob>(MATCHING_NEIGHBOURS_QUEUE, { heiId }, { key });
  };

  // ---------------------------------------------------------------- reading: the whole consortium

  app.get(
    '/api/catalog/courses',
    {
      schema: {
        tags,
        summary:
          'Search the course catalogues of every HEI in your consortium (HEI staff): HEI, language, format, level, credits, free text',
        querystring: courseListQuery,
        response: { 200: courseListSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => listCourses(db, actorOf(request), request.query),
  );

  app.get(
    '/api/catalog/courses/:courseId',
    {
      schema: {
        tags,
        summary: 'A course of your consortium with its occasions and concept tags (HEI staff)',
        params: z.object({ courseId: z.uuid() }),
        response: { 200: courseSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getCourse(db, actorOf(request), request.params.courseId),
  );

  // ---------------------------------------------------------------- writing: the HEI's admin and coordinators

  app.post(
    '/api/organisations/:organisationId/catalog/uploads',
    {
      schema: {
        tags,
        summary:
          'Upload a catalogue file (JSON interchange, CSV or XLSX; at most 10 MB) and get its columns, first rows and a guessed mapping (admin, coordinator)',
        description:
          'multipart/form-data with one `file`. Nothing is imported yet: call POST …/catalog/imports with the `uploadId` and the mapping. Uploads not imported are removed after seven days.',
        consumes: ['multipart/form-data'],
        params: orgParams,
        response: {
          201: uploadSchema,
          ...problems(400, 401, 403, 404, 413),
          415: problems(400)[400],
        },
      },
    },
    async (request, reply) => {
      const access = writer(request, request.params);
      const file = await readFile(request);
      return reply.status(201).send(await createUpload(db, access, file));
    },
  );

  app.post(
    '/api/organisations/:organisationId/catalog/imports',
    {
      schema: {
        tags,
        summary:
          'Import an uploaded catalogue with a column mapping; the report lists every bad row (admin, coordinator)',
        description:
          'With bad rows nothing is written (status needs_decision) unless `keepValidRows` is true. Courses are matched by code: re-importing the same file changes nothing; an updated file updates by code. Concept tags for new and changed courses are suggested by a background job (counts.tagsQueued); they appear on the courses within seconds to a minute.',
        params: orgParams,
        body: importBody,
        response: { 200: importReportSchema, ...problems(400, 401, 403, 404, 409), 415: problems(400)[400] },
      },
    },
    async (request) =>
      importUpload(db, writer(request, request.params), request.body, { queueTags, queueNeighbours }),
  );

  app.get(
    '/api/organisations/:organisationId/catalog/imports',
    {
      schema: {
        tags,
        summary: "The HEI's recent catalogue imports with their reports (admin, coordinator)",
        params: orgParams,
        response: { 200: z.array(importReportSchema), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => listImports(db, writer(request, request.params)),
  );

  app.get(
    '/api/organisations/:organisationId/catalog/export',
    {
      schema: {
        tags,
        summary:
          "The HEI's catalogue as a file: the JSON interchange format (every field, occasions, confirmed concepts) or an XLSX workbook (admin, coordinator)",
        description:
          'JSON: importing the file again changes nothing; importing it at another HEI gives the same courses and concept tags. ' +
          'XLSX: the courses on the first sheet with column names and values the import maps by itself (edit and import it back), ' +
          'the occasions on a second sheet; `lang` names the columns in Swedish or English (docs/catalog-format.md).',
        params: orgParams,
        querystring: z.object({
          format: z.enum(['json', 'xlsx']).default('json'),
          lang: z.enum(['sv', 'en']).default('sv'),
        }),
        response: { 200: z.string().describe('The catalogue file'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const access = writer(request, request.params);
      const hei = await getOrganisation(db, access.heiId);
      const { format, lang } = request.query;
      const exported = await exportCatalog(db, access);
      const name = fileName(['kurskatalog', hei.name, stockholmDate(new Date())], format);
      return sendFile(
        reply,
        format === 'json'
          ? { name, type: 'application/json; charset=utf-8', body: `${JSON.stringify(exported, null, 2)}\n` }
          : {
              name,
              type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
              body: await catalogXlsx(exported, lang),
              language: lang,
            },
      );
    },
  );

  app.get(
    '/api/organisations/:organisationId/catalog/tag-review',
    {
      schema: {
        tags,
        summary:
          "The HEI's courses with suggested concepts nobody has confirmed or rejected, in code order (admin, coordinator)",
        params: orgParams,
        querystring: tagReviewQuery,
        response: { 200: tagReviewSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => tagReview(db, writer(request, request.params), request.query),
  );

  app.post(
    '/api/organisations/:organisationId/catalog/courses',
    {
      schema: {
        tags,
        summary: 'Add one course to the catalogue (admin, coordinator); 409 when the code is taken',
        params: orgParams,
        body: createCourseBody,
        response: { 201: courseSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCourse(db, writer(request, request.params), request.body)),
  );

  app.patch(
    '/api/organisations/:organisationId/catalog/courses/:courseId',
    {
      schema: {
        tags,
        summary: 'Change a course: the fields given are replaced, the others stay (admin, coordinator)',
        params: courseParams,
        body: updateCourseBody,
        response: { 200: courseSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      updateCourse(db, writer(request, request.params), request.params.courseId, request.body),
  );

  app.delete(
    '/api/organisations/:organisationId/catalog/courses/:courseId',
    {
      schema: {
        tags,
        summary: 'Remove a course from the catalogue (admin, coordinator)',
        params: courseParams,
        response: { 204: z.null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteCourse(db, writer(request, request.params), request.params.courseId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/organisations/:organisationId/catalog/courses/:courseId/tag-suggestions',
    {
      schema: {
        tags,
        summary:
          "Suggest taxonomy concepts from the course's titles and subjects again; undecided suggestions are replaced (admin, coordinator)",
        params: courseParams,
        response: { 200: courseSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => suggestCourseTags(db, writer(request, request.params), request.params.courseId),
  );

  app.put(
    '/api/organisations/:organisationId/catalog/courses/:courseId/tags/:conceptId',
    {
      schema: {
        tags,
        summary: 'Confirm or reject a concept on a course (admin, coordinator)',
        params: tagParams,
        body: decideTagBody,
        response: { 200: courseSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      decideTag(
        db,
        writer(request, request.params),
        request.params.courseId,
        request.params.conceptId,
        request.body.status,
      ),
  );
}
