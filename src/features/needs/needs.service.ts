import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, invalid, notFound } from '../../server/http/problem.ts';
import { containsAny, type FoundText, foundIn, mentionPatterns } from '../../shared/mentions.ts';
import type { AuditAction, AuditDetailKey } from '../audit/audit.contract.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertCaseAccess } from '../cases/cases.service.ts';
import { taxonomyConcept } from '../taxonomy/taxonomy.table.ts';
import type { Role } from '../tenancy/tenancy.contract.ts';
import { type Actor, actingHei } from '../tenancy/tenancy.service.ts';
import { organisation } from '../tenancy/tenancy.table.ts';
import type { Analysis, AnalysisListFilter } from './needs.contract.ts';
import {
  analysisPerson,
  analysisPersonLevel,
  analysisRole,
  competenceNeed,
  needsAnalysis,
} from './needs.table.ts';
import { computePriority, defaultHorizonWeights, type Horizon, horizons, type Weights } from './priority.ts';

const READ: Role[] = ['admin', 'coordinator', 'teacher', 'economist', 'manager'];
const WORK: Role[] = ['coordinator', 'teacher'];

type Row = typeof needsAnalysis.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

// ------------------------------------------------------------------ who may do what

/**
 * Who works on an analysis: a signed-in HEI user (scoped by the active HEI and its roles), or the
 * customer through a self-service link (scoped to the one analysis the link was made for).
 */
export type NeedsActor =
  | { kind: 'hei'; user: Actor }
  | { kind: 'self_service'; linkId: string; analysisId: string };

export const heiActor = (user: Actor): NeedsActor => ({ kind: 'hei', user });

type Mode = 'read' | 'write';
/** Proof that the permission check passed: the use cases below take it instead of checking again. */
export type Access<M extends Mode = Mode> = { analysis: Row; actor: NeedsActor; mode: M };

/**
 * The permission check, apart from the work: may this actor read (or write) analysis X?
 * HEI users: the analysis must be the active HEI's (else 404) and the user must hold a role that
 * reads (admin, coordinator, teacher, economist, manager) or writes (coordinator, teacher) (else 403).
 * A self-service link reads and writes its own analysis only.
 */
export async function authorizeAnalysis<M extends Mode>(
  db: Db,
  actor: NeedsActor,
  analysisId: string,
  mode: M,
): Promise<Access<M>> {
  let row: Row | undefined;
  if (actor.kind === 'hei') {
    const hei = await actingHei(db, actor.user, mode === 'write' ? WORK : READ);
    [row] = await db
      .select()
      .from(needsAnalysis)
      .where(and(eq(needsAnalysis.id, analysisId), eq(needsAnalysis.heiId, hei.id)));
  } else if (actor.analysisId === analysisId) {
    [row] = await db.select().from(needsAnalysis).where(eq(needsAnalysis.id, analysisId));
  }
  if (!row) throw notFound('The analysis');
  return { analysis: row, actor, mode };
}

/** The user behind a change, for created-by columns (null through a self-service link). */
export const userIdOf = (access: Access) => (access.actor.kind === 'hei' ? access.actor.user.userId : null);

/**
 * Audits a change of the analysis in the caller's transaction. Changes through the customer's link
 * have no user; they say so (`via: 'self_service_link'` and the link's id).
 */
export async function auditChange(
  tx: Pick<Db, 'insert'>,
  access: Access<'write'>,
  action: Extract<AuditAction, `analysis.${string}`>,
  data: Partial<Record<AuditDetailKey, unknown>> = {},
) {
  const { actor } = access;
  await recordAudit(tx, {
    actor: actor.kind === 'hei' ? actor.user : null,
    organisationId: access.analysis.heiId,
    action,
    subjectType: 'needs_analysis',
    subjectId: access.analysis.id,
    data: actor.kind === 'self_service' ? { ...data, via: 'self_service_link', linkId: actor.linkId } : data,
  });
}

const touch = (tx: Tx, analysisId: string) =>
  tx.update(needsAnalysis).set({ updatedAt: new Date() }).where(eq(needsAnalysis.id, analysisId));

