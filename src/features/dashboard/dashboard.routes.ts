import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { dashboardQuery, dashboardSchema } from './dashboard.contract.ts';
import { dashboard } from './dashboard.service.ts';

/** The HEI's key figures for its contract education (Analys → our HEI). */
export async function dashboardRoutes(app: App, { database: { db } }: Deps) {
  app.get(
    '/api/dashboard',
    {
      schema: {
        tags: ['key figures'],
        summary:
          "The active HEI's key figures for a period: the pipeline now, cases won and lost, proposals, " +
          'agreements signed and their payments, evaluations (admins, managers, coordinators, economists)',
        querystring: dashboardQuery,
        response: { 200: dashboardSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => dashboard(db, actorOf(request), request.query.period),
  );
}
