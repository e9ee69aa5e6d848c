import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, invalid, notFound } from '../../server/http/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertCaseAccess } from '../cases/cases.service.ts';
import { taxonomyConcept } from '../taxonomy/taxonomy.table.ts';
import type { Role } from '../tenancy/tenancy.contract.ts';
import { type Actor, actingHei } from '../tenancy/tenancy.service.ts';
import { organisation } from '../tenancy/tenancy.table.ts';
import type { Analysis } from './needs.contract.ts';
import { analysisRole, competenceNeed, needsAnalysis } from './needs.table.ts';
import { computePriority, defaultHorizonWeights, type Horizon, horizons, type Weights } from './priority.ts';

const READ: Role[] = ['admin', 'coordinator', 'teacher', 'economist', 'manager'];
const WORK: Role[] = ['coordinator', 'teacher'];

type Row = typeof needsAnalysis.$inferSelect;

async function loadAnalysis(db: Db, actor: Actor, analysisId: string, roles: Role[]): Promise<Row> {
  const hei = await actingHei(db, actor, roles);
  const [row] = await db
    .select()
    .from(needsAnalysis)
    .where(and(eq(needsAnalysis.id, analysisId), eq(needsAnalysis.heiId, hei.id)));
  if (!row) throw notFound('The analysis');
  return row;
}

async function assertConcept(db: Db, conceptId: string | null, field: string) {
  if (!conceptId) return;
  const [concept] = await db
    .select({ deprecated: taxonomyConcept.deprecatedAt })
    .from(taxonomyConcept)
    .where(eq(taxonomyConcept.id, conceptId));
  if (!concept) throw invalid([{ field, message: 'is not a concept of any imported taxonomy' }]);
}

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
    .returning({ id: needsAnalysis.id });
  if (!row) throw new AppError(500, 'internal_error', 'analysis was not written');
  await recordAudit(db, {
    actor,
    organisationId: hei.id,
    action: 'analysis.created',
    subjectType: 'needs_analysis',
    subjectId: row.id,
    data: { title: input.title },
  });
  return getAnalysis(db, actor, row.id);
}

export async function listAnalyses(db: Db, actor: Actor, filter: { caseId?: string; customerId?: string }) {
  const hei = await actingHei(db, actor, READ);
  const rows = await db
    .select({
      a: needsAnalysis,
      customer: organisation.name,
      needs: sql<number>`(select count(*)::int from ${competenceNeed} where ${competenceNeed.analysisId} = ${needsAnalysis.id})`,
    })
    .from(needsAnalysis)
    .innerJoin(organisation, eq(needsAnalysis.customerId, organisation.id))
    .where(
      and(
        eq(needsAnalysis.heiId, hei.id),
        filter.caseId ? eq(needsAnalysis.caseId, filter.caseId) : undefined,
        filter.customerId ? eq(needsAnalysis.customerId, filter.customerId) : undefined,
      ),
    )
    .orderBy(desc(needsAnalysis.createdAt));
  return rows.map(({ a, customer, needs }) => ({
    id: a.id,
    title: a.title,
    version: a.version,
    customer: { id: a.customerId, name: customer },
    caseId: a.caseId,
    needs,
    createdAt: a.createdAt.toISOString(),
  }));
}

const weightsOf = (row: Row): Weights =>
  ({ ...defaultHorizonWeights, ...(row.horizonWeights ?? {}) }) as Weights;

