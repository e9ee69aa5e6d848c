import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { type FigureWindow, isInWindow } from '../../db/figure-window.ts';
import { AppError, conflict } from '../../server/http/problem.ts';
import { toCsv } from '../../shared/csv.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { agreementAtHei, signedAgreementsOf } from '../agreements/agreements.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authUser } from '../auth/auth.table.ts';
import { caseReferences, caseSummariesOf } from '../cases/cases.service.ts';
import { hourlyCost } from '../costing/calculation.ts';
import { COST_LINES, calculationLineNames } from '../costing/costing.contract.ts';
import { costConfigVersion, priceWith } from '../costing/costing.service.ts';
import { type SessionView, sessionHours, teacherKey } from '../delivery/delivery.contract.ts';
import { sessionsOf } from '../delivery/delivery.service.ts';
import type { DesignView } from '../design/design.contract.ts';
import { calculationBasis, coursesOf, getDesign } from '../design/design.service.ts';
import { participantsOfAgreements } from '../participants/participants.service.ts';
import { acceptedProposal } from '../proposals/proposals.service.ts';
import {
  type Actor,
  heisWithRole,
  organisationParty,
  requireOrganisationRole,
} from '../tenancy/tenancy.service.ts';
import {
  type EarlierOutturn,
  OUTTURN_READERS,
  OUTTURN_WRITERS,
  type Outturn,
  type recordOutturnBody,
} from './outturn.contract.ts';
import type { OutturnDocument, RecordedOutturn } from './outturn.pdf.ts';
import { agreementOutturn } from './outturn.table.ts';

/**
 * An agreement's post-calculation (efterkalkyl) beside the calculation it was priced by, and what the delivery
 * gave: revenue less the actual full cost. Contract education is charged at full cost (förordning 2002:760);
 * the post-calculation shows whether it was, so the next calculation of the kind can be better.
 */
export async function getOutturn(db: Db, actor: Actor, agreementId: string): Promise<Outturn> {
  const { basis } = await loadBasis(db, actor, agreementId, 'read');
  return view(db, actor, basis);
}

/**
 * Records the post-calculation, or corrects it (`revision` the one the change is based on: 409 edit_conflict if
 * someone recorded it meanwhile). Priced with the calculation's cost configuration version, so a difference is
 * one of quantities (hours, participants, costs), not of rates.
 */
export async function recordOutturn(
  db: Db,
  actor: Actor,
  agreementId: string,
  body: typeof recordOutturnBody._output,
): Promise<Outturn> {
  const { basis } = await loadBasis(db, actor, agreementId, 'work');
  requireOrganisationRole(actor, basis.agreement.heiId, OUTTURN_WRITERS);
  const calculation = priceWith(basis.config, body.costs, [], 'body.costs');
  const values = {
    heiId: basis.agreement.heiId,
    designId: basis.designId,
    courseIds: basis.courseIds,
    revenueOre: basis.revenueOre,
    planned: {
      totalCostOre: basis.planned.totalCostOre,
      staffHours: basis.planned.staffHours,
      participants: basis.planned.participants,
    },
    costs: body.costs,
    result: calculation,
    note: body.note,
    recordedBy: actor.userId,
  };
  await db.transaction(async (tx) => {
    const saved = await (body.revision === 0
      ? tx
          .insert(agreementOutturn)
          .values({ agreementId, ...values })
          .returning()
          .catch((error: unknown) => {
            if (isUniqueViolation(error)) return [];
            throw error;
          })
      : tx
          .update(agreementOutturn)
          .set({ ...values, revision: sql`${agreementOutturn.revision} + 1`, recordedAt: new Date() })
          .where(
            and(eq(agreementOutturn.agreementId, agreementId), eq(agreementOutturn.revision, body.revision)),
          )
          .returning());
    const [row] = saved;
    if (!row)
      throw new AppError(
        409,
        'edit_conflict',
        'Someone recorded the post-calculation after you opened it. Reload to see theirs; nothing of it was overwritten.',
      );
    await recordAudit(tx, {
      actor,
      organisationId: basis.agreement.heiId,
      action: 'agreement.outturn_recorded',
      subjectType: 'agreement',
      subjectId: agreementId,
      data: {
        revision: row.revision,
        totalCostOre: calculation.totalCostOre,
        resultOre: basis.revenueOre - calculation.totalCostOre,
      },
    });
  });
  return view(db, actor, basis);
}

