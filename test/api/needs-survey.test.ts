import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/features/audit/audit.table.ts';
import { surveyLink, surveyResponse } from '../../src/features/needs/needs.table.ts';
import { seedDemoTaxonomy } from '../../src/features/taxonomy/demo-taxonomy.ts';
import { taxonomyConcept } from '../../src/features/taxonomy/taxonomy.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createConsortium, createOrganisation, createUser, type TestUser } from '../support/factories.ts';

/** Anonymous skills self-assessment (surveys) and the heatmap that uses it. */
let t: TestApp;
let coord: TestUser;
let economist: TestUser;
let outsider: TestUser;
let customerId: string;
let welding: string;
let leadership: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoTaxonomy(t.db);
  const concept = async (label: string) =>
    (await t.db.select().from(taxonomyConcept).where(eq(taxonomyConcept.labelSv, label)))[0]?.id ?? '';
  welding = await concept('Svetsteknik');
  leadership = await concept('Ledarskap');
  const alliance = await createConsortium(t);
  const hei = await createOrganisation(t, { kind: 'hei', consortiumId: alliance.id });
  customerId = (await createOrganisation(t, { kind: 'customer' })).id;
  coord = await createUser(t, [{ organisationId: hei.id, roles: ['coordinator'] }]);
  economist = await createUser(t, [{ organisationId: hei.id, roles: ['economist'] }]);
  outsider = await createUser(t, [
    { organisationId: (await createOrganisation(t, { kind: 'hei' })).id, roles: ['coordinator'] },
  ]);
});
afterAll(() => t.close());

const need = (overrides: Record<string, unknown>) => ({
  conceptId: welding,
  requiredLevel: 4,
  currentLevel: 1,
  importance: 3,
  people: 10,
  horizon: 'now',
  ...overrides,
});

/**
 * An analysis with a role (Svetsare) and three needs: welding for the welders (4 required, 1 now),
 * leadership for the whole organisation (3/2), and welding for the whole organisation (3/2) —
 * which shares its question with the welders' welding need.
 */
async function setUp() {
  const analysis = (
    await t.request('POST', '/api/analyses', {
      cookie: coord.cookie,
      body: { customerId, title: 'Enkätanalys' },
    })
  ).json();
  const url = `/api/analyses/${analysis.id}`;
  const welders = (
    await t.request('POST', `${url}/roles`, {
      cookie: coord.cookie,
      body: { title: 'Svetsare', headcountNow: 30, headcountHorizon: 30 },
    })
  ).json().roles[0].id as string;
  const ids: string[] = [];
  for (const body of [
    need({ roleId: welders }),
    need({ conceptId: leadership, requiredLevel: 3, currentLevel: 2 }),
    need({ requiredLevel: 3, currentLevel: 2 }),
  ]) {
    const before = new Set(ids);
    const after = (await t.request('POST', `${url}/needs`, { cookie: coord.cookie, body })).json();
    ids.push(after.needs.map((n: { id: string }) => n.id).find((id: string) => !before.has(id)));
  }
  const [weldersWelding, orgLeadership, orgWelding] = ids as [string, string, string];
  return { analysis, url, welders, weldersWelding, orgLeadership, orgWelding };
}

async function newSurvey(url: string, body: Record<string, unknown> = { respondents: 6 }) {
  const response = await t.request('POST', `${url}/surveys`, { cookie: coord.cookie, body });
  expect(response.statusCode, response.body).toBe(201);
  const created = response.json();
  return { ...created, tokens: created.links.map((l: string) => l.replace('/survey/', '')) as string[] };
}

const answer = (token: string, body: unknown) => t.request('POST', `/api/survey/${token}`, { body });

