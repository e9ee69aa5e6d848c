import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, conflict, invalid } from '../../server/http/problem.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authUser } from '../auth/auth.table.ts';
import { designsWithApprovedCalculation } from '../design/design.service.ts';
import { heiRoles, type Role } from '../tenancy/tenancy.contract.ts';
import { type Actor, requireOrganisationRole } from '../tenancy/tenancy.service.ts';
import type {
  CaseIncentiveEntry,
  CaseIncentives,
  CreateIncentiveModel,
  IncentiveModelView,
} from './incentives.contract.ts';
import { creditedHours, departmentShareOre, plannedHours } from './incentives.figures.ts';
import { incentiveModel } from './incentives.table.ts';

/** Everyone at the HEI reads its incentive model: it is there to be seen. */
const READ: readonly Role[] = heiRoles;
/** Who sets a new version. */
const WRITE: Role[] = ['admin', 'economist'];

type Row = typeof incentiveModel.$inferSelect;

const today = () => stockholmDate(new Date());

/** Every version of the HEI's model, earliest effective date first, with who created it. */
async function versionsOf(db: Db, heiId: string) {
  return db
    .select({ row: incentiveModel, creator: { id: authUser.id, name: authUser.name } })
    .from(incentiveModel)
    .leftJoin(authUser, eq(authUser.id, incentiveModel.createdBy))
    .where(eq(incentiveModel.heiId, heiId))
    .orderBy(asc(incentiveModel.effectiveFrom));
}
type Versions = Awaited<ReturnType<typeof versionsOf>>;

/** The version in force on a day: the latest effective date on or before it. */
function inForceOn(versions: Versions, day: string) {
  return versions.filter((v) => v.row.effectiveFrom <= day).at(-1);
}

