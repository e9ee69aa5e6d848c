import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/features/audit/audit.table.ts';
import { seedDemoTaxonomy } from '../../src/features/taxonomy/demo-taxonomy.ts';
import { taxonomyConcept } from '../../src/features/taxonomy/taxonomy.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import {
  createConsortium,
  createOrganisation,
  createUser,
  inquiryInput,
  orgNumber,
  type TestUser,
} from '../support/factories.ts';

let t: TestApp;
let coord: TestUser;
let economist: TestUser;
let manager: TestUser;
let outsider: TestUser;
let caseId: string;
let welding: string;
let leadership: string;
let welder: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoTaxonomy(t.db);
  const concept = async (label: string) =>
    (await t.db.select().from(taxonomyConcept).where(eq(taxonomyConcept.labelSv, label)))[0]?.id ?? '';
  welding = await concept('Svetsteknik');
  leadership = await concept('Ledarskap');
  welder = await concept('Svetsare och gasskärare');
  const alliance = await createConsortium(t);
  const hei = await createOrganisation(t, { kind: 'hei', consortiumId: alliance.id });
  coord = await createUser(t, [{ organisationId: hei.id, roles: ['coordinator'] }]);
  economist = await createUser(t, [{ organisationId: hei.id, roles: ['economist'] }]);
  manager = await createUser(t, [{ organisationId: hei.id, roles: ['manager'] }]);
  outsider = await createUser(t, [
    { organisationId: (await createOrganisation(t, { kind: 'hei' })).id, roles: ['coordinator'] },
  ]);
  await t.app.inject({
    method: 'POST',
    url: `/api/public/consortia/${alliance.slug}/inquiries`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(inquiryInput({ organisationName: 'Analyskunden AB', orgNumber: orgNumber() })),
  });
  const [inquiry] = (await t.request('GET', '/api/inquiries', { cookie: coord.cookie })).json().items;
  await t.request('POST', `/api/inquiries/${inquiry.id}/claim`, { cookie: coord.cookie });
  caseId = (await t.request('GET', '/api/cases', { cookie: coord.cookie })).json().items[0].id;
});
afterAll(() => t.close());

const need = (overrides: Record<string, unknown> = {}) => ({
  conceptId: welding,
  requiredLevel: 4,
  currentLevel: 1,
  importance: 3,
  people: 10,
  horizon: 'now',
  driver: 'new_technology',
  evidence: 'Nya värmebeständiga stål i produktionen från 2027.',
  goalOrganisation: 'Halverade svetsfel',
  indicators: 'Andel godkända svetsfogar',
  ...overrides,
});

