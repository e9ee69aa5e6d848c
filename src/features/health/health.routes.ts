import { z } from 'zod';
import { migrationsApplied } from '../../db/migrate.ts';
import { sendProblem } from '../../server/http/problem.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';

export async function healthRoutes(app: App, { database }: Deps) {
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process is up',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { public: true },
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database answers and every migration is applied',
        response: {
          200: z.object({ status: z.literal('ready'), database: z.enum(['embedded', 'server']) }),
          ...problems(503),
        },
      },
    },
    async (request, reply) => {
      try {
        await database.pool.query('select 1');
        if (!(await migrationsApplied(database.pool))) {
          return sendProblem(reply, request, 503, 'not_ready', 'Database migrations are not applied yet.');
        }
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return sendProblem(reply, request, 503, 'not_ready', 'The database does not answer.');
      }
      return { status: 'ready' as const, database: database.kind };
    },
  );
}