describe('making a survey', () => {
  it('asks one question per competence of the needs and gives one link per respondent, once', async () => {
    const { url, weldersWelding, orgLeadership } = await setUp();
    const { survey, links } = await newSurvey(url);
    expect(survey).toMatchObject({
      invited: 6,
      answered: 0,
      questions: [
        { key: weldersWelding, label: { sv: 'Svetsteknik', en: 'Welding technology' } },
        { key: orgLeadership, label: { sv: 'Ledarskap' } },
      ],
    });
    expect(links).toHaveLength(6);
    expect(new Set(links).size).toBe(6);
    for (const link of links) expect(link).toMatch(/^\/survey\/[A-Za-z0-9_-]{43}$/);
    const stored = await t.db.select().from(surveyLink).where(eq(surveyLink.surveyId, survey.id));
    expect(stored).toHaveLength(6);
    expect(JSON.stringify(stored)).not.toContain(links[0].replace('/survey/', ''));
    const listed = await t.request('GET', `${url}/surveys`, { cookie: economist.cookie });
    expect(listed.json()).toEqual([{ ...survey, answered: 0 }]);
  });

  it('asks about the chosen needs only; refuses too few or many respondents and foreign needs', async () => {
    const { url, orgLeadership } = await setUp();
    const other = await setUp();
    const chosen = await newSurvey(url, { respondents: 5, needIds: [orgLeadership] });
    expect(chosen.survey.questions.map((q: { key: string }) => q.key)).toEqual([orgLeadership]);
    for (const [respondents, status] of [
      [4, 400],
      [501, 400],
      [2.5, 400],
    ] as const) {
      const response = await t.request('POST', `${url}/surveys`, {
        cookie: coord.cookie,
        body: { respondents },
      });
      expect(response.statusCode).toBe(status);
      expect(response.json().errors[0].field).toBe('body.respondents');
    }
    const foreign = await t.request('POST', `${url}/surveys`, {
      cookie: coord.cookie,
      body: { respondents: 5, needIds: [orgLeadership, other.orgLeadership] },
    });
    expect(foreign.json().errors).toEqual([
      { field: 'body.needIds.1', message: 'is not a need of this analysis' },
    ]);
    const empty = (
      await t.request('POST', '/api/analyses', {
        cookie: coord.cookie,
        body: { customerId, title: 'Tom analys' },
      })
    ).json();
    const none = await t.request('POST', `/api/analyses/${empty.id}/surveys`, {
      cookie: coord.cookie,
      body: { respondents: 5 },
    });
    expect(none.json().errors).toEqual([
      { field: 'body.needIds', message: 'the analysis has no needs to ask about yet' },
    ]);
  });

  it('is for writers of the HEI; readers see counts and results; other HEIs get 404', async () => {
    const { url } = await setUp();
    const { survey } = await newSurvey(url, { respondents: 5 });
    expect(
      (await t.request('POST', `${url}/surveys`, { cookie: economist.cookie, body: { respondents: 5 } }))
        .statusCode,
    ).toBe(403);
    for (const [method, path] of [
      ['POST', '/surveys'],
      ['GET', '/surveys'],
      ['GET', `/surveys/${survey.id}/results`],
      ['GET', '/heatmap'],
    ] as const) {
      const response = await t.request(method, `${url}${path}`, {
        cookie: outsider.cookie,
        ...(method === 'POST' ? { body: { respondents: 5 } } : {}),
      });
      expect(response.statusCode, `${method} ${path}`).toBe(404);
    }
    expect(
      (await t.request('GET', `${url}/surveys/${survey.id}/results`, { cookie: economist.cookie }))
        .statusCode,
    ).toBe(200);
    const other = await setUp();
    expect(
      (await t.request('GET', `${other.url}/surveys/${survey.id}/results`, { cookie: coord.cookie }))
        .statusCode,
    ).toBe(404);
  });
});