function view(versions: Versions, index: number, day = today()): IncentiveModelView {
  const v = versions[index];
  if (!v) throw new AppError(500, 'internal_error', 'no such version');
  const { row } = v;
  const current = inForceOn(versions, day);
  return {
    id: row.id,
    heiId: row.heiId,
    version: index + 1,
    effectiveFrom: row.effectiveFrom,
    status: row.effectiveFrom > day ? 'upcoming' : row.id === current?.row.id ? 'in_force' : 'superseded',
    departmentShareBp: row.departmentShareBp,
    workloadFactorBp: row.workloadFactorBp,
    description: { sv: row.descriptionSv, en: row.descriptionEn },
    createdBy: v.creator?.id ? { id: v.creator.id, name: v.creator.name } : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listIncentiveModels(db: Db, actor: Actor, heiId: string) {
  requireOrganisationRole(actor, heiId, READ);
  const versions = await versionsOf(db, heiId);
  return { versions: versions.map((_, i) => view(versions, i)).reverse() };
}

/**
 * A new version of the HEI's incentive model. A version in force is never changed, and what applied in
 * the past stays as it was: once a version is in force, a new one starts today or later, on another day
 * than the one in force. A version that has not yet come into force is replaced by a new one from the
 * same day (the way to correct it before it applies).
 */
export async function createIncentiveModel(
  db: Db,
  actor: Actor,
  heiId: string,
  body: CreateIncentiveModel,
): Promise<IncentiveModelView> {
  requireOrganisationRole(actor, heiId, WRITE);
  const day = today();
  const current = inForceOn(await versionsOf(db, heiId), day);
  if (current && body.effectiveFrom < day)
    throw invalid([
      {
        field: 'body.effectiveFrom',
        message: `must be today (${day}) or later: the version in force since ${current.row.effectiveFrom} applied until now, and that does not change`,
      },
    ]);
  if (current && body.effectiveFrom === current.row.effectiveFrom)
    throw conflict(
      `The version from ${current.row.effectiveFrom} is in force and is never changed. Give the new version a later date.`,
    );
  let replaced: Row | undefined;
  try {
    await db.transaction(async (tx) => {
      // an upcoming version from the same day gives way to the new one
      [replaced] = await tx
        .delete(incentiveModel)
        .where(
          and(
            eq(incentiveModel.heiId, heiId),
            eq(incentiveModel.effectiveFrom, body.effectiveFrom),
            gt(incentiveModel.effectiveFrom, day),
          ),
        )
        .returning();
      const [created] = await tx
        .insert(incentiveModel)
        .values({
          heiId,
          effectiveFrom: body.effectiveFrom,
          departmentShareBp: body.departmentShareBp,
          workloadFactorBp: body.workloadFactorBp,
          descriptionSv: body.descriptionSv,
          descriptionEn: body.descriptionEn,
          createdBy: actor.userId,
        })
        .returning({ id: incentiveModel.id });
      await recordAudit(tx, {
        actor,
        organisationId: heiId,
        action: replaced ? 'incentive_model.replaced' : 'incentive_model.created',
        subjectType: 'incentive_model',
        subjectId: created?.id ?? '',
        data: {
          effectiveFrom: body.effectiveFrom,
          departmentShareBp: body.departmentShareBp,
          workloadFactorBp: body.workloadFactorBp,
          ...(replaced ? { replaced: replaced.id } : {}),
        },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict('Someone created a version from the same day at the same moment. Reload and try again.');
    throw error;
  }
  const versions = await versionsOf(db, heiId);
  const index = versions.findIndex((v) => v.row.effectiveFrom === body.effectiveFrom);
  return view(versions, index, day);
}

/**
 * "What taking part gives" on a case: for each design with an approved calculation, the departments'
 * share of the indirect costs and each teacher's credited hours, under the HEI's incentive model in force
 * on the day the calculation was made. Readers of the case (others 404).
 */
export async function caseIncentives(db: Db, actor: Actor, caseId: string): Promise<CaseIncentives> {
  const designs = await designsWithApprovedCalculation(db, actor, caseId);
  const approved = designs.flatMap(({ design, calculation }) =>
    calculation ? [{ design, calculation }] : [],
  );
  const heiId = approved[0]?.design.heiId;
  const versions = heiId ? await versionsOf(db, heiId) : [];
  const entries = approved.map(({ design, calculation }): CaseIncentiveEntry => {
    const date = stockholmDate(calculation.createdAt);
    const model = inForceOn(versions, date);
    const labels = new Map(calculation.result.hourlyCosts.map((h) => [h.category, h.label]));
    const indirectCostsOre =
      calculation.result.lines.find((l) => l.code === 'indirect_costs')?.amountOre ?? 0;
    const teachers = design.teachers.map((t) => {
      const planned = plannedHours(t.teachingHours, t.developmentHours);
      return {
        name: t.name,
        userId: t.userId,
        category: t.category,
        categoryLabel: labels.get(t.category) ?? t.category,
        teachingHours: t.teachingHours,
        developmentHours: t.developmentHours,
        plannedHours: planned,
        creditedHours: model ? creditedHours(planned, model.row.workloadFactorBp) : null,
      };
    });
    const planned = teachers.reduce((sum, t) => sum + Math.round(t.plannedHours * 100), 0) / 100;
    return {
      design: { id: design.id, title: design.title },
      calculation: {
        id: calculation.id,
        version: calculation.version,
        date,
        approvedAt: calculation.approvedAt?.toISOString() ?? null,
      },
      model: model ? view(versions, versions.indexOf(model)) : null,
      indirectCostsOre,
      departmentShareOre: model ? departmentShareOre(indirectCostsOre, model.row.departmentShareBp) : null,
      teachers,
      plannedHours: planned,
      creditedHours: model
        ? teachers.reduce((sum, t) => sum + Math.round((t.creditedHours ?? 0) * 100), 0) / 100
        : null,
    };
  });
  return { caseId, designs: designs.length, entries };
}

/** A version written directly (demo data and set-up scripts; no person created it). */
export async function insertIncentiveModel(
  db: Db,
  input: { heiId: string } & CreateIncentiveModel,
): Promise<string> {
  const [row] = await db
    .insert(incentiveModel)
    .values({ ...input, createdBy: null })
    .returning({ id: incentiveModel.id });
  return row?.id ?? '';
}
