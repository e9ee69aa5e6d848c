import { type AnyColumn, and, asc, count, desc, eq, ilike, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isForeignKeyViolation } from '../../db/errors.ts';
import { type FigureWindow, inWindow } from '../../db/figure-window.ts';
import { searchWords, stemmedPrefix } from '../../db/text-search.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../server/http/problem.ts';
import { containsAny, type FoundText, foundIn, jsonText, mentionPatterns } from '../../shared/mentions.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authUser } from '../auth/auth.table.ts';
import { userNames } from '../auth/user-names.ts';
import type { Sector } from '../inquiries/eligibility.ts';
import { notify } from '../notifications/notifications.service.ts';
import { checkOrgNumber, orgNumberMessages, sectorOfOrgNumber } from '../tenancy/org-number.ts';
import type { Role } from '../tenancy/tenancy.contract.ts';
import {
  type ActingHei,
  type Actor,
  actingHei,
  activeMembership,
  findOrCreateCustomer,
  heisWithRole,
  isMemberOf,
  organisationsById,
} from '../tenancy/tenancy.service.ts';
import { organisation } from '../tenancy/tenancy.table.ts';
import { titleFromNeed } from './case-title.ts';
import type { CaseDetail, CaseSummary, updateCaseBody } from './cases.contract.ts';
import {
  caseEntry,
  caseFile,
  caseTask,
  checklistDone,
  checklistItem,
  dialogueTemplate,
} from './cases.table.ts';
import {
  defaultChecklist,
  defaultDialogueTemplates,
  type Evidence,
  type OpenStage,
  type Outcome,
  type PurchaseRoute,
  type Stage,
  stageIndex,
  stages,
  tenderingRoutes,
} from './stages.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Writer = Db | Tx;
type CaseRow = typeof caseFile.$inferSelect;

const READ: Role[] = ['admin', 'coordinator', 'teacher', 'economist', 'manager'];
const WORK: Role[] = ['coordinator', 'teacher', 'economist'];
const MOVE: Role[] = ['coordinator', 'manager'];

const today = () => new Date().toISOString().slice(0, 10);

// ---------------------------------------------------------------- checklists

/** The HEI's checklist items (copied from the development model's defaults the first time). */
export async function ensureChecklist(db: Writer, heiId: string) {
  const existing = await db.select().from(checklistItem).where(eq(checklistItem.heiId, heiId));
  if (existing.length) return existing;
  return db
    .insert(checklistItem)
    .values(
      defaultChecklist.map((item, position) => ({
        heiId,
        stage: item.stage,
        labelSv: item.sv,
        labelEn: item.en,
        required: item.required,
        position,
        evidence: item.evidence ?? null,
      })),
    )
    .returning();
}

export async function getHeiChecklist(db: Db, heiId: string) {
  const items = await ensureChecklist(db, heiId);
  return items
    .filter((i) => !i.archivedAt)
    .sort((a, b) => stageIndex(a.stage as Stage) - stageIndex(b.stage as Stage) || a.position - b.position)
    .map((i) => ({
      id: i.id,
      stage: i.stage as OpenStage,
      labelSv: i.labelSv,
      labelEn: i.labelEn,
      required: i.required,
      evidence: (i.evidence as Evidence | null) ?? null,
    }));
}

/** Replaces an HEI's checklist; items left out are archived, so past cases keep what was ticked. */
export async function putHeiChecklist(
  db: Db,
  actor: Actor,
  heiId: string,
  items: {
    id?: string;
    stage: string;
    labelSv: string;
    labelEn: string;
    required: boolean;
    /** Left out: an item keeps what ticks it (a new one has nothing). */
    evidence?: Evidence | null;
  }[],
) {
  await db.transaction(async (tx) => {
    const current = await ensureChecklist(tx, heiId);
    const known = new Set(current.map((i) => i.id));
    const unknown = items.findIndex((i) => i.id && !known.has(i.id));
    if (unknown >= 0)
      throw invalid([{ field: `body.items.${unknown}.id`, message: 'is not an item of this checklist' }]);
    const kept = new Set(items.map((i) => i.id).filter(Boolean));
    for (const item of current) {
      if (!kept.has(item.id) && !item.archivedAt) {
        await tx.update(checklistItem).set({ archivedAt: new Date() }).where(eq(checklistItem.id, item.id));
      }
    }
    for (const [position, item] of items.entries()) {
      const values = {
        stage: item.stage,
        labelSv: item.labelSv,
        labelEn: item.labelEn,
        required: item.required,
        position,
        archivedAt: null,
        ...(item.evidence === undefined ? {} : { evidence: item.evidence }),
      };
      if (item.id) await tx.update(checklistItem).set(values).where(eq(checklistItem.id, item.id));
      else await tx.insert(checklistItem).values({ ...values, heiId });
    }
    await recordAudit(tx, {
      actor,
      organisationId: heiId,
      action: 'checklist.replaced',
      subjectType: 'organisation',
      subjectId: heiId,
      data: { items: items.length },
    });
  });
  return getHeiChecklist(db, heiId);
}

// ---------------------------------------------------------------- opening cases

/** Called when an HEI takes on an inquiry: the case starts at the inquiry stage, owned by the claimer. */
export async function openCaseFromInquiry(
  tx: Tx,
  input: {
    heiId: string;
    inquiryId: string;
    reference: string;
    organisationName: string;
    orgNumber: string;
    county: string;
    needText: string;
    sector: 'public' | 'private' | 'non_profit';
    subjectArea: string | null;
    ownerUserId: string;
  },
): Promise<string> {
  const [existing] = await tx
    .select({ id: caseFile.id, heiId: caseFile.heiId })
    .from(caseFile)
    .where(eq(caseFile.inquiryId, input.inquiryId));
  if (existing) {
    // A referred inquiry's case moves with it to the HEI that took it over.
    await tx
      .update(caseFile)
      .set({ heiId: input.heiId, ownerUserId: input.ownerUserId, updatedAt: new Date() })
      .where(eq(caseFile.id, existing.id));
    return existing.id;
  }
  const customer = await findOrCreateCustomer(tx, {
    name: input.organisationName,
    orgNumber: input.orgNumber,
    county: input.county,
  });
  await ensureChecklist(tx, input.heiId);
  const [created] = await tx
    .insert(caseFile)
    .values({
      heiId: input.heiId,
      customerId: customer.id,
      customerName: customer.name,
      inquiryId: input.inquiryId,
      reference: input.reference,
      title: titleFromNeed(input.needText) || input.organisationName,
      needText: input.needText,
      sector: input.sector,
      subjectArea: input.subjectArea,
      ownerUserId: input.ownerUserId,
    })
    .returning({ id: caseFile.id });
  if (!created) throw new AppError(500, 'internal_error', 'case was not written');
  await tx.insert(caseEntry).values({
    caseId: created.id,
    kind: 'system',
    occurredAt: new Date(),
    authorUserId: input.ownerUserId,
    title: 'Ärendet öppnades från förfrågan',
    body: { event: 'opened_from_inquiry', reference: input.reference },
  });
  return created.id;
}

export async function createCase(
  db: Db,
  actor: Actor,
  input: {
    title: string;
    customerName: string;
    customerOrgNumber: string;
    sector: 'public' | 'private' | 'non_profit';
    needText: string;
    subjectArea: string | null;
    purchaseRoute?: PurchaseRoute | null;
    tenderDeadline?: string | null;
    procurementReference?: string | null;
    frameworkAgreementId?: string | null;
  },
  nextReference: (tx: Tx) => Promise<string>,
): Promise<CaseDetail> {
  const hei = await actingHei(db, actor, ['coordinator']);
  const checked = checkOrgNumber(input.customerOrgNumber);
  if (!checked.ok)
    throw invalid([{ field: 'body.customerOrgNumber', message: orgNumberMessages[checked.reason] }]);
  checkTenderDeadline(input.purchaseRoute ?? null, input.tenderDeadline ?? null);
  checkFramework(input.purchaseRoute ?? null, input.frameworkAgreementId ?? null);
  const id = await db.transaction(async (tx) => {
    const customer = await findOrCreateCustomer(tx, {
      name: input.customerName,
      orgNumber: checked.value,
      county: null,
    });
    await ensureChecklist(tx, hei.id);
    const [created] = await tx
      .insert(caseFile)
      .values({
        heiId: hei.id,
        customerId: customer.id,
        customerName: customer.name,
        reference: await nextReference(tx),
        title: input.title,
        needText: input.needText,
        sector: input.sector,
        subjectArea: input.subjectArea,
        purchaseRoute: input.purchaseRoute ?? null,
        tenderDeadline: input.tenderDeadline ?? null,
        procurementReference: input.procurementReference || null,
        frameworkAgreementId: input.frameworkAgreementId ?? null,
        ownerUserId: actor.userId,
      })
      .returning({ id: caseFile.id })
      .catch(refuseOthersFramework);
    if (!created) throw new AppError(500, 'internal_error', 'case was not written');
    await recordAudit(tx, {
      actor,
      organisationId: hei.id,
      action: 'case.created',
      subjectType: 'case',
      subjectId: created.id,
      data: { title: input.title },
    });
    return created.id;
  });
  return getCase(db, actor, id);
}

