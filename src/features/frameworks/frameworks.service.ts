import { and, asc, between, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { invalid, notFound } from '../../server/http/problem.ts';
import { addDays, daysBetween, stockholmDate } from '../../shared/stockholm-days.ts';
import { invoicedValuePerCase, signedValuePerCase } from '../agreements/agreements.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { callOffsUnder, casesPerCustomer } from '../cases/cases.service.ts';
import type { Outcome, Stage } from '../cases/stages.ts';
import { type Actor, actingHei, activeMembership, organisationsById } from '../tenancy/tenancy.service.ts';
import {
  type createFrameworkBody,
  ENDING_SOON_DAYS,
  FRAMEWORK_READERS,
  FRAMEWORK_WRITERS,
  type FrameworkDetail,
  type FrameworkSummary,
  type frameworkListQuery,
  type updateFrameworkBody,
} from './frameworks.contract.ts';
import { frameworkAgreement } from './frameworks.table.ts';

type FrameworkRow = typeof frameworkAgreement.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * The active HEI's framework agreements (all, or one customer's), with how much has been called off under
 * each; those still running first, the soonest to end first.
 */
export async function listFrameworks(
  db: Db,
  actor: Actor,
  query: typeof frameworkListQuery._output,
): Promise<FrameworkSummary[]> {
  const hei = await actingHei(db, actor, FRAMEWORK_READERS);
  const rows = await db
    .select()
    .from(frameworkAgreement)
    .where(
      and(
        eq(frameworkAgreement.heiId, hei.id),
        query.customerId ? eq(frameworkAgreement.customerId, query.customerId) : undefined,
      ),
    )
    .orderBy(asc(frameworkAgreement.validTo), asc(frameworkAgreement.title));
  const summaries = (await withCallOffs(db, hei.id, rows)).map((s) => s.summary);
  const running = (s: FrameworkSummary) => (s.status === 'ended' ? 1 : 0);
  return summaries.sort((a, b) => running(a) - running(b));
}

/** One framework agreement of the active HEI, with its call-offs (404 for another HEI's). */
export async function getFramework(db: Db, actor: Actor, id: string): Promise<FrameworkDetail> {
  const hei = await actingHei(db, actor, FRAMEWORK_READERS);
  const row = await load(db, hei.id, id);
  const [found] = await withCallOffs(db, hei.id, [row]);
  if (!found) throw notFound('The framework agreement');
  return { ...found.summary, callOffList: found.callOffs, canEdit: recordsFrameworks(actor) };
}

/** Records a framework agreement the HEI holds with one of its customers (one it has had a case with). */
export async function createFramework(db: Db, actor: Actor, body: typeof createFrameworkBody._output) {
  const hei = await actingHei(db, actor, FRAMEWORK_WRITERS);
  // the customer register's rule: an HEI knows only the organisations it has had cases with
  if (!(await casesPerCustomer(db, hei.id, body.customerId)).length)
    throw invalid([{ field: 'body.customerId', message: 'is not a customer your HEI has had a case with' }]);
  const id = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(frameworkAgreement)
      .values({ ...body, reference: body.reference || null, heiId: hei.id, createdBy: actor.userId })
      .returning({ id: frameworkAgreement.id });
    if (!created) throw new Error('framework agreement not created');
    await recordAudit(tx, {
      actor,
      organisationId: hei.id,
      action: 'framework.created',
      subjectType: 'framework_agreement',
      subjectId: created.id,
      data: {
        title: body.title,
        validFrom: body.validFrom,
        validTo: body.validTo,
        ceilingOre: body.ceilingOre,
      },
    });
    return created.id;
  });
  return getFramework(db, actor, id);
}

/** Corrects a framework agreement, or extends it (a new last day); the audit log keeps each change. */
export async function updateFramework(
  db: Db,
  actor: Actor,
  id: string,
  changes: typeof updateFrameworkBody._output,
) {
  const hei = await actingHei(db, actor, FRAMEWORK_WRITERS);
  await db.transaction(async (tx) => {
    const row = await load(tx, hei.id, id, true);
    const reference = changes.reference === undefined ? row.reference : changes.reference || null;
    const next = { ...row, ...changes, reference };
    if (next.validTo < next.validFrom)
      throw invalid([{ field: 'body.validTo', message: 'the last day cannot be before the first' }]);
    const changed = (Object.keys(changes) as (keyof typeof changes)[]).filter(
      (key) => (next[key] ?? null) !== (row[key] ?? null),
    );
    if (!changed.length) return;
    await tx
      .update(frameworkAgreement)
      .set({ ...Object.fromEntries(changed.map((key) => [key, next[key]])), updatedAt: new Date() })
      .where(eq(frameworkAgreement.id, id));
    await recordAudit(tx, {
      actor,
      organisationId: hei.id,
      action: 'framework.updated',
      subjectType: 'framework_agreement',
      subjectId: id,
      data: Object.fromEntries(changed.map((key) => [key, { before: row[key], after: next[key] }])),
    });
  });
  return getFramework(db, actor, id);
}

