import { and, desc, eq, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, conflict, editConflict, invalid, notFound } from '../../server/http/problem.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authUser } from '../auth/auth.table.ts';
import type { Role } from '../tenancy/tenancy.contract.ts';
import { type Actor, requireOrganisationRole } from '../tenancy/tenancy.service.ts';
import { CalculationError, calculate, type DesignCosts, sensitivity } from './calculation.ts';
import type {
  approveCostConfigBody,
  CostConfigInput,
  CostConfigView,
  calculateBody,
  createCostConfigBody,
  updateCostConfigBody,
} from './costing.contract.ts';
import { costConfig } from './costing.table.ts';

/** Who sees the HEI's cost configuration and calculates with it. */
const READ: Role[] = ['admin', 'coordinator', 'economist', 'manager'];
/** Who drafts versions; only economists approve them. */
const WRITE: Role[] = ['admin', 'economist'];
const APPROVE: Role[] = ['economist'];

type Row = typeof costConfig.$inferSelect;

const creator = alias(authUser, 'creator');
const approver = alias(authUser, 'approver');

async function rows(db: Db, heiId: string, id?: string) {
  return db
    .select({
      row: costConfig,
      createdBy: { id: creator.id, name: creator.name },
      approvedBy: { id: approver.id, name: approver.name },
    })
    .from(costConfig)
    .leftJoin(creator, eq(creator.id, costConfig.createdBy))
    .leftJoin(approver, eq(approver.id, costConfig.approvedBy))
    .where(id ? and(eq(costConfig.heiId, heiId), eq(costConfig.id, id)) : eq(costConfig.heiId, heiId))
    .orderBy(desc(costConfig.version));
}

/** The approved version in effect on a day: the latest effective date on or before it. */
async function inEffectOn(db: Db, heiId: string, day: string): Promise<Row | undefined> {
  const [row] = await db
    .select()
    .from(costConfig)
    .where(
      and(eq(costConfig.heiId, heiId), eq(costConfig.status, 'approved'), lte(costConfig.effectiveFrom, day)),
    )
    .orderBy(desc(costConfig.effectiveFrom), desc(costConfig.version))
    .limit(1);
  return row;
}

function view(r: Awaited<ReturnType<typeof rows>>[number], inEffectId: string | undefined): CostConfigView {
  const { row } = r;
  return {
    id: row.id,
    heiId: row.heiId,
    version: row.version,
    effectiveFrom: row.effectiveFrom,
    status: row.status,
    inEffect: row.id === inEffectId,
    config: row.config,
    note: row.note,
    revision: row.revision,
    createdBy: r.createdBy?.id ? { id: r.createdBy.id, name: r.createdBy.name } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    approvedBy: r.approvedBy?.id ? { id: r.approvedBy.id, name: r.approvedBy.name } : null,
    approvedAt: row.approvedAt?.toISOString() ?? null,
  };
}

const today = () => stockholmDate(new Date());

export async function listCostConfigs(db: Db, actor: Actor, heiId: string) {
  requireOrganisationRole(actor, heiId, READ);
  const current = await inEffectOn(db, heiId, today());
  return { versions: (await rows(db, heiId)).map((r) => view(r, current?.id)) };
}

export async function getCostConfig(db: Db, actor: Actor, heiId: string, id: string) {
  requireOrganisationRole(actor, heiId, READ);
  const [r] = await rows(db, heiId, id);
  if (!r) throw notFound('The cost configuration');
  return view(r, (await inEffectOn(db, heiId, today()))?.id);
}