// ---------------------------------------------------------------- reading

async function loadCase(db: Writer, hei: ActingHei, caseId: string): Promise<CaseRow> {
  const [row] = await db
    .select()
    .from(caseFile)
    .where(and(eq(caseFile.id, caseId), eq(caseFile.heiId, hei.id)));
  if (!row) throw notFound('The case');
  return row;
}

const overdueTasksSql = sql<number>`(select count(*)::int from ${caseTask} where ${caseTask.caseId} = ${caseFile.id} and ${caseTask.doneAt} is null and ${caseTask.dueOn} < current_date)`;

const summaryColumns = {
  row: caseFile,
  ownerName: authUser.name,
  overdueTasks: overdueTasksSql,
  heiName: sql<string>`(select ${organisation.name} from ${organisation} where ${organisation.id} = ${caseFile.heiId})`,
};

function toSummary(r: {
  row: CaseRow;
  ownerName: string | null;
  overdueTasks: number;
  heiName: string;
}): CaseSummary {
  return {
    id: r.row.id,
    reference: r.row.reference,
    title: r.row.title,
    customer: { id: r.row.customerId, name: r.row.customerName },
    hei: { id: r.row.heiId, name: r.heiName },
    stage: r.row.stage as Stage,
    outcome: (r.row.outcome as Outcome | null) ?? null,
    sector: r.row.sector,
    subjectArea: r.row.subjectArea,
    owner: r.row.ownerUserId ? { id: r.row.ownerUserId, name: r.ownerName ?? '' } : null,
    purchaseRoute: r.row.purchaseRoute,
    tenderDeadline: r.row.tenderDeadline,
    procurementReference: r.row.procurementReference,
    registryNumber: r.row.registryNumber,
    frameworkAgreementId: r.row.frameworkAgreementId,
    overdueTasks: r.overdueTasks,
    stageEnteredAt: r.row.stageEnteredAt.toISOString(),
    updatedAt: r.row.updatedAt.toISOString(),
  };
}

