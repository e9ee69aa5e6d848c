import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { fileName, sendFile } from '../../server/http/files.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { organisationParams } from '../tenancy/tenancy.contract.ts';
import { requireOrganisationRole } from '../tenancy/tenancy.service.ts';
import { auditFilterOptionsSchema, auditPageSchema, auditQuery } from './audit.contract.ts';
import { auditCsv, auditFilterOptions, auditPage } from './audit.service.ts';

export async function auditRoutes(app: App, { database: { db } }: Deps) {
  app.get(
    '/api/organisations/:organisationId/audit',
    {
      schema: {
        tags: ['audit'],
        summary:
          "The organisation's audit log, newest first, a page at a time: who did what, when, to which record, with before/after (admin); ?format=csv exports every event that matches",
        params: organisationParams,
        querystring: auditQuery,
        response: { 200: auditPageSchema.or(z.string()), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { organisationId } = request.params;
      requireOrganisationRole(actorOf(request), organisationId, ['admin']);
      const { format, page, pageSize, ...filter } = request.query;
      if (format === 'csv') {
        return sendFile(reply, {
          name: fileName(['lupp-audit', stockholmDate(new Date())], 'csv'),
          type: 'text/csv; charset=utf-8',
          body: await auditCsv(db, organisationId, filter),
        });
      }
      return auditPage(db, organisationId, filter, { page, pageSize });
    },
  );

  app.get(
    '/api/organisations/:organisationId/audit/filters',
    {
      schema: {
        tags: ['audit'],
        summary: "The kinds of event and the people in the organisation's audit log, for its filters (admin)",
        params: organisationParams,
        response: { 200: auditFilterOptionsSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      requireOrganisationRole(actorOf(request), request.params.organisationId, ['admin']);
      return auditFilterOptions(db, request.params.organisationId);
    },
  );
}
