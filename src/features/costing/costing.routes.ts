import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import {
  approveCostConfigBody,
  calculateBody,
  calculationSchema,
  costConfigListSchema,
  costConfigSchema,
  createCostConfigBody,
  updateCostConfigBody,
} from './costing.contract.ts';
import {
  approveCostConfig,
  calculateWithConfig,
  createCostConfig,
  getCostConfig,
  listCostConfigs,
  updateCostConfig,
} from './costing.service.ts';

const hei = z.object({ organisationId: z.uuid() });
const version = hei.extend({ configId: z.uuid() });

export async function costingRoutes(app: App, { database: { db } }: Deps) {
  const tags = ['full-cost calculation'];

  app.get(
    '/api/organisations/:organisationId/cost-configs',
    {
      schema: {
        tags,
        summary: "The HEI's cost configuration, every version (newest first), and which is in effect",
        params: hei,
        response: { 200: costConfigListSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => listCostConfigs(db, actorOf(request), request.params.organisationId),
  );

  app.post(
    '/api/organisations/:organisationId/cost-configs',
    {
      schema: {
        tags,
        summary: 'A new draft version (a copy of the latest unless the configuration is given)',
        params: hei,
        body: createCostConfigBody,
        response: { 201: costConfigSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const created = await createCostConfig(
        db,
        actorOf(request),
        request.params.organisationId,
        request.body,
      );
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/organisations/:organisationId/cost-configs/:configId',
    {
      schema: {
        tags,
        summary: 'One version of the cost configuration',
        params: version,
        response: { 200: costConfigSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) =>
      getCostConfig(db, actorOf(request), request.params.organisationId, request.params.configId),
  );

  app.patch(
    '/api/organisations/:organisationId/cost-configs/:configId',
    {
      schema: {
        tags,
        summary: 'Change a draft version (refused when approved, or changed by someone since it was read)',
        params: version,
        body: updateCostConfigBody,
        response: { 200: costConfigSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      updateCostConfig(
        db,
        actorOf(request),
        request.params.organisationId,
        request.params.configId,
        request.body,
      ),
  );

  app.post(
    '/api/organisations/:organisationId/cost-configs/:configId/approve',
    {
      schema: {
        tags,
        summary: 'Approve a draft version (economists); from its effective date calculations use it',
        params: version,
        body: approveCostConfigBody,
        response: { 200: costConfigSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      approveCostConfig(
        db,
        actorOf(request),
        request.params.organisationId,
        request.params.configId,
        request.body,
      ),
  );

  app.post(
    '/api/organisations/:organisationId/costing/calculate',
    {
      schema: {
        tags,
        summary:
          'Full-cost calculation of design costs with the configuration in effect, and other group sizes',
        params: hei,
        body: calculateBody,
        response: { 200: calculationSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => calculateWithConfig(db, actorOf(request), request.params.organisationId, request.body),
  );
}