type Basis = Awaited<ReturnType<typeof loadBasis>>['basis'];

/** The signed agreement (404 for another HEI's, 409 before both have signed) and the calculation it was priced by. */
async function loadBasis(db: Db, actor: Actor, agreementId: string, need: 'read' | 'work') {
  const agreement = await agreementAtHei(db, actor, agreementId, need);
  requireOrganisationRole(actor, agreement.heiId, OUTTURN_READERS);
  if (!agreement.signedByBoth)
    throw conflict('A post-calculation is made of an agreement both parties have signed.');
  const proposal = await acceptedProposal(db, agreement.proposalId, agreement.caseId);
  const calculation = await calculationBasis(db, proposal.calculationId);
  return {
    basis: {
      agreement,
      // what the customer pays, excluding VAT: VAT is passed on, not revenue
      revenueOre: agreement.priceOre - proposal.vatOre,
      config: await costConfigVersion(db, agreement.heiId, calculation.configId),
      planned: calculation.result,
      startingPoint: { otherDirect: [], deliveredByOthers: [], ...calculation.costs },
      designId: calculation.designId,
      courseIds: calculation.courseIds,
      teachers: calculation.teachers,
    },
  };
}

async function view(db: Db, actor: Actor, basis: Basis): Promise<Outturn> {
  const [sessions, participants] = await Promise.all([
    sessionsOf(db, [basis.designId]),
    participantsOfAgreements(db, [basis.agreement.id]),
  ]);
  const delivered = deliveredFacts(
    sessions,
    basis.teachers,
    participants.map((p) => p.id),
  );
  const [found] = await db
    .select({ row: agreementOutturn, recordedBy: authUser.name })
    .from(agreementOutturn)
    .leftJoin(authUser, eq(authUser.id, agreementOutturn.recordedBy))
    .where(eq(agreementOutturn.agreementId, basis.agreement.id));
  const row = found?.row;
  const actualCost = row?.result.totalCostOre ?? null;
  return {
    agreementId: basis.agreement.id,
    title: basis.agreement.title,
    revenueOre: basis.revenueOre,
    planned: {
      config: basis.planned.config,
      lines: basis.planned.lines,
      participants: basis.planned.participants,
      staffHours: basis.planned.staffHours,
    },
    // a first post-calculation starts from those the customer designated rather than the planned group
    startingPoint: delivered.participants
      ? { ...basis.startingPoint, participants: delivered.participants }
      : basis.startingPoint,
    categories: basis.config.config.staff.map((c) => ({
      key: c.key,
      label: c.label,
      hourlyCostOre: hourlyCost(c),
    })),
    actual: row
      ? {
          costs: row.costs,
          lines: row.result.lines,
          participants: row.result.participants,
          staffHours: row.result.staffHours,
          note: row.note,
          recordedBy: found?.recordedBy ?? null,
          recordedAt: row.recordedAt.toISOString(),
          revision: row.revision,
        }
      : null,
    resultOre: actualCost === null ? null : basis.revenueOre - actualCost,
    coverageBp: actualCost === null ? null : coverage(basis.revenueOre, actualCost),
    delivered,
    canEdit: canRecord(actor, basis.agreement.heiId),
  };
}

/**
 * What the sessions of the course record: the sessions given and called off, the hours given by the design's
 * teachers by staff category (a session's teacher is written by name, usually one of the design's), and how
 * many of the agreement's participants came at least once. Scheduled hours, not working time: the
 * calculation's hours include preparation, so these inform the post-calculation rather than fill it in.
 */
