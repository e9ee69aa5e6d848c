import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../server/http/problem.ts';
import { type Actor, activeMembership } from '../tenancy/tenancy.service.ts';
import {
  type Area,
  areaMean,
  currentQuestionnaire,
  keepGoing,
  levelOf,
  questionnaires,
  scale,
} from './questionnaire.ts';
import type { AssessmentView, submitSelfAssessmentBody } from './self-assessment.contract.ts';
import { selfAssessment } from './self-assessment.table.ts';

/*
 * A person's collaboration-skills self-assessments are theirs alone: every query is by the signed-in
 * user's id, so nobody else — not an administrator of their HEI either — can read one (another person's
 * is "not found"). The contents are not audited.
 */

type Row = typeof selfAssessment.$inferSelect;

export function getQuestionnaire() {
  const q = currentQuestionnaire;
  return {
    id: q.id,
    title: q.title,
    intro: q.intro,
    scale: { min: scale.min, max: scale.max, labels: scale.labels.map((l) => ({ ...l })) },
    areas: q.areas.map((a) => ({ key: a.key, title: a.title, statements: a.statements })),
  };
}

/** The areas of an assessment, read with the questionnaire version it answered. */
function areasOf(row: Row) {
  const questionnaire = questionnaires[row.questionnaire];
  if (!questionnaire) return [];
  return questionnaire.areas.flatMap((area: Area) => {
    const mean = areaMean(area, row.answers);
    return mean === null ? [] : [{ area, key: area.key, title: area.title, mean, level: levelOf(mean) }];
  });
}

function summary(row: Row) {
  return {
    id: row.id,
    questionnaire: row.questionnaire,
    createdAt: row.createdAt.toISOString(),
    areas: areasOf(row).map(({ key, title, mean, level }) => ({ key, title, mean, level })),
  };
}

/** One assessment in full, compared area by area with the person's one before it. */
function detail(row: Row, previous: Row | undefined): AssessmentView {
  const areas = areasOf(row);
  const before = new Map(previous ? areasOf(previous).map((a) => [a.key, a.mean]) : []);
  const suggestions = areas
    .filter((a) => a.level !== 'strong')
    .sort((a, b) => a.mean - b.mean)
    .map((a) => ({ area: a.key, ...a.area.suggestion }));
  return {
    ...summary(row),
    answers: row.answers,
    comparedWith: previous ? { id: previous.id, createdAt: previous.createdAt.toISOString() } : null,
    areas: areas.map(({ key, title, mean, level }) => {
      const was = before.get(key) ?? null;
      return {
        key,
        title,
        mean,
        level,
        previous: was,
        change: was === null ? null : (Math.round(mean * 10) - Math.round(was * 10)) / 10,
      };
    }),
    suggestions: suggestions.length ? suggestions : [{ area: null, ...keepGoing }],
  };
}

/** The person's own assessments, newest first. */
async function own(db: Db, actor: Actor) {
  return db
    .select()
    .from(selfAssessment)
    .where(eq(selfAssessment.userId, actor.userId))
    .orderBy(desc(selfAssessment.createdAt), desc(selfAssessment.id));
}

export async function listSelfAssessments(db: Db, actor: Actor) {
  const rows = await own(db, actor);
  return {
    current: currentQuestionnaire.id,
    assessments: rows.map(summary),
    latest: rows[0] ? detail(rows[0], rows[1]) : null,
  };
}

export async function getSelfAssessment(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select()
    .from(selfAssessment)
    .where(and(eq(selfAssessment.id, id), eq(selfAssessment.userId, actor.userId)));
  if (!row) throw notFound('The self-assessment');
  const rows = await own(db, actor);
  return detail(row, rows[rows.findIndex((r) => r.id === row.id) + 1]);
}

/** The HEI a person takes the assessment as: the active organisation, else their first HEI. */
function heiOf(actor: Actor): string | null {
  const active = activeMembership(actor);
  if (active?.scope === 'organisation' && active.tenant.kind === 'hei') return active.tenant.id;
  return (
    actor.memberships.find((m) => m.scope === 'organisation' && m.tenant.kind === 'hei')?.tenant.id ?? null
  );
}

/** A new assessment by the signed-in person (staff of an HEI); earlier ones are kept. */
export async function submitSelfAssessment(
  db: Db,
  actor: Actor,
  body: typeof submitSelfAssessmentBody._output,
) {
  const heiId = heiOf(actor);
  if (!heiId) throw forbidden('The collaboration-skills self-assessment is for staff of HEIs.');
  if (body.questionnaire !== currentQuestionnaire.id)
    throw new AppError(
      409,
      'conflict',
      `Questionnaire ${body.questionnaire} has been replaced by ${currentQuestionnaire.id}. Reload and answer that one.`,
    );
  const [row] = await db
    .insert(selfAssessment)
    .values({ userId: actor.userId, heiId, questionnaire: body.questionnaire, answers: body.answers })
    .returning();
  if (!row) throw new AppError(500, 'internal_error', 'the self-assessment was not written');
  return getSelfAssessment(db, actor, row.id);
}