async function assertConcept(db: Db, conceptId: string | null, field: string) {
  if (!conceptId) return;
  const [concept] = await db
    .select({ deprecated: taxonomyConcept.deprecatedAt })
    .from(taxonomyConcept)
    .where(eq(taxonomyConcept.id, conceptId));
  if (!concept) throw invalid([{ field, message: 'is not a concept of any imported taxonomy' }]);
}

/** A role of this analysis, or a 400 naming the field. */
export async function assertRoleOf(db: Db, analysisId: string, roleId: string | null, field: string) {
  if (!roleId) return;
  const [role] = await db
    .select({ id: analysisRole.id })
    .from(analysisRole)
    .where(and(eq(analysisRole.id, roleId), eq(analysisRole.analysisId, analysisId)));
  if (!role) throw invalid([{ field, message: 'is not a role of this analysis' }]);
}

// ------------------------------------------------------------------ analyses

export async function createAnalysis(
  db: Db,
  actor: Actor,
  input: {
    caseId?: string;
    customerId?: string;
    title: string;
    strategy: string;
    drivers: string[];
    horizonWeights?: Partial<Weights>;
  },
) {
  const hei = await actingHei(db, actor, WORK);
  let customerId = input.customerId;
  if (input.caseId) customerId = (await assertCaseAccess(db, actor, input.caseId, 'work')).customerId;
  const [customer] = await db
    .select()
    .from(organisation)
    .where(eq(organisation.id, customerId ?? ''));
  if (customer?.kind !== 'customer')
    throw invalid([{ field: 'body.customerId', message: 'is not a customer organisation' }]);
  const [row] = await db
    .insert(needsAnalysis)
    .values({
      heiId: hei.id,
      customerId: customer.id,
      caseId: input.caseId ?? null,
      title: input.title,
      strategy: input.strategy,
      drivers: input.drivers,
      horizonWeights: input.horizonWeights ? { ...defaultHorizonWeights, ...input.horizonWeights } : null,
      createdBy: actor.userId,
    })
    .returning();
  if (!row) throw new AppError(500, 'internal_error', 'analysis was not written');
  await recordAudit(db, {
    actor,
    organisationId: hei.id,
    action: 'analysis.created',
    subjectType: 'needs_analysis',
    subjectId: row.id,
    data: { title: input.title },
  });
  return getAnalysis(db, { analysis: row, actor: heiActor(actor), mode: 'read' });
}

/** The active HEI's analyses, newest first, a page at a time: all of them, one case's or one customer's, or searched. */
export async function listAnalyses(db: Db, actor: Actor, filter: AnalysisListFilter) {
  const hei = await actingHei(db, actor, READ);
  const found = and(
    eq(needsAnalysis.heiId, hei.id),
    filter.caseId ? eq(needsAnalysis.caseId, filter.caseId) : undefined,
    filter.customerId ? eq(needsAnalysis.customerId, filter.customerId) : undefined,
    filter.q ? titleOrCustomerContains(filter.q) : undefined,
  );
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        a: needsAnalysis,
        customer: organisation.name,
        needs: sql<number>`(select count(*)::int from ${competenceNeed} where ${competenceNeed.analysisId} = ${needsAnalysis.id})`,
      })
      .from(needsAnalysis)
      .innerJoin(organisation, eq(needsAnalysis.customerId, organisation.id))
      .where(found)
      .orderBy(desc(needsAnalysis.createdAt), desc(needsAnalysis.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db
      .select({ total: count() })
      .from(needsAnalysis)
      .innerJoin(organisation, eq(needsAnalysis.customerId, organisation.id))
      .where(found),
  ]);
  const items = rows.map(({ a, customer, needs }) => ({
    id: a.id,
    title: a.title,
    version: a.version,
    customer: { id: a.customerId, name: customer },
    caseId: a.caseId,
    needs,
    createdAt: a.createdAt.toISOString(),
  }));
  return { items, total: counted?.total ?? 0, page: filter.page, pageSize: filter.pageSize };
}

/** The analysis's title or its customer's name contains the text (any case; % and _ are plain characters). */
const titleOrCustomerContains = (text: string) =>
  sql`(strpos(lower(${needsAnalysis.title}), lower(${text})) > 0 or strpos(lower(${organisation.name}), lower(${text})) > 0)`;

