import { and, asc, count, desc, eq, gte, isNotNull, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { invalid } from '../../server/http/problem.ts';
import { toCsv } from '../../shared/csv.ts';
import { startOfStockholmDay } from '../../shared/stockholm-days.ts';
import { authUser } from '../auth/auth.table.ts';
import {
  AUDIT_EXPORT_LIMIT,
  type AuditAction,
  type AuditDetailKey,
  type AuditEventView,
  type AuditFilter,
  type AuditSubjectType,
} from './audit.contract.ts';
import { auditEvent } from './audit.table.ts';

type Writer = Pick<Db, 'insert'>;

/** Appends one audit event, in the caller's transaction so it is written exactly when the change is. */
export async function recordAudit(
  db: Writer,
  event: {
    actor: { userId: string } | null;
    organisationId: string | null;
    action: AuditAction;
    subjectType: AuditSubjectType;
    subjectId: string;
    data?: Partial<Record<AuditDetailKey, unknown>>;
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

function matching(organisationId: string, f: AuditFilter): SQL | undefined {
  return and(
    eq(auditEvent.organisationId, organisationId),
    // days of Stockholm, as the log's times are shown
    f.from ? gte(auditEvent.at, startOfStockholmDay(f.from)) : undefined,
    f.to ? lt(auditEvent.at, startOfStockholmDay(f.to)) : undefined,
    f.action ? eq(auditEvent.action, f.action) : undefined,
    f.actor ? eq(auditEvent.actorUserId, f.actor) : undefined,
    f.subject ? eq(auditEvent.subjectId, f.subject) : undefined,
  );
}

async function eventsOf(
  db: Db,
  organisationId: string,
  f: AuditFilter,
  range: { limit: number; offset: number },
): Promise<AuditEventView[]> {
  const rows = await db
    .select({ e: auditEvent, actor: authUser.name })
    .from(auditEvent)
    .leftJoin(authUser, eq(auditEvent.actorUserId, authUser.id))
    .where(matching(organisationId, f))
    // the id breaks ties: events written in one transaction share their time, and a page must not repeat one
    .orderBy(desc(auditEvent.at), desc(auditEvent.id))
    .limit(range.limit)
    .offset(range.offset);
  return rows.map(({ e, actor }) => ({
    id: e.id,
    at: e.at.toISOString(),
    actorId: e.actorUserId,
    actor,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    data: e.data,
  }));
}

async function countOf(db: Db, organisationId: string, f: AuditFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditEvent).where(matching(organisationId, f));
  return row?.n ?? 0;
}

/** One page of the organisation's log, newest first, and how many events match in all. */
export async function auditPage(
  db: Db,
  organisationId: string,
  f: AuditFilter,
  page: { page: number; pageSize: number },
) {
  const [items, total] = await Promise.all([
    eventsOf(db, organisationId, f, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize }),
    countOf(db, organisationId, f),
  ]);
  return { items, total, page: page.page, pageSize: page.pageSize };
}

/**
 * Every event that matches, newest first, as CSV. An export never leaves events out without saying so:
 * past AUDIT_EXPORT_LIMIT it is refused, and the administrator exports a shorter period at a time.
 */
export async function auditCsv(db: Db, organisationId: string, f: AuditFilter): Promise<string> {
  const total = await countOf(db, organisationId, f);
  if (total > AUDIT_EXPORT_LIMIT) {
    throw invalid([
      {
        field: 'from',
        message: `${total} events match, more than the ${AUDIT_EXPORT_LIMIT} one export holds: choose a shorter period.`,
      },
    ]);
  }
  const rows = await eventsOf(db, organisationId, f, { limit: AUDIT_EXPORT_LIMIT, offset: 0 });
  return toCsv([
    ['at', 'actor', 'action', 'subject_type', 'subject_id', 'data'],
    ...rows.map((r) => [r.at, r.actor, r.action, r.subjectType, r.subjectId, JSON.stringify(r.data)]),
  ]);
}

/** The kinds of event and the people (by name) in the organisation's log, for its filters. */
export async function auditFilterOptions(db: Db, organisationId: string) {
  const inOrganisation = eq(auditEvent.organisationId, organisationId);
  const [actions, actors] = await Promise.all([
    db
      .selectDistinct({ action: auditEvent.action })
      .from(auditEvent)
      .where(inOrganisation)
      .orderBy(asc(auditEvent.action)),
    db
      .selectDistinct({ id: authUser.id, name: authUser.name })
      .from(auditEvent)
      .innerJoin(authUser, eq(auditEvent.actorUserId, authUser.id))
      .where(and(inOrganisation, isNotNull(auditEvent.actorUserId)))
      .orderBy(asc(authUser.name), asc(authUser.id)),
  ]);
  return { actions: actions.map((a) => a.action), actors };
}

/** How many events of the organisation's log this person did (for a subject access report; no access check). */
export async function countEventsBy(db: Db, organisationId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditEvent)
    .where(matching(organisationId, { actor: userId }));
  return row?.n ?? 0;
}
