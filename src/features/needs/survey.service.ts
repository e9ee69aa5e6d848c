import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, invalid, notFound } from '../../server/http/problem.ts';
import { taxonomyConcept } from '../taxonomy/taxonomy.table.ts';
import { type Access, assertRoleOf, auditChange, userIdOf } from './needs.service.ts';
import {
  analysisRole,
  competenceNeed,
  type SurveyQuestion,
  survey,
  surveyLink,
  surveyResponse,
} from './needs.table.ts';
import { levelDescriptions } from './priority.ts';
import { hashToken, newToken } from './self-service.service.ts';

/**
 * Anonymous skills self-assessment. The employer hands one link per person to its staff; Lupp stores
 * no identity of respondents. A link knows only that it was used; the answer is stored apart from it,
 * with the respondent's role (optional) and the date (not the time), so no answer can be traced back
 * to a link. Aggregates are shown only from SURVEY_MIN_ANSWERS answers, per role likewise.
 */
export const SURVEY_MIN_ANSWERS = 5;

type Need = typeof competenceNeed.$inferSelect;
type Concept = typeof taxonomyConcept.$inferSelect;
type Response = { roleId: string | null; answers: { key: string; level: number }[] };

/** What a competence is, across needs: its concept, or its words (normalised) for free-text needs. */
export const competenceKey = (n: Pick<Need, 'conceptId' | 'freeText'>) =>
  n.conceptId ?? `text:${(n.freeText ?? '').trim().toLowerCase().replace(/\s+/g, ' ')}`;

export const competenceLabel = (n: Pick<Need, 'freeText'>, c: Concept | null) =>
  c ? { sv: c.labelSv, en: c.labelEn } : { sv: n.freeText, en: n.freeText };

const round1 = (n: number) => Math.round(n * 10) / 10;

const invalidLink = () =>
  new AppError(
    404,
    'survey_link_invalid',
    'This survey link is unknown. Check that the whole link was copied.',
  );

// ------------------------------------------------------------------ the HEI or the customer makes a survey

/**
 * A survey of the analysis' needs (all by default): one question per competence — needs with the
 * same concept or the same words share a question. Returns one link per respondent, shown only now.
 */
export async function createSurvey(
  db: Db,
  access: Access<'write'>,
  input: { respondents: number; needIds?: string[] },
) {
  const analysisId = access.analysis.id;
  const needs = await db
    .select({ n: competenceNeed, c: taxonomyConcept })
    .from(competenceNeed)
    .leftJoin(taxonomyConcept, eq(competenceNeed.conceptId, taxonomyConcept.id))
    .where(eq(competenceNeed.analysisId, analysisId))
    .orderBy(asc(competenceNeed.createdAt));
  let chosen = needs;
  if (input.needIds) {
    const byId = new Map(needs.map((x) => [x.n.id, x]));
    const errors = input.needIds.flatMap((id, i) =>
      byId.has(id) ? [] : [{ field: `body.needIds.${i}`, message: 'is not a need of this analysis' }],
    );
    if (errors.length) throw invalid(errors);
    chosen = input.needIds.flatMap((id) => byId.get(id) ?? []);
  }
  if (!chosen.length)
    throw invalid([{ field: 'body.needIds', message: 'the analysis has no needs to ask about yet' }]);
  const questions: SurveyQuestion[] = [];
  for (const { n, c } of chosen) {
    const competence = competenceKey(n);
    if (!questions.some((q) => q.competence === competence))
      questions.push({ key: n.id, competence, label: competenceLabel(n, c) });
  }
  const tokens = Array.from({ length: input.respondents }, newToken);
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(survey)
      .values({
        analysisId,
        questions,
        invited: input.respondents,
        createdBy: userIdOf(access),
        selfServiceLinkId: access.actor.kind === 'self_service' ? access.actor.linkId : null,
      })
      .returning();
    if (!row) throw new AppError(500, 'internal_error', 'survey was not written');
    await tx.insert(surveyLink).values(tokens.map((t) => ({ surveyId: row.id, tokenHash: hashToken(t) })));
    await auditChange(tx, access, 'analysis.survey_created', {
      surveyId: row.id,
      invited: input.respondents,
      questions: questions.length,
    });
    return row;
  });
  return {
    survey: summaryOf(created, 0),
    links: tokens.map((t) => `/survey/${t}`),
  };
}