export const weightsOf = (row: Row): Weights =>
  ({ ...defaultHorizonWeights, ...(row.horizonWeights ?? {}) }) as Weights;

/** The analysis as its readers see it. Person level is for the HEI: a self-service link sees no persons. */
export async function getAnalysis(db: Db, access: Access): Promise<Analysis> {
  const [row] = await db.select().from(needsAnalysis).where(eq(needsAnalysis.id, access.analysis.id));
  if (!row) throw notFound('The analysis');
  const [customer] = await db
    .select({ name: organisation.name })
    .from(organisation)
    .where(eq(organisation.id, row.customerId));
  const roles = await db
    .select()
    .from(analysisRole)
    .where(eq(analysisRole.analysisId, row.id))
    .orderBy(asc(analysisRole.title));
  const needs = await db
    .select({ n: competenceNeed, c: taxonomyConcept })
    .from(competenceNeed)
    .leftJoin(taxonomyConcept, eq(competenceNeed.conceptId, taxonomyConcept.id))
    .where(eq(competenceNeed.analysisId, row.id));
  const weights = weightsOf(row);
  const views = needs
    .map(({ n, c }) => ({
      id: n.id,
      roleId: n.roleId,
      concept: c ? { id: c.id, label: { sv: c.labelSv, en: c.labelEn }, deprecated: !!c.deprecatedAt } : null,
      freeText: n.freeText,
      requiredLevel: n.requiredLevel,
      currentLevel: n.currentLevel,
      importance: n.importance,
      people: n.people,
      horizon: n.horizon as Horizon,
      driver: n.driver,
      evidence: n.evidence,
      confidence: n.confidence as 'low' | 'medium' | 'high',
      goalIndividual: n.goalIndividual,
      goalOrganisation: n.goalOrganisation,
      indicators: n.indicators,
      computed: computePriority({ ...n, horizon: n.horizon as Horizon }, weights),
    }))
    .sort((a, b) => b.computed.priority - a.computed.priority);
  return {
    id: row.id,
    title: row.title,
    version: row.version,
    previousId: row.previousId,
    customer: { id: row.customerId, name: customer?.name ?? '' },
    caseId: row.caseId,
    strategy: row.strategy,
    drivers: row.drivers,
    horizonWeights: weights,
    roles: roles.map((r) => ({
      id: r.id,
      title: r.title,
      occupationConceptId: r.occupationConceptId,
      headcountNow: r.headcountNow,
      headcountHorizon: r.headcountHorizon,
    })),
    needs: views,
    persons: access.actor.kind === 'hei' ? await listPersons(db, row.id) : [],
    topByHorizon: Object.fromEntries(
      horizons.map((h) => [
        h,
        views
          .filter((v) => v.horizon === h && v.computed.priority > 0)
          .slice(0, 5)
          .map((v) => v.id),
      ]),
    ),
    createdAt: row.createdAt.toISOString(),
  };
}

async function listPersons(db: Db, analysisId: string): Promise<Analysis['persons']> {
  const persons = await db
    .select()
    .from(analysisPerson)
    .where(eq(analysisPerson.analysisId, analysisId))
    .orderBy(asc(analysisPerson.pseudonym), asc(analysisPerson.createdAt));
  if (!persons.length) return [];
  const levels = await db
    .select()
    .from(analysisPersonLevel)
    .where(
      inArray(
        analysisPersonLevel.personId,
        persons.map((p) => p.id),
      ),
    );
  return persons.map((p) => ({
    id: p.id,
    pseudonym: p.pseudonym,
    roleId: p.roleId,
    levels: levels
      .filter((l) => l.personId === p.id)
      .map((l) => ({ needId: l.needId, currentLevel: l.currentLevel })),
  }));
}