export type CaseListFilter = {
  hei?: 'all' | string;
  q?: string;
  stage?: Stage;
  owner?: string;
  sector?: 'public' | 'private' | 'non_profit';
  overdue?: boolean;
  sort: 'updated' | 'created' | 'customer' | 'stage';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

/**
 * Whose cases a list shows: the active HEI's by default; a person with case roles at several HEIs
 * (a coordinator shared between two, a manager of a holding company) may list all of theirs, or one.
 * Never an HEI where the person has no such role: that HEI is "not found".
 */
async function listScope(db: Db, actor: Actor, hei: CaseListFilter['hei']): Promise<string[]> {
  if (!hei) return [(await actingHei(db, actor, READ)).id];
  const mine = heisWithRole(actor, READ).map((h) => h.id);
  if (hei === 'all') {
    if (mine.length === 0) await actingHei(db, actor, READ); // throws the usual "forbidden"
    return mine;
  }
  if (!mine.includes(hei)) throw notFound('The HEI');
  return [hei];
}

/** A LIKE pattern for text containing `q` as written (its own % and _ taken literally). */
const containing = (q: string) => `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Cases of the active HEI (or all the person's HEIs): full text in Swedish and English, a reference or registration number, filters, sorting, pages. */
export async function listCases(db: Db, actor: Actor, f: CaseListFilter) {
  const heiIds = await listScope(db, actor, f.hei);
  const query = f.q
    ? sql`(websearch_to_tsquery('swedish', ${f.q}) || websearch_to_tsquery('english', ${f.q}))`
    : undefined;
  // plain words also as the starts of words ("demens" finds "Demensvård"); a search with quotes, "or" or a
  // word to leave out ("-hemtjänst") is read as written
  const words = f.q && !/"|(^|\s)-|\bor\b/i.test(f.q) ? searchWords(f.q) : [];
  const where = and(
    heiIds.length === 1 ? eq(caseFile.heiId, heiIds[0] as string) : inArray(caseFile.heiId, heiIds),
    query
      ? or(
          sql`${caseFile.search} @@ ${query}`,
          words.length
            ? sql`${caseFile.search} @@ (${sql.join(words.map(stemmedPrefix), sql` && `)})`
            : undefined,
          // a reference or a registration number, whole or in part ("00012", "2026/1234")
          ilike(caseFile.reference, containing(f.q ?? '')),
          ilike(caseFile.registryNumber, containing(f.q ?? '')),
        )
      : undefined,
    f.stage ? eq(caseFile.stage, f.stage) : undefined,
    f.owner ? eq(caseFile.ownerUserId, f.owner === 'me' ? actor.userId : f.owner) : undefined,
    f.sector ? eq(caseFile.sector, f.sector) : undefined,
    f.overdue
      ? sql`exists (select 1 from ${caseTask} where ${caseTask.caseId} = ${caseFile.id} and ${caseTask.doneAt} is null and ${caseTask.dueOn} < current_date)`
      : undefined,
  );
  const column = {
    updated: caseFile.updatedAt,
    created: caseFile.createdAt,
    customer: caseFile.customerName,
    stage: sql`array_position(array[${sql.raw(stages.map((s) => `'${s}'`).join(','))}]::text[], ${caseFile.stage})`,
  }[f.sort];
  const direction = f.order === 'asc' ? asc : desc;
  const [rows, totals] = await Promise.all([
    db
      .select(summaryColumns)
      .from(caseFile)
      .leftJoin(authUser, eq(caseFile.ownerUserId, authUser.id))
      .where(where)
      .orderBy(direction(column), desc(caseFile.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(caseFile).where(where),
  ]);
  return { items: rows.map(toSummary), total: totals[0]?.n ?? 0, page: f.page, pageSize: f.pageSize };
}

/** The kanban board: open stages with their totals and most recently changed cases. */
export async function caseBoard(db: Db, actor: Actor, perStage = 30) {
  const hei = await actingHei(db, actor, READ);
  const totals = await db
    .select({ stage: caseFile.stage, n: count() })
    .from(caseFile)
    .where(eq(caseFile.heiId, hei.id))
    .groupBy(caseFile.stage);
  // One index range scan per stage (hei_id, stage, updated_at) instead of ranking every open case.
  const rows = await db.execute<{ id: string }>(sql`
    select latest.id from unnest(${sql.raw(
      `array[${stages
        .filter((st) => st !== 'closed')
        .map((st) => `'${st}'`)
        .join(',')}]::text[]`,
    )}) as s(stage)
    cross join lateral (
      select ${caseFile.id} as id from ${caseFile}
      where ${caseFile.heiId} = ${hei.id} and ${caseFile.stage} = s.stage
      order by ${caseFile.updatedAt} desc limit ${perStage}) latest`);
  const ids = rows.rows.map((r) => r.id);
  const cases = ids.length
    ? (
        await db
          .select(summaryColumns)
          .from(caseFile)
          .leftJoin(authUser, eq(caseFile.ownerUserId, authUser.id))
          .where(inArray(caseFile.id, ids))
          .orderBy(desc(caseFile.updatedAt))
      ).map(toSummary)
    : [];
  return stages
    .filter((s) => s !== 'closed')
    .map((stage) => ({
      stage,
      total: totals.find((t) => t.stage === stage)?.n ?? 0,
      cases: cases.filter((c) => c.stage === stage),
    }));
}

export async function getCase(db: Db, actor: Actor, caseId: string): Promise<CaseDetail> {
  const hei = await actingHei(db, actor, READ);
  await loadCase(db, hei, caseId);
  const [summaryRow] = await db
    .select(summaryColumns)
    .from(caseFile)
    .leftJoin(authUser, eq(caseFile.ownerUserId, authUser.id))
    .where(eq(caseFile.id, caseId));
  if (!summaryRow) throw notFound('The case');
  const row = summaryRow.row;
  const checklist = await caseChecklist(db, row);
  const entries = await db
    .select({ e: caseEntry, author: authUser.name })
    .from(caseEntry)
    .leftJoin(authUser, eq(caseEntry.authorUserId, authUser.id))
    .where(eq(caseEntry.caseId, caseId))
    .orderBy(desc(caseEntry.occurredAt), desc(caseEntry.createdAt));
  const tasks = await db
    .select({ t: caseTask, assignee: authUser.name })
    .from(caseTask)
    .leftJoin(authUser, eq(caseTask.assigneeUserId, authUser.id))
    .where(eq(caseTask.caseId, caseId))
    .orderBy(asc(caseTask.doneAt), asc(caseTask.dueOn), asc(caseTask.createdAt));
  return {
    ...toSummary(summaryRow),
    needText: row.needText,
    inquiryId: row.inquiryId,
    outcomeReason: row.outcomeReason,
    checklist,
    missingForNextStage: missingRequired(checklist, row.stage as Stage, nextStage(row.stage as Stage)),
    entries: entries.map(({ e, author }) => ({
      id: e.id,
      kind: e.kind as CaseDetail['entries'][number]['kind'],
      occurredAt: e.occurredAt.toISOString(),
      author,
      title: e.title,
      body: e.body,
      internal: e.internal,
    })),
    tasks: tasks.map(({ t, assignee }) => ({
      id: t.id,
      title: t.title,
      assignee: t.assigneeUserId ? { id: t.assigneeUserId, name: assignee ?? '' } : null,
      dueOn: t.dueOn,
      done: !!t.doneAt,
      overdue: !t.doneAt && !!t.dueOn && t.dueOn < today(),
    })),
  };
}

type ChecklistView = CaseDetail['checklist'];

async function caseChecklist(db: Writer, row: CaseRow): Promise<ChecklistView> {
  const items = await db
    .select({ item: checklistItem, done: checklistDone, by: authUser.name })
    .from(checklistItem)
    .leftJoin(
      checklistDone,
      and(eq(checklistDone.itemId, checklistItem.id), eq(checklistDone.caseId, row.id)),
    )
    .leftJoin(authUser, eq(checklistDone.doneBy, authUser.id))
    .where(and(eq(checklistItem.heiId, row.heiId)))
    .orderBy(asc(checklistItem.position));
  return items
    .filter(({ item, done }) => !item.archivedAt || done) // archived items stay where they were ticked
    .sort(
      (a, b) =>
        stageIndex(a.item.stage as Stage) - stageIndex(b.item.stage as Stage) ||
        a.item.position - b.item.position,
    )
    .map(({ item, done, by }) => ({
      id: item.id,
      stage: item.stage as OpenStage,
      label: { sv: item.labelSv, en: item.labelEn },
      required: item.required && !item.archivedAt,
      evidence: (item.evidence as Evidence | null) ?? null,
      done: done
        ? {
            by,
            at: done.doneAt.toISOString(),
            comment: done.comment,
            evidence: (done.evidence as Evidence | null) ?? null,
          }
        : null,
    }));
}

/**
 * Lupp has recorded what passes a decision point (a proposal sent, an agreement signed by both…): every item
 * of the case's checklist that names this evidence is ticked, by the person whose act it was, in the caller's
 * transaction. An item already ticked (by hand, or earlier) keeps its tick; unticking by hand stays possible.
 */
export async function recordEvidence(db: Writer, caseId: string, evidence: Evidence, userId: string | null) {
  const [row] = await db.select({ heiId: caseFile.heiId }).from(caseFile).where(eq(caseFile.id, caseId));
  if (!row) return;
  const items = await db
    .select({ id: checklistItem.id })
    .from(checklistItem)
    .where(
      and(
        eq(checklistItem.heiId, row.heiId),
        eq(checklistItem.evidence, evidence),
        isNull(checklistItem.archivedAt),
      ),
    );
  if (!items.length) return;
  await db
    .insert(checklistDone)
    .values(items.map((item) => ({ caseId, itemId: item.id, doneBy: userId, evidence })))
    .onConflictDoNothing();
}

/**
 * What Lupp recorded as evidence no longer holds (an invoice record taken back): the case's ticks that this
 * evidence made are removed, in the caller's transaction. A tick made by hand stays, as it is a person's word.
 */
export async function withdrawEvidence(db: Writer, caseId: string, evidence: Evidence) {
  await db
    .delete(checklistDone)
    .where(and(eq(checklistDone.caseId, caseId), eq(checklistDone.evidence, evidence)));
}

const nextStage = (stage: Stage): Stage =>
  stages[Math.min(stageIndex(stage) + 1, stages.length - 1)] ?? 'closed';

/** Required items not done in the stages from `from` up to (not including) `to`. */
function missingRequired(checklist: ChecklistView, from: Stage, to: Stage) {
  return checklist
    .filter(
      (i) =>
        i.required &&
        !i.done &&
        stageIndex(i.stage) >= stageIndex(from) &&
        stageIndex(i.stage) < stageIndex(to),
    )
    .map((i) => ({ id: i.id, label: i.label }));
}

// ---------------------------------------------------------------- working on a case

async function withCase<T>(
  db: Db,
  actor: Actor,
  caseId: string,
  roles: Role[],
  work: (tx: Tx, row: CaseRow, hei: ActingHei) => Promise<T>,
) {
  const hei = await actingHei(db, actor, roles);
  await loadCase(db, hei, caseId);
  const result = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(caseFile).where(eq(caseFile.id, caseId)).for('update');
    if (!row) throw notFound('The case');
    const value = await work(tx, row, hei);
    await tx.update(caseFile).set({ updatedAt: new Date() }).where(eq(caseFile.id, caseId));
    return value;
  });
  return result;
}

export async function tickChecklist(
  db: Db,
  actor: Actor,
  caseId: string,
  itemId: string,
  done: boolean,
  comment?: string,
) {
  await withCase(db, actor, caseId, WORK, async (tx, row, hei) => {
    const [item] = await tx
      .select()
      .from(checklistItem)
      .where(
        and(
          eq(checklistItem.id, itemId),
          eq(checklistItem.heiId, row.heiId),
          isNull(checklistItem.archivedAt),
        ),
      );
    if (!item) throw notFound('The checklist item');
    if (done) {
      await tx
        .insert(checklistDone)
        .values({ caseId, itemId, doneBy: actor.userId, comment: comment ?? null })
        .onConflictDoUpdate({
          target: [checklistDone.caseId, checklistDone.itemId],
          set: { comment: comment ?? null },
        });
    } else {
      await tx
        .delete(checklistDone)
        .where(and(eq(checklistDone.caseId, caseId), eq(checklistDone.itemId, itemId)));
    }
    await recordAudit(tx, {
      actor,
      organisationId: hei.id,
      action: done ? 'case.checklist_done' : 'case.checklist_undone',
      subjectType: 'case',
      subjectId: caseId,
      data: { item: item.labelSv, comment },
    });
  });
  return getCase(db, actor, caseId);
}

/**
 * Moves a case to another open stage. Forward moves need every required item of the stages passed;
 * otherwise they are refused naming the missing items — unless a manager overrides with a reason.
 */
export async function moveCase(db: Db, actor: Actor, caseId: string, to: Stage, overrideReason?: string) {
  await withCase(db, actor, caseId, MOVE, async (tx, row, hei) => {
    const from = row.stage as Stage;
    if (from === 'closed') throw conflict('The case is closed.');
    if (to === from) throw conflict(`The case is already at ${to}.`);
    await passGate(tx, actor, row, from, to, overrideReason);
    await tx.update(caseFile).set({ stage: to, stageEnteredAt: new Date() }).where(eq(caseFile.id, caseId));
    await tx.insert(caseEntry).values({
      caseId,
      kind: 'stage',
      occurredAt: new Date(),
      authorUserId: actor.userId,
      title: `${from} → ${to}`,
      body: { from, to, ...(overrideReason ? { overrideReason } : {}) },
    });
    await recordAudit(tx, {
      actor,
      organisationId: hei.id,
      action: 'case.stage_changed',
      subjectType: 'case',
      subjectId: caseId,
      data: { before: from, after: to, overrideReason },
    });
  });
  return getCase(db, actor, caseId);
}

/** Two people correcting the same case: a field the other changed after this one read it is not overwritten. */
function refuseChangedSince(
  row: typeof caseFile.$inferSelect,
  changes: Omit<typeof updateCaseBody._output, 'basedOn'>,
  basedOn: typeof updateCaseBody._output.basedOn,
) {
  const moved = Object.entries(basedOn ?? {})
    .filter(([key, read]) => key in changes && (read ?? null) !== (row[key as keyof typeof changes] ?? null))
    .map(([key]) => key);
  if (moved.length)
    throw new AppError(
      409,
      'edit_conflict',
      `Someone changed the case's ${moved.join(', ')} after you read it; nothing was saved. Reload to see their change.`,
    );
}