/**
 * The HEI's running framework agreements that end within 90 days, the soonest first: for those who record them
 * (coordinators, managers), time to prepare for the customer's next procurement. Null for other roles.
 */
export async function frameworksEndingSoon(db: Db, actor: Actor, heiId: string, today: string) {
  if (!recordsFrameworks(actor)) return null;
  const rows = await db
    .select()
    .from(frameworkAgreement)
    .where(
      and(
        eq(frameworkAgreement.heiId, heiId),
        lte(frameworkAgreement.validFrom, today),
        between(frameworkAgreement.validTo, today, addDays(today, ENDING_SOON_DAYS)),
      ),
    )
    .orderBy(asc(frameworkAgreement.validTo), asc(frameworkAgreement.title));
  const customers = await organisationsById(db, [...new Set(rows.map((r) => r.customerId))]);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    customerName: customers.get(r.customerId)?.name ?? '',
    validTo: r.validTo,
    daysLeft: daysBetween(today, r.validTo),
  }));
}

/** Whether the actor records and corrects framework agreements at the active HEI. */
const recordsFrameworks = (actor: Actor) =>
  (activeMembership(actor)?.roles ?? []).some((r) => (FRAMEWORK_WRITERS as readonly string[]).includes(r));

async function load(db: Db | Tx, heiId: string, id: string, forUpdate = false): Promise<FrameworkRow> {
  const query = db
    .select()
    .from(frameworkAgreement)
    .where(and(eq(frameworkAgreement.id, id), eq(frameworkAgreement.heiId, heiId)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('The framework agreement');
  return row;
}

/**
 * Every HEI's agreements running on `today` (started, not ended), as each HEI reads them: for the morning
 * reminders of agreements that run out or whose ceiling is nearly used.
 */
export async function runningFrameworks(db: Db, today: string) {
  const rows = await db
    .select()
    .from(frameworkAgreement)
    .where(and(lte(frameworkAgreement.validFrom, today), gte(frameworkAgreement.validTo, today)));
  const heis = [...new Set(rows.map((r) => r.heiId))];
  const perHei = await Promise.all(
    heis.map(async (heiId) =>
      (
        await withCallOffs(
          db,
          heiId,
          rows.filter((r) => r.heiId === heiId),
          today,
        )
      ).map((f) => ({
        heiId,
        ...f.summary,
      })),
    ),
  );
  return perHei.flat();
}

/**
 * Each agreement as the HEI reads it, with its call-offs, what their signed agreements are worth and how much of
 * that has been invoiced.
 */
async function withCallOffs(db: Db, heiId: string, rows: FrameworkRow[], today = stockholmDate(new Date())) {
  if (!rows.length) return [];
  const [cases, signed, invoiced, customers] = await Promise.all([
    callOffsUnder(
      db,
      heiId,
      rows.map((r) => r.id),
    ),
    signedValuePerCase(db, heiId),
    invoicedValuePerCase(db, heiId),
    organisationsById(db, [...new Set(rows.map((r) => r.customerId))]),
  ]);
  const value = new Map(signed.map((s) => [s.caseId, s.valueOre]));
  const invoicedValue = new Map(invoiced.map((s) => [s.caseId, s.valueOre]));
  return rows.map((row) => {
    const callOffs = cases
      .filter((c) => c.frameworkAgreementId === row.id)
      .map((c) => ({
        id: c.id,
        reference: c.reference,
        title: c.title,
        stage: c.stage as Stage,
        outcome: c.outcome as Outcome | null,
        openedAt: c.openedAt,
        signedValueOre: value.get(c.id) ?? 0,
      }));
    const summary: FrameworkSummary = {
      id: row.id,
      title: row.title,
      reference: row.reference,
      customer: {
        id: row.customerId,
        name: customers.get(row.customerId)?.name ?? '',
        orgNumber: customers.get(row.customerId)?.orgNumber ?? '',
      },
      validFrom: row.validFrom,
      validTo: row.validTo,
      ceilingOre: row.ceilingOre,
      status: today < row.validFrom ? 'upcoming' : today > row.validTo ? 'ended' : 'active',
      daysLeft: daysBetween(today, row.validTo),
      callOffs: callOffs.length,
      calledOffOre: callOffs.reduce((sum, c) => sum + c.signedValueOre, 0),
      invoicedOre: callOffs.reduce((sum, c) => sum + (invoicedValue.get(c.id) ?? 0), 0),
    };
    return { summary, callOffs };
  });
}
