import { z } from 'zod';
import { pageOf, pageQuery } from '../../shared/pages.ts';

/** The most events one CSV export holds: past it, the administrator chooses a shorter period. */
export const AUDIT_EXPORT_LIMIT = 100_000;

/** What the log is narrowed to: a period, one kind of event, one person, one record. */
export const auditFilterQuery = {
  from: z.iso.date().optional(),
  to: z.iso.date().optional().describe('Exclusive'),
  action: z.string().max(100).optional(),
  actor: z.string().max(100).optional().describe('The id of the user who did it'),
  subject: z.string().max(200).optional().describe('The id of the record it was done to'),
};

export const auditQuery = z.object({
  ...auditFilterQuery,
  ...pageQuery,
  format: z
    .enum(['json', 'csv'])
    .default('json')
    .describe(`csv: every event that matches (at most ${AUDIT_EXPORT_LIMIT}), not a page`),
});
export type AuditFilter = Pick<z.infer<typeof auditQuery>, keyof typeof auditFilterQuery>;

export const auditEventSchema = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    actorId: z.string().nullable(),
    actor: z.string().nullable().describe("The user's name; null when the system did it"),
    action: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEventView = z.infer<typeof auditEventSchema>;

export const auditPageSchema = pageOf(auditEventSchema);

/** The kinds of event and the people in an organisation's log: what its filters offer. */
export const auditFilterOptionsSchema = z
  .object({
    actions: z.array(z.string()),
    actors: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .meta({ id: 'AuditFilterOptions' });