/**
 * Corrects a case's details (title, need, sector, subject area), records how the customer buys and the HEI's
 * registration number. A closed case is a record of what was done and stays as it is, but for its registration
 * number, given when it is filed. The timeline says which details changed.
 */
export async function updateCase(
  db: Db,
  actor: Actor,
  caseId: string,
  { basedOn, ...changes }: typeof updateCaseBody._output,
) {
  if (changes.procurementReference === '') changes = { ...changes, procurementReference: null };
  if (changes.registryNumber === '') changes = { ...changes, registryNumber: null };
  await withCase(db, actor, caseId, MOVE, async (tx, row, hei) => {
    refuseChangedSince(row, changes, basedOn);
    // a closed case is registered (or its number corrected) when it is filed; nothing else of it changes
    const registryOnly = Object.keys(changes).every((key) => key === 'registryNumber');
    if (row.stage === 'closed' && !registryOnly)
      throw conflict(
        'The case is closed: its details are kept as they were, except its registration number.',
      );
    const route = changes.purchaseRoute !== undefined ? changes.purchaseRoute : row.purchaseRoute;
    // a route without a tender takes the old route's deadline with it, unless the body gives one
    if (!isTendering(route) && changes.tenderDeadline === undefined && row.tenderDeadline)
      changes = { ...changes, tenderDeadline: null };
    checkTenderDeadline(route, changes.tenderDeadline ?? null);
    // likewise a route other than a call-off leaves the framework agreement
    if (
      route !== 'framework_call_off' &&
      changes.frameworkAgreementId === undefined &&
      row.frameworkAgreementId
    )
      changes = { ...changes, frameworkAgreementId: null };
    checkFramework(route, changes.frameworkAgreementId ?? null);
    const changed = (Object.keys(changes) as (keyof typeof changes)[]).filter(
      (key) => (changes[key] ?? null) !== (row[key] ?? null),
    );
    if (!changed.length) return;
    await tx.update(caseFile).set(changes).where(eq(caseFile.id, caseId)).catch(refuseOthersFramework);
    await tx.insert(caseEntry).values({
      caseId,
      kind: 'system',
      occurredAt: new Date(),
      authorUserId: actor.userId,
      title: 'Uppgifterna om ärendet ändrades',
      body: { event: 'details_changed', fields: changed },
    });
    await recordAudit(tx, {
      actor,
      organisationId: hei.id,
      action: 'case.updated',
      subjectType: 'case',
      subjectId: caseId,
      data: Object.fromEntries(changed.map((key) => [key, { before: row[key], after: changes[key] }])),
    });
  });
  return getCase(db, actor, caseId);
}

const isTendering = (route: PurchaseRoute | null) => !!route && tenderingRoutes.includes(route);

function checkTenderDeadline(route: PurchaseRoute | null, deadline: string | null) {
  if (deadline && !isTendering(route))
    throw invalid([
      {
        field: 'body.tenderDeadline',
        message:
          'a tender deadline belongs to an advertised procurement or a call-off under a framework agreement',
      },
    ]);
}

/** The key holds only the HEI's own framework agreements with the case's customer: a 400 for any other. */
function refuseOthersFramework(error: unknown): never {
  if (isForeignKeyViolation(error, 'case_framework_agreement_fk'))
    throw invalid([
      {
        field: 'body.frameworkAgreementId',
        message: "is not one of your HEI's framework agreements with the case's customer",
      },
    ]);
  throw error;
}

function checkFramework(route: PurchaseRoute | null, frameworkAgreementId: string | null) {
  if (frameworkAgreementId && route !== 'framework_call_off')
    throw invalid([
      {
        field: 'body.frameworkAgreementId',
        message: 'only a call-off under a framework agreement is made under one',
      },
    ]);
}

/**
 * Hands a case over to another coordinator at the HEI (a colleague on leave, a case better led by someone
 * else). The new owner, and the former one if someone else handed it over, are told; the timeline keeps it.
 */
export async function handOverCase(
  db: Db,
  actor: Actor,
  caseId: string,
  input: { ownerUserId: string; note?: string },
  publicUrl: string,
) {
  await withCase(db, actor, caseId, MOVE, async (tx, row, hei) => {
    if (row.stage === 'closed') throw conflict('The case is closed: it has no one to lead it on.');
    if (row.ownerUserId === input.ownerUserId) throw conflict('The case is already theirs.');
    await checkNewOwner(tx, hei.id, input.ownerUserId);
    const names = await userNames(tx, [row.ownerUserId, input.ownerUserId]);
    await handOver(tx, actor, hei.id, row, input, names);
    const after = names.get(input.ownerUserId);
    const told = [input.ownerUserId, row.ownerUserId].filter(
      (id): id is string => !!id && id !== actor.userId,
    );
    for (const userId of told) {
      await notify(tx, {
        userIds: [userId],
        kind: 'case_handed_over',
        title:
          userId === input.ownerUserId
            ? `${actor.name} lämnade över ${row.reference} till dig / handed ${row.reference} over to you`
            : `${row.reference} leds nu av ${after} / is now led by ${after}`,
        link: `/cases/${row.id}`,
        actorName: actor.name,
        publicUrl,
        text: `${row.reference} ${row.title}${input.note ? `\n\n${input.note}` : ''}`,
      });
    }
  });
  return getCase(db, actor, caseId);
}

/**
 * Hands every open case a person owns at the HEI over to one coordinator (someone who leaves, or goes on
 * leave). Each case is told on its timeline; the new owner gets one notification for all of them.
 */
export async function handOverAllCases(
  db: Db,
  actor: Actor,
  input: { fromUserId: string; ownerUserId: string; note?: string },
  publicUrl: string,
) {
  // an admin too: they remove a leaver from the HEI, and hand over the leaver's cases first
  const hei = await actingHei(db, actor, [...MOVE, 'admin']);
  if (input.fromUserId === input.ownerUserId)
    throw invalid([{ field: 'body.ownerUserId', message: 'is the person whose cases are handed over' }]);
  const handedOver = await db.transaction((tx) => handOverOpenCases(tx, actor, hei.id, input, publicUrl));
  return { handedOver };
}

/**
 * Within the caller's transaction: every open case `fromUserId` owns at the HEI goes to `ownerUserId` (who must
 * be a coordinator there; `field` names the input that chose them), each with its timeline entry, and the new
 * owner gets one notification for all of them. The caller has checked the actor's right. Returns how many moved.
 */
export async function handOverOpenCases(
  tx: Tx,
  actor: Actor,
  heiId: string,
  input: { fromUserId: string; ownerUserId: string; note?: string },
  publicUrl: string,
  field = 'body.ownerUserId',
) {
  await checkNewOwner(tx, heiId, input.ownerUserId, field);
  const rows = await tx
    .select()
    .from(caseFile)
    .where(
      and(
        eq(caseFile.heiId, heiId),
        eq(caseFile.ownerUserId, input.fromUserId),
        sql`${caseFile.stage} <> 'closed'`,
      ),
    )
    .orderBy(asc(caseFile.reference))
    .for('update');
  const names = await userNames(tx, [input.fromUserId, input.ownerUserId]);
  for (const row of rows) await handOver(tx, actor, heiId, row, input, names);
  if (rows.length && input.ownerUserId !== actor.userId) {
    const references = rows.map((r) => r.reference).join(', ');
    await notify(tx, {
      userIds: [input.ownerUserId],
      kind: 'case_handed_over',
      title: `${actor.name} lämnade över ${rows.length} ärenden till dig / handed ${rows.length} cases over to you`,
      link: '/cases?owner=me',
      actorName: actor.name,
      publicUrl,
      text: `${references}${input.note ? `\n\n${input.note}` : ''}`,
    });
  }
  return rows.length;
}

async function checkNewOwner(tx: Tx, heiId: string, userId: string, field = 'body.ownerUserId') {
  if (!(await isMemberOf(tx, userId, heiId, ['coordinator'])))
    throw invalid([{ field, message: 'must be a coordinator at your HEI' }]);
}