const summaryOf = (row: typeof survey.$inferSelect, answered: number) => ({
  id: row.id,
  createdAt: row.createdAt.toISOString(),
  invited: row.invited,
  answered,
  questions: row.questions.map((q) => ({ key: q.key, label: q.label })),
});

export async function listSurveys(db: Db, access: Access) {
  const rows = await db
    .select()
    .from(survey)
    .where(eq(survey.analysisId, access.analysis.id))
    .orderBy(desc(survey.createdAt));
  const counts = await db
    .select({ surveyId: surveyResponse.surveyId, n: count() })
    .from(surveyResponse)
    .innerJoin(survey, eq(surveyResponse.surveyId, survey.id))
    .where(eq(survey.analysisId, access.analysis.id))
    .groupBy(surveyResponse.surveyId);
  const answered = new Map(counts.map((c) => [c.surveyId, c.n]));
  return rows.map((r) => summaryOf(r, answered.get(r.id) ?? 0));
}

// ------------------------------------------------------------------ a respondent answers (public)

async function surveyOfLink(db: Db, token: string) {
  const [found] = await db
    .select({ link: surveyLink, survey })
    .from(surveyLink)
    .innerJoin(survey, eq(surveyLink.surveyId, survey.id))
    .where(eq(surveyLink.tokenHash, hashToken(token)));
  if (!found) throw invalidLink();
  return found;
}

export async function publicSurvey(db: Db, token: string) {
  const found = await surveyOfLink(db, token);
  const roles = await db
    .select({ id: analysisRole.id, title: analysisRole.title })
    .from(analysisRole)
    .where(eq(analysisRole.analysisId, found.survey.analysisId))
    .orderBy(asc(analysisRole.title));
  return {
    questions: found.survey.questions.map((q) => ({ key: q.key, label: q.label })),
    roles,
    levels: levelDescriptions,
    alreadyAnswered: found.link.answered,
  };
}

const alreadyAnswered = () =>
  new AppError(
    409,
    'survey_already_answered',
    'This link has already been used to answer the survey. Each link is for one answer.',
  );

/**
 * Stores one answer. The link is marked used and the answer written in one transaction; the answer
 * has no reference to the link, and only the date. Every question must be answered (level 0 is "no
 * knowledge"), so every aggregate counts the same respondents.
 */
export async function answerSurvey(
  db: Db,
  token: string,
  input: { roleId: string | null; answers: { key: string; level: number }[] },
) {
  const found = await surveyOfLink(db, token);
  if (found.link.answered) throw alreadyAnswered();
  await assertRoleOf(db, found.survey.analysisId, input.roleId, 'body.roleId');
  const keys = new Set(found.survey.questions.map((q) => q.key));
  const errors = input.answers.flatMap((a, i) =>
    keys.has(a.key) ? [] : [{ field: `body.answers.${i}.key`, message: 'is not a question of this survey' }],
  );
  const given = new Set(input.answers.map((a) => a.key));
  const missing = found.survey.questions.filter((q) => !given.has(q.key));
  if (missing.length)
    errors.push({
      field: 'body.answers',
      message: `answer every question (level 0 is "no knowledge"); missing: ${missing.map((q) => q.key).join(', ')}`,
    });
  if (errors.length) throw invalid(errors);
  await db.transaction(async (tx) => {
    const used = await tx
      .update(surveyLink)
      .set({ answered: true })
      .where(and(eq(surveyLink.id, found.link.id), eq(surveyLink.answered, false)))
      .returning({ id: surveyLink.id });
    if (!used.length) throw alreadyAnswered();
    await tx.insert(surveyResponse).values({
      surveyId: found.survey.id,
      roleId: input.roleId,
      answers: input.answers.map((a) => ({ key: a.key, level: a.level })),
    });
  });
  return { answered: true as const };
}

