import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import {
  createDesignBody,
  designCalculationListSchema,
  designCalculationSchema,
  designListSchema,
  designSchema,
  revisionBody,
  updateDesignBody,
  withdrawDesignBody,
} from './design.contract.ts';
import {
  approveCalculation,
  approveDesign,
  calculateDesign,
  createDesign,
  getDesign,
  listCalculations,
  listDesigns,
  takeDesignBack,
  updateDesign,
} from './design.service.ts';
import { withdrawDesign } from './design-withdrawal.service.ts';

const design = z.object({ designId: z.uuid() });

export async function designRoutes(app: App, { database: { db } }: Deps) {
  const tags = ['course design'];

  app.get(
    '/api/cases/:caseId/designs',
    {
      schema: {
        tags,
        summary: "The case's designs, with the ordinance's checks",
        params: z.object({ caseId: z.uuid() }),
        response: { 200: designListSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => listDesigns(db, actorOf(request), request.params.caseId),
  );

  app.post(
    '/api/cases/:caseId/designs',
    {
      schema: {
        tags,
        summary:
          'A new design on the case, built from catalogue courses (e.g. accepted matches) and/or empty',
        params: z.object({ caseId: z.uuid() }),
        body: createDesignBody,
        response: { 201: designSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createDesign(db, actorOf(request), request.params.caseId, request.body)),
  );

  app.get(
    '/api/designs/:designId',
    {
      schema: {
        tags,
        summary: 'One design',
        params: design,
        response: { 200: designSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => getDesign(db, actorOf(request), request.params.designId),
  );

  app.patch(
    '/api/designs/:designId',
    {
      schema: {
        tags,
        summary: 'Change a design (takes back an approval; voids calculations of the design as it was)',
        params: design,
        body: updateDesignBody,
        response: { 200: designSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateDesign(db, actorOf(request), request.params.designId, request.body),
  );

  app.post(
    '/api/designs/:designId/approve',
    {
      schema: {
        tags,
        summary: "The study director's approval of the design as read (refused while a blocking check fails)",
        params: design,
        body: revisionBody,
        response: { 200: designSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => approveDesign(db, actorOf(request), request.params.designId, request.body),
  );

  app.post(
    '/api/designs/:designId/withdraw',
    {
      schema: {
        tags,
        summary:
          'Set the design aside, with why (the customer chose another alternative): kept read-only and restorable; its unsent proposal drafts are withdrawn',
        description:
          "Refused (409 design_in_proposal) while a proposal offers it: sent and still valid, or accepted. A design set aside answers no needs in the advice and is no teacher's commitment.",
        params: design,
        body: withdrawDesignBody,
        response: { 200: designSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => withdrawDesign(db, actorOf(request), request.params.designId, request.body.reason),
  );

  app.post(
    '/api/designs/:designId/restore',
    {
      schema: {
        tags,
        summary:
          'Take a design set aside back: approved again if the approval was of it as it is, else a draft',
        params: design,
        response: { 200: designSchema, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => takeDesignBack(db, actorOf(request), request.params.designId),
  );

  app.get(
    '/api/designs/:designId/calculations',
    {
      schema: {
        tags,
        summary: "The design's calculation versions, newest first",
        params: design,
        response: { 200: designCalculationListSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => listCalculations(db, actorOf(request), request.params.designId),
  );

  app.post(
    '/api/designs/:designId/calculations',
    {
      schema: {
        tags,
        summary: 'A new calculation version of the design as it is, with the cost configuration in effect',
        params: design,
        response: { 201: designCalculationSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await calculateDesign(db, actorOf(request), request.params.designId)),
  );

  app.post(
    '/api/designs/:designId/calculations/:calculationId/approve',
    {
      schema: {
        tags,
        summary: "An economist's approval of a calculation of the design as it is now",
        params: design.extend({ calculationId: z.uuid() }),
        response: { 200: designCalculationSchema, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) =>
      approveCalculation(db, actorOf(request), request.params.designId, request.params.calculationId),
  );
}
