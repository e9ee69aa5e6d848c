import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { fileName, sendFile } from '../../server/http/files.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { actingCustomer } from '../tenancy/tenancy.service.ts';
import {
  answerEvaluationBody,
  answerFollowUpBody,
  createdEvaluationSchema,
  createEvaluationBody,
  evaluationResultsSchema,
  evaluationSummarySchema,
  heiEvaluationsSchema,
  portalFollowUpSchema,
  publicEvaluationSchema,
  sharedEvaluationSchema,
} from './evaluation.contract.ts';
import {
  answerEvaluation,
  answerFollowUp,
  closeEvaluation,
  createEvaluation,
  customerEvaluations,
  customerFollowUps,
  evaluationResults,
  heiEvaluations,
  heiEvaluationsCsv,
  listCaseEvaluations,
  publicEvaluation,
  requestFollowUp,
  shareEvaluation,
} from './evaluation.service.ts';

const caseParams = z.object({ caseId: z.uuid() });
const evaluationParams = z.object({ evaluationId: z.uuid() });
const tokenParams = z.object({ token: z.string().min(20).max(100) });

/**
 * Evaluation on Kirkpatrick's four levels: the HEI evaluates a course it gave (participants answer
 * anonymously through single-use links: reaction and learning), and asks the customer to follow up
 * behaviour at work and results in the portal.
 */
export async function evaluationRoutes(app: App, { database: { db }, config }: Deps) {
  const tags = ['evaluation'];

  app.get(
    '/api/evaluations',
    {
      schema: {
        tags,
        summary: "The active HEI's evaluations, newest first, with their key figures and totals",
        response: { 200: heiEvaluationsSchema, ...problems(401, 403) },
      },
    },
    async (request) => heiEvaluations(db, actorOf(request)),
  );

  app.get(
    '/api/evaluations/export',
    {
      schema: {
        tags,
        summary: "The active HEI's evaluations as CSV (semicolons, UTF-8 with BOM), in Swedish or English",
        querystring: z.object({ lang: z.enum(['sv', 'en']).default('sv') }),
        response: { 200: z.string().describe('The file'), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { lang } = request.query;
      return sendFile(reply, {
        name: fileName([lang === 'sv' ? 'utvarderingar' : 'evaluations', stockholmDate(new Date())], 'csv'),
        type: 'text/csv; charset=utf-8',
        body: await heiEvaluationsCsv(db, actorOf(request), lang),
      });
    },
  );

  app.get(
    '/api/cases/:caseId/evaluations',
    {
      schema: {
        tags,
        summary: "The case's evaluations: how many answered, and the customer's follow-up",
        params: caseParams,
        response: {
          200: z.object({ evaluations: z.array(evaluationSummarySchema) }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request) => listCaseEvaluations(db, actorOf(request), request.params.caseId),
  );

  app.post(
    '/api/cases/:caseId/evaluations',
    {
      schema: {
        tags,
        summary:
          'Evaluate an approved design of the case: single-use links, e-mailed to its participants on request; the rest returned once',
        params: caseParams,
        body: createEvaluationBody,
        response: { 201: createdEvaluationSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createEvaluation(db, actorOf(request), request.params.caseId, request.body, config.publicUrl),
        ),
  );

  app.get(
    '/api/evaluations/:evaluationId/results',
    {
      schema: {
        tags,
        summary:
          'Levels 1 and 2: means and distributions, each outcome before and after, comments (from 5 answers)',
        params: evaluationParams,
        response: { 200: evaluationResultsSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => evaluationResults(db, actorOf(request), request.params.evaluationId),
  );

  app.post(
    '/api/evaluations/:evaluationId/close',
    {
      schema: {
        tags,
        summary: 'Stop taking answers before the closing day',
        params: evaluationParams,
        response: { 200: evaluationSummarySchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => closeEvaluation(db, actorOf(request), request.params.evaluationId),
  );

  app.post(
    '/api/evaluations/:evaluationId/follow-up',
    {
      schema: {
        tags,
        summary:
          "Ask the customer's contact people to follow up behaviour and results (levels 3 and 4), once",
        params: evaluationParams,
        response: { 200: evaluationSummarySchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => requestFollowUp(db, actorOf(request), request.params.evaluationId, config.publicUrl),
  );

  app.post(
    '/api/evaluations/:evaluationId/share',
    {
      schema: {
        tags,
        summary:
          "Share the participants' figures (not their comments) with the customer's portal, once there are results",
        params: evaluationParams,
        response: { 200: evaluationSummarySchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => shareEvaluation(db, actorOf(request), request.params.evaluationId, config.publicUrl),
  );

  // ---------------------------------------------------------------- participants (public, the link is the credential)

  app.get(
    '/api/feedback/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'The course and outcomes a participant is asked about (404 evaluation_link_invalid)',
        params: tokenParams,
        response: { 200: publicEvaluationSchema, ...problems(400, 404) },
      },
    },
    async (request) => publicEvaluation(db, request.params.token),
  );

  app.post(
    '/api/feedback/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'Answer anonymously, once per link (409 evaluation_already_answered), while open (409 evaluation_closed); every outcome',
        params: tokenParams,
        body: answerEvaluationBody,
        response: { 200: z.object({ answered: z.literal(true) }), ...problems(400, 404, 409) },
      },
    },
    async (request) => answerEvaluation(db, request.params.token, request.body),
  );

  // ---------------------------------------------------------------- the customer (portal)

  app.get(
    '/api/portal/follow-ups',
    {
      schema: {
        tags,
        summary:
          "The follow-ups the HEIs have asked of the customer, answered or not (optionally one case's)",
        querystring: z.object({ caseId: z.uuid().optional() }),
        response: { 200: z.array(portalFollowUpSchema), ...problems(400, 401, 403) },
      },
    },
    async (request) => customerFollowUps(db, actingCustomer(actorOf(request)), request.query.caseId),
  );

  app.get(
    '/api/portal/evaluations',
    {
      schema: {
        tags,
        summary: "The participants' figures the HEIs have shared with the customer (optionally one case's)",
        querystring: z.object({ caseId: z.uuid().optional() }),
        response: { 200: z.array(sharedEvaluationSchema), ...problems(400, 401, 403) },
      },
    },
    async (request) => customerEvaluations(db, actingCustomer(actorOf(request)), request.query.caseId),
  );

  app.post(
    '/api/portal/follow-ups/:followUpId',
    {
      schema: {
        tags,
        summary: 'Answer a follow-up, once: application at work and results (1–5), would buy again',
        params: z.object({ followUpId: z.uuid() }),
        body: answerFollowUpBody,
        response: { 200: portalFollowUpSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const answered = await answerFollowUp(
        db,
        actor,
        actingCustomer(actor),
        request.params.followUpId,
        request.body,
        config.publicUrl,
      );
      if (!answered) throw new Error('the follow-up just answered was not found');
      return answered;
    },
  );
}