/** The names of these users (id → name), read once for all the cases of a handover. */
/** The new owner (checked by the caller) takes the case; its timeline and the audit log say so. */
async function handOver(
  tx: Tx,
  actor: Actor,
  heiId: string,
  row: CaseRow,
  input: { ownerUserId: string; note?: string },
  names: Map<string, string>,
) {
  await tx
    .update(caseFile)
    .set({ ownerUserId: input.ownerUserId, updatedAt: new Date() })
    .where(eq(caseFile.id, row.id));
  const before = row.ownerUserId ? (names.get(row.ownerUserId) ?? null) : null;
  const after = names.get(input.ownerUserId) ?? null;
  await tx.insert(caseEntry).values({
    caseId: row.id,
    kind: 'system',
    occurredAt: new Date(),
    authorUserId: actor.userId,
    title: `Ansvarig: ${after}`,
    body: { event: 'owner_changed', from: before, to: after, ...(input.note ? { note: input.note } : {}) },
  });
  await recordAudit(tx, {
    actor,
    organisationId: heiId,
    action: 'case.owner_changed',
    subjectType: 'case',
    subjectId: row.id,
    data: { before: row.ownerUserId, after: input.ownerUserId },
  });
}

async function passGate(
  tx: Tx,
  actor: Actor,
  row: CaseRow,
  from: Stage,
  to: Stage,
  overrideReason: string | undefined,
) {
  if (stageIndex(to) <= stageIndex(from)) return; // going back is always allowed
  const missing = missingRequired(await caseChecklist(tx, row), from, to);
  if (!missing.length) return;
  if (!overrideReason) {
    throw new AppError(
      409,
      'conflict',
      `Required items are not done: ${missing.map((m) => m.label.en).join('; ')}.`,
      missing.map((m) => ({ field: `checklist.${m.id}`, message: `${m.label.sv} / ${m.label.en}` })),
    );
  }
  if (!activeMembership(actor)?.roles.includes('manager'))
    throw forbidden('Only a manager can override the checklist.');
}

export async function closeCase(
  db: Db,
  actor: Actor,
  caseId: string,
  outcome: Outcome,
  reason: string,
  overrideReason?: string,
) {
  await withCase(db, actor, caseId, MOVE, async (tx, row, hei) => {
    const from = row.stage as Stage;
    if (from === 'closed') throw conflict('The case is already closed.');
    // Only a won case must have passed every gate; a lost or declined one may close at any stage.
    if (outcome === 'won') await passGate(tx, actor, row, from, 'closed', overrideReason);
    await tx
      .update(caseFile)
      .set({ stage: 'closed', outcome, outcomeReason: reason, stageEnteredAt: new Date() })
      .where(eq(caseFile.id, caseId));
    await tx.insert(caseEntry).values({
      caseId,
      kind: 'stage',
      occurredAt: new Date(),
      authorUserId: actor.userId,
      title: `${from} → closed (${outcome})`,
      body: { from, to: 'closed', outcome, reason, ...(overrideReason ? { overrideReason } : {}) },
    });
    await recordAudit(tx, {
      actor,
      organisationId: hei.id,
      action: 'case.closed',
      subjectType: 'case',
      subjectId: caseId,
      data: { before: from, outcome, reason },
    });
  });
  return getCase(db, actor, caseId);
}

export async function addEntry(
  db: Db,
  actor: Actor,
  caseId: string,
  input: {
    kind: 'meeting' | 'contact' | 'note';
    occurredAt: string;
    title: string;
    participants?: string;
    agenda?: string;
    notes?: string;
    nextSteps?: string;
    answers?: Record<string, string | undefined>;
    internal: boolean;
    mentions?: string[];
  },
  publicUrl: string,
) {
  await withCase(db, actor, caseId, WORK, async (tx, row, hei) => {
    const { kind, occurredAt, title, internal, mentions = [], ...body } = input;
    for (const [index, userId] of mentions.entries()) {
      if (!(await isMemberOf(tx, userId, hei.id))) {
        throw invalid([{ field: `body.mentions.${index}`, message: 'is not a colleague at your HEI' }]);
      }
    }
    await tx.insert(caseEntry).values({
      caseId,
      kind,
      occurredAt: new Date(occurredAt),
      authorUserId: actor.userId,
      title,
      body: mentions.length ? { ...body, mentions } : body,
      internal,
    });
    // Everything written on the timeline is searchable from the case list.
    const searchable = [title, body.notes, body.nextSteps, body.agenda, ...Object.values(body.answers ?? {})]
      .filter(Boolean)
      .join(' ');
    await tx
      .update(caseFile)
      .set({ notesText: sql`left(${caseFile.notesText} || ' ' || ${searchable}, 200000)` })
      .where(eq(caseFile.id, row.id));
    if (mentions.length) {
      await notify(tx, {
        userIds: mentions.filter((m) => m !== actor.userId),
        kind: 'mention',
        title: `${actor.name} nämnde dig i ${row.reference} / mentioned you in ${row.reference}`,
        link: `/cases/${caseId}`,
        actorName: actor.name,
        publicUrl,
        text: `${actor.name}: ${title}${body.notes ? `\n\n${body.notes}` : ''}`,
      });
    }
    await recordAudit(tx, {
      actor,
      organisationId: hei.id,
      action: 'case.entry_added',
      subjectType: 'case',
      subjectId: caseId,
      data: { kind, title, internal, mentions },
    });
  });
  return getCase(db, actor, caseId);
}

/**
 * Another feature's event on the case's timeline (a design set aside or taken back…): `event` names it for the
 * timeline and the case record to word in their language; `title` is the Swedish fallback. No access check: the
 * caller has made one.
 */
export async function recordCaseEvent(
  db: Writer,
  caseId: string,
  userId: string | null,
  title: string,
  body: { event: string } & Record<string, unknown>,
) {
  await db.insert(caseEntry).values({
    caseId,
    kind: 'system',
    occurredAt: new Date(),
    authorUserId: userId,
    title,
    body,
  });
}

async function checkAssignee(db: Writer, heiId: string, assigneeUserId: string | null | undefined) {
  if (assigneeUserId && !(await isMemberOf(db, assigneeUserId, heiId))) {
    throw invalid([{ field: 'body.assigneeUserId', message: 'must be a member of your HEI' }]);
  }
}

export async function addTask(
  db: Db,
  actor: Actor,
  caseId: string,
  input: { title: string; assigneeUserId: string | null; dueOn: string | null },
) {
  await withCase(db, actor, caseId, WORK, async (tx, _row, hei) => {
    await checkAssignee(tx, hei.id, input.assigneeUserId);
    await tx.insert(caseTask).values({ caseId, ...input, createdBy: actor.userId });
    await recordAudit(tx, {
      actor,
      organisationId: hei.id,
      action: 'case.task_added',
      subjectType: 'case',
      subjectId: caseId,
      data: input,
    });
  });
  return getCase(db, actor, caseId);
}

export async function updateTask(
  db: Db,
  actor: Actor,
  caseId: string,
  taskId: string,
  changes: { title?: string; assigneeUserId?: string | null; dueOn?: string | null; done?: boolean },
) {
  await withCase(db, actor, caseId, WORK, async (tx, _row, hei) => {
    const [task] = await tx
      .select()
      .from(caseTask)
      .where(and(eq(caseTask.id, taskId), eq(caseTask.caseId, caseId)));
    if (!task) throw notFound('The task');
    await checkAssignee(tx, hei.id, changes.assigneeUserId);
    const { done, ...rest } = changes;
    await tx
      .update(caseTask)
      .set({ ...rest, ...(done === undefined ? {} : { doneAt: done ? new Date() : null }) })
      .where(eq(caseTask.id, taskId));
    await recordAudit(tx, {
      actor,
      organisationId: hei.id,
      action: 'case.task_changed',
      subjectType: 'case',
      subjectId: caseId,
      data: {
        task: task.title,
        before: { done: !!task.doneAt, assignee: task.assigneeUserId, dueOn: task.dueOn },
        changes,
      },
    });
  });
  return getCase(db, actor, caseId);
}

// ---------------------------------------------------------------- the customer's view

/** The HEIs a customer has cases with (no access check: the caller is the customer's contact). */
export async function heisOfCustomer(db: Db, customerId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: caseFile.heiId })
    .from(caseFile)
    .where(eq(caseFile.customerId, customerId));
  return rows.map((r) => r.id);
}

