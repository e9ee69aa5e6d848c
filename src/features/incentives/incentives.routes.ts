import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import {
  caseIncentivesSchema,
  createIncentiveModelBody,
  incentiveModelListSchema,
  incentiveModelSchema,
} from './incentives.contract.ts';
import { caseIncentives, createIncentiveModel, listIncentiveModels } from './incentives.service.ts';

const hei = z.object({ organisationId: z.uuid() });

export async function incentiveRoutes(app: App, { database: { db } }: Deps) {
  const tags = ['incentives'];

  app.get(
    '/api/organisations/:organisationId/incentive-models',
    {
      schema: {
        tags,
        summary: "The HEI's incentive model, every version (newest first), and which is in force",
        params: hei,
        response: { 200: incentiveModelListSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => listIncentiveModels(db, actorOf(request), request.params.organisationId),
  );

  app.post(
    '/api/organisations/:organisationId/incentive-models',
    {
      schema: {
        tags,
        summary:
          'A new version (admins and economists): from today or later once one is in force; replaces an upcoming one from the same day',
        params: hei,
        body: createIncentiveModelBody,
        response: { 201: incentiveModelSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createIncentiveModel(db, actorOf(request), request.params.organisationId, request.body)),
  );

  app.get(
    '/api/cases/:caseId/incentives',
    {
      schema: {
        tags,
        summary:
          "What taking part gives: the departments' share of the indirect costs and teachers' credited hours, per approved calculation",
        params: z.object({ caseId: z.uuid() }),
        response: { 200: caseIncentivesSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => caseIncentives(db, actorOf(request), request.params.caseId),
  );
}