/** Title, strategy, drivers and horizon weights; only the fields given change. */
export async function updateAnalysis(
  db: Db,
  access: Access<'write'>,
  input: { title?: string; strategy?: string; drivers?: string[]; horizonWeights?: Partial<Weights> },
) {
  const before = access.analysis;
  const changes: Partial<typeof needsAnalysis.$inferInsert> = {};
  if (input.title !== undefined) changes.title = input.title;
  if (input.strategy !== undefined) changes.strategy = input.strategy;
  if (input.drivers !== undefined) changes.drivers = [...new Set(input.drivers)];
  if (input.horizonWeights !== undefined)
    changes.horizonWeights = { ...weightsOf(before), ...input.horizonWeights };
  const fields = Object.keys(changes) as (keyof typeof changes)[];
  await db.transaction(async (tx) => {
    await tx
      .update(needsAnalysis)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(needsAnalysis.id, before.id));
    await auditChange(tx, access, 'analysis.updated', {
      before: Object.fromEntries(
        fields.map((f) => [f, f === 'horizonWeights' ? weightsOf(before) : before[f]]),
      ),
      after: changes,
    });
  });
  return getAnalysis(db, access);
}

// ------------------------------------------------------------------ roles

type RoleInput = {
  title: string;
  occupationConceptId: string | null;
  headcountNow: number;
  headcountHorizon: number;
};

export async function addRole(db: Db, access: Access<'write'>, input: RoleInput) {
  await assertConcept(db, input.occupationConceptId, 'body.occupationConceptId');
  await db.transaction(async (tx) => {
    const [role] = await tx
      .insert(analysisRole)
      .values({ analysisId: access.analysis.id, ...input })
      .returning({ id: analysisRole.id });
    await touch(tx, access.analysis.id);
    await auditChange(tx, access, 'analysis.role_added', { roleId: role?.id, title: input.title });
  });
  return getAnalysis(db, access);
}

export async function updateRole(db: Db, access: Access<'write'>, roleId: string, input: RoleInput) {
  const analysisId = access.analysis.id;
  await assertConcept(db, input.occupationConceptId, 'body.occupationConceptId');
  const [before] = await db
    .select()
    .from(analysisRole)
    .where(and(eq(analysisRole.id, roleId), eq(analysisRole.analysisId, analysisId)));
  if (!before) throw notFound('The role');
  await db.transaction(async (tx) => {
    await tx.update(analysisRole).set(input).where(eq(analysisRole.id, roleId));
    await touch(tx, analysisId);
    await auditChange(tx, access, 'analysis.role_changed', {
      roleId,
      before: {
        title: before.title,
        occupationConceptId: before.occupationConceptId,
        headcountNow: before.headcountNow,
        headcountHorizon: before.headcountHorizon,
      },
      after: input,
    });
  });
  return getAnalysis(db, access);
}

/** Removes a role and the needs that belong to it; persons and survey answers keep no role. */
export async function deleteRole(db: Db, access: Access<'write'>, roleId: string) {
  const analysisId = access.analysis.id;
  await db.transaction(async (tx) => {
    const [needs] = await tx
      .select({ n: count() })
      .from(competenceNeed)
      .where(and(eq(competenceNeed.roleId, roleId), eq(competenceNeed.analysisId, analysisId)));
    const [deleted] = await tx
      .delete(analysisRole)
      .where(and(eq(analysisRole.id, roleId), eq(analysisRole.analysisId, analysisId)))
      .returning({ title: analysisRole.title });
    if (!deleted) throw notFound('The role');
    await touch(tx, analysisId);
    await auditChange(tx, access, 'analysis.role_removed', {
      roleId,
      title: deleted.title,
      needsRemoved: needs?.n ?? 0,
    });
  });
  return getAnalysis(db, access);
}

// ------------------------------------------------------------------ needs

type NeedInput = Omit<typeof competenceNeed.$inferInsert, 'id' | 'analysisId' | 'createdAt'>;

async function checkNeed(db: Db, analysisId: string, input: NeedInput) {
  await assertConcept(db, input.conceptId ?? null, 'body.conceptId');
  await assertRoleOf(db, analysisId, input.roleId ?? null, 'body.roleId');
}

