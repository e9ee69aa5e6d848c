import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { caseReviewSchema, saveReviewBody } from './review.contract.ts';
import { getCaseReview, saveCaseReview } from './review.service.ts';

const params = z.object({ caseId: z.uuid() });

/** A case's review (återblick): what was learned, kept for the HEI's later cases with the same customer. */
export async function reviewRoutes(app: App, { database: { db } }: Deps) {
  const tags = ['cases'];

  app.get(
    '/api/cases/:caseId/review',
    {
      schema: {
        tags,
        summary: "The case's review, and those of the HEI's other cases with the same customer",
        params,
        response: { 200: caseReviewSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getCaseReview(db, actorOf(request), request.params.caseId),
  );

  app.put(
    '/api/cases/:caseId/review',
    {
      schema: {
        tags,
        summary:
          "Save the case's review: what worked, what to do differently, what it may lead to (409 edit_conflict)",
        params,
        body: saveReviewBody,
        response: { 200: caseReviewSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => saveCaseReview(db, actorOf(request), request.params.caseId, request.body),
  );
}
