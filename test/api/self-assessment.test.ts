import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createConsortium, createOrganisation, createUser, type TestUser } from '../support/factories.ts';

// The collaboration-skills self-assessment: a teacher takes it twice and sees a result per area, what to
// develop with links to the guide, and how they developed. Nobody else — not their HEI's admin either —
// reads their answers.

let t: TestApp;
let teacher: TestUser;
let admin: TestUser;
let colleague: TestUser;
let customer: TestUser;

const as = (user: TestUser, body?: unknown) => ({ cookie: user.cookie, body });

/** Answers by statement id, area by area in the questionnaire's order. */
const first = {
  cd1: 2,
  cd2: 3,
  cd3: 3, // customer dialogue 8/3 = 2,67 → 2,7: to develop
  na1: 4,
  na2: 5, // needs analysis 4,5: a strength
  wl1: 3,
  wl2: 3,
  wl3: 4, // designing for working life 10/3 = 3,33 → 3,3: growing
  pp1: 5,
  pp2: 5,
  pp3: 4, // pedagogy for professionals 14/3 = 4,67 → 4,7: a strength
  pc1: 1,
  pc2: 2, // project and commercial understanding 1,5: to develop
  co1: 4,
  co2: 3, // collaboration 3,5: growing
};
const submit = (user: TestUser, answers: Record<string, number>, questionnaire = 'collab-2026-1') =>
  t.request('POST', '/api/self-assessments', as(user, { questionnaire, answers }));

beforeAll(async () => {
  t = await createTestApp();
  const alliance = await createConsortium(t);
  const hei = (await createOrganisation(t, { kind: 'hei', consortiumId: alliance.id })).id;
  teacher = await createUser(t, [{ organisationId: hei, roles: ['teacher'] }]);
  admin = await createUser(t, [{ organisationId: hei, roles: ['admin', 'manager'] }]);
  colleague = await createUser(t, [{ organisationId: hei, roles: ['coordinator'] }]);
  customer = await createUser(t, [
    { organisationId: (await createOrganisation(t, { kind: 'customer' })).id, roles: ['customer_contact'] },
  ]);
});
afterAll(() => t.close());

describe('the questionnaire', () => {
  it('has statements in Swedish and English across the areas of collaboration skills', async () => {
    const response = await t.request('GET', '/api/self-assessments/questionnaire', as(teacher));
    expect(response.statusCode).toBe(200);
    const q = response.json();
    expect(q.id).toBe('collab-2026-1');
    expect(q.areas.map((a: { key: string }) => a.key)).toEqual([
      'customer-dialogue',
      'needs-analysis',
      'working-life-design',
      'professional-pedagogy',
      'project-commercial',
      'collaboration',
    ]);
    const statements = q.areas.flatMap((a: { statements: { id: string }[] }) => a.statements);
    expect(statements.map((s: { id: string }) => s.id).sort()).toEqual(Object.keys(first).sort());
    for (const s of statements) {
      expect(s.text.sv.length).toBeGreaterThan(20);
      expect(s.text.en.length).toBeGreaterThan(20);
    }
    expect(q.scale).toMatchObject({ min: 1, max: 5 });
    expect((await t.request('GET', '/api/self-assessments/questionnaire')).statusCode).toBe(401);
  });
});