export async function createCostConfig(
  db: Db,
  actor: Actor,
  heiId: string,
  body: typeof createCostConfigBody._output,
) {
  requireOrganisationRole(actor, heiId, WRITE);
  const [latest] = await db
    .select()
    .from(costConfig)
    .where(eq(costConfig.heiId, heiId))
    .orderBy(desc(costConfig.version))
    .limit(1);
  const config = body.config ?? latest?.config;
  if (!config)
    throw invalid([
      { field: 'body.config', message: 'is required for the first version (there is none to copy)' },
    ]);
  let id: string;
  try {
    const [created] = await db
      .insert(costConfig)
      .values({
        heiId,
        version: (latest?.version ?? 0) + 1,
        effectiveFrom: body.effectiveFrom,
        config,
        note: body.note,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning({ id: costConfig.id, version: costConfig.version });
    id = created?.id ?? '';
    await recordAudit(db, {
      actor,
      organisationId: heiId,
      action: 'cost_config.created',
      subjectType: 'cost_config',
      subjectId: id,
      data: { version: created?.version, effectiveFrom: body.effectiveFrom },
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict('Someone created a version at the same moment. Reload and try again.');
    throw error;
  }
  return getCostConfig(db, actor, heiId, id);
}

/** The draft as it was read: a save or approval changes it only if nobody has since. */
const draftAtRevision = (heiId: string, id: string, revision: number) =>
  and(
    eq(costConfig.heiId, heiId),
    eq(costConfig.id, id),
    eq(costConfig.status, 'draft'),
    eq(costConfig.revision, revision),
  );

/** Why a save or approval based on `revision` cannot be made, or nothing when it can. */
async function refusal(db: Db, heiId: string, id: string, revision: number) {
  const [row] = await db
    .select()
    .from(costConfig)
    .where(and(eq(costConfig.heiId, heiId), eq(costConfig.id, id)));
  if (!row) return notFound('The cost configuration');
  if (row.status === 'approved')
    return conflict(
      `Version ${row.version} is approved and does not change. Create a new version to change the costs.`,
    );
  if (row.revision !== revision) {
    const [by] = row.updatedBy
      ? await db.select({ name: authUser.name }).from(authUser).where(eq(authUser.id, row.updatedBy))
      : [];
    return editConflict(`version ${row.version}`, by?.name, row.updatedAt);
  }
  return null;
}

export async function updateCostConfig(
  db: Db,
  actor: Actor,
  heiId: string,
  id: string,
  body: typeof updateCostConfigBody._output,
) {
  requireOrganisationRole(actor, heiId, WRITE);
  const [updated] = await db
    .update(costConfig)
    .set({
      ...(body.effectiveFrom ? { effectiveFrom: body.effectiveFrom } : {}),
      ...(body.config ? { config: body.config } : {}),
      ...(body.note !== undefined ? { note: body.note } : {}),
      revision: sql`${costConfig.revision} + 1`,
      updatedBy: actor.userId,
      updatedAt: new Date(),
    })
    .where(draftAtRevision(heiId, id, body.revision))
    .returning({ version: costConfig.version });
  if (!updated) throw (await refusal(db, heiId, id, body.revision)) ?? notFound('The cost configuration');
  await recordAudit(db, {
    actor,
    organisationId: heiId,
    action: 'cost_config.updated',
    subjectType: 'cost_config',
    subjectId: id,
    data: { version: updated.version, changed: Object.keys(body).filter((k) => k !== 'revision') },
  });
  return getCostConfig(db, actor, heiId, id);
}

export async function approveCostConfig(
  db: Db,
  actor: Actor,
  heiId: string,
  id: string,
  body: typeof approveCostConfigBody._output,
) {
  requireOrganisationRole(actor, heiId, APPROVE);
  const [approved] = await db
    .update(costConfig)
    .set({ status: 'approved', approvedBy: actor.userId, approvedAt: new Date() })
    .where(draftAtRevision(heiId, id, body.revision))
    .returning({ version: costConfig.version, effectiveFrom: costConfig.effectiveFrom });
  if (!approved) throw (await refusal(db, heiId, id, body.revision)) ?? notFound('The cost configuration');
  await recordAudit(db, {
    actor,
    organisationId: heiId,
    action: 'cost_config.approved',
    subjectType: 'cost_config',
    subjectId: id,
    data: approved,
  });
  return getCostConfig(db, actor, heiId, id);
}

/** The approved cost configuration in effect on a day for those who may read it (none: 409). */
export async function costConfigInEffect(db: Db, actor: Actor, heiId: string, day = today()) {
  requireOrganisationRole(actor, heiId, READ);
  const row = await inEffectOn(db, heiId, day);
  if (!row)
    throw new AppError(
      409,
      'no_cost_config',
      `No approved cost configuration is in effect on ${day}. An economist approves one first.`,
    );
  return row;
}

/**
 * The calculation of design costs with a configuration, and the price for other group sizes; a cost it
 * cannot price is a 400 naming `<field>.<the cost's field>`.
 */
export function priceWith(row: Row, design: DesignCosts, groupSizes: number[] = [], field = 'body.design') {
  try {
    const calculation = calculate(row.config, design);
    const labels = new Map(row.config.staff.map((s) => [s.key, s.label]));
    return {
      config: { id: row.id, version: row.version, effectiveFrom: row.effectiveFrom },
      ...calculation,
      hourlyCosts: calculation.hourlyCosts.map((h) => ({
        ...h,
        label: labels.get(h.category) ?? h.category,
      })),
      sensitivity: sensitivity(row.config, design, groupSizes),
    };
  } catch (error) {
    if (error instanceof CalculationError)
      throw invalid([{ field: `${field}.${error.field}`, message: error.message }]);
    throw error;
  }
}

/**
 * A full-cost calculation of design costs with the HEI's cost configuration in effect on the day (today
 * unless given), and the price per participant for other group sizes.
 */
export async function calculateWithConfig(
  db: Db,
  actor: Actor,
  heiId: string,
  body: typeof calculateBody._output,
) {
  const row = await costConfigInEffect(db, actor, heiId, body.date);
  return priceWith(row, body.design, body.groupSizes);
}

/**
 * One version of the HEI's cost configuration, for pricing with the version a calculation was made with (not
 * today's): a post-calculation compares what was used with what was planned at the same rates (`priceWith`).
 */
export async function costConfigVersion(db: Db, heiId: string, configId: string): Promise<Row> {
  const [row] = await db
    .select()
    .from(costConfig)
    .where(and(eq(costConfig.heiId, heiId), eq(costConfig.id, configId)));
  if (!row) throw notFound('The cost configuration');
  return row;
}

/** An approved version written directly (demo data and set-up scripts; no person edited it). */
export async function insertApprovedCostConfig(
  db: Db,
  input: {
    heiId: string;
    effectiveFrom: string;
    config: CostConfigInput;
    note: string;
    approvedBy: string | null;
  },
) {
  const [row] = await db
    .insert(costConfig)
    .values({
      heiId: input.heiId,
      version:
        1 +
        Number(
          (
            await db
              .select({ n: sql<number>`max(version)` })
              .from(costConfig)
              .where(eq(costConfig.heiId, input.heiId))
          )[0]?.n ?? 0,
        ),
      effectiveFrom: input.effectiveFrom,
      config: input.config,
      note: input.note,
      status: 'approved',
      approvedBy: input.approvedBy,
      approvedAt: new Date(),
    })
    .returning({ id: costConfig.id });
  return row?.id ?? '';
}