async function newAnalysis() {
  const created = await t.request('POST', '/api/analyses', {
    cookie: coord.cookie,
    body: {
      caseId,
      title: 'Kompetensbehov i produktionen',
      strategy: 'Fossilfri produktion 2030',
      drivers: ['new_technology', 'retirements'],
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json();
}

describe('a competence-needs analysis', () => {
  it('belongs to the case and its customer, with organisation, role and need levels', async () => {
    const analysis = await newAnalysis();
    expect(analysis).toMatchObject({
      version: 1,
      caseId,
      customer: { name: 'Analyskunden AB' },
      drivers: ['new_technology', 'retirements'],
    });
    const withRole = await t.request('POST', `/api/analyses/${analysis.id}/roles`, {
      cookie: coord.cookie,
      body: { title: 'Svetsare', occupationConceptId: welder, headcountNow: 12, headcountHorizon: 8 },
    });
    const role = withRole.json().roles[0];
    const added = await t.request('POST', `/api/analyses/${analysis.id}/needs`, {
      cookie: coord.cookie,
      body: need({ roleId: role.id }),
    });
    expect(added.statusCode).toBe(201);
    expect(added.json().needs[0]).toMatchObject({
      concept: { label: { sv: 'Svetsteknik', en: 'Welding technology' } },
      roleId: role.id,
      computed: { gap: 3, peopleWeight: 2, horizonWeight: 1, priority: 18, formula: '3 × 3 × 2 × 1 = 18' },
    });
  });

  it('ranks needs by computed priority and lists the top ones per horizon; free text works too', async () => {
    const analysis = await newAnalysis();
    await t.request('POST', `/api/analyses/${analysis.id}/needs`, {
      cookie: coord.cookie,
      body: need({ conceptId: leadership, importance: 1, people: 3, horizon: '3y' }),
    });
    await t.request('POST', `/api/analyses/${analysis.id}/needs`, { cookie: coord.cookie, body: need() });
    const done = await t.request('POST', `/api/analyses/${analysis.id}/needs`, {
      cookie: coord.cookie,
      body: need({ conceptId: null, freeText: 'Kunna läsa svetsritningar enligt ISO 2553', horizon: '1y' }),
    });
    const ranked = done.json().needs.map((n: { computed: { priority: number } }) => n.computed.priority);
    expect(ranked).toEqual([...ranked].sort((a: number, b: number) => b - a));
    expect(done.json().topByHorizon['3y']).toHaveLength(1);
  });

  it('refuses levels out of range, unknown concepts and needs without a subject, keeping what was saved', async () => {
    const analysis = await newAnalysis();
    await t.request('POST', `/api/analyses/${analysis.id}/needs`, { cookie: coord.cookie, body: need() });
    const bad = await t.request('POST', `/api/analyses/${analysis.id}/needs`, {
      cookie: coord.cookie,
      body: need({ requiredLevel: 7, importance: 0 }),
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.importance', 'body.requiredLevel']);
    const unknown = await t.request('POST', `/api/analyses/${analysis.id}/needs`, {
      cookie: coord.cookie,
      body: need({ conceptId: '00000000-0000-4000-8000-000000000000' }),
    });
    expect(unknown.json()).toMatchObject({
      status: 400,
      errors: [{ field: 'body.conceptId', message: 'is not a concept of any imported taxonomy' }],
    });
    const nothing = await t.request('POST', `/api/analyses/${analysis.id}/needs`, {
      cookie: coord.cookie,
      body: need({ conceptId: null }),
    });
    expect(nothing.statusCode).toBe(400);
    expect(
      (await t.request('GET', `/api/analyses/${analysis.id}`, { cookie: coord.cookie })).json().needs,
    ).toHaveLength(1);
  });

  it('a new version is a copy to revise; the comparison shows what changed', async () => {
    const v1 = await newAnalysis();
    await t.request('POST', `/api/analyses/${v1.id}/needs`, { cookie: coord.cookie, body: need() });
    await t.request('POST', `/api/analyses/${v1.id}/needs`, {
      cookie: coord.cookie,
      body: need({ conceptId: leadership }),
    });
    const v2 = (await t.request('POST', `/api/analyses/${v1.id}/versions`, { cookie: coord.cookie })).json();
    expect(v2).toMatchObject({ version: 2, previousId: v1.id });
    const weldingNeed = v2.needs.find((n: { concept: { id: string } }) => n.concept.id === welding);
    await t.request('PUT', `/api/analyses/${v2.id}/needs/${weldingNeed.id}`, {
      cookie: coord.cookie,
      body: need({ currentLevel: 3 }),
    });
    const leadershipNeed = v2.needs.find((n: { concept: { id: string } }) => n.concept.id === leadership);
    await t.request('DELETE', `/api/analyses/${v2.id}/needs/${leadershipNeed.id}`, { cookie: coord.cookie });
    const comparison = (
      await t.request('GET', `/api/analyses/${v1.id}/compare?to=${v2.id}`, { cookie: coord.cookie })
    ).json();
    expect(comparison.rows.map((r: { label: string; change: string }) => [r.label, r.change]).sort()).toEqual(
      [
        ['Ledarskap', 'removed'],
        ['Svetsteknik', 'changed'],
      ],
    );
    expect(comparison.rows.find((r: { label: string }) => r.label === 'Svetsteknik')).toMatchObject({
      before: { gap: 3 },
      after: { gap: 1 },
    });
    expect(
      (await t.request('GET', `/api/analyses/${v1.id}`, { cookie: coord.cookie })).json().needs,
    ).toHaveLength(2);
  });

  it('exports as CSV and XLSX, priority first, in Swedish or English', async () => {
    const analysis = await newAnalysis();
    await t.request('POST', `/api/analyses/${analysis.id}/needs`, {
      cookie: coord.cookie,
      body: need({ conceptId: leadership, importance: 1 }),
    });
    await t.request('POST', `/api/analyses/${analysis.id}/needs`, { cookie: coord.cookie, body: need() });
    const csv = await t.request('GET', `/api/analyses/${analysis.id}/export?format=csv`, {
      cookie: economist.cookie,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^"Kompetens";"Roll";"Tidshorisont"/);
    expect(lines[1]).toMatch(/^"Svetsteknik";"";"Nu";4;1;3;3;10;18;"3 × 3 × 2 × 1 = 18";/);
    const xlsx = await t.request('GET', `/api/analyses/${analysis.id}/export?format=xlsx&lang=en`, {
      cookie: coord.cookie,
    });
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(xlsx.rawPayload).buffer);
    const sheet = workbook.getWorksheet('Competence needs');
    expect(sheet?.getRow(3).getCell(1).value).toBe('Competence');
    expect(sheet?.getRow(4).getCell(1).value).toBe('Welding technology');
    expect(sheet?.getRow(4).getCell(9).value).toBe(18);
    expect(sheet?.getRow(4).getCell(3).value).toBe('Now');
    expect(sheet?.getRow(4).getCell(13).value).toBe('Medium');
  });

  it('economists read but do not write; other HEIs see nothing', async () => {
    const analysis = await newAnalysis();
    expect(
      (await t.request('GET', `/api/analyses/${analysis.id}`, { cookie: economist.cookie })).statusCode,
    ).toBe(200);
    expect(
      (
        await t.request('POST', `/api/analyses/${analysis.id}/needs`, {
          cookie: economist.cookie,
          body: need(),
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await t.request('GET', `/api/analyses/${analysis.id}`, { cookie: outsider.cookie })).statusCode,
    ).toBe(404);
    expect((await t.request('GET', '/api/analyses', { cookie: outsider.cookie })).json()).toMatchObject({
      items: [],
      total: 0,
    });
    expect(
      (
        await t.request('POST', '/api/analyses', {
          cookie: outsider.cookie,
          body: { caseId, title: 'Intrång' },
        })
      ).statusCode,
    ).toBe(404);
    const levels = (await t.request('GET', '/api/analyses/levels', { cookie: economist.cookie })).json();
    expect(levels.levels.sv).toHaveLength(6);
  });

  it('lists the HEI’s analyses newest first, a page at a time, searchable by title or customer', async () => {
    for (const n of [1, 2, 3]) {
      const created = await t.request('POST', '/api/analyses', {
        cookie: coord.cookie,
        body: { caseId, title: `Sidprov ${n}: 100% svets` },
      });
      expect(created.statusCode).toBe(201);
    }
    const list = async (query: string, cookie = coord.cookie) => {
      const answer = await t.request('GET', `/api/analyses?${query}`, { cookie });
      expect(answer.statusCode, answer.body).toBe(200);
      return answer.json();
    };
    const titles = (page: { items: { title: string }[] }) => page.items.map((a) => a.title);

    const first = await list('q=SIDPROV&pageSize=2');
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(titles(first)).toEqual(['Sidprov 3: 100% svets', 'Sidprov 2: 100% svets']);
    const second = await list('q=sidprov&pageSize=2&page=2');
    expect(titles(second)).toEqual(['Sidprov 1: 100% svets']);
    expect((await list('q=sidprov&pageSize=2&page=3')).items).toEqual([]);
    // the customer's name finds every analysis of theirs; % is a plain character, not a wildcard
    const all = await list('');
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect((await list('q=analyskunden')).total).toBe(all.total);
    expect((await list(`caseId=${caseId}`)).total).toBe(all.total);
    expect((await list('q=100%25')).total).toBe(3);
    expect((await list('q=%25%25')).total).toBe(0);
    // another HEI's coordinator finds none of them, whatever the search
    expect((await list('q=sidprov', outsider.cookie)).total).toBe(0);
    for (const bad of ['page=0', 'pageSize=201', `q=${'x'.repeat(201)}`, 'caseId=nej']) {
      const refused = await t.request('GET', `/api/analyses?${bad}`, { cookie: coord.cookie });
      expect(refused.statusCode, bad).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
  });
});

const auditOf = async (analysisId: string) =>
  (
    await t.db.select().from(auditEvent).where(eq(auditEvent.subjectId, analysisId)).orderBy(auditEvent.at)
  ).map((e) => ({
    action: e.action,
    actor: e.actorUserId,
    data: e.data,
  }));

describe('editing an analysis', () => {
  it('changes only the fields given, audited; refuses an empty change and readers', async () => {
    const analysis = await newAnalysis();
    const patched = await t.request('PATCH', `/api/analyses/${analysis.id}`, {
      cookie: coord.cookie,
      body: { title: 'Kompetensbehov 2027', horizonWeights: { '5y': 0.2 } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      title: 'Kompetensbehov 2027',
      strategy: 'Fossilfri produktion 2030',
      drivers: ['new_technology', 'retirements'],
      horizonWeights: { now: 1, '1y': 0.8, '3y': 0.6, '5y': 0.2 },
    });
    const drivers = await t.request('PATCH', `/api/analyses/${analysis.id}`, {
      cookie: coord.cookie,
      body: { strategy: 'Ny strategi', drivers: ['regulation'] },
    });
    expect(drivers.json()).toMatchObject({
      title: 'Kompetensbehov 2027',
      strategy: 'Ny strategi',
      drivers: ['regulation'],
    });

    const empty = await t.request('PATCH', `/api/analyses/${analysis.id}`, {
      cookie: coord.cookie,
      body: {},
    });
    expect(empty.statusCode).toBe(400);
    const badDriver = await t.request('PATCH', `/api/analyses/${analysis.id}`, {
      cookie: coord.cookie,
      body: { drivers: ['weather'] },
    });
    expect(badDriver.json().errors[0].field).toMatch(/^body\.drivers/);
    for (const [user, status] of [
      [economist, 403],
      [manager, 403],
      [outsider, 404],
    ] as const) {
      const refused = await t.request('PATCH', `/api/analyses/${analysis.id}`, {
        cookie: user.cookie,
        body: { title: 'Kapad' },
      });
      expect(refused.statusCode).toBe(status);
    }
    const audit = await auditOf(analysis.id);
    expect(audit.filter((a) => a.action === 'analysis.updated')).toEqual([
      {
        action: 'analysis.updated',
        actor: coord.id,
        data: {
          before: {
            title: 'Kompetensbehov i produktionen',
            horizonWeights: { now: 1, '1y': 0.8, '3y': 0.6, '5y': 0.4 },
          },
          after: {
            title: 'Kompetensbehov 2027',
            horizonWeights: { now: 1, '1y': 0.8, '3y': 0.6, '5y': 0.2 },
          },
        },
      },
      {
        action: 'analysis.updated',
        actor: coord.id,
        data: {
          before: { strategy: 'Fossilfri produktion 2030', drivers: ['new_technology', 'retirements'] },
          after: { strategy: 'Ny strategi', drivers: ['regulation'] },
        },
      },
    ]);
    expect(
      (await t.request('GET', `/api/analyses/${analysis.id}`, { cookie: coord.cookie })).json().title,
    ).toBe('Kompetensbehov 2027');
  });

  it('revises and removes roles (with their needs), audited; other analyses and HEIs are out of reach', async () => {
    const analysis = await newAnalysis();
    const other = await newAnalysis();
    const role = (
      await t.request('POST', `/api/analyses/${analysis.id}/roles`, {
        cookie: coord.cookie,
        body: { title: 'Svetsare', occupationConceptId: welder, headcountNow: 12, headcountHorizon: 8 },
      })
    ).json().roles[0];
    await t.request('POST', `/api/analyses/${analysis.id}/needs`, {
      cookie: coord.cookie,
      body: need({ roleId: role.id }),
    });
    await t.request('POST', `/api/analyses/${analysis.id}/needs`, {
      cookie: coord.cookie,
      body: need({ conceptId: leadership }),
    });
    const revised = await t.request('PUT', `/api/analyses/${analysis.id}/roles/${role.id}`, {
      cookie: coord.cookie,
      body: { title: 'Svetsare (TIG)', occupationConceptId: null, headcountNow: 10, headcountHorizon: 14 },
    });
    expect(revised.statusCode, revised.body).toBe(200);
    expect(revised.json().roles).toEqual([
      {
        id: role.id,
        title: 'Svetsare (TIG)',
        occupationConceptId: null,
        headcountNow: 10,
        headcountHorizon: 14,
      },
    ]);
    const unknownOccupation = await t.request('PUT', `/api/analyses/${analysis.id}/roles/${role.id}`, {
      cookie: coord.cookie,
      body: {
        title: 'Svetsare',
        occupationConceptId: '00000000-0000-4000-8000-000000000000',
        headcountNow: 1,
        headcountHorizon: 1,
      },
    });
    expect(unknownOccupation.json().errors).toEqual([
      { field: 'body.occupationConceptId', message: 'is not a concept of any imported taxonomy' },
    ]);
    const body = { title: 'X', occupationConceptId: null, headcountNow: 1, headcountHorizon: 1 };
    expect(
      (
        await t.request('PUT', `/api/analyses/${other.id}/roles/${role.id}`, {
          cookie: coord.cookie,
          body: { ...body, title: 'Fel analys' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.request('PUT', `/api/analyses/${analysis.id}/roles/${role.id}`, {
          cookie: economist.cookie,
          body: { ...body, title: 'Ekonom' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.request('DELETE', `/api/analyses/${analysis.id}/roles/${role.id}`, {
          cookie: outsider.cookie,
        })
      ).statusCode,
    ).toBe(404);

    const removed = await t.request('DELETE', `/api/analyses/${analysis.id}/roles/${role.id}`, {
      cookie: coord.cookie,
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().roles).toEqual([]);
    expect(removed.json().needs.map((n: { concept: { id: string } }) => n.concept.id)).toEqual([leadership]);
    expect(
      (await t.request('DELETE', `/api/analyses/${analysis.id}/roles/${role.id}`, { cookie: coord.cookie }))
        .statusCode,
    ).toBe(404);
    const actions = (await auditOf(analysis.id)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'analysis.role_added',
        'analysis.need_added',
        'analysis.role_changed',
        'analysis.role_removed',
      ]),
    );
    expect(
      (await auditOf(analysis.id)).find((a) => a.action === 'analysis.role_removed')?.data,
    ).toMatchObject({
      needsRemoved: 1,
    });
  });
});

describe('person level', () => {
  async function analysisWithNeed() {
    const analysis = await newAnalysis();
    const role = (
      await t.request('POST', `/api/analyses/${analysis.id}/roles`, {
        cookie: coord.cookie,
        body: { title: 'Svetsare', occupationConceptId: welder, headcountNow: 12, headcountHorizon: 8 },
      })
    ).json().roles[0];
    const withNeed = (
      await t.request('POST', `/api/analyses/${analysis.id}/needs`, { cookie: coord.cookie, body: need() })
    ).json();
    return { analysis, roleId: role.id as string, needId: withNeed.needs[0].id as string };
  }

  it('records pseudonymous persons with current levels; managers read, writers write', async () => {
    const { analysis, roleId, needId } = await analysisWithNeed();
    const added = await t.request('POST', `/api/analyses/${analysis.id}/persons`, {
      cookie: coord.cookie,
      body: { pseudonym: 'Svetsare 1', roleId, levels: [{ needId, currentLevel: 2 }] },
    });
    expect(added.statusCode, added.body).toBe(201);
    const person = added.json().persons[0];
    expect(person).toMatchObject({ pseudonym: 'Svetsare 1', roleId, levels: [{ needId, currentLevel: 2 }] });

    const read = await t.request('GET', `/api/analyses/${analysis.id}`, { cookie: manager.cookie });
    expect(read.json().persons).toHaveLength(1);
    expect(
      (
        await t.request('POST', `/api/analyses/${analysis.id}/persons`, {
          cookie: manager.cookie,
          body: { pseudonym: 'Chefens', roleId: null, levels: [] },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.request('PUT', `/api/analyses/${analysis.id}/persons/${person.id}`, {
          cookie: outsider.cookie,
          body: { pseudonym: 'Intrång', roleId: null, levels: [] },
        })
      ).statusCode,
    ).toBe(404);

    const changed = await t.request('PUT', `/api/analyses/${analysis.id}/persons/${person.id}`, {
      cookie: coord.cookie,
      body: { pseudonym: 'Svetsare A', roleId: null, levels: [{ needId, currentLevel: 3 }] },
    });
    expect(changed.json().persons).toEqual([
      { id: person.id, pseudonym: 'Svetsare A', roleId: null, levels: [{ needId, currentLevel: 3 }] },
    ]);
    const v2 = (
      await t.request('POST', `/api/analyses/${analysis.id}/versions`, { cookie: coord.cookie })
    ).json();
    expect(v2.persons).toEqual([
      {
        id: expect.any(String),
        pseudonym: 'Svetsare A',
        roleId: null,
        levels: [{ needId: v2.needs[0].id, currentLevel: 3 }],
      },
    ]);
    const removed = await t.request('DELETE', `/api/analyses/${analysis.id}/persons/${person.id}`, {
      cookie: coord.cookie,
    });
    expect(removed.json().persons).toEqual([]);
    const actions = (await auditOf(analysis.id)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['analysis.person_added', 'analysis.person_changed', 'analysis.person_removed']),
    );
    // The audit names the person by id only, never the pseudonym.
    expect(JSON.stringify(await auditOf(analysis.id))).not.toContain('Svetsare A');
  });

  it('refuses personnummer, e-mail addresses, long pseudonyms, levels out of range and foreign needs', async () => {
    const { analysis, needId } = await analysisWithNeed();
    const other = await analysisWithNeed();
    const post = (body: Record<string, unknown>) =>
      t.request('POST', `/api/analyses/${analysis.id}/persons`, {
        cookie: coord.cookie,
        body: { roleId: null, levels: [], ...body },
      });
    const pnr = await post({ pseudonym: '19811218-9876' });
    expect(pnr.statusCode).toBe(400);
    expect(pnr.json().errors).toEqual([
      { field: 'body.pseudonym', message: expect.stringContaining('looks like a personnummer') },
    ]);
    const email = await post({ pseudonym: 'anna@stalverket.se' });
    expect(email.json().errors).toEqual([
      { field: 'body.pseudonym', message: expect.stringContaining('looks like an e-mail address') },
    ]);
    expect((await post({ pseudonym: 'x'.repeat(41) })).json().errors[0].field).toBe('body.pseudonym');
    expect((await post({ pseudonym: '' })).json().errors[0].field).toBe('body.pseudonym');
    const level = await post({ pseudonym: 'P1', levels: [{ needId, currentLevel: 6 }] });
    expect(level.json().errors).toEqual([
      { field: 'body.levels.0.currentLevel', message: 'levels go from 0 to 5' },
    ]);
    const foreign = await post({ pseudonym: 'P1', levels: [{ needId: other.needId, currentLevel: 2 }] });
    expect(foreign.json().errors).toEqual([
      { field: 'body.levels.0.needId', message: 'is not a need of this analysis' },
    ]);
    const role = await post({ pseudonym: 'P1', roleId: other.roleId });
    expect(role.json().errors).toEqual([{ field: 'body.roleId', message: 'is not a role of this analysis' }]);
    expect(
      (await t.request('GET', `/api/analyses/${analysis.id}`, { cookie: coord.cookie })).json().persons,
    ).toEqual([]);
  });
});