export async function addNeed(db: Db, access: Access<'write'>, input: NeedInput) {
  const analysisId = access.analysis.id;
  await checkNeed(db, analysisId, input);
  await db.transaction(async (tx) => {
    const [need] = await tx
      .insert(competenceNeed)
      .values({ ...input, analysisId })
      .returning({ id: competenceNeed.id });
    await touch(tx, analysisId);
    await auditChange(tx, access, 'analysis.need_added', {
      needId: need?.id,
      conceptId: input.conceptId,
      freeText: input.freeText,
    });
  });
  return getAnalysis(db, access);
}

export async function updateNeed(db: Db, access: Access<'write'>, needId: string, input: NeedInput) {
  const analysisId = access.analysis.id;
  await checkNeed(db, analysisId, input);
  const [before] = await db
    .select()
    .from(competenceNeed)
    .where(and(eq(competenceNeed.id, needId), eq(competenceNeed.analysisId, analysisId)));
  if (!before) throw notFound('The need');
  await db.transaction(async (tx) => {
    await tx.update(competenceNeed).set(input).where(eq(competenceNeed.id, needId));
    await touch(tx, analysisId);
    await auditChange(tx, access, 'analysis.need_changed', {
      needId,
      before: {
        requiredLevel: before.requiredLevel,
        currentLevel: before.currentLevel,
        importance: before.importance,
      },
      after: {
        requiredLevel: input.requiredLevel,
        currentLevel: input.currentLevel,
        importance: input.importance,
      },
    });
  });
  return getAnalysis(db, access);
}

export async function deleteNeed(db: Db, access: Access<'write'>, needId: string) {
  const analysisId = access.analysis.id;
  await db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(competenceNeed)
      .where(and(eq(competenceNeed.id, needId), eq(competenceNeed.analysisId, analysisId)))
      .returning({ conceptId: competenceNeed.conceptId, freeText: competenceNeed.freeText });
    if (!deleted) throw notFound('The need');
    await touch(tx, analysisId);
    await auditChange(tx, access, 'analysis.need_removed', { needId, ...deleted });
  });
  return getAnalysis(db, access);
}

// ------------------------------------------------------------------ versions

/**
 * A new version: a copy of roles, needs and persons that can be revised while the earlier version
 * stays as it was. Self-service links and surveys stay with the version they were made for.
 */
export async function newVersion(db: Db, access: Access<'write'>) {
  const row = access.analysis;
  const copy = await db.transaction(async (tx) => {
    const [copy] = await tx
      .insert(needsAnalysis)
      .values({
        heiId: row.heiId,
        customerId: row.customerId,
        caseId: row.caseId,
        title: row.title,
        version: row.version + 1,
        previousId: row.id,
        strategy: row.strategy,
        drivers: row.drivers,
        horizonWeights: row.horizonWeights,
        createdBy: userIdOf(access),
      })
      .returning();
    if (!copy) throw new AppError(500, 'internal_error', 'version was not written');
    const roles = await tx.select().from(analysisRole).where(eq(analysisRole.analysisId, row.id));
    const roleIds = new Map<string, string>();
    for (const r of roles) {
      const [created] = await tx
        .insert(analysisRole)
        .values({
          analysisId: copy.id,
          title: r.title,
          occupationConceptId: r.occupationConceptId,
          headcountNow: r.headcountNow,
          headcountHorizon: r.headcountHorizon,
        })
        .returning({ id: analysisRole.id });
      if (created) roleIds.set(r.id, created.id);
    }
    const newRole = (id: string | null) => (id ? (roleIds.get(id) ?? null) : null);
    const needs = await tx.select().from(competenceNeed).where(eq(competenceNeed.analysisId, row.id));
    const needIds = new Map<string, string>();
    for (const { id, createdAt: _at, ...n } of needs) {
      const [created] = await tx
        .insert(competenceNeed)
        .values({ ...n, analysisId: copy.id, roleId: newRole(n.roleId) })
        .returning({ id: competenceNeed.id });
      if (created) needIds.set(id, created.id);
    }
    const persons = await tx.select().from(analysisPerson).where(eq(analysisPerson.analysisId, row.id));
    for (const p of persons) {
      const [created] = await tx
        .insert(analysisPerson)
        .values({ analysisId: copy.id, pseudonym: p.pseudonym, roleId: newRole(p.roleId) })
        .returning({ id: analysisPerson.id });
      const levels = await tx
        .select()
        .from(analysisPersonLevel)
        .where(eq(analysisPersonLevel.personId, p.id));
      const copied = levels.flatMap((l) => {
        const needId = needIds.get(l.needId);
        return created && needId ? [{ personId: created.id, needId, currentLevel: l.currentLevel }] : [];
      });
      if (copied.length) await tx.insert(analysisPersonLevel).values(copied);
    }
    await auditChange(tx, access, 'analysis.version_created', { version: copy.version, copyId: copy.id });
    return copy;
  });
  return getAnalysis(db, { ...access, analysis: copy });
}

