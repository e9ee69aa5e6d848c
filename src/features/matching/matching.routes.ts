import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import {
  acceptanceSchema,
  analysisMatchesSchema,
  decisionBody,
  decisionSchema,
  inquiryMatchesSchema,
  matchFiltersSchema,
  matchSchema,
  searchBody,
} from './matching.contract.ts';
import { acceptanceOfActiveHei, decide, matchAnalysis, matchInquiry, matchText } from './matching.service.ts';

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
}