describe('answering anonymously', () => {
  it('shows the questions, roles and levels; refuses bad answers naming the field; one answer per link', async () => {
    const { url, welders, weldersWelding, orgLeadership } = await setUp();
    const other = await setUp();
    const { tokens } = await newSurvey(url, { respondents: 5 });
    const token = tokens[0] as string;
    const shown = await t.request('GET', `/api/survey/${token}`);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toMatchObject({
      questions: [
        { key: weldersWelding, label: { sv: 'Svetsteknik' } },
        { key: orgLeadership, label: { sv: 'Ledarskap' } },
      ],
      roles: [{ id: welders, title: 'Svetsare' }],
      alreadyAnswered: false,
    });
    expect(shown.json().levels.sv).toHaveLength(6);

    const good = [
      { key: weldersWelding, level: 2 },
      { key: orgLeadership, level: 3 },
    ];
    const tooHigh = await answer(token, {
      roleId: welders,
      answers: [{ key: weldersWelding, level: 6 }, good[1]],
    });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.json().errors).toEqual([
      { field: 'body.answers.0.level', message: 'levels go from 0 to 5' },
    ]);
    const unknownKey = await answer(token, {
      roleId: null,
      answers: [...good, { key: other.orgLeadership, level: 1 }],
    });
    expect(unknownKey.json().errors).toEqual([
      { field: 'body.answers.2.key', message: 'is not a question of this survey' },
    ]);
    const unknownRole = await answer(token, { roleId: other.welders, answers: good });
    expect(unknownRole.json().errors).toEqual([
      { field: 'body.roleId', message: 'is not a role of this analysis' },
    ]);
    const missing = await answer(token, { roleId: null, answers: [good[0]] });
    expect(missing.json().errors[0]).toMatchObject({
      field: 'body.answers',
      message: expect.stringContaining(orgLeadership),
    });

    const first = await answer(token, { roleId: welders, answers: good });
    expect(first.statusCode, first.body).toBe(201);
    const second = await answer(token, { roleId: welders, answers: good });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      code: 'survey_already_answered',
      detail: expect.stringContaining('already been used'),
    });
    expect((await t.request('GET', `/api/survey/${token}`)).json().alreadyAnswered).toBe(true);

    const unknown = await t.request('GET', `/api/survey/${'x'.repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('survey_link_invalid');
    expect((await answer('y'.repeat(43), { roleId: null, answers: good })).json().code).toBe(
      'survey_link_invalid',
    );
  });

  it('stores the answer apart from the link, with the date only', async () => {
    const { url, weldersWelding, orgLeadership } = await setUp();
    const { survey, tokens } = await newSurvey(url, { respondents: 5 });
    await answer(tokens[0] as string, {
      roleId: null,
      answers: [
        { key: weldersWelding, level: 1 },
        { key: orgLeadership, level: 2 },
      ],
    });
    const [stored] = await t.db.select().from(surveyResponse).where(eq(surveyResponse.surveyId, survey.id));
    expect(Object.keys(stored ?? {}).sort()).toEqual(['answeredOn', 'answers', 'id', 'roleId', 'surveyId']);
    expect(stored?.answeredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const links = await t.db.select().from(surveyLink).where(eq(surveyLink.surveyId, survey.id));
    expect(Object.keys(links[0] ?? {}).sort()).toEqual(['answered', 'id', 'surveyId', 'tokenHash']);
    expect(links.filter((l) => l.answered)).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(links.find((l) => l.answered)?.id);
  });
});

describe('results and heatmap', () => {
  it('under 5 answers: no aggregates and recorded levels; from 5: means, distributions and survey levels', async () => {
    const { url, welders, weldersWelding, orgLeadership } = await setUp();
    const { survey, tokens } = await newSurvey(url);
    const weldingLevels = [2, 3, 3, 4, 3];
    const leadershipLevels = [1, 2, 2, 3, 2];
    for (let i = 0; i < 4; i++) {
      const response = await answer(tokens[i] as string, {
        roleId: welders,
        answers: [
          { key: weldersWelding, level: weldingLevels[i] },
          { key: orgLeadership, level: leadershipLevels[i] },
        ],
      });
      expect(response.statusCode).toBe(201);
    }
    const results = `${url}/surveys/${survey.id}/results`;
    expect((await t.request('GET', results, { cookie: coord.cookie })).json()).toEqual({
      answered: 4,
      minimum: 5,
      shown: false,
      perQuestion: [],
      perRole: [],
    });
    const before = (await t.request('GET', `${url}/heatmap`, { cookie: economist.cookie })).json();
    expect(before.cells.every((c: { source: string }) => c.source === 'recorded')).toBe(true);

    await answer(tokens[4] as string, {
      roleId: welders,
      answers: [
        { key: weldersWelding, level: weldingLevels[4] },
        { key: orgLeadership, level: leadershipLevels[4] },
      ],
    });
    const shown = (await t.request('GET', results, { cookie: economist.cookie })).json();
    const perQuestion = [
      {
        key: weldersWelding,
        label: { sv: 'Svetsteknik', en: 'Welding technology' },
        mean: 3,
        distribution: [0, 0, 1, 3, 1, 0],
      },
      { key: orgLeadership, label: expect.anything(), mean: 2, distribution: [0, 1, 3, 1, 0, 0] },
    ];
    expect(shown).toEqual({
      answered: 5,
      minimum: 5,
      shown: true,
      perQuestion,
      perRole: [{ roleId: welders, title: 'Svetsare', answered: 5, perQuestion }],
    });
    expect((await t.request('GET', `${url}/surveys`, { cookie: coord.cookie })).json()[0]).toMatchObject({
      invited: 6,
      answered: 5,
    });

    const heat = (await t.request('GET', `${url}/heatmap`, { cookie: coord.cookie })).json();
    expect(heat.roles).toEqual([{ id: welders, title: 'Svetsare' }]);
    expect(heat.competences).toEqual([
      { key: welding, label: { sv: 'Svetsteknik', en: 'Welding technology' } },
      { key: leadership, label: expect.objectContaining({ sv: 'Ledarskap' }) },
    ]);
    expect(heat.cells).toEqual(
      expect.arrayContaining([
        {
          roleId: welders,
          key: welding,
          requiredLevel: 4,
          currentLevel: 3,
          gap: 1,
          source: 'survey',
          respondents: 5,
        },
        {
          roleId: null,
          key: leadership,
          requiredLevel: 3,
          currentLevel: 2,
          gap: 1,
          source: 'survey',
          respondents: 5,
        },
        {
          roleId: null,
          key: welding,
          requiredLevel: 3,
          currentLevel: 3,
          gap: 0,
          source: 'survey',
          respondents: 5,
        },
      ]),
    );
    expect(heat.cells).toHaveLength(3);

    // A sixth answer without a role: showing the welders apart would reveal that one answer by
    // subtraction, so the role's figures are held back (the whole organisation's stay).
    await answer(tokens[5] as string, {
      roleId: null,
      answers: [
        { key: weldersWelding, level: 0 },
        { key: orgLeadership, level: 0 },
      ],
    });
    const six = (await t.request('GET', results, { cookie: coord.cookie })).json();
    expect(six).toMatchObject({ answered: 6, shown: true, perRole: [] });
    const heat6 = (await t.request('GET', `${url}/heatmap`, { cookie: coord.cookie })).json();
    expect(heat6.cells.find((c: { roleId: string | null }) => c.roleId === welders)).toEqual({
      roleId: welders,
      key: welding,
      requiredLevel: 4,
      currentLevel: 1,
      gap: 3,
      source: 'recorded',
    });
    expect(
      heat6.cells.find((c: { roleId: string | null; key: string }) => !c.roleId && c.key === welding),
    ).toMatchObject({
      currentLevel: 2.5,
      gap: 0.5,
      source: 'survey',
      respondents: 6,
    });
  });
});

describe('the customer through its self-service link', () => {
  it('makes a survey, sees surveys, results and the heatmap of its own analysis only', async () => {
    const { analysis, url, orgLeadership, welders } = await setUp();
    const other = await setUp();
    const { survey: otherSurvey } = await newSurvey(other.url, { respondents: 5 });
    const link = (await t.request('POST', `${url}/self-service-links`, { cookie: coord.cookie })).json();
    const base = `/api/self-service/${link.url.replace('/s/', '')}`;

    const created = await t.request('POST', `${base}/surveys`, {
      body: { respondents: 5, needIds: [orgLeadership] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { survey, links } = created.json();
    expect(links).toHaveLength(5);
    const foreign = await t.request('POST', `${base}/surveys`, {
      body: { respondents: 5, needIds: [other.orgLeadership] },
    });
    expect(foreign.json().errors[0].field).toBe('body.needIds.0');

    for (const [i, l] of links.entries()) {
      const response = await answer(l.replace('/survey/', ''), {
        roleId: i % 2 ? welders : null,
        answers: [{ key: orgLeadership, level: 4 }],
      });
      expect(response.statusCode).toBe(201);
    }
    expect((await t.request('GET', `${base}/surveys`)).json()).toEqual([{ ...survey, answered: 5 }]);
    const results = (await t.request('GET', `${base}/surveys/${survey.id}/results`)).json();
    expect(results).toMatchObject({
      answered: 5,
      shown: true,
      perQuestion: [{ key: orgLeadership, mean: 4 }],
      perRole: [],
    });
    expect((await t.request('GET', `${base}/surveys/${otherSurvey.id}/results`)).statusCode).toBe(404);
    const heat = (await t.request('GET', `${base}/heatmap`)).json();
    expect(heat.cells.find((c: { key: string }) => c.key === leadership)).toMatchObject({
      roleId: null,
      currentLevel: 4,
      gap: 0,
      source: 'survey',
      respondents: 5,
    });

    const events = await t.db.select().from(auditEvent).where(eq(auditEvent.subjectId, analysis.id));
    expect(events.find((e) => e.action === 'analysis.survey_created')).toMatchObject({
      actorUserId: null,
      data: { surveyId: survey.id, invited: 5, via: 'self_service_link', linkId: link.id },
    });
  });
});