function deliveredFacts(
  sessions: SessionView[],
  teachers: DesignView['teachers'],
  participantIds: string[],
): Outturn['delivered'] {
  const given = sessions.filter((s) => !s.cancelledAt);
  const categoryOf = new Map(teachers.map((t) => [teacherKey(t.name), t.category]));
  const byCategory = new Map<string, number>();
  let otherTeacherHours = 0;
  for (const s of given) {
    const category = categoryOf.get(teacherKey(s.teacher));
    if (category) byCategory.set(category, (byCategory.get(category) ?? 0) + sessionHours(s));
    else otherTeacherHours += sessionHours(s);
  }
  const ours = new Set(participantIds);
  const marks = given.flatMap((s) => s.attendance).filter((m) => ours.has(m.participantId));
  const present = new Set(marks.filter((m) => m.status === 'present').map((m) => m.participantId));
  return {
    sessionsGiven: given.length,
    sessionsCalledOff: sessions.length - given.length,
    hoursGiven: given.reduce((sum, s) => sum + sessionHours(s), 0),
    byCategory: [...byCategory].map(([key, hours]) => ({ key, hours })),
    otherTeacherHours,
    participants: participantIds.length,
    attended: marks.length ? present.size : null,
  };
}

/** Whether the actor records post-calculations at this HEI. */
const canRecord = (actor: Actor, heiId: string) =>
  heisWithRole(actor, OUTTURN_WRITERS).some((hei) => hei.id === heiId);

/** Revenue as a share of the actual full cost, in basis points (null when there is no cost to share). */
const coverage = (revenueOre: number, costOre: number) =>
  costOre ? Math.round((revenueOre * 10_000) / costOre) : null;

/** How many agreements awaiting a post-calculation the key figures and the overview list by name. */
const AWAITING_LISTED = 10;

/**
 * The HEI's agreements signed by both parties whose case has reached follow-up (Uppföljning), or closed as won,
 * with no post-calculation yet: the course has been given, so it is time to make one. The oldest first.
 * `recorded`: the agreements with one, when the caller has read them already.
 */
async function awaitingOutturn(db: Db, heiId: string, recorded?: ReadonlySet<string>) {
  const made =
    recorded ??
    new Set(
      (
        await db
          .select({ agreementId: agreementOutturn.agreementId })
          .from(agreementOutturn)
          .where(eq(agreementOutturn.heiId, heiId))
      ).map((r) => r.agreementId),
    );
  const signed = (await signedAgreementsOf(db, heiId)).filter((a) => !made.has(a.id));
  const cases = await caseSummariesOf(db, heiId, [...new Set(signed.map((a) => a.caseId))]);
  return signed.flatMap((a) => {
    const c = cases.get(a.caseId);
    const followedUp = c && (c.stage === 'evaluation' || (c.stage === 'closed' && c.outcome === 'won'));
    return followedUp ? [{ agreementId: a.id, caseId: c.id, reference: c.reference, title: a.title }] : [];
  });
}

/**
 * For those who record post-calculations (null for other roles): the HEI's agreements whose course has been
 * given and that have none yet, the oldest first (the first ten), for their overview.
 */
export async function outturnsToMake(db: Db, actor: Actor, heiId: string) {
  if (!canRecord(actor, heiId)) return null;
  const awaiting = await awaitingOutturn(db, heiId);
  return { total: awaiting.length, items: awaiting.slice(0, AWAITING_LISTED) };
}

/**
 * An HEI's post-calculations for its key figures (no access check: the caller has made one): those recorded
 * (or last corrected) since a day, summed — revenue, actual full cost, result, coverage and how many ran at a
 * deficit — and the agreements signed by both parties whose case has reached follow-up, or closed as won,
 * with none yet (the course has been given: time to make one), the oldest first.
 */
