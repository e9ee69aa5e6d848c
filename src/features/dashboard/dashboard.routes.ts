import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { fileName, sendFile } from '../../server/http/files.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { dashboardExportQuery, dashboardQuery, dashboardSchema } from './dashboard.contract.ts';
import { keyFiguresXlsx } from './dashboard.export.ts';
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

  app.get(
    '/api/dashboard/export',
    {
      schema: {
        tags: ['key figures'],
        summary:
          'The key figures of a period as an Excel workbook, in Swedish or English (as GET /api/dashboard)',
        querystring: dashboardExportQuery,
        response: { 200: z.string().describe('The workbook'), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { lang, period } = request.query;
      return sendFile(reply, {
        name: fileName(
          [lang === 'sv' ? 'nyckeltal' : 'key-figures', period, stockholmDate(new Date())],
          'xlsx',
        ),
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: await keyFiguresXlsx(await dashboard(db, actorOf(request), period), lang),
      });
    },
  );
}