export async function getAnalysis(db: Db, actor: Actor, analysisId: string): Promise<Analysis> {
  const row = await loadAnalysis(db, actor, analysisId, READ);
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

export async function addRole(
  db: Db,
  actor: Actor,
  analysisId: string,
  input: {
    title: string;
    occupationConceptId: string | null;
    headcountNow: number;
    headcountHorizon: number;
  },
) {
  await loadAnalysis(db, actor, analysisId, WORK);
  await assertConcept(db, input.occupationConceptId, 'body.occupationConceptId');
  await db.insert(analysisRole).values({ analysisId, ...input });
  return getAnalysis(db, actor, analysisId);
}

type NeedInput = Omit<typeof competenceNeed.$inferInsert, 'id' | 'analysisId' | 'createdAt'>;

async function checkNeed(db: Db, analysisId: string, input: NeedInput) {
  await assertConcept(db, input.conceptId ?? null, 'body.conceptId');
  if (input.roleId) {
    const [role] = await db
      .select({ id: analysisRole.id })
      .from(analysisRole)
      .where(and(eq(analysisRole.id, input.roleId), eq(analysisRole.analysisId, analysisId)));
    if (!role) throw invalid([{ field: 'body.roleId', message: 'is not a role of this analysis' }]);
  }
}

export async function addNeed(db: Db, actor: Actor, analysisId: string, input: NeedInput) {
  const row = await loadAnalysis(db, actor, analysisId, WORK);
  await checkNeed(db, analysisId, input);
  await db.transaction(async (tx) => {
    await tx.insert(competenceNeed).values({ ...input, analysisId });
    await tx.update(needsAnalysis).set({ updatedAt: new Date() }).where(eq(needsAnalysis.id, analysisId));
    await recordAudit(tx, {
      actor,
      organisationId: row.heiId,
      action: 'analysis.need_added',
      subjectType: 'needs_analysis',
      subjectId: analysisId,
      data: { conceptId: input.conceptId, freeText: input.freeText },
    });
  });
  return getAnalysis(db, actor, analysisId);
}

export async function updateNeed(db: Db, actor: Actor, analysisId: string, needId: string, input: NeedInput) {
  const row = await loadAnalysis(db, actor, analysisId, WORK);
  await checkNeed(db, analysisId, input);
  const [before] = await db
    .select()
    .from(competenceNeed)
    .where(and(eq(competenceNeed.id, needId), eq(competenceNeed.analysisId, analysisId)));
  if (!before) throw notFound('The need');
  await db.transaction(async (tx) => {
    await tx.update(competenceNeed).set(input).where(eq(competenceNeed.id, needId));
    await recordAudit(tx, {
      actor,
      organisationId: row.heiId,
      action: 'analysis.need_changed',
      subjectType: 'needs_analysis',
      subjectId: analysisId,
      data: {
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
      },
    });
  });
  return getAnalysis(db, actor, analysisId);
}

export async function deleteNeed(db: Db, actor: Actor, analysisId: string, needId: string) {
  await loadAnalysis(db, actor, analysisId, WORK);
  const deleted = await db
    .delete(competenceNeed)
    .where(and(eq(competenceNeed.id, needId), eq(competenceNeed.analysisId, analysisId)))
    .returning({ id: competenceNeed.id });
  if (!deleted.length) throw notFound('The need');
  return getAnalysis(db, actor, analysisId);
}

/** A new version: a copy of roles and needs that can be revised while the earlier version stays as it was. */
export async function newVersion(db: Db, actor: Actor, analysisId: string) {
  const row = await loadAnalysis(db, actor, analysisId, WORK);
  const id = await db.transaction(async (tx) => {
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
        createdBy: actor.userId,
      })
      .returning({ id: needsAnalysis.id });
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
    const needs = await tx.select().from(competenceNeed).where(eq(competenceNeed.analysisId, row.id));
    if (needs.length) {
      await tx.insert(competenceNeed).values(
        needs.map(({ id: _id, createdAt: _at, ...n }) => ({
          ...n,
          analysisId: copy.id,
          roleId: n.roleId ? (roleIds.get(n.roleId) ?? null) : null,
        })),
      );
    }
    return copy.id;
  });
  return getAnalysis(db, actor, id);
}

/** Compares two versions need by need (matched on concept or wording, and role). */
export async function compareAnalyses(db: Db, actor: Actor, fromId: string, toId: string) {
  const [from, to] = [await getAnalysis(db, actor, fromId), await getAnalysis(db, actor, toId)];
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