export async function outturnFigures(db: Db, heiId: string, window: FigureWindow) {
  const rows = await db
    .select({
      agreementId: agreementOutturn.agreementId,
      revenueOre: agreementOutturn.revenueOre,
      result: agreementOutturn.result,
      recordedAt: agreementOutturn.recordedAt,
    })
    .from(agreementOutturn)
    .where(eq(agreementOutturn.heiId, heiId));
  const recorded = rows.filter((r) => isInWindow(r.recordedAt, window));
  const revenueOre = recorded.reduce((sum, r) => sum + r.revenueOre, 0);
  const actualCostOre = recorded.reduce((sum, r) => sum + r.result.totalCostOre, 0);
  const given = await awaitingOutturn(db, heiId, new Set(rows.map((r) => r.agreementId)));
  return {
    recorded: recorded.length,
    revenueOre,
    actualCostOre,
    resultOre: revenueOre - actualCostOre,
    coverageBp: coverage(revenueOre, actualCostOre),
    deficits: recorded.filter((r) => r.revenueOre < r.result.totalCostOre).length,
    awaiting: given.length,
    awaitingList: given.slice(0, AWAITING_LISTED),
  };
}

/** How many earlier post-calculations a design is shown. */
const EARLIER_SHOWN = 10;

/**
 * The HEI's post-calculations of other deliveries built from the same catalogue courses as this design, the
 * newest first: what such courses actually took against what was calculated, for whoever calculates this
 * one (the post-calculation's readers; a design of a case one cannot read is 404).
 */
export async function earlierOutturns(db: Db, actor: Actor, designId: string): Promise<EarlierOutturn[]> {
  const design = await getDesign(db, actor, designId);
  requireOrganisationRole(actor, design.heiId, OUTTURN_READERS);
  const courseIds = coursesOf(design);
  if (!courseIds.length) return [];
  const rows = await db
    .select()
    .from(agreementOutturn)
    .where(
      and(
        eq(agreementOutturn.heiId, design.heiId),
        sql`${agreementOutturn.courseIds} && ${sql.param(courseIds)}::uuid[]`,
        sql`${agreementOutturn.designId} is distinct from ${designId}`,
      ),
    )
    .orderBy(desc(agreementOutturn.recordedAt))
    .limit(EARLIER_SHOWN);
  // post-calculations are of agreements signed by both: the HEI's signed agreements hold them all
  const found = new Set(rows.map((r) => r.agreementId));
  const agreements = new Map(
    (await signedAgreementsOf(db, design.heiId)).filter((a) => found.has(a.id)).map((a) => [a.id, a]),
  );
  const cases = await caseSummariesOf(db, design.heiId, [
    ...new Set([...agreements.values()].map((a) => a.caseId)),
  ]);
  return rows.flatMap((r) => {
    const a = agreements.get(r.agreementId);
    if (!a) return [];
    return [
      {
        agreementId: r.agreementId,
        caseId: a.caseId,
        caseReference: cases.get(a.caseId)?.reference ?? '',
        title: a.title,
        recordedAt: r.recordedAt.toISOString(),
        participants: { planned: r.planned.participants, actual: r.result.participants },
        staffHours: { planned: r.planned.staffHours, actual: r.result.staffHours },
        costOre: { planned: r.planned.totalCostOre, actual: r.result.totalCostOre },
        resultOre: r.revenueOre - r.result.totalCostOre,
        coverageBp: coverage(r.revenueOre, r.result.totalCostOre),
        note: r.note,
      },
    ];
  });
}

const csvWords = {
  sv: {
    headers: ['Post', 'Kalkyl (kr)', 'Utfall (kr)', 'Skillnad (kr)'],
    revenue: 'Intäkt (avtalets pris exkl. moms)',
    result: 'Resultat',
    coverage: 'Intäkt av faktisk full kostnad (%)',
    participants: 'Deltagare',
    staffHours: 'Lärartimmar',
    comment: 'Kommentar',
    recorded: 'Registrerad',
  },
  en: {
    headers: ['Item', 'Calculated (SEK)', 'Actual (SEK)', 'Difference (SEK)'],
    revenue: "Revenue (the agreement's price excl. VAT)",
    result: 'Result',
    coverage: 'Revenue of actual full cost (%)',
    participants: 'Participants',
    staffHours: 'Staff hours',
    comment: 'Comment',
    recorded: 'Recorded',
  },
};

