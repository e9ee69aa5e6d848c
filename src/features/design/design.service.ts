import { and, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import {
  AppError,
  conflict,
  editConflict,
  type FieldError,
  invalid,
  notFound,
} from '../../server/http/problem.ts';
import { containsAny, type FoundText, foundIn, jsonText, mentionPatterns } from '../../shared/mentions.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authUser } from '../auth/auth.table.ts';
import { userNames } from '../auth/user-names.ts';
import {
  assertCaseAccess,
  caseSummariesOf,
  recordCaseEvent,
  recordEvidence,
} from '../cases/cases.service.ts';
import { getCourse } from '../catalog/catalog.service.ts';
import type { DesignCosts } from '../costing/calculation.ts';
import { costConfigInEffect, priceWith } from '../costing/costing.service.ts';
import { currentNeedsOfCase, needsOfCase } from '../needs/needs.service.ts';
import { heiRoles, type Role } from '../tenancy/tenancy.contract.ts';
import {
  type Actor,
  actingHei,
  isMemberOf,
  myConsortium,
  requireOrganisationRole,
} from '../tenancy/tenancy.service.ts';
import type { createDesignBody, DesignView, revisionBody, updateDesignBody } from './design.contract.ts';
import { courseDesign, designCalculation } from './design.table.ts';

/** The study director's decision: managers of the HEI approve designs. */
const APPROVE_DESIGN: Role[] = ['manager'];
/** Who calculates a design, and who approves a calculation. */
const CALCULATE: Role[] = ['coordinator', 'economist'];
const APPROVE_CALCULATION: Role[] = ['economist'];

type Row = typeof courseDesign.$inferSelect;

/** How many needs without an outcome a design's check names (the most important first); the rest are counted. */
const UNANSWERED_NAMED = 5;

/**
 * The ordinance's checks of a design and what else a study director should see. Contract education that
 * awards credits may only be given in fields where the HEI has degree-awarding powers (förordning
 * 2002:760, 3 §); that, and credits without a field to check, block approval.
 */
export function designChecks(
  row: Pick<Row, 'awards' | 'sunField' | 'teachers' | 'modules'>,
  hei: { name: string; degreeFields: readonly string[] },
  needs: {
    /** Whether the case has a needs analysis with needs: else there is nothing to link an outcome to. */
    any: boolean;
    /** The needs of the case's analyses (newest versions) that no outcome of any of its designs answers. */
    unanswered: { label: { sv: string; en: string } }[];
  } = { any: true, unanswered: [] },
) {
  const checks: DesignView['checks'] = [];
  if (row.awards === 'credits' && !row.sunField)
    checks.push({
      rule: 'credits_without_field',
      blocking: true,
      reason: {
        sv: 'Utbildningen ger högskolepoäng men saknar SUN-inriktning, så examensrätten kan inte prövas.',
        en: 'The education awards credits but has no SUN field, so degree-awarding powers cannot be checked.',
      },
    });
  const field = row.sunField;
  if (row.awards === 'credits' && field && !hei.degreeFields.some((f) => field.startsWith(f)))
    checks.push({
      rule: 'degree_powers',
      blocking: true,
      reason: {
        sv: `${hei.name} har inte examensrätt inom SUN ${field}; uppdragsutbildning med högskolepoäng får bara ges där lärosätet har examensrätt. Ge intyg i stället, eller låt ett annat lärosäte ge utbildningen.`,
        en: `${hei.name} has no degree-awarding powers in SUN ${field}; contract education with credits may only be given where the HEI has them. Award a certificate instead, or let another HEI give it.`,
      },
    });
  if (!row.teachers.length)
    checks.push({
      rule: 'no_teachers',
      blocking: false,
      reason: {
        sv: 'Inga lärare är planerade, så kalkylen saknar lärartid.',
        en: 'No teachers are planned, so the calculation has no teaching time.',
      },
    });
  if (needs.any && row.modules.some((m) => m.outcomes.some((o) => !o.needIds.length)))
    checks.push({
      rule: 'outcome_without_need',
      blocking: false,
      reason: {
        sv: 'Något lärandemål är inte kopplat till ett behov i behovsanalysen.',
        en: 'A learning outcome is not linked to a need of the needs analysis.',
      },
    });
  const unanswered = needs.unanswered;
  if (unanswered.length) {
    const named = (language: 'sv' | 'en') => {
      const names = unanswered.slice(0, UNANSWERED_NAMED).map((n) => `"${n.label[language]}"`);
      const more = unanswered.length - names.length;
      return more
        ? `${names.join(', ')} ${language === 'sv' ? `och ${more} till` : `and ${more} more`}`
        : names.join(', ');
    };
    checks.push({
      rule: 'need_without_outcome',
      blocking: false,
      reason: {
        sv: `${unanswered.length === 1 ? 'Ett behov' : `${unanswered.length} behov`} i behovsanalysen besvaras inte av något lärandemål i ärendets kursupplägg: ${named('sv')}.`,
        en: `${unanswered.length === 1 ? 'A need' : `${unanswered.length} needs`} of the needs analysis ${unanswered.length === 1 ? 'is' : 'are'} not answered by any learning outcome of the case's designs: ${named('en')}.`,
      },
    });
  }
  return checks;
}

/**
 * The case's needs (newest analysis versions) and those no learning outcome of any of the case's designs answers:
 * a case's designs may split its needs between them (or offer alternatives), so a need counts as answered when
 * any of them answers it — any not set aside: once the customer has chosen, the alternatives put aside no longer
 * hide the chosen one's gaps.
 */
async function needsAnswered(db: Db, caseId: string, caseDesigns?: Pick<Row, 'modules' | 'status'>[]) {
  const [needs, designs] = await Promise.all([
    currentNeedsOfCase(db, caseId),
    caseDesigns ??
      db
        .select({ modules: courseDesign.modules, status: courseDesign.status })
        .from(courseDesign)
        .where(eq(courseDesign.caseId, caseId)),
  ]);
  // a design set aside answers nothing any more: its needs are the others' to answer
  const answered = new Set(
    designs
      .filter((d) => d.status !== 'withdrawn')
      .flatMap((d) => d.modules.flatMap((m) => m.outcomes.flatMap((o) => o.needIds))),
  );
  return { any: needs.length > 0, unanswered: needs.filter((n) => !answered.has(n.id)) };
}

/** `needs`: the case's needs and those unanswered, when the caller has read them for several designs. */
async function view(
  db: Db,
  actor: Actor,
  row: Row,
  needs?: Awaited<ReturnType<typeof needsAnswered>>,
): Promise<DesignView> {
  const hei = await actingHei(db, actor, heiRoles);
  const people = await userNames(db, [row.approvedBy, row.withdrawnBy]);
  const person = (id: string | null) => (id ? { id, name: people.get(id) ?? '' } : null);
  return {
    id: row.id,
    caseId: row.caseId,
    heiId: row.heiId,
    title: row.title,
    language: row.language,
    format: row.format,
    level: row.level,
    awards: row.awards,
    credits: row.credits,
    sunField: row.sunField,
    participants: row.participants,
    content: row.content,
    examination: row.examination,
    schedule: row.schedule,
    startDate: row.startDate,
    endDate: row.endDate,
    modules: row.modules,
    teachers: row.teachers,
    costs: row.costs,
    status: row.status,
    revision: row.revision,
    approvedBy: person(row.approvedBy),
    approvedAt: row.approvedAt?.toISOString() ?? null,
    withdrawn:
      row.status === 'withdrawn' && row.withdrawnAt
        ? {
            by: person(row.withdrawnBy),
            at: row.withdrawnAt.toISOString(),
            reason: row.withdrawnReason ?? '',
          }
        : null,
    checks: designChecks(row, hei, needs ?? (await needsAnswered(db, row.caseId))),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A design set aside is kept as it was: it is taken back before it is changed, approved or calculated. */
function refuseWithdrawn(row: Pick<Row, 'status' | 'title'>) {
  if (row.status === 'withdrawn')
    throw new AppError(
      409,
      'design_withdrawn',
      `The design "${row.title}" is set aside. Take it back before you change, approve or calculate it.`,
    );
}

/** The design, for those who may read (or work on) its case; others get 404. */
async function loadDesign(db: Db, actor: Actor, designId: string, need: 'read' | 'work') {
  const [row] = await db.select().from(courseDesign).where(eq(courseDesign.id, designId));
  if (!row) throw notFound('The design');
  try {
    await assertCaseAccess(db, actor, row.caseId, need);
  } catch (error) {
    // a design of a case one cannot see does not exist for one
    if (error instanceof AppError && error.status === 404) throw notFound('The design');
    throw error;
  }
  return row;
}

export async function listDesigns(db: Db, actor: Actor, caseId: string) {
  await assertCaseAccess(db, actor, caseId, 'read');
  const rows = await db
    .select()
    .from(courseDesign)
    .where(eq(courseDesign.caseId, caseId))
    .orderBy(courseDesign.createdAt);
  // the needs no design answers are the case's: read once for all its designs
  const needs = await needsAnswered(db, caseId, rows);
  return { designs: await Promise.all(rows.map((r) => view(db, actor, r, needs))) };
}

/** The design as stored, for those who may work on its case (others 403, or 404 where they cannot see it). */
export async function designToWorkOn(db: Db, actor: Actor, designId: string) {
  return loadDesign(db, actor, designId, 'work');
}

export async function getDesign(db: Db, actor: Actor, designId: string) {
  return view(db, actor, await loadDesign(db, actor, designId, 'read'));
}

export async function createDesign(
  db: Db,
  actor: Actor,
  caseId: string,
  body: typeof createDesignBody._output,
) {
  const { heiId } = await assertCaseAccess(db, actor, caseId, 'work');
  // each catalogue course (of the consortium; others are 404) becomes a module with its outcomes
  const courses = [];
  for (const id of body.fromCourseIds) courses.push(await getCourse(db, actor, id));
  const modules: DesignView['modules'] = courses.map((c, i) => ({
    key: `m${i + 1}`,
    title: (body.language === 'en' ? (c.title.en ?? c.title.sv) : (c.title.sv ?? c.title.en)) ?? c.code,
    courseId: c.id,
    credits: c.credits,
    content: c.description ?? '',
    outcomes: c.learningOutcomes.map((text) => ({ text, needIds: [] })),
  }));
  const credits = modules.reduce((sum, m) => sum + (m.credits ?? 0), 0);
  const [row] = await db
    .insert(courseDesign)
    .values({
      caseId,
      heiId,
      title: body.title,
      language: body.language,
      format: body.format,
      level: courses[0]?.level ?? 'first-cycle',
      awards: credits > 0 || !courses.length ? 'credits' : 'certificate',
      credits: credits > 0 ? credits : null,
      sunField: courses.find((c) => c.sunField)?.sunField ?? null,
      participants: body.participants,
      modules,
      teachers: [],
      costs: { otherDirect: [], deliveredByOthers: [] },
      createdBy: actor.userId,
      updatedBy: actor.userId,
    })
    .returning();
  if (!row) throw new AppError(500, 'internal_error', 'the design was not written');
  await recordAudit(db, {
    actor,
    organisationId: heiId,
    action: 'design.created',
    subjectType: 'course_design',
    subjectId: row.id,
    data: { caseId, fromCourseIds: body.fromCourseIds },
  });
  return view(db, actor, row);
}

/** Why a change based on `revision` cannot be saved. */
async function changedMeanwhile(db: Db, designId: string) {
  const [row] = await db
    .select({ revision: courseDesign.revision, updatedAt: courseDesign.updatedAt, name: authUser.name })
    .from(courseDesign)
    .leftJoin(authUser, eq(authUser.id, courseDesign.updatedBy))
    .where(eq(courseDesign.id, designId));
  return editConflict('the design', row?.name, row?.updatedAt);
}

/**
 * What a design points at must exist where it should: outcomes answer needs of the case's own analyses,
 * named teachers are people of the HEI, and deliveries come from other HEIs of the consortium (by name, as
 * the calculation prints them).
 */
async function checkReferences(
  db: Db,
  actor: Actor,
  design: typeof courseDesign.$inferSelect,
  changes: Omit<typeof updateDesignBody._output, 'revision'>,
) {
  const errors: FieldError[] = [];
  if (changes.modules) {
    const ids = changes.modules.flatMap((m) => m.outcomes.flatMap((o) => o.needIds));
    const known = await needsOfCase(db, design.caseId, [...new Set(ids)]);
    changes.modules.forEach((m, i) => {
      m.outcomes.forEach((o, j) => {
        o.needIds.forEach((id, k) => {
          if (!known.has(id))
            errors.push({
              field: `body.modules.${i}.outcomes.${j}.needIds.${k}`,
              message: "not a need of this case's needs analyses",
            });
        });
      });
    });
  }
  for (const [i, teacher] of (changes.teachers ?? []).entries())
    if (teacher.userId && !(await isMemberOf(db, teacher.userId, design.heiId)))
      errors.push({ field: `body.teachers.${i}.userId`, message: 'not a member of the HEI' });
  const startDate = changes.startDate === undefined ? design.startDate : changes.startDate;
  const endDate = changes.endDate === undefined ? design.endDate : changes.endDate;
  if (startDate && endDate && endDate < startDate)
    errors.push({ field: 'body.endDate', message: 'must be on or after the start date' });
  const deliveries = changes.costs?.deliveredByOthers ?? [];
  if (deliveries.length) {
    const { heis } = await myConsortium(db, actor);
    const others = new Set(heis.filter((h) => h.id !== design.heiId).map((h) => h.name));
    deliveries.forEach((d, i) => {
      if (!others.has(d.hei))
        errors.push({
          field: `body.costs.deliveredByOthers.${i}.hei`,
          message: 'not another HEI of the consortium',
        });
    });
  }
  if (errors.length) throw invalid(errors);
}

export async function updateDesign(
  db: Db,
  actor: Actor,
  designId: string,
  body: typeof updateDesignBody._output,
) {
  const before = await loadDesign(db, actor, designId, 'work');
  refuseWithdrawn(before);
  const { revision, ...changes } = body;
  await checkReferences(db, actor, before, changes);
  const [row] = await db
    .update(courseDesign)
    .set({
      ...changes,
      // a changed design is no longer the one the study director approved
      status: 'draft',
      approvedBy: null,
      approvedAt: null,
      revision: sql`${courseDesign.revision} + 1`,
      updatedBy: actor.userId,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(courseDesign.id, designId),
        eq(courseDesign.revision, revision),
        ne(courseDesign.status, 'withdrawn'),
      ),
    )
    .returning();
  if (!row) throw await changedMeanwhile(db, designId);
  // calculations of the design as it was are void: a new calculation version is made
  await db
    .update(designCalculation)
    .set({ status: 'void', voidedAt: new Date() })
    .where(
      and(
        eq(designCalculation.designId, designId),
        lt(designCalculation.designRevision, row.revision),
        ne(designCalculation.status, 'void'),
      ),
    );
  await recordAudit(db, {
    actor,
    organisationId: row.heiId,
    action: before.status === 'approved' ? 'design.changed_after_approval' : 'design.updated',
    subjectType: 'course_design',
    subjectId: designId,
    data: { changed: Object.keys(changes), revision: row.revision },
  });
  return view(db, actor, row);
}

export async function approveDesign(
  db: Db,
  actor: Actor,
  designId: string,
  body: typeof revisionBody._output,
) {
  const row = await loadDesign(db, actor, designId, 'read');
  requireOrganisationRole(actor, row.heiId, APPROVE_DESIGN);
  refuseWithdrawn(row);
  const hei = await actingHei(db, actor, heiRoles);
  if (row.revision !== body.revision) throw await changedMeanwhile(db, designId);
  const blocking = designChecks(row, hei).filter((c) => c.blocking);
  if (blocking.length)
    throw new AppError(
      409,
      'conflict',
      `The design cannot be approved: ${blocking.map((c) => c.reason.en).join(' ')}`,
    );
  const [approved] = await db
    .update(courseDesign)
    .set({ status: 'approved', approvedBy: actor.userId, approvedAt: new Date() })
    .where(
      and(
        eq(courseDesign.id, designId),
        eq(courseDesign.revision, body.revision),
        ne(courseDesign.status, 'withdrawn'),
      ),
    )
    .returning();
  if (!approved) throw await changedMeanwhile(db, designId);
  await recordAudit(db, {
    actor,
    organisationId: row.heiId,
    action: 'design.approved',
    subjectType: 'course_design',
    subjectId: designId,
    data: { revision: row.revision },
  });
  await recordEvidence(db, row.caseId, 'design_approved', actor.userId);
  return view(db, actor, approved);
}

/**
 * Sets the design aside (the customer chose another alternative, or it was dropped), with why: it is kept as it
 * was, read-only, out of the case's needs advice, the teachers' commitments and the merit record, and can be taken
 * back. The caller (design-withdrawal.service.ts) has checked that no live proposal offers it. The case's timeline
 * and the audit log say so.
 */
export async function setDesignAside(db: Db, actor: Actor, designId: string, reason: string) {
  const before = await loadDesign(db, actor, designId, 'work');
  refuseWithdrawn(before);
  const [row] = await db
    .update(courseDesign)
    .set({ status: 'withdrawn', withdrawnBy: actor.userId, withdrawnAt: new Date(), withdrawnReason: reason })
    .where(and(eq(courseDesign.id, designId), ne(courseDesign.status, 'withdrawn')))
    .returning();
  if (!row) throw await changedMeanwhile(db, designId);
  await recordCaseEvent(db, row.caseId, actor.userId, `Utformningen ”${row.title}” lades åt sidan`, {
    event: 'design_withdrawn',
    design: row.title,
    reason,
  });
  await recordAudit(db, {
    actor,
    organisationId: row.heiId,
    action: 'design.withdrawn',
    subjectType: 'course_design',
    subjectId: designId,
    data: { reason, before: before.status },
  });
  return view(db, actor, row);
}

/**
 * Takes a design set aside back as it was: approved again when the study director's approval was of it as it is
 * (nothing changed while it was aside), else a draft.
 */
export async function takeDesignBack(db: Db, actor: Actor, designId: string) {
  const before = await loadDesign(db, actor, designId, 'work');
  if (before.status !== 'withdrawn') throw conflict(`The design "${before.title}" is not set aside.`);
  const [row] = await db
    .update(courseDesign)
    .set({
      status: before.approvedAt ? 'approved' : 'draft',
      withdrawnBy: null,
      withdrawnAt: null,
      withdrawnReason: null,
    })
    .where(and(eq(courseDesign.id, designId), eq(courseDesign.status, 'withdrawn')))
    .returning();
  if (!row) throw await changedMeanwhile(db, designId);
  await recordCaseEvent(db, row.caseId, actor.userId, `Utformningen ”${row.title}” togs tillbaka`, {
    event: 'design_restored',
    design: row.title,
  });
  await recordAudit(db, {
    actor,
    organisationId: row.heiId,
    action: 'design.restored',
    subjectType: 'course_design',
    subjectId: designId,
    data: { status: row.status },
  });
  return view(db, actor, row);
}

// ------------------------------------------------------------------ calculations

/** The design's costs as the calculation takes them: teachers' hours summed per staff category. */
export function designCosts(row: Pick<Row, 'participants' | 'teachers' | 'costs'>): DesignCosts {
  const hours = (kind: 'teachingHours' | 'developmentHours') => {
    const byCategory = new Map<string, number>();
    for (const t of row.teachers) byCategory.set(t.category, (byCategory.get(t.category) ?? 0) + t[kind]);
    return [...byCategory].filter(([, h]) => h > 0).map(([category, h]) => ({ category, hours: h }));
  };
  return {
    ...row.costs,
    participants: row.participants,
    teaching: hours('teachingHours'),
    development: hours('developmentHours'),
  };
}

/**
 * A calculation as it was made (its lines, the cost configuration version) and the costs of its design as the
 * design is now, for a post-calculation of an agreement made from it (no access check: the caller has read the
 * agreement).
 */
export async function calculationBasis(db: Db, calculationId: string) {
  const [found] = await db
    .select({ calculation: designCalculation, design: courseDesign })
    .from(designCalculation)
    .innerJoin(courseDesign, eq(courseDesign.id, designCalculation.designId))
    .where(eq(designCalculation.id, calculationId));
  if (!found) throw notFound('The calculation');
  return {
    configId: found.calculation.configId,
    result: found.calculation.result,
    designId: found.design.id,
    courseIds: coursesOf(found.design),
    costs: designCosts(found.design),
    teachers: found.design.teachers,
  };
}

/** The catalogue courses a design's modules are built from (each once). */
export function coursesOf(design: Pick<Row, 'modules'>): string[] {
  return [...new Set(design.modules.flatMap((m) => (m.courseId ? [m.courseId] : [])))];
}

type CalculationRow = typeof designCalculation.$inferSelect;

async function calculationView(db: Db, c: CalculationRow) {
  const [approver] = c.approvedBy
    ? await db
        .select({ id: authUser.id, name: authUser.name })
        .from(authUser)
        .where(eq(authUser.id, c.approvedBy))
    : [];
  return {
    id: c.id,
    designId: c.designId,
    version: c.version,
    designRevision: c.designRevision,
    status: c.status,
    result: c.result,
    createdAt: c.createdAt.toISOString(),
    approvedBy: approver ?? null,
    approvedAt: c.approvedAt?.toISOString() ?? null,
    voidedAt: c.voidedAt?.toISOString() ?? null,
  };
}

export async function listCalculations(db: Db, actor: Actor, designId: string) {
  await loadDesign(db, actor, designId, 'read');
  const rows = await db
    .select()
    .from(designCalculation)
    .where(eq(designCalculation.designId, designId))
    .orderBy(desc(designCalculation.version));
  return { calculations: await Promise.all(rows.map((c) => calculationView(db, c))) };
}

/**
 * Writes the design's next calculation version. Two calculations at the same moment (a double click, two
 * people) read the same last version: the second then meets the unique version and takes the next one, so
 * both are kept; a calculation is derived from the design, so neither person's work is in conflict.
 */
async function insertNextCalculation(db: Db, values: Omit<typeof designCalculation.$inferInsert, 'version'>) {
  for (let attempt = 1; ; attempt++) {
    const [last] = await db
      .select({ version: designCalculation.version })
      .from(designCalculation)
      .where(eq(designCalculation.designId, values.designId))
      .orderBy(desc(designCalculation.version))
      .limit(1);
    try {
      const [created] = await db
        .insert(designCalculation)
        .values({ ...values, version: (last?.version ?? 0) + 1 })
        .returning();
      return created;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt === 5) throw error;
    }
  }
}

/** A new calculation version of the design as it is now, with the cost configuration in effect at its start. */
export async function calculateDesign(db: Db, actor: Actor, designId: string) {
  const row = await loadDesign(db, actor, designId, 'read');
  requireOrganisationRole(actor, row.heiId, CALCULATE);
  refuseWithdrawn(row);
  const config = await costConfigInEffect(db, actor, row.heiId, row.startDate ?? undefined);
  const known = new Set(config.config.staff.map((s) => s.key));
  const unknown = row.teachers.flatMap((t, i) =>
    known.has(t.category)
      ? []
      : [
          {
            field: `teachers.${i}.category`,
            message: `"${t.category}" is not a staff category of cost configuration version ${config.version}`,
          },
        ],
  );
  if (unknown.length) throw invalid(unknown);
  const result = priceWith(
    config,
    designCosts(row),
    [12, 25].filter((n) => n !== row.participants),
  );
  const created = await insertNextCalculation(db, {
    designId,
    designRevision: row.revision,
    configId: config.id,
    result,
    createdBy: actor.userId,
  });
  if (!created) throw new AppError(500, 'internal_error', 'the calculation was not written');
  await recordAudit(db, {
    actor,
    organisationId: row.heiId,
    action: 'design_calculation.created',
    subjectType: 'design_calculation',
    subjectId: created.id,
    data: { designId, version: created.version, totalCostOre: result.totalCostOre },
  });
  return calculationView(db, created);
}

export async function approveCalculation(db: Db, actor: Actor, designId: string, calculationId: string) {
  const row = await loadDesign(db, actor, designId, 'read');
  requireOrganisationRole(actor, row.heiId, APPROVE_CALCULATION);
  refuseWithdrawn(row);
  const [calc] = await db
    .select()
    .from(designCalculation)
    .where(and(eq(designCalculation.id, calculationId), eq(designCalculation.designId, designId)));
  if (!calc) throw notFound('The calculation');
  if (calc.status !== 'draft' || calc.designRevision !== row.revision)
    throw conflict(
      `Calculation version ${calc.version} is ${calc.status === 'approved' ? 'already approved' : 'of an earlier design'}: calculate the design as it is now and approve that.`,
    );
  // one approved calculation per design: an earlier approval gives way
  await db
    .update(designCalculation)
    .set({ status: 'void', voidedAt: new Date() })
    .where(and(eq(designCalculation.designId, designId), eq(designCalculation.status, 'approved')));
  const [approved] = await db
    .update(designCalculation)
    .set({ status: 'approved', approvedBy: actor.userId, approvedAt: new Date() })
    .where(eq(designCalculation.id, calculationId))
    .returning();
  if (!approved) throw notFound('The calculation');
  await recordAudit(db, {
    actor,
    organisationId: row.heiId,
    action: 'design_calculation.approved',
    subjectType: 'design_calculation',
    subjectId: calculationId,
    data: { designId, version: approved.version },
  });
  await recordEvidence(db, row.caseId, 'calculation_approved', actor.userId);
  return calculationView(db, approved);
}

/**
 * The design and its approved calculation, for a proposal: the study director has approved the design as
 * it is, and an economist a calculation of it. Otherwise a 409 says which approval is missing.
 */
export async function approvedCalculationOf(db: Db, actor: Actor, designId: string, caseId: string) {
  const design = await loadDesign(db, actor, designId, 'read');
  if (design.caseId !== caseId) throw notFound('The design');
  refuseWithdrawn(design);
  if (design.status !== 'approved')
    throw conflict(`The study director has not approved the design "${design.title}" as it is now.`);
  const [calculation] = await db
    .select()
    .from(designCalculation)
    .where(
      and(
        eq(designCalculation.designId, designId),
        eq(designCalculation.status, 'approved'),
        eq(designCalculation.designRevision, design.revision),
      ),
    );
  if (!calculation)
    throw conflict(
      `No calculation of the design "${design.title}" as it is now is approved by an economist.`,
    );
  return { design, calculation };
}

/**
 * Every design of the case, oldest first, with its approved calculation when the study director has
 * approved the design as it is now and an economist a calculation of it (else null), for readers of the
 * case (others 404). What the case's figures are once both approvals are in (the incentives panel).
 */
export async function designsWithApprovedCalculation(db: Db, actor: Actor, caseId: string) {
  await assertCaseAccess(db, actor, caseId, 'read');
  const rows = await db
    .select({ design: courseDesign, calculation: designCalculation })
    .from(courseDesign)
    .leftJoin(
      designCalculation,
      and(
        eq(designCalculation.designId, courseDesign.id),
        eq(designCalculation.status, 'approved'),
        eq(designCalculation.designRevision, courseDesign.revision),
        eq(courseDesign.status, 'approved'),
      ),
    )
    .where(eq(courseDesign.caseId, caseId))
    .orderBy(courseDesign.createdAt, courseDesign.id);
  return rows;
}

/**
 * The HEI's designs in which the user is a planned teacher (a teacher row with their user id), oldest first, but
 * not those set aside,
 * with their own teaching and development hours: for the staff merit record. No access check (the caller
 * has made one).
 */
export async function designsTaughtBy(db: Db, heiId: string, userId: string) {
  const rows = await db
    .select()
    .from(courseDesign)
    .where(
      and(
        eq(courseDesign.heiId, heiId),
        // one set aside was never given: not a merit
        ne(courseDesign.status, 'withdrawn'),
        sql`${courseDesign.teachers} @> ${JSON.stringify([{ userId }])}::jsonb`,
      ),
    )
    .orderBy(courseDesign.createdAt);
  return rows.map((r) => {
    const mine = r.teachers.filter((t) => t.userId === userId);
    return {
      id: r.id,
      caseId: r.caseId,
      title: r.title,
      language: r.language,
      format: r.format,
      awards: r.awards,
      credits: r.credits,
      startDate: r.startDate,
      endDate: r.endDate,
      status: r.status,
      approvedAt: r.approvedAt?.toISOString() ?? null,
      teachingHours: mine.reduce((sum, t) => sum + t.teachingHours, 0),
      developmentHours: mine.reduce((sum, t) => sum + t.developmentHours, 0),
    };
  });
}

/**
 * What the HEI's teachers with an account have taken on: the approved course designs that name them, of cases
 * still open or won whose course has not ended (no end day: while the case is open), with their teaching and
 * development hours in each. For the staff pages (no access check: the caller has made one). A draft is not yet
 * a commitment; a lost case's design is none any more.
 */
export async function teacherCommitments(db: Db, heiId: string, today: string) {
  const rows = await db
    .select({
      id: courseDesign.id,
      caseId: courseDesign.caseId,
      title: courseDesign.title,
      endDate: courseDesign.endDate,
      teachers: courseDesign.teachers,
    })
    .from(courseDesign)
    .where(
      and(
        eq(courseDesign.heiId, heiId),
        eq(courseDesign.status, 'approved'),
        sql`(${courseDesign.endDate} is null or ${courseDesign.endDate} >= ${today})`,
        sql`${courseDesign.teachers} @? '$[*].userId ? (@ != null)'`,
      ),
    )
    .orderBy(courseDesign.startDate, courseDesign.title);
  const cases = await caseSummariesOf(db, heiId, [...new Set(rows.map((r) => r.caseId))]);
  const byTeacher = new Map<string, Commitment[]>();
  for (const design of rows) {
    const of = cases.get(design.caseId);
    const open = of && of.stage !== 'closed';
    const wonAndRunning = of?.outcome === 'won' && design.endDate !== null;
    if (!open && !wonAndRunning) continue;
    for (const teacher of design.teachers) {
      if (!teacher.userId) continue;
      const mine = byTeacher.get(teacher.userId) ?? [];
      const same = mine.find((c) => c.designId === design.id);
      if (same) {
        same.teachingHours += teacher.teachingHours;
        same.developmentHours += teacher.developmentHours;
        continue;
      }
      mine.push({
        designId: design.id,
        caseId: design.caseId,
        reference: of.reference,
        title: design.title,
        endDate: design.endDate,
        teachingHours: teacher.teachingHours,
        developmentHours: teacher.developmentHours,
      });
      byTeacher.set(teacher.userId, mine);
    }
  }
  return byTeacher;
}

type Commitment = {
  designId: string;
  caseId: string;
  reference: string;
  title: string;
  endDate: string | null;
  teachingHours: number;
  developmentHours: number;
};

/**
 * The HEI's course designs whose texts contain one of the terms (content, examination, schedule, modules;
 * for a subject access report, no access check).
 */
export async function mentionsInDesigns(db: Db, heiId: string, terms: string[]): Promise<FoundText[]> {
  const texts = (d: Row) => [d.title, d.content, d.examination, d.schedule, jsonText(d.modules)];
  const rows = await db
    .select()
    .from(courseDesign)
    .where(
      and(
        eq(courseDesign.heiId, heiId),
        containsAny(
          [
            courseDesign.title,
            courseDesign.content,
            courseDesign.examination,
            courseDesign.schedule,
            sql`${courseDesign.modules}::text`,
          ],
          mentionPatterns(terms),
        ),
      ),
    );
  return rows
    .map((d) =>
      foundIn(texts(d), terms, (text) => ({
        source: 'design' as const,
        caseId: d.caseId,
        recordId: null,
        label: d.title,
        text,
        at: d.updatedAt,
      })),
    )
    .filter((mention) => mention !== null);
}

/** The credits each of these designs gives a participant who meets the entry requirements (0 for a certificate). */
export async function creditsOfDesigns(db: Db, designIds: string[]): Promise<Map<string, number>> {
  if (!designIds.length) return new Map();
  const rows = await db
    .select({ id: courseDesign.id, awards: courseDesign.awards, credits: courseDesign.credits })
    .from(courseDesign)
    .where(inArray(courseDesign.id, designIds));
  return new Map(rows.map((r) => [r.id, r.awards === 'credits' ? (r.credits ?? 0) : 0]));
}

/** The SUN 2020 field each of these designs gives its credits in (design id → field; null: none given). */
export async function sunFieldsOfDesigns(db: Db, designIds: string[]): Promise<Map<string, string | null>> {
  if (!designIds.length) return new Map();
  const rows = await db
    .select({ id: courseDesign.id, sunField: courseDesign.sunField })
    .from(courseDesign)
    .where(inArray(courseDesign.id, designIds));
  return new Map(rows.map((r) => [r.id, r.sunField]));
}

/** The titles of these designs (for features that show a design's name to a customer; no access check). */
export async function designTitles(db: Db, designIds: string[]): Promise<Map<string, string>> {
  if (!designIds.length) return new Map();
  const rows = await db
    .select({ id: courseDesign.id, title: courseDesign.title })
    .from(courseDesign)
    .where(inArray(courseDesign.id, designIds));
  return new Map(rows.map((r) => [r.id, r.title]));
}
