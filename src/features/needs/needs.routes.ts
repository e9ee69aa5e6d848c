import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { fileName, sendFile } from '../../server/http/files.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { heatmap, heatmapSummary } from './heatmap.service.ts';
import {
  analysisListSchema,
  analysisSchema,
  comparisonSchema,
  createAnalysisBody,
  createdSelfServiceLinkSchema,
  createdSurveySchema,
  createSelfServiceLinkBody,
  createSurveyBody,
  heatmapSchema,
  listAnalysesQuery,
  needBody,
  personBody,
  roleBody,
  SELF_SERVICE_LINK_DAYS,
  selfServiceLinkSchema,
  surveyResultsSchema,
  surveySummarySchema,
  updateAnalysisBody,
} from './needs.contract.ts';
import { analysisCsv, analysisXlsx } from './needs.export.ts';
import { analysisPdf, renderPdf } from './needs.pdf.ts';
import {
  addNeed,
  addRole,
  authorizeAnalysis,
  compareAnalyses,
  createAnalysis,
  deleteNeed,
  deleteRole,
  getAnalysis,
  heiActor,
  listAnalyses,
  newVersion,
  updateAnalysis,
  updateNeed,
  updateRole,
} from './needs.service.ts';
import { addPerson, deletePerson, updatePerson } from './persons.service.ts';
import { levelDescriptions } from './priority.ts';
import { selfServiceRoutes } from './self-service.routes.ts';
import {
  createSelfServiceLink,
  listSelfServiceLinks,
  revokeSelfServiceLink,
} from './self-service.service.ts';
import { createSurvey, listSurveys, surveyResults } from './survey.service.ts';

const analysisParams = z.object({ analysisId: z.uuid() });
const needParams = analysisParams.extend({ needId: z.uuid() });
const roleParams = analysisParams.extend({ roleId: z.uuid() });
const personParams = analysisParams.extend({ personId: z.uuid() });
const linkParams = analysisParams.extend({ linkId: z.uuid() });
const surveyParams = analysisParams.extend({ surveyId: z.uuid() });