/** Cases of one customer organisation, across HEIs (the customer portal). */
export async function casesForCustomer(db: Db, customerId: string) {
  const rows = await db
    .select({ c: caseFile, hei: organisation.name })
    .from(caseFile)
    .innerJoin(organisation, eq(caseFile.heiId, organisation.id))
    .where(eq(caseFile.customerId, customerId))
    .orderBy(desc(caseFile.updatedAt));
  return rows.map(({ c, hei }) => ({
    id: c.id,
    reference: c.reference,
    title: c.title,
    stage: c.stage as Stage,
    outcome: (c.outcome as Outcome | null) ?? null,
    hei,
    updatedAt: c.updatedAt.toISOString(),
  }));
}

/** One case as its customer sees it: what is shared with them, never internal entries or the checklist. */
export async function customerCase(db: Db, customerId: string, caseId: string) {
  const [found] = (await casesForCustomer(db, customerId)).filter((c) => c.id === caseId);
  if (!found) throw notFound('The case');
  const [row] = await db.select().from(caseFile).where(eq(caseFile.id, caseId));
  const entries = await db
    .select({ e: caseEntry, author: authUser.name })
    .from(caseEntry)
    .leftJoin(authUser, eq(caseEntry.authorUserId, authUser.id))
    .where(and(eq(caseEntry.caseId, caseId), eq(caseEntry.internal, false)))
    .orderBy(desc(caseEntry.occurredAt), desc(caseEntry.createdAt));
  return {
    ...found,
    needText: row?.needText ?? '',
    entries: entries.map(({ e, author }) => ({
      id: e.id,
      kind: e.kind,
      occurredAt: e.occurredAt.toISOString(),
      author,
      title: e.title,
      body: e.body,
    })),
  };
}

/** The customer writes on the case (answers a question, sends information); the owner is told (app and e-mail). */
export async function addCustomerMessage(
  db: Db,
  actor: Actor,
  customerId: string,
  caseId: string,
  text: string,
  publicUrl: string,
) {
  const view = await customerCase(db, customerId, caseId);
  await db.transaction(async (tx) => {
    await tx.insert(caseEntry).values({
      caseId,
      kind: 'contact',
      occurredAt: new Date(),
      authorUserId: actor.userId,
      title: 'Meddelande från kunden',
      body: { notes: text, fromCustomer: true },
      internal: false,
    });
    await tx
      .update(caseFile)
      .set({ updatedAt: new Date(), notesText: sql`left(${caseFile.notesText} || ' ' || ${text}, 200000)` })
      .where(eq(caseFile.id, caseId));
    const owner = await caseOwnerOf(tx, caseId);
    if (owner)
      await notify(tx, {
        userIds: [owner],
        kind: 'customer_message',
        title: `Nytt meddelande från kunden i ${view.reference} / New message from the customer in ${view.reference}`,
        link: `/cases/${caseId}`,
        actorName: actor.name,
        publicUrl,
        text: `${actor.name} (${view.title}):\n\n${text}`,
      });
    await recordAudit(tx, {
      actor,
      organisationId: customerId,
      action: 'case.customer_message',
      subjectType: 'case',
      subjectId: caseId,
    });
  });
  return customerCase(db, customerId, caseId);
}

/** The customer organisation of a case of the actor's HEI (to invite its contact person). */
export async function customerOfCase(db: Db, actor: Actor, caseId: string): Promise<string> {
  const hei = await actingHei(db, actor, ['coordinator']);
  return (await loadCase(db, hei, caseId)).customerId;
}

/** For features that hang things on a case (documents): the case must be the active HEI's, and the role fit. */
export async function assertCaseAccess(
  db: Db,
  actor: Actor,
  caseId: string,
  need: 'read' | 'work',
): Promise<{ heiId: string; reference: string; customerId: string }> {
  const hei = await actingHei(db, actor, need === 'read' ? READ : WORK);
  const row = await loadCase(db, hei, caseId);
  return { heiId: hei.id, reference: row.reference, customerId: row.customerId };
}

// ---------------------------------------------------------------- dialogue guides

async function ensureDialogueTemplates(db: Writer, heiId: string) {
  const existing = await db.select().from(dialogueTemplate).where(eq(dialogueTemplate.heiId, heiId));
  if (existing.length) return existing;
  return db
    .insert(dialogueTemplate)
    .values(
      defaultDialogueTemplates.map((t, position) => ({
        heiId,
        name: t.name,
        questions: t.questions,
        position,
      })),
    )
    .returning();
}

export async function getDialogueTemplates(db: Db, heiId: string) {
  const rows = await ensureDialogueTemplates(db, heiId);
  return rows
    .filter((r) => !r.archivedAt)
    .sort((a, b) => a.position - b.position)
    .map((r) => ({ id: r.id, name: r.name, questions: r.questions }));
}

/**
 * Every question of the HEI's dialogue guides by key, those of archived guides too, so that an old meeting
 * record's answers keep their questions (a current guide's wording wins over an archived one's).
 */
export async function dialogueQuestionsByKey(db: Db, heiId: string) {
  const rows = await ensureDialogueTemplates(db, heiId);
  const oldestFirst = [...rows].sort((a, b) => Number(!a.archivedAt) - Number(!b.archivedAt));
  return new Map(
    oldestFirst.flatMap((r) => r.questions.map((q) => [q.key, { sv: q.sv, en: q.en }] as const)),
  );
}

/** Replaces the HEI's dialogue guides; removed ones are archived so old meeting records still read. */
export async function putDialogueTemplates(
  db: Db,
  actor: Actor,
  heiId: string,
  templates: { id?: string; name: string; questions: { key: string; sv: string; en: string }[] }[],
) {
  for (const [i, t] of templates.entries()) {
    const keys = t.questions.map((q) => q.key);
    if (new Set(keys).size !== keys.length)
      throw invalid([{ field: `body.templates.${i}.questions`, message: 'question keys must differ' }]);
  }
  await db.transaction(async (tx) => {
    const current = await ensureDialogueTemplates(tx, heiId);
    const known = new Set(current.map((c) => c.id));
    const unknown = templates.findIndex((t) => t.id && !known.has(t.id));
    if (unknown >= 0)
      throw invalid([{ field: `body.templates.${unknown}.id`, message: 'is not a template of this HEI' }]);
    const kept = new Set(templates.map((t) => t.id));
    for (const c of current) {
      if (!kept.has(c.id))
        await tx
          .update(dialogueTemplate)
          .set({ archivedAt: new Date() })
          .where(eq(dialogueTemplate.id, c.id));
    }
    for (const [position, t] of templates.entries()) {
      const values = { name: t.name, questions: t.questions, position, archivedAt: null };
      if (t.id) await tx.update(dialogueTemplate).set(values).where(eq(dialogueTemplate.id, t.id));
      else await tx.insert(dialogueTemplate).values({ ...values, heiId });
    }
    await recordAudit(tx, {
      actor,
      organisationId: heiId,
      action: 'dialogue_templates.replaced',
      subjectType: 'organisation',
      subjectId: heiId,
      data: { templates: templates.map((t) => t.name) },
    });
  });
  return getDialogueTemplates(db, heiId);
}

/** The case an inquiry became at this HEI, if any (for linking from the inquiry). */
export async function caseIdForInquiry(db: Db, inquiryId: string, heiId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: caseFile.id })
    .from(caseFile)
    .where(and(eq(caseFile.inquiryId, inquiryId), eq(caseFile.heiId, heiId)));
  return row?.id ?? null;
}

/** The HEI's cases closed before `before`, with the inquiry each came from (for its retention rule; no access check). */
export async function casesClosedBefore(db: Db, heiId: string, before: Date) {
  return db
    .select({ id: caseFile.id, inquiryId: caseFile.inquiryId })
    .from(caseFile)
    .where(and(eq(caseFile.heiId, heiId), eq(caseFile.stage, 'closed'), lt(caseFile.stageEnteredAt, before)));
}

/** The open cases (not closed) of the HEI that this person is responsible for (no access check). */
export async function openCaseIdsOwnedBy(db: Db, heiId: string, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: caseFile.id })
    .from(caseFile)
    .where(
      and(eq(caseFile.heiId, heiId), eq(caseFile.ownerUserId, userId), sql`${caseFile.stage} <> 'closed'`),
    );
  return rows.map((r) => r.id);
}

