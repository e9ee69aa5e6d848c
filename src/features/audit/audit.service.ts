import type { Db } from '../../db/client.ts';
import { auditEvent } from './audit.table.ts';

type Writer = Pick<Db, 'insert'>;

/** Appends one audit event, in the caller's transaction so it is written exactly when the change is. */
export async function recordAudit(
  db: Writer,
  event: {
    actor: { userId: string } | null;
    organisationId: string | null;
    action: string;
    subjectType: string;
    subjectId: string;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(auditEvent).values({
    actorUserId: event.actor?.userId ?? null,
    organisationId: event.organisationId,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    data: event.data ?? {},
  });
}