export async function needsRoutes(app: App, deps: Deps) {
  const {
    database: { db },
    config,
  } = deps;
  const tags = ['competence needs'];
  const one = { 200: analysisSchema, ...problems(400, 401, 403, 404) };
  /** The permission checks for the signed-in HEI user; the use cases then do the work. */
  const readable = (request: FastifyRequest, analysisId: string) =>
    authorizeAnalysis(db, heiActor(actorOf(request)), analysisId, 'read');
  const writable = (request: FastifyRequest, analysisId: string) =>
    authorizeAnalysis(db, heiActor(actorOf(request)), analysisId, 'write');

  app.get(
    '/api/analyses',
    {
      schema: {
        tags,
        summary:
          "The active HEI's competence-needs analyses, newest first, a page at a time; optionally of one case or customer, or searched",
        querystring: listAnalysesQuery,
        response: { 200: analysisListSchema, ...problems(400, 401, 403) },
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
    async (request) => getAnalysis(db, await readable(request, request.params.analysisId)),
  );

  app.patch(
    '/api/analyses/:analysisId',
    {
      schema: {
        tags,
        summary:
          'Change title, strategy, drivers or horizon weights; fields left out stay (coordinator, teacher)',
        params: analysisParams,
        body: updateAnalysisBody,
        response: one,
      },
    },
    async (request) => updateAnalysis(db, await writable(request, request.params.analysisId), request.body),
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
      reply
        .status(201)
        .send(await addRole(db, await writable(request, request.params.analysisId), request.body)),
  );

  app.put(
    '/api/analyses/:analysisId/roles/:roleId',
    {
      schema: {
        tags,
        summary: 'Revise a role (title, occupation, headcount)',
        params: roleParams,
        body: roleBody,
        response: one,
      },
    },
    async (request) =>
      updateRole(db, await writable(request, request.params.analysisId), request.params.roleId, request.body),
  );

  app.delete(
    '/api/analyses/:analysisId/roles/:roleId',
    {
      schema: {
        tags,
        summary: 'Remove a role and its needs (persons and survey answers keep no role)',
        params: roleParams,
        response: one,
      },
    },
    async (request) =>
      deleteRole(db, await writable(request, request.params.analysisId), request.params.roleId),
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
      reply
        .status(201)
        .send(await addNeed(db, await writable(request, request.params.analysisId), request.body)),
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
      updateNeed(db, await writable(request, request.params.analysisId), request.params.needId, request.body),
  );

  app.delete(
    '/api/analyses/:analysisId/needs/:needId',
    { schema: { tags, summary: 'Remove a competence need', params: needParams, response: one } },
    async (request) =>
      deleteNeed(db, await writable(request, request.params.analysisId), request.params.needId),
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
      reply.status(201).send(await newVersion(db, await writable(request, request.params.analysisId))),
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
      const analysis = await getAnalysis(db, await readable(request, request.params.analysisId));
      const { format, lang } = request.query;
      const name = fileName(['kompetensbehov', analysis.customer.name, `v${analysis.version}`], format);
      return sendFile(
        reply as FastifyReply,
        format === 'csv'
          ? { name, type: 'text/csv; charset=utf-8', body: analysisCsv(analysis, lang), language: lang }
          : {
              name,
              type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
              body: await analysisXlsx(analysis, lang),
              language: lang,
            },
      );
    },
  );

  app.get(
    '/api/analyses/:analysisId/summary.pdf',
    {
      schema: {
        tags,
        summary:
          'A summary of the analysis to hand to the customer (A4 PDF): organisation, roles, top priorities, all needs, goals',
        params: analysisParams,
        querystring: z.object({ lang: z.enum(['sv', 'en']).default('sv') }),
        response: { 200: z.string().describe('The PDF'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const access = await readable(request, request.params.analysisId);
      const analysis = await getAnalysis(db, access);
      // The same gap matrix as on screen, survey means included where enough people answered.
      const matrix = await heatmap(db, access);
      const file = await renderPdf(analysisPdf(analysis, request.query.lang, { heatmap: matrix }));
      const stem = request.query.lang === 'sv' ? 'sammanfattning' : 'summary';
      return sendFile(reply as FastifyReply, {
        name: fileName([stem, analysis.customer.name, `v${analysis.version}`], 'pdf'),
        type: 'application/pdf',
        inline: true,
        body: file,
        language: request.query.lang,
      });
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

  // ------------------------------------------------------------ person level (pseudonymous)

  app.post(
    '/api/analyses/:analysisId/persons',
    {
      schema: {
        tags,
        summary:
          'Add a person by pseudonym (never a name, personnummer or e-mail) with current levels per need (coordinator, teacher)',
        params: analysisParams,
        body: personBody,
        response: { ...one, 201: analysisSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addPerson(db, await writable(request, request.params.analysisId), request.body)),
  );

  app.put(
    '/api/analyses/:analysisId/persons/:personId',
    {
      schema: {
        tags,
        summary: "Replace a person's pseudonym, role and levels",
        params: personParams,
        body: personBody,
        response: one,
      },
    },
    async (request) =>
      updatePerson(
        db,
        await writable(request, request.params.analysisId),
        request.params.personId,
        request.body,
      ),
  );

  app.delete(
    '/api/analyses/:analysisId/persons/:personId',
    { schema: { tags, summary: 'Remove a person', params: personParams, response: one } },
    async (request) =>
      deletePerson(db, await writable(request, request.params.analysisId), request.params.personId),
  );

  // ------------------------------------------------------------ the customer's self-service link

  app.post(
    '/api/analyses/:analysisId/self-service-links',
    {
      schema: {
        tags,
        summary:
          'Make a link the customer uses to fill in the analysis without an account; the token is shown only now (coordinator, teacher)',
        params: analysisParams,
        body: createSelfServiceLinkBody.nullish(),
        response: { 201: createdSelfServiceLinkSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const access = await writable(request, request.params.analysisId);
      const body = request.body ?? { expiresInDays: SELF_SERVICE_LINK_DAYS };
      return reply.status(201).send(await createSelfServiceLink(db, access, config.publicUrl, body));
    },
  );

  app.get(
    '/api/analyses/:analysisId/self-service-links',
    {
      schema: {
        tags,
        summary: "The analysis' self-service links (without their tokens)",
        params: analysisParams,
        response: { 200: z.array(selfServiceLinkSchema), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => listSelfServiceLinks(db, await readable(request, request.params.analysisId)),
  );

  app.delete(
    '/api/analyses/:analysisId/self-service-links/:linkId',
    {
      schema: {
        tags,
        summary: 'Revoke a self-service link (coordinator, teacher)',
        params: linkParams,
        response: { 204: z.null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await revokeSelfServiceLink(
        db,
        await writable(request, request.params.analysisId),
        request.params.linkId,
      );
      return reply.status(204).send(null);
    },
  );

  // ------------------------------------------------------------ anonymous self-assessment

  app.post(
    '/api/analyses/:analysisId/surveys',
    {
      schema: {
        tags,
        summary:
          "Make an anonymous self-assessment of the needs' competences: one link per respondent, shown only now (coordinator, teacher)",
        params: analysisParams,
        body: createSurveyBody,
        response: { 201: createdSurveySchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createSurvey(db, await writable(request, request.params.analysisId), request.body)),
  );

  app.get(
    '/api/analyses/:analysisId/surveys',
    {
      schema: {
        tags,
        summary: "The analysis' surveys with how many were invited and have answered",
        params: analysisParams,
        response: { 200: z.array(surveySummarySchema), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => listSurveys(db, await readable(request, request.params.analysisId)),
  );

  app.get(
    '/api/analyses/:analysisId/surveys/:surveyId/results',
    {
      schema: {
        tags,
        summary:
          'Survey results: mean and distribution per question from 5 answers, per role from 5 answers in it',
        params: surveyParams,
        response: { 200: surveyResultsSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      surveyResults(db, await readable(request, request.params.analysisId), request.params.surveyId),
  );

  app.get(
    '/api/analyses/:analysisId/heatmap',
    {
      schema: {
        tags,
        summary: heatmapSummary,
        params: analysisParams,
        response: { 200: heatmapSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => heatmap(db, await readable(request, request.params.analysisId)),
  );

  await selfServiceRoutes(app, deps);
}