/** Compares two versions need by need (matched on concept or wording, and role). */
export async function compareAnalyses(db: Db, actor: Actor, fromId: string, toId: string) {
  const read = async (id: string) =>
    getAnalysis(db, await authorizeAnalysis(db, heiActor(actor), id, 'read'));
  const [from, to] = [await read(fromId), await read(toId)];
  if (from.customer.id !== to.customer.id)
    throw invalid([{ field: 'query.to', message: 'compare analyses of the same customer' }]);
  const roleTitle = (a: Analysis, roleId: string | null) => a.roles.find((r) => r.id === roleId)?.title ?? '';
  const keyed = (a: Analysis) =>
    new Map(
      a.needs.map((n) => {
        const subject = n.concept?.id ?? (n.freeText ?? '').trim().toLowerCase();
        const label = n.concept ? (n.concept.label.sv ?? n.concept.label.en ?? '') : (n.freeText ?? '');
        const role = roleTitle(a, n.roleId);
        return [
          `${subject}|${role.toLowerCase()}|${n.horizon}`,
          { label: role ? `${label} (${role})` : label, n },
        ];
      }),
    );
  const before = keyed(from);
  const after = keyed(to);
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  const rows = keys.map((key) => {
    const b = before.get(key);
    const a = after.get(key);
    const pick = (x: typeof a) => (x ? { gap: x.n.computed.gap, priority: x.n.computed.priority } : null);
    const change: 'added' | 'removed' | 'changed' | 'same' = !b
      ? 'added'
      : !a
        ? 'removed'
        : b.n.computed.priority === a.n.computed.priority && b.n.computed.gap === a.n.computed.gap
          ? 'same'
          : 'changed';
    return { key, label: (a ?? b)?.label ?? key, change, before: pick(b), after: pick(a) };
  });
  return { from: { id: from.id, version: from.version }, to: { id: to.id, version: to.version }, rows };
}

/**
 * The needs of the newest version of each of the case's analyses, named as their readers see them (the
 * concept's label, else the need's own words), most important first: for other features' checks (a design's
 * outcomes answer them). No access check.
 */
export async function currentNeedsOfCase(
  db: Db,
  caseId: string,
): Promise<{ id: string; label: { sv: string; en: string } }[]> {
  const replaced = sql`exists (select 1 from ${needsAnalysis} later where later.previous_id = ${needsAnalysis.id})`;
  const rows = await db
    .select({ id: competenceNeed.id, freeText: competenceNeed.freeText, c: taxonomyConcept })
    .from(competenceNeed)
    .innerJoin(needsAnalysis, eq(needsAnalysis.id, competenceNeed.analysisId))
    .leftJoin(taxonomyConcept, eq(competenceNeed.conceptId, taxonomyConcept.id))
    .where(and(eq(needsAnalysis.caseId, caseId), sql`not ${replaced}`))
    .orderBy(desc(competenceNeed.importance), asc(competenceNeed.createdAt));
  return rows.map(({ id, freeText, c }) => {
    const own = freeText ?? '';
    return { id, label: { sv: c?.labelSv ?? c?.labelEn ?? own, en: c?.labelEn ?? c?.labelSv ?? own } };
  });
}