/** The HEI's cases by id: reference, title, customer, stage (for other features' summaries; no access check). */
export async function caseSummariesOf(db: Db, heiId: string, caseIds: string[]) {
  if (!caseIds.length) return new Map<string, CaseBrief>();
  const rows = await db
    .select()
    .from(caseFile)
    .where(and(eq(caseFile.heiId, heiId), inArray(caseFile.id, caseIds)));
  return new Map(rows.map((r) => [r.id, brief(r)]));
}

/**
 * The numbers a case's proposals, agreements and post-calculations print, and its customer's name (no access
 * check: the caller read the document).
 */
export async function caseReferences(db: Db, heiId: string, caseId: string) {
  const found = (await caseSummariesOf(db, heiId, [caseId])).get(caseId);
  return found
    ? {
        reference: found.reference,
        registryNumber: found.registryNumber,
        procurementReference: found.procurementReference,
        customerName: found.customerName,
      }
    : null;
}

/** The HEI's cases with one customer, newest first (for other features' summaries; no access check). */
export async function casesWithCustomer(db: Db, heiId: string, customerId: string) {
  const rows = await db
    .select()
    .from(caseFile)
    .where(and(eq(caseFile.heiId, heiId), eq(caseFile.customerId, customerId)))
    .orderBy(desc(caseFile.createdAt));
  return rows.map(brief);
}

/** The HEI's cases that are call-offs under these framework agreements, oldest first. */
export async function callOffsUnder(db: Db, heiId: string, frameworkIds: string[]) {
  if (!frameworkIds.length) return [];
  const rows = await db
    .select()
    .from(caseFile)
    .where(and(eq(caseFile.heiId, heiId), inArray(caseFile.frameworkAgreementId, frameworkIds)))
    .orderBy(asc(caseFile.createdAt));
  return rows.map((r) => ({ ...brief(r), frameworkAgreementId: r.frameworkAgreementId }));
}

type CaseBrief = {
  id: string;
  reference: string;
  title: string;
  customerName: string;
  stage: string;
  outcome: string | null;
  openedAt: string;
  registryNumber: string | null;
  procurementReference: string | null;
};
const brief = (r: CaseRow): CaseBrief => ({
  id: r.id,
  reference: r.reference,
  title: r.title,
  customerName: r.customerName,
  stage: r.stage,
  outcome: r.outcome,
  openedAt: r.createdAt.toISOString(),
  registryNumber: r.registryNumber,
  procurementReference: r.procurementReference,
});

/**
 * The dialogues a person led at an HEI: the cases they own and the meetings they recorded on cases'
 * timelines (oldest first). For the staff merit record; no access check (the caller has made one).
 */
export async function dialoguesLedBy(db: Db, heiId: string, userId: string) {
  const owned = await db
    .select()
    .from(caseFile)
    .where(and(eq(caseFile.heiId, heiId), eq(caseFile.ownerUserId, userId)))
    .orderBy(asc(caseFile.createdAt));
  const meetings = await db
    .select({ entry: caseEntry, c: caseFile })
    .from(caseEntry)
    .innerJoin(caseFile, eq(caseFile.id, caseEntry.caseId))
    .where(and(eq(caseFile.heiId, heiId), eq(caseEntry.kind, 'meeting'), eq(caseEntry.authorUserId, userId)))
    .orderBy(asc(caseEntry.occurredAt));
  return {
    casesOwned: owned.map(brief),
    meetings: meetings.map((m) => ({
      case: brief(m.c),
      title: m.entry.title,
      occurredAt: m.entry.occurredAt.toISOString(),
    })),
  };
}

/** The customer organisations of the HEI's cases (for a subject access report; no access check). */
export async function customerIdsOfHei(db: Db, heiId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: caseFile.customerId })
    .from(caseFile)
    .where(eq(caseFile.heiId, heiId));
  return rows.map((r) => r.id);
}

/** The customer organisations of these cases (for reminders; no access check). */
export async function customersOfCases(db: Db, caseIds: string[]): Promise<string[]> {
  if (!caseIds.length) return [];
  const rows = await db
    .selectDistinct({ id: caseFile.customerId })
    .from(caseFile)
    .where(inArray(caseFile.id, caseIds));
  return rows.map((r) => r.id);
}

/** The customer organisation of each of these cases (case id → customer id; no access check). */
export async function customerOfEachCase(db: Db, caseIds: string[]): Promise<Map<string, string>> {
  if (!caseIds.length) return new Map();
  const rows = await db
    .select({ id: caseFile.id, customerId: caseFile.customerId })
    .from(caseFile)
    .where(inArray(caseFile.id, caseIds));
  return new Map(rows.map((r) => [r.id, r.customerId]));
}

/**
 * The sector of each of these customer organisations, for pooled figures (no access check): as its latest case
 * records it, at any HEI — a case takes it from the front door's inquiry or the coordinator, who knows a
 * municipal company for public — else as its organisation number's group tells (`sectorOfOrgNumber`).
 */
export async function sectorsOfCustomers(db: Db, customerIds: string[]): Promise<Map<string, Sector>> {
  if (!customerIds.length) return new Map();
  const [latest, organisations] = await Promise.all([
    db
      .selectDistinctOn([caseFile.customerId], { customerId: caseFile.customerId, sector: caseFile.sector })
      .from(caseFile)
      .where(inArray(caseFile.customerId, customerIds))
      .orderBy(caseFile.customerId, desc(caseFile.createdAt)),
    organisationsById(db, customerIds),
  ]);
  const recorded = new Map(latest.map((r) => [r.customerId, r.sector]));
  return new Map(
    [...organisations.values()].map((o) => [o.id, recorded.get(o.id) ?? sectorOfOrgNumber(o.orgNumber)]),
  );
}

/** Those of these customer organisations that have a case not yet closed, at any HEI (no access check). */
export async function customersWithOpenCases(db: Db, customerIds: string[]): Promise<Set<string>> {
  if (!customerIds.length) return new Set();
  const rows = await db
    .selectDistinct({ id: caseFile.customerId })
    .from(caseFile)
    .where(and(inArray(caseFile.customerId, customerIds), sql`${caseFile.stage} <> 'closed'`));
  return new Set(rows.map((r) => r.id));
}

/**
 * A person's own work at the active HEI: their open tasks (due soonest first, the undated last), how
 * many open cases they own, and the tenders of those cases still to submit (the soonest first, at most 10). For the overview page.
 */
export async function myWork(db: Db, actor: Actor, taskLimit = 10) {
  const hei = await actingHei(db, actor, READ);
  const mine = and(
    eq(caseFile.heiId, hei.id),
    eq(caseTask.assigneeUserId, actor.userId),
    isNull(caseTask.doneAt),
  );
  const stockholmToday = sql`(now() at time zone 'Europe/Stockholm')::date`;
  const late = sql`${caseTask.dueOn} < ${stockholmToday}`;
  const owned = and(
    eq(caseFile.heiId, hei.id),
    eq(caseFile.ownerUserId, actor.userId),
    sql`${caseFile.stage} <> 'closed'`,
  );
  const [tasks, [taskTotals], [cases], tenders] = await Promise.all([
    db
      .select({
        task: caseTask,
        reference: caseFile.reference,
        title: caseFile.title,
        late: sql<boolean>`${late}`,
      })
      .from(caseTask)
      .innerJoin(caseFile, eq(caseTask.caseId, caseFile.id))
      .where(mine)
      .orderBy(sql`${caseTask.dueOn} asc nulls last`, asc(caseTask.createdAt))
      .limit(taskLimit),
    db
      .select({ total: count(), overdue: sql<number>`count(*) filter (where ${late})`.mapWith(Number) })
      .from(caseTask)
      .innerJoin(caseFile, eq(caseTask.caseId, caseFile.id))
      .where(mine),
    db.select({ n: count() }).from(caseFile).where(owned),
    // the tenders still to submit: deadlines from today on (a passed one is missed, or submitted)
    db
      .select()
      .from(caseFile)
      .where(and(owned, sql`${caseFile.tenderDeadline} >= ${stockholmToday}`))
      .orderBy(asc(caseFile.tenderDeadline), asc(caseFile.reference))
      .limit(10),
  ]);
  return {
    hei: { id: hei.id, name: hei.name },
    tasks: {
      total: taskTotals?.total ?? 0,
      overdue: taskTotals?.overdue ?? 0,
      items: tasks.map(({ task, reference, title, late: overdue }) => ({
        id: task.id,
        title: task.title,
        dueOn: task.dueOn,
        overdue: !!overdue,
        caseId: task.caseId,
        caseReference: reference,
        caseTitle: title,
      })),
    },
    openCases: cases?.n ?? 0,
    tenders: tenders.map((row) => ({
      caseId: row.id,
      caseReference: row.reference,
      title: row.title,
      customerName: row.customerName,
      tenderDeadline: row.tenderDeadline ?? '',
    })),
  };
}