// ------------------------------------------------------------------ results

/**
 * The groups of answers that may be shown: everyone (key null) once there are SURVEY_MIN_ANSWERS,
 * and each role with at least that many — but never so that the answers outside the shown roles
 * (everyone minus the shown roles) are fewer than the minimum, which would reveal them by subtraction:
 * the smallest roles are then left out until the rest is empty or large enough.
 */
export function shownGroups(responses: Response[]): Map<string | null, Response[]> {
  const groups = new Map<string | null, Response[]>();
  if (responses.length < SURVEY_MIN_ANSWERS) return groups;
  groups.set(null, responses);
  const byRole = new Map<string, Response[]>();
  for (const r of responses) if (r.roleId) byRole.set(r.roleId, [...(byRole.get(r.roleId) ?? []), r]);
  const roles = [...byRole.entries()]
    .filter(([, rs]) => rs.length >= SURVEY_MIN_ANSWERS)
    .sort((a, b) => a[1].length - b[1].length);
  let rest = responses.length - roles.reduce((sum, [, rs]) => sum + rs.length, 0);
  while (rest > 0 && rest < SURVEY_MIN_ANSWERS && roles.length) {
    const dropped = roles.shift();
    rest += dropped?.[1].length ?? 0;
  }
  for (const [roleId, rs] of roles) groups.set(roleId, rs);
  return groups;
}

/** Mean (one decimal) and distribution over levels 0–5 of the answers to one question. */
export function aggregate(responses: Response[], key: string) {
  const levels = responses.flatMap((r) => r.answers.filter((a) => a.key === key).map((a) => a.level));
  const distribution = [0, 0, 0, 0, 0, 0];
  for (const l of levels) distribution[l] = (distribution[l] ?? 0) + 1;
  const mean = levels.length ? round1(levels.reduce((s, l) => s + l, 0) / levels.length) : 0;
  return { mean, distribution, answers: levels.length };
}

export async function responsesOf(db: Db, surveyId: string): Promise<Response[]> {
  return db
    .select({ roleId: surveyResponse.roleId, answers: surveyResponse.answers })
    .from(surveyResponse)
    .where(eq(surveyResponse.surveyId, surveyId));
}

export async function surveyResults(db: Db, access: Access, surveyId: string) {
  const [row] = await db
    .select()
    .from(survey)
    .where(and(eq(survey.id, surveyId), eq(survey.analysisId, access.analysis.id)));
  if (!row) throw notFound('The survey');
  const responses = await responsesOf(db, surveyId);
  const groups = shownGroups(responses);
  const perQuestion = (rs: Response[]) =>
    row.questions.map((q) => {
      const { mean, distribution } = aggregate(rs, q.key);
      return { key: q.key, label: q.label, mean, distribution };
    });
  const roles = await db
    .select({ id: analysisRole.id, title: analysisRole.title })
    .from(analysisRole)
    .where(eq(analysisRole.analysisId, access.analysis.id))
    .orderBy(asc(analysisRole.title));
  const everyone = groups.get(null);
  return {
    answered: responses.length,
    minimum: SURVEY_MIN_ANSWERS,
    shown: !!everyone,
    perQuestion: everyone ? perQuestion(everyone) : [],
    perRole: roles.flatMap((role) => {
      const rs = groups.get(role.id);
      return rs
        ? [{ roleId: role.id, title: role.title, answered: rs.length, perQuestion: perQuestion(rs) }]
        : [];
    }),
  };
}
