import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { EVERY_MORNING } from '../../server/jobs.ts';
import {
  createFrameworkBody,
  frameworkDetailSchema,
  frameworkListQuery,
  frameworkParams,
  frameworkSummarySchema,
  updateFrameworkBody,
} from './frameworks.contract.ts';
import { FRAMEWORK_REMINDER_QUEUE, remindOfFrameworks } from './frameworks.reminders.ts';
import { createFramework, getFramework, listFrameworks, updateFramework } from './frameworks.service.ts';

/** An HEI's framework agreements (ramavtal) with its customers, and the cases called off under each. */
export async function frameworkRoutes(app: App, { database: { db }, config, jobs }: Deps) {
  const tags = ['framework agreements'];
  jobs.define(FRAMEWORK_REMINDER_QUEUE, EVERY_MORNING, async () => {
    const sent = await remindOfFrameworks(db, config.publicUrl);
    app.log.info({ sent }, 'framework agreements running out or nearly used reminded of');
  });

  app.get(
    '/api/framework-agreements',
    {
      schema: {
        tags,
        summary:
          "The active HEI's framework agreements (or one customer's), with what has been called off under each",
        querystring: frameworkListQuery,
        response: { 200: z.array(frameworkSummarySchema), ...problems(400, 401, 403) },
      },
    },
    async (request) => listFrameworks(db, actorOf(request), request.query),
  );

  app.post(
    '/api/framework-agreements',
    {
      schema: {
        tags,
        summary: 'Record a framework agreement with a customer of the HEI (coordinator, manager)',
        body: createFrameworkBody,
        response: { 201: frameworkDetailSchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createFramework(db, actorOf(request), request.body)),
  );

  app.get(
    '/api/framework-agreements/:frameworkId',
    {
      schema: {
        tags,
        summary: "One of the active HEI's framework agreements, with its call-offs (404 for another HEI's)",
        params: frameworkParams,
        response: { 200: frameworkDetailSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getFramework(db, actorOf(request), request.params.frameworkId),
  );

  app.patch(
    '/api/framework-agreements/:frameworkId',
    {
      schema: {
        tags,
        summary: 'Correct or extend a framework agreement (coordinator, manager)',
        params: frameworkParams,
        body: updateFrameworkBody,
        response: { 200: frameworkDetailSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => updateFramework(db, actorOf(request), request.params.frameworkId, request.body),
  );
}
