import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { fileName, sendFile } from '../../server/http/files.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import {
  acceptanceSchema,
  analysisMatchesSchema,
  decisionBody,
  decisionSchema,
  inquiryMatchesSchema,
  matchFiltersSchema,
  matchSchema,
  searchBody,
  unmetBody,
  unmetDemandSchema,
  unmetListQuery,
  unmetListSchema,
} from './matching.contract.ts';
import {
  acceptanceOfActiveHei,
  decide,
  listUnmet,
  matchAnalysis,
  matchInquiry,
  matchText,
  recordUnmet,
  unmetCsv,
  withdrawUnmet,
} from './matching.service.ts';

export async function matchingRoutes(app: App, { database: { db } }: Deps) {
  const tags = ['matching'];

  app.post(
    '/api/matching/search',
    {
      schema: {
        tags,
        summary: "Courses across the active HEI's consortium for a need in free text, or 'no good match'",
        body: searchBody,
        response: { 200: matchSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => matchText(db, actorOf(request), request.body),
  );

  app.get(
    '/api/analyses/:analysisId/matches',
    {
      schema: {
        tags,
        summary: 'Courses for each prioritised need of an analysis (highest priority first), with decisions',
        params: z.object({ analysisId: z.uuid() }),
        querystring: matchFiltersSchema,
        response: { 200: analysisMatchesSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => matchAnalysis(db, actorOf(request), request.params.analysisId, request.query),
  );

  app.get(
    '/api/inquiries/:inquiryId/matches',
    {
      schema: {
        tags,
        summary: "Courses for an inquiry's need as the employer wrote it, with decisions",
        params: z.object({ inquiryId: z.uuid() }),
        querystring: matchFiltersSchema,
        response: { 200: inquiryMatchesSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => matchInquiry(db, actorOf(request), request.params.inquiryId, request.query),
  );

  app.put(
    '/api/matching/decisions',
    {
      schema: {
        tags,
        summary: 'Accept or reject a suggested course for a need or an inquiry (deciding again replaces it)',
        body: decisionBody,
        response: {
          200: decisionSchema.extend({ acceptance: acceptanceSchema }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request) => decide(db, actorOf(request), request.body),
  );

  app.get(
    '/api/matching/acceptance',
    {
      schema: {
        tags,
        summary: "The active HEI's acceptance rate of suggestions, overall and per confidence band",
        response: { 200: acceptanceSchema, ...problems(401, 403) },
      },
    },
    async (request) => acceptanceOfActiveHei(db, actorOf(request)),
  );

  app.put(
    '/api/matching/unmet',
    {
      schema: {
        tags,
        summary:
          'Record a need or an inquiry as unmet demand: no course of the consortium meets it (who may decide on its suggestions)',
        body: unmetBody,
        response: { 200: unmetDemandSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => recordUnmet(db, actorOf(request), request.body.subject),
  );

  app.delete(
    '/api/matching/unmet/:kind/:id',
    {
      schema: {
        tags,
        summary: 'Take a need or an inquiry off the unmet-demand list',
        params: z.object({ kind: z.enum(['need', 'inquiry']), id: z.uuid() }),
        response: { 204: z.null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await withdrawUnmet(db, actorOf(request), request.params);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/matching/unmet',
    {
      schema: {
        tags,
        summary:
          "The active HEI's unmet demand, newest first, a page at a time: needs and inquiries no course meets",
        querystring: unmetListQuery,
        response: { 200: unmetListSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => listUnmet(db, actorOf(request), request.query),
  );

  app.get(
    '/api/matching/unmet/export',
    {
      schema: {
        tags,
        summary: "The active HEI's unmet demand as CSV (semicolons, UTF-8 with BOM), in Swedish or English",
        querystring: z.object({ lang: z.enum(['sv', 'en']).default('sv') }),
        response: { 200: z.string().describe('The file'), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { lang } = request.query;
      const csv = await unmetCsv(db, actorOf(request), lang);
      return sendFile(reply, {
        name: fileName(
          [lang === 'sv' ? 'ej-tillgodosedda-behov' : 'unmet-demand', stockholmDate(new Date())],
          'csv',
        ),
        type: 'text/csv; charset=utf-8',
        body: csv,
      });
    },
  );
}