describe('taking the self-assessment', () => {
  it('needs every statement answered with a whole number from 1 to 5, and nothing else', async () => {
    const { cd1: _cd1, na2: _na2, ...missingTwo } = first;
    const missing = await submit(teacher, missingTwo);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([
      { field: 'body.answers.cd1', message: 'answer every statement (1–5)' },
      { field: 'body.answers.na2', message: 'answer every statement (1–5)' },
    ]);

    for (const value of [0, 6, 2.5]) {
      const bad = await submit(teacher, { ...first, wl2: value });
      expect(bad.statusCode, `answer ${value}`).toBe(400);
      expect(bad.json().errors).toEqual([
        { field: 'body.answers.wl2', message: 'answer with a whole number from 1 to 5' },
      ]);
    }
    const unknown = await submit(teacher, { ...first, xx9: 3 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      { field: 'body.answers.xx9', message: 'is not a statement of the questionnaire' },
    ]);
    const otherQuestionnaire = await submit(teacher, first, 'collab-1999-1');
    expect(otherQuestionnaire.statusCode).toBe(400);
    expect(otherQuestionnaire.json().errors).toEqual([
      { field: 'body.questionnaire', message: 'is not a questionnaire of Lupp' },
    ]);
    expect((await t.request('GET', '/api/self-assessments', as(teacher))).json().assessments).toEqual([]);
  });

  it('gives a result per area and suggestions with guide pages, weakest area first', async () => {
    const response = await submit(teacher, first);
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json();
    expect(result.questionnaire).toBe('collab-2026-1');
    expect(result.answers).toEqual(first);
    expect(result.comparedWith).toBeNull();
    expect(
      result.areas.map((a: { key: string; mean: number; level: string; previous: number | null }) => [
        a.key,
        a.mean,
        a.level,
        a.previous,
      ]),
    ).toEqual([
      ['customer-dialogue', 2.7, 'develop', null],
      ['needs-analysis', 4.5, 'strong', null],
      ['working-life-design', 3.3, 'growing', null],
      ['professional-pedagogy', 4.7, 'strong', null],
      ['project-commercial', 1.5, 'develop', null],
      ['collaboration', 3.5, 'growing', null],
    ]);
    expect(result.areas[0].title).toEqual({ sv: 'Kunddialog', en: 'Customer dialogue' });
    expect(
      result.suggestions.map((s: { area: string; guides: { id: string }[] }) => [
        s.area,
        s.guides.map((g) => g.id),
      ]),
    ).toEqual([
      ['project-commercial', ['full-cost', 'stage-agreement']],
      ['customer-dialogue', ['customer-dialogue']],
      ['working-life-design', ['learning-outcomes', 'competence-development-formats']],
      ['collaboration', ['collaboration-skills', 'organisation-models', 'incentives']],
    ]);
    expect(result.suggestions[0].text.sv).toContain('full kostnadstäckning');
    expect(result.suggestions[0].guides[0].title).toEqual({
      sv: 'Full kostnadstäckning',
      en: 'Full cost recovery',
    });
  });

  it('keeps earlier assessments so the person sees their development, area by area', async () => {
    const second = await submit(teacher, {
      ...first,
      cd1: 4,
      cd2: 4,
      cd3: 3, // customer dialogue 11/3 = 3,7 (was 2,7)
      pc1: 3,
      pc2: 3, // project 3,0 (was 1,5)
      co1: 5,
      co2: 5, // collaboration 5,0 (was 3,5)
      pp3: 2, // pedagogy 12/3 = 4,0 (was 4,7)
    });
    expect(second.statusCode, second.body).toBe(201);
    const list = await t.request('GET', '/api/self-assessments', as(teacher));
    expect(list.statusCode).toBe(200);
    const { current, assessments, latest } = list.json();
    expect(current).toBe('collab-2026-1');
    expect(assessments).toHaveLength(2);
    expect(assessments[0].id).toBe(second.json().id);
    expect(latest.id).toBe(second.json().id);
    expect(latest.comparedWith).toEqual({ id: assessments[1].id, createdAt: assessments[1].createdAt });
    expect(
      latest.areas.map((a: { key: string; mean: number; previous: number; change: number }) => [
        a.key,
        a.previous,
        a.mean,
        a.change,
      ]),
    ).toEqual([
      ['customer-dialogue', 2.7, 3.7, 1],
      ['needs-analysis', 4.5, 4.5, 0],
      ['working-life-design', 3.3, 3.3, 0],
      ['professional-pedagogy', 4.7, 4, -0.7],
      ['project-commercial', 1.5, 3, 1.5],
      ['collaboration', 3.5, 5, 1.5],
    ]);
    expect(latest.suggestions.map((s: { area: string }) => s.area)).toEqual([
      'project-commercial',
      'working-life-design',
      'customer-dialogue',
    ]);

    // the first one, read again, is as it was
    const earlier = await t.request('GET', `/api/self-assessments/${assessments[1].id}`, as(teacher));
    expect(earlier.statusCode).toBe(200);
    expect(earlier.json()).toMatchObject({ answers: first, comparedWith: null });
  });

  it('points onwards when every area is a strength', async () => {
    const all5 = Object.fromEntries(Object.keys(first).map((id) => [id, 5]));
    const response = await submit(colleague, all5);
    expect(response.statusCode).toBe(201);
    expect(response.json().suggestions).toMatchObject([
      { area: null, guides: [{ id: 'collaboration-skills' }] },
    ]);
  });
});

describe('privacy', () => {
  it("is the person's own: nobody else, not an admin of the HEI either, can read it", async () => {
    const { assessments } = (await t.request('GET', '/api/self-assessments', as(teacher))).json();
    expect(assessments).toHaveLength(2);
    for (const other of [admin, colleague, customer]) {
      const own = (await t.request('GET', '/api/self-assessments', as(other))).json();
      expect(own.assessments.map((a: { id: string }) => a.id)).not.toContain(assessments[0].id);
      for (const { id } of assessments) {
        const read = await t.request('GET', `/api/self-assessments/${id}`, as(other));
        expect(read.statusCode).toBe(404);
        expect(read.json().code).toBe('not_found');
      }
    }
    expect((await t.request('GET', `/api/self-assessments/${assessments[0].id}`)).statusCode).toBe(401);
    expect((await t.request('GET', '/api/self-assessments')).statusCode).toBe(401);
    // no route lists or reads another person's assessments, e.g. through the HEI
    const doc = (await t.request('GET', '/api/openapi.json')).json();
    expect(Object.keys(doc.paths).filter((p) => p.includes('self-assessment'))).toEqual([
      '/api/self-assessments/questionnaire',
      '/api/self-assessments',
      '/api/self-assessments/{assessmentId}',
    ]);
  });

  it('is taken by staff of HEIs; customers and anonymous callers cannot', async () => {
    expect((await submit(customer, first)).statusCode).toBe(403);
    expect(
      (await t.request('POST', '/api/self-assessments', { body: { questionnaire: 'x', answers: {} } }))
        .statusCode,
    ).toBe(401);
  });
});