/**
 * The post-calculation as CSV for the HEI's file (Swedish Excel's format): calculation, outcome and difference
 * line by line, revenue and result, coverage, quantities and the comment. 409 before one is recorded.
 */
export async function outturnCsv(db: Db, actor: Actor, agreementId: string, language: 'sv' | 'en') {
  const { outturn: o, actual, resultOre } = recorded(await getOutturn(db, actor, agreementId));
  const w = csvWords[language];
  const amountOf = (lines: typeof actual.lines, code: string) =>
    lines.find((l) => l.code === code)?.amountOre ?? 0;
  const kronor = (ore: number) => ore / 100;
  const plannedResult = o.revenueOre - amountOf(o.planned.lines, 'total_cost');
  return {
    title: o.title,
    csv: toCsv(
      [
        w.headers,
        ...COST_LINES.map((code) => {
          const planned = amountOf(o.planned.lines, code);
          const outcome = amountOf(actual.lines, code);
          return [
            calculationLineNames[language][code],
            kronor(planned),
            kronor(outcome),
            kronor(outcome - planned),
          ];
        }),
        [w.revenue, kronor(o.revenueOre), kronor(o.revenueOre), 0],
        [w.result, kronor(plannedResult), kronor(resultOre), kronor(resultOre - plannedResult)],
        [w.coverage, '', o.coverageBp === null ? '' : o.coverageBp / 100, ''],
        [
          w.participants,
          o.planned.participants,
          actual.participants,
          actual.participants - o.planned.participants,
        ],
        [w.staffHours, o.planned.staffHours, actual.staffHours, actual.staffHours - o.planned.staffHours],
        [w.comment, '', actual.note, ''],
        [
          w.recorded,
          '',
          `${stockholmDate(new Date(actual.recordedAt))} ${actual.recordedBy ?? ''}`.trim(),
          '',
        ],
      ],
      language === 'sv',
    ),
  };
}

/** The post-calculation, for a file made of it: 409 before one is recorded. */
function recorded(outturn: Outturn): {
  outturn: RecordedOutturn;
  actual: RecordedOutturn['actual'];
  resultOre: number;
} {
  const { actual, resultOre } = outturn;
  if (!actual || resultOre === null) throw conflict('No post-calculation of the agreement is recorded yet.');
  return { outturn: { ...outturn, actual, resultOre }, actual, resultOre };
}

/**
 * What the post-calculation's PDF prints: the post-calculation, the HEI's name, logo and address, and the case's
 * customer and references (its registration number, for the file). 409 before one is recorded.
 */
export async function outturnDocument(db: Db, actor: Actor, agreementId: string): Promise<OutturnDocument> {
  const { basis } = await loadBasis(db, actor, agreementId, 'read');
  const { outturn } = recorded(await view(db, actor, basis));
  const { heiId, caseId } = basis.agreement;
  const [hei, references] = await Promise.all([
    organisationParty(db, heiId),
    caseReferences(db, heiId, caseId),
  ]);
  return { outturn, hei, customer: references?.customerName ?? '', references };
}

/** Those of the agreements that have a post-calculation recorded (for other features' files; no access check). */
export async function agreementsWithOutturn(db: Db, agreementIds: string[]): Promise<Set<string>> {
  if (!agreementIds.length) return new Set();
  const rows = await db
    .select({ agreementId: agreementOutturn.agreementId })
    .from(agreementOutturn)
    .where(inArray(agreementOutturn.agreementId, agreementIds));
  return new Set(rows.map((r) => r.agreementId));
}
