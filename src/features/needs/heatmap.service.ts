import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { taxonomyConcept } from '../taxonomy/taxonomy.table.ts';
import type { Access } from './needs.service.ts';
import { analysisRole, competenceNeed, type SurveyQuestion, survey } from './needs.table.ts';
import {
  aggregate,
  competenceKey,
  competenceLabel,
  responsesOf,
  SURVEY_MIN_ANSWERS,
  shownGroups,
} from './survey.service.ts';

/** The rule below, for the routes' summary. */
export const heatmapSummary =
  'Roles × competences: required and current level and the gap per cell. The current level is the ' +
  `survey's mean (one decimal, source 'survey') when a survey of the analysis has at least ${SURVEY_MIN_ANSWERS} answers ` +
  'from that role for that competence (all respondents for the whole-organisation row, roleId null; the most ' +
  "recent such survey); otherwise the recorded current level (source 'recorded')";

/**
 * The heatmap: roles × competences, one cell per role and competence that has a need.
 *
 * - A need with a role gives a cell for that role; a need without a role belongs to the whole
 *   organisation (roleId null).
 * - Several needs for the same role and competence (e.g. different horizons) make one cell: the
 *   highest required level and the lowest recorded current level.
 * - currentLevel is the recorded current level of the need(s) (source 'recorded'), unless a survey of
 *   the analysis has at least SURVEY_MIN_ANSWERS (5) answers from that role for that competence —
 *   for the whole-organisation row, from all respondents. Then it is the survey's mean, one decimal
 *   (source 'survey', with the number of respondents), from the most recent such survey. A role is
 *   left out of a survey's figures when that would let the answers outside the shown roles be worked
 *   out by subtraction (see shownGroups).
 * - gap = max(0, requiredLevel − currentLevel), one decimal.
 */
export async function heatmap(db: Db, access: Access) {
  const analysisId = access.analysis.id;
  const roles = await db
    .select({ id: analysisRole.id, title: analysisRole.title })
    .from(analysisRole)
    .where(eq(analysisRole.analysisId, analysisId))
    .orderBy(asc(analysisRole.title));
  const needs = await db
    .select({ n: competenceNeed, c: taxonomyConcept })
    .from(competenceNeed)
    .leftJoin(taxonomyConcept, eq(competenceNeed.conceptId, taxonomyConcept.id))
    .where(eq(competenceNeed.analysisId, analysisId))
    .orderBy(asc(competenceNeed.createdAt));

  const competences = new Map<string, ReturnType<typeof competenceLabel>>();
  const cells = new Map<string, { roleId: string | null; key: string; required: number; recorded: number }>();
  for (const { n, c } of needs) {
    const key = competenceKey(n);
    if (!competences.has(key)) competences.set(key, competenceLabel(n, c));
    const id = `${n.roleId ?? ''}|${key}`;
    const cell = cells.get(id);
    if (cell) {
      cell.required = Math.max(cell.required, n.requiredLevel);
      cell.recorded = Math.min(cell.recorded, n.currentLevel);
    } else cells.set(id, { roleId: n.roleId, key, required: n.requiredLevel, recorded: n.currentLevel });
  }

  // Newest survey first: the first one with enough answers for a cell gives its current level.
  const surveys = await db
    .select()
    .from(survey)
    .where(eq(survey.analysisId, analysisId))
    .orderBy(desc(survey.createdAt));
  const measured: { questions: SurveyQuestion[]; groups: ReturnType<typeof shownGroups> }[] = [];
  for (const s of surveys)
    measured.push({ questions: s.questions, groups: shownGroups(await responsesOf(db, s.id)) });

  const round1 = (x: number) => Math.round(x * 10) / 10;
  return {
    roles,
    competences: [...competences].map(([key, label]) => ({ key, label })),
    cells: [...cells.values()].map((cell) => {
      for (const { questions, groups } of measured) {
        const question = questions.find((q) => q.competence === cell.key);
        const group = groups.get(cell.roleId);
        if (!question || !group) continue;
        const { mean, answers } = aggregate(group, question.key);
        if (answers < SURVEY_MIN_ANSWERS) continue;
        return {
          roleId: cell.roleId,
          key: cell.key,
          requiredLevel: cell.required,
          currentLevel: mean,
          gap: round1(Math.max(0, cell.required - mean)),
          source: 'survey' as const,
          respondents: answers,
        };
      }
      return {
        roleId: cell.roleId,
        key: cell.key,
        requiredLevel: cell.required,
        currentLevel: cell.recorded,
        gap: Math.max(0, cell.required - cell.recorded),
        source: 'recorded' as const,
      };
    }),
  };
}
