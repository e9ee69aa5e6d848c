import type { Db } from '../../db/client.ts';
import { addNeed, addRole, authorizeAnalysis, createAnalysis, heiActor } from '../needs/needs.service.ts';
import { startContributing } from '../regional/regional.service.ts';
import { searchConcepts } from '../taxonomy/taxonomy.service.ts';
import type { Actor } from '../tenancy/tenancy.service.ts';

type DemoNeed = {
  skill: string;
  people: number;
  horizon: 'now' | '1y' | '3y' | '5y';
  required: number;
  current: number;
};
type DemoPooledAnalysis = {
  caseTitle: string;
  title: string;
  role: { title: string; occupation: string; now: number; horizon: number } | null;
  needs: DemoNeed[];
};

/**
 * Short needs analyses on four more of Norrvik's demo cases, so the consortium's pooled analysis (Analys)
 * has competences named by three or more customer organisations — change management, digital competence,
 * occupational health and safety, maintenance technicians — while the rest stay hidden by the rule.
 */
const analyses: DemoPooledAnalysis[] = [
  {
    caseTitle: 'Digitalt ledarskap för enhetschefer',
    title: 'Ledarskap i en digital förvaltning',
    role: { title: 'Enhetschefer', occupation: 'Enhetschef inom äldreomsorgen', now: 12, horizon: 12 },
    needs: [
      { skill: 'Förändringsledning', people: 12, horizon: 'now', required: 4, current: 2 },
      { skill: 'Digital kompetens', people: 40, horizon: '1y', required: 3, current: 2 },
      { skill: 'Ledarskap', people: 12, horizon: 'now', required: 4, current: 3 },
      { skill: 'Arbetsmiljöarbete', people: 12, horizon: 'now', required: 4, current: 2 },
    ],
  },
  {
    caseTitle: 'Svetsteknik för höga temperaturer',
    title: 'Kompetens för fossilfri stålproduktion',
    role: { title: 'Underhållstekniker', occupation: 'Underhållstekniker', now: 30, horizon: 36 },
    needs: [
      { skill: 'Svetsteknik', people: 18, horizon: 'now', required: 4, current: 2 },
      { skill: 'Elektrifierade industriprocesser', people: 30, horizon: '3y', required: 3, current: 1 },
      { skill: 'Vätgasteknik', people: 15, horizon: '5y', required: 3, current: 0 },
      { skill: 'Förändringsledning', people: 5, horizon: '1y', required: 3, current: 1 },
      { skill: 'Arbetsmiljöarbete', people: 25, horizon: 'now', required: 3, current: 2 },
    ],
  },
  {
    caseTitle: 'Informationssäkerhet och NIS2',
    title: 'Informationssäkerhet i regionens verksamheter',
    role: { title: 'Fastighetstekniker', occupation: 'Underhållstekniker', now: 14, horizon: 10 },
    needs: [
      { skill: 'Informationssäkerhet', people: 60, horizon: 'now', required: 4, current: 2 },
      { skill: 'NIS2-regelverket', people: 20, horizon: 'now', required: 4, current: 1 },
      { skill: 'Digital kompetens', people: 200, horizon: '3y', required: 3, current: 2 },
      { skill: 'Förändringsledning', people: 8, horizon: '1y', required: 3, current: 2 },
    ],
  },
  {
    caseTitle: 'Projektledning i byggprojekt',
    title: 'Projektledning och arbetsmiljö på byggarbetsplatsen',
    role: null,
    needs: [
      { skill: 'Projektledning', people: 15, horizon: 'now', required: 4, current: 2 },
      { skill: 'Arbetsmiljöarbete', people: 30, horizon: 'now', required: 4, current: 2 },
      { skill: 'Digital kompetens', people: 30, horizon: '3y', required: 3, current: 1 },
      { skill: 'Förändringsledning', people: 4, horizon: '1y', required: 3, current: 2 },
    ],
  },
];

export async function seedDemoPooledAnalyses(db: Db, actor: Actor, caseIds: Map<string, string>) {
  const concept = async (label: string, type: string) =>
    (await searchConcepts(db, { q: label, types: [type], limit: 1 }))[0]?.id ?? null;
  for (const a of analyses) {
    const caseId = caseIds.get(a.caseTitle);
    if (!caseId) continue;
    const created = await createAnalysis(db, actor, { caseId, title: a.title, strategy: '', drivers: [] });
    const access = await authorizeAnalysis(db, heiActor(actor), created.id, 'write');
    let roleId: string | null = null;
    if (a.role) {
      const withRole = await addRole(db, access, {
        title: a.role.title,
        occupationConceptId: await concept(a.role.occupation, 'occupation'),
        headcountNow: a.role.now,
        headcountHorizon: a.role.horizon,
      });
      roleId = withRole.roles[0]?.id ?? null;
    }
    for (const n of a.needs)
      await addNeed(db, access, {
        roleId,
        conceptId: await concept(n.skill, 'skill'),
        freeText: null,
        requiredLevel: n.required,
        currentLevel: n.current,
        importance: 2,
        people: n.people,
        horizon: n.horizon,
        driver: null,
        evidence: null,
        confidence: 'medium',
        goalIndividual: null,
        goalOrganisation: null,
        indicators: null,
      });
  }
}

/** Both demo HEIs contribute to the pooled analysis (a real HEI's administrators choose it). */
export async function seedDemoContributions(db: Db, heiIds: string[]) {
  for (const heiId of heiIds) await startContributing(db, heiId, null);
}