// ---------------------------------------------------------------- free text that names a person

/**
 * The HEI's case texts that contain one of the terms (a person's name or e-mail address, for a subject
 * access report): the case's title, need and closing reason, the timeline's entries, tasks and the checklist's
 * comments. No access check (the caller has made one).
 */
export async function mentionsInCases(db: Db, heiId: string, terms: string[]): Promise<FoundText[]> {
  const patterns = mentionPatterns(terms);
  const ofHei = eq(caseFile.heiId, heiId);
  const [cases, entries, tasks, comments] = await Promise.all([
    db
      .select()
      .from(caseFile)
      .where(and(ofHei, containsAny([caseFile.title, caseFile.needText, caseFile.outcomeReason], patterns))),
    db
      .select({ entry: caseEntry })
      .from(caseEntry)
      .innerJoin(caseFile, eq(caseFile.id, caseEntry.caseId))
      .where(and(ofHei, containsAny([caseEntry.title, sql`${caseEntry.body}::text`], patterns))),
    db
      .select({ task: caseTask })
      .from(caseTask)
      .innerJoin(caseFile, eq(caseFile.id, caseTask.caseId))
      .where(and(ofHei, containsAny([caseTask.title], patterns))),
    db
      .select({ done: checklistDone, label: checklistItem.labelSv })
      .from(checklistDone)
      .innerJoin(caseFile, eq(caseFile.id, checklistDone.caseId))
      .innerJoin(checklistItem, eq(checklistItem.id, checklistDone.itemId))
      .where(and(ofHei, containsAny([checklistDone.comment], patterns))),
  ]);
  const found = (source: FoundText['source'], caseId: string, label: string, at: Date) => (text: string) =>
    ({ source, caseId, recordId: null, label, text, at }) satisfies FoundText;
  return [
    ...cases.map((c) =>
      foundIn([c.title, c.needText, c.outcomeReason], terms, found('case', c.id, c.title, c.createdAt)),
    ),
    ...entries.map(({ entry: e }) =>
      foundIn([e.title, jsonText(e.body)], terms, found('case_entry', e.caseId, e.title, e.occurredAt)),
    ),
    ...tasks.map(({ task }) =>
      foundIn([task.title], terms, found('case_task', task.caseId, task.title, task.createdAt)),
    ),
    ...comments.map(({ done, label }) =>
      foundIn([done.comment], terms, found('checklist', done.caseId, label, done.doneAt)),
    ),
  ].filter((mention) => mention !== null);
}

/** The ids of the HEI's cases (for another feature's search of its own rows; no access check). */
export async function caseIdsOfHei(db: Db, heiId: string): Promise<string[]> {
  const rows = await db.select({ id: caseFile.id }).from(caseFile).where(eq(caseFile.heiId, heiId));
  return rows.map((r) => r.id);
}

/** How many open cases each person leads at an organisation (user id → count; none for a customer). */
export async function openCasesPerOwner(db: Pick<Db, 'select'>, heiId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ owner: caseFile.ownerUserId, n: count() })
    .from(caseFile)
    .where(and(eq(caseFile.heiId, heiId), sql`${caseFile.stage} <> 'closed'`))
    .groupBy(caseFile.ownerUserId);
  return new Map(rows.flatMap((r) => (r.owner ? [[r.owner, r.n] as const] : [])));
}

/** The user id of the case's owner, if it has one (to tell them of the customer's answers; no access check). */
export async function caseOwnerOf(db: Pick<Db, 'select'>, caseId: string): Promise<string | null> {
  const [row] = await db
    .select({ owner: caseFile.ownerUserId })
    .from(caseFile)
    .where(eq(caseFile.id, caseId));
  return row?.owner ?? null;
}

/**
 * An HEI's cases in figures, for its key figures: open cases by stage now; cases opened, and closed by
 * outcome, since a day (a case's closing day is the day it entered "closed"); won cases by sector; tenders
 * won and lost.
 */
export async function caseFigures(db: Db, heiId: string, window: FigureWindow) {
  const inPeriod = (column: AnyColumn) => inWindow(column, window);
  const [open, [opened], closed] = await Promise.all([
    db
      .select({ stage: caseFile.stage, owner: authUser.name, n: count() })
      .from(caseFile)
      .leftJoin(authUser, eq(authUser.id, caseFile.ownerUserId))
      .where(and(eq(caseFile.heiId, heiId), sql`${caseFile.stage} <> 'closed'`))
      .groupBy(caseFile.stage, authUser.id, authUser.name),
    db
      .select({ n: count() })
      .from(caseFile)
      .where(and(eq(caseFile.heiId, heiId), inPeriod(caseFile.createdAt))),
    db
      .select({
        outcome: caseFile.outcome,
        sector: caseFile.sector,
        route: caseFile.purchaseRoute,
        n: count(),
      })
      .from(caseFile)
      .where(and(eq(caseFile.heiId, heiId), eq(caseFile.stage, 'closed'), inPeriod(caseFile.stageEnteredAt)))
      .groupBy(caseFile.outcome, caseFile.sector, caseFile.purchaseRoute),
  ]);
  const outcomes = (outcome: string) =>
    closed.filter((r) => r.outcome === outcome).reduce((sum, r) => sum + r.n, 0);
  // tenders decided: the cases where the HEI competed in a procurement (an advertised one, or a call-off)
  const tendersClosed = (outcome: string) =>
    closed.filter((r) => r.outcome === outcome && isTendering(r.route)).reduce((sum, r) => sum + r.n, 0);
  const wonIn = (sector: string) =>
    closed.filter((r) => r.outcome === 'won' && r.sector === sector).reduce((sum, r) => sum + r.n, 0);
  const tally = (key: (r: (typeof open)[number]) => string | null) => {
    const counts = new Map<string | null, number>();
    for (const r of open) counts.set(key(r), (counts.get(key(r)) ?? 0) + r.n);
    return counts;
  };
  return {
    openByStage: tally((r) => r.stage),
    // who is responsible for the open cases (null: nobody yet), most first
    openByOwner: [...tally((r) => r.owner)]
      .map(([owner, n]) => ({ owner, count: n }))
      .sort((a, b) => b.count - a.count || (a.owner ?? '').localeCompare(b.owner ?? '')),
    opened: opened?.n ?? 0,
    closed: {
      won: outcomes('won'),
      lost: outcomes('lost'),
      declined: outcomes('declined'),
      referred: outcomes('referred'),
    },
    wonBySector: { public: wonIn('public'), private: wonIn('private'), non_profit: wonIn('non_profit') },
    tenders: { won: tendersClosed('won'), lost: tendersClosed('lost') },
  };
}

/** When these cases were opened (case id → instant), for lead times; no access check. */
export async function caseOpenedAt(db: Db, caseIds: string[]) {
  if (!caseIds.length) return new Map<string, Date>();
  const rows = await db
    .select({ id: caseFile.id, createdAt: caseFile.createdAt })
    .from(caseFile)
    .where(inArray(caseFile.id, caseIds));
  return new Map(rows.map((r) => [r.id, r.createdAt]));
}

/**
 * The HEI's cases counted per customer organisation (or for one): all, not yet closed, won and lost, and when
 * the newest was opened. For the customer register; no access check (the caller has made one).
 */
export async function casesPerCustomer(db: Db, heiId: string, customerId?: string) {
  const rows = await db
    .select({
      customerId: caseFile.customerId,
      cases: count(),
      open: sql<number>`count(*) filter (where ${caseFile.stage} <> 'closed')`.mapWith(Number),
      won: sql<number>`count(*) filter (where ${caseFile.outcome} = 'won')`.mapWith(Number),
      lost: sql<number>`count(*) filter (where ${caseFile.outcome} = 'lost')`.mapWith(Number),
      lastOpenedAt: sql<string>`max(${caseFile.createdAt})`,
    })
    .from(caseFile)
    .where(and(eq(caseFile.heiId, heiId), customerId ? eq(caseFile.customerId, customerId) : undefined))
    .groupBy(caseFile.customerId);
  return rows.map((r) => ({ ...r, lastOpenedAt: new Date(r.lastOpenedAt).toISOString() }));
}