/** Those of `needIds` that are needs of an analysis (any version) of the case, for other features' checks. */
export async function needsOfCase(db: Db, caseId: string, needIds: string[]): Promise<Set<string>> {
  if (!needIds.length) return new Set();
  const rows = await db
    .select({ id: competenceNeed.id })
    .from(competenceNeed)
    .innerJoin(needsAnalysis, eq(needsAnalysis.id, competenceNeed.analysisId))
    .where(and(eq(needsAnalysis.caseId, caseId), inArray(competenceNeed.id, needIds)));
  return new Set(rows.map((r) => r.id));
}

/** The analysis a need belongs to (null: no such need), for permission checks from other features. */
export async function analysisIdOfNeed(db: Db, needId: string): Promise<string | null> {
  const [row] = await db
    .select({ analysisId: competenceNeed.analysisId })
    .from(competenceNeed)
    .where(eq(competenceNeed.id, needId));
  return row?.analysisId ?? null;
}

/**
 * The taxonomy concepts of needs of the case's analyses, each with the needs that name it: of `needIds` when
 * given (e.g. the needs a design's outcomes answer), else of every need of the newest version of each
 * analysis. For finding teachers; no access check (the caller has made one).
 */
export async function needConceptsOfCase(
  db: Db,
  caseId: string,
  needIds: string[] = [],
): Promise<{ conceptId: string; needIds: string[] }[]> {
  const replaced = sql`exists (select 1 from ${needsAnalysis} later where later.previous_id = ${needsAnalysis.id})`;
  const rows = await db
    .select({ id: competenceNeed.id, conceptId: competenceNeed.conceptId })
    .from(competenceNeed)
    .innerJoin(needsAnalysis, eq(needsAnalysis.id, competenceNeed.analysisId))
    .where(
      and(
        eq(needsAnalysis.caseId, caseId),
        sql`${competenceNeed.conceptId} is not null`,
        needIds.length ? inArray(competenceNeed.id, needIds) : sql`not ${replaced}`,
      ),
    );
  const byConcept = new Map<string, string[]>();
  for (const r of rows)
    if (r.conceptId) byConcept.set(r.conceptId, [...(byConcept.get(r.conceptId) ?? []), r.id]);
  return [...byConcept].map(([conceptId, ids]) => ({ conceptId, needIds: ids }));
}

/**
 * The HEI's needs analyses whose free text contains one of the terms (for a subject access report; no access
 * check): the title and strategy, a role's title, a need's own words, evidence, goals and indicators.
 */
export async function mentionsInAnalyses(db: Db, heiId: string, terms: string[]): Promise<FoundText[]> {
  const patterns = mentionPatterns(terms);
  const ofHei = eq(needsAnalysis.heiId, heiId);
  const needText = [
    competenceNeed.freeText,
    competenceNeed.evidence,
    competenceNeed.goalIndividual,
    competenceNeed.goalOrganisation,
    competenceNeed.indicators,
  ];
  const [analyses, roles, needs] = await Promise.all([
    db
      .select()
      .from(needsAnalysis)
      .where(and(ofHei, containsAny([needsAnalysis.title, needsAnalysis.strategy], patterns))),
    db
      .select({ a: needsAnalysis, title: analysisRole.title })
      .from(analysisRole)
      .innerJoin(needsAnalysis, eq(needsAnalysis.id, analysisRole.analysisId))
      .where(and(ofHei, containsAny([analysisRole.title], patterns))),
    db
      .select({ a: needsAnalysis, need: competenceNeed })
      .from(competenceNeed)
      .innerJoin(needsAnalysis, eq(needsAnalysis.id, competenceNeed.analysisId))
      .where(and(ofHei, containsAny(needText, patterns))),
  ]);
  const found =
    (a: typeof needsAnalysis.$inferSelect) =>
    (text: string): FoundText => ({
      source: 'needs_analysis',
      caseId: a.caseId,
      recordId: a.id,
      label: a.title,
      text,
      at: a.updatedAt,
    });
  return [
    ...analyses.map((a) => foundIn([a.title, a.strategy], terms, found(a))),
    ...roles.map(({ a, title }) => foundIn([title], terms, found(a))),
    ...needs.map(({ a, need }) =>
      foundIn(
        [need.freeText, need.evidence, need.goalIndividual, need.goalOrganisation, need.indicators],
        terms,
        found(a),
      ),
    ),
  ].filter((mention) => mention !== null);
}
