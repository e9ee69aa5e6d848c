import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import {
  analysisSchema,
  analysisSummarySchema,
  comparisonSchema,
  createAnalysisBody,
  needBody,
  roleBody,
} from './needs.contract.ts';
import { analysisCsv, analysisXlsx } from './needs.export.ts';
import {
  addNeed,
  addRole,
  compareAnalyses,
  createAnalysis,
  deleteNeed,
  getAnalysis,
  listAnalyses,
  newVersion,
  updateNeed,
} from './needs.service.ts';
import { levelDescriptions } from './priority.ts';

const analysisParams = z.object({ analysisId: z.uuid() });
const needParams = analysisParams.extend({ needId: z.uuid() });

export async function needsRoutes(app: App, { database: { db } }: Deps) {
  const tags = ['competence needs'];
  const one = { 200: analysisSchema, ...problems(400, 401, 403, 404) };

  app.get(
    '/api/analyses',
    {
      schema: {
        tags,
        summary: "The active HEI's competence-needs analyses, optionally of one case or customer",
        querystring: z.object({ caseId: z.uuid().optional(), customerId: z.uuid().optional() }),
        response: { 200: z.array(analysisSummarySchema), ...problems(400, 401, 403) },
      },
    },
    async (request) => listAnalyses(db, actorOf(request), request.query),
  );

  app.get(
    '/api/analyses/levels',
    {
      schema: {
        tags,
        summary: 'The plain-language descriptions of competence levels 0–5, and the priority formula',
        response: {
          200: z.object({
            levels: z.object({ sv: z.array(z.string()), en: z.array(z.string()) }),
            formula: z.string(),
          }),
        },
      },
    },
    async () => ({
      levels: levelDescriptions,
      formula:
        'priority = importance × gap × (1 + log10(people)) × horizon weight; gap = max(0, required − current)',
    }),
  );

  app.post(
    '/api/analyses',
    {
      schema: {
        tags,
        summary: 'Start an analysis for a case or a customer (coordinator, teacher)',
        body: createAnalysisBody,
        response: { 201: analysisSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createAnalysis(db, actorOf(request), request.body)),
  );

  app.get(
    '/api/analyses/:analysisId',
    {
      schema: {
        tags,
        summary: 'An analysis: organisation, roles and needs with computed gap and priority',
        params: analysisParams,
        response: one,
      },
    },
    async (request) => getAnalysis(db, actorOf(request), request.params.analysisId),
  );

  app.post(
    '/api/analyses/:analysisId/roles',
    {
      schema: {
        tags,
        summary: 'Add a role with its occupation and headcount now and at the horizon',
        params: analysisParams,
        body: roleBody,
        response: { ...one, 201: analysisSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addRole(db, actorOf(request), request.params.analysisId, request.body)),
  );

  app.post(
    '/api/analyses/:analysisId/needs',
    {
      schema: {
        tags,
        summary: 'Add a competence need (a concept or words; levels 0–5; importance 1–3)',
        params: analysisParams,
        body: needBody,
        response: { ...one, 201: analysisSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addNeed(db, actorOf(request), request.params.analysisId, request.body)),
  );

  app.put(
    '/api/analyses/:analysisId/needs/:needId',
    {
      schema: {
        tags,
        summary: 'Revise a competence need',
        params: needParams,
        body: needBody,
        response: one,
      },
    },
    async (request) =>
      updateNeed(db, actorOf(request), request.params.analysisId, request.params.needId, request.body),
  );

  app.delete(
    '/api/analyses/:analysisId/needs/:needId',
    { schema: { tags, summary: 'Remove a competence need', params: needParams, response: one } },
    async (request) => deleteNeed(db, actorOf(request), request.params.analysisId, request.params.needId),
  );

  app.post(
    '/api/analyses/:analysisId/versions',
    {
      schema: {
        tags,
        summary: 'Start a new version (a copy to revise; the earlier one stays)',
        params: analysisParams,
        response: { ...one, 201: analysisSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await newVersion(db, actorOf(request), request.params.analysisId)),
  );

  app.get(
    '/api/analyses/:analysisId/export',
    {
      schema: {
        tags,
        summary: 'The analysis as CSV or XLSX (one row per need, priority first), in Swedish or English',
        params: analysisParams,
        querystring: z.object({ format: z.enum(['csv', 'xlsx']), lang: z.enum(['sv', 'en']).default('sv') }),
        response: { 200: z.string().describe('The file'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const analysis = await getAnalysis(db, actorOf(request), request.params.analysisId);
      const { format, lang } = request.query;
      const name = `kompetensbehov-${analysis.customer.name}-v${analysis.version}.${format}`.replace(
        /[^\p{L}\p{N}.-]+/gu,
        '-',
      );
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
      if (format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .serializer((p: string) => p)
          .send(analysisCsv(analysis, lang));
      const file = await analysisXlsx(analysis, lang);
      // A binary body goes out as it is; the route's 200 schema documents it as a file.
      return (reply as FastifyReply)
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(file);
    },
  );

  app.get(
    '/api/analyses/:analysisId/compare',
    {
      schema: {
        tags,
        summary: 'Compare this analysis with another version, need by need',
        params: analysisParams,
        querystring: z.object({ to: z.uuid() }),
        response: { 200: comparisonSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => compareAnalyses(db, actorOf(request), request.params.analysisId, request.query.to),
  );
}
