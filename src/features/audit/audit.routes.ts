import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { fileName, sendFile } from '../../server/http/files.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { toCsv } from '../../shared/csv.ts';
import { stockholmDate } from '../../shared/working-days.ts';
import { authUser } from '../auth/auth.table.ts';
import { organisationParams } from '../tenancy/tenancy.contract.ts';
import { requireOrganisationRole } from '../tenancy/tenancy.service.ts';
import { auditEvent } from './audit.table.ts';

const auditQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional().describe('Exclusive'),
  action: z.string().max(100).optional(),
  format: z.enum(['json', 'csv']).default('json'),
  limit: z.coerce.number().int().min(1).max(10_000).default(500),
});

const auditEventSchema = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    actor: z.string().nullable(),
    action: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEvent' });

function auditCsv(rows: z.infer<typeof auditEventSchema>[]): string {
  return toCsv([
    ['at', 'actor', 'action', 'subject_type', 'subject_id', 'data'],
    ...rows.map((r) => [r.at, r.actor, r.action, r.subjectType, r.subjectId, JSON.stringify(r.data)]),
  ]);
}

export async function auditRoutes(app: App, { database: { db } }: Deps) {
  app.get(
    '/api/organisations/:organisationId/audit',
    {
      schema: {
        tags: ['audit'],
        summary:
          "The organisation's audit log, newest first: who did what, when, with before/after (admin); ?format=csv exports it",
        params: organisationParams,
        querystring: auditQuery,
        response: { 200: z.array(auditEventSchema).or(z.string()), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      requireOrganisationRole(actorOf(request), request.params.organisationId, ['admin']);
      const q = request.query;
      const rows = await db
        .select({ e: auditEvent, actor: authUser.name })
        .from(auditEvent)
        .leftJoin(authUser, eq(auditEvent.actorUserId, authUser.id))
        .where(
          and(
            eq(auditEvent.organisationId, request.params.organisationId),
            q.from ? gte(auditEvent.at, sql`${q.from}::date`) : undefined,
            q.to ? lt(auditEvent.at, sql`${q.to}::date`) : undefined,
            q.action ? eq(auditEvent.action, q.action) : undefined,
          ),
        )
        .orderBy(desc(auditEvent.at))
        .limit(q.limit);
      const events = rows.map(({ e, actor }) => ({
        id: e.id,
        at: e.at.toISOString(),
        actor,
        action: e.action,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        data: e.data,
      }));
      if (q.format === 'csv') {
        return sendFile(reply, {
          name: fileName(['lupp-audit', stockholmDate(new Date())], 'csv'),
          type: 'text/csv; charset=utf-8',
          body: auditCsv(events),
        });
      }
      return events;
    },
  );
}
