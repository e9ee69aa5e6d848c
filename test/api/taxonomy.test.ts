import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTaxonomy } from '../../src/features/taxonomy/taxonomy.service.ts';
import { taxonomyConcept, taxonomyRelation } from '../../src/features/taxonomy/taxonomy.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createOrganisation, createUser, type TestUser } from '../support/factories.ts';

// The real files in ../shared/datasets/taxonomy (relative to the repository root, where tests run).
const ESCO = path.resolve('../shared/datasets/taxonomy/esco');
const JOBTECH = path.resolve('../shared/datasets/taxonomy/jobtech');

let t: TestApp;
let user: TestUser;
let admin: TestUser;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lupp-taxonomy-'));

beforeAll(async () => {
  t = await createTestApp();
  const hei = await createOrganisation(t, { kind: 'hei' });
  user = await createUser(t, [{ organisationId: hei.id, roles: ['teacher'] }]);
  admin = await createUser(t, [{ organisationId: hei.id, roles: ['admin'] }]);
  const esco = await importTaxonomy(t.db, { source: 'esco', path: ESCO, version: '1.2.0' });
  const jobtech = await importTaxonomy(t.db, { source: 'jobtech', path: JOBTECH, version: '2024-1' });
  expect(esco.status).toBe('succeeded');
  expect(jobtech.status).toBe('succeeded');
});
afterAll(() => t.close());

const count = async (where: ReturnType<typeof and>) =>
  (await t.db.select({ n: sql<number>`count(*)::int` }).from(taxonomyConcept).where(where))[0]?.n;

describe('importing the real ESCO and JobTech files', () => {
  it('reads every concept of the JobTech files with its code', async () => {
    expect(await count(and(eq(taxonomyConcept.source, 'jobtech'), eq(taxonomyConcept.type, 'skill')))).toBe(
      6657,
    );
    expect(
      await count(and(eq(taxonomyConcept.source, 'jobtech'), eq(taxonomyConcept.type, 'ssyk-level-4'))),
    ).toBe(400);
    expect(
      await count(and(eq(taxonomyConcept.source, 'jobtech'), eq(taxonomyConcept.type, 'occupation-name'))),
    ).toBe(2412);
    expect(
      await count(and(eq(taxonomyConcept.source, 'jobtech'), eq(taxonomyConcept.type, 'sni-level-1'))),
    ).toBe(21);
    expect(
      await count(
        and(eq(taxonomyConcept.source, 'jobtech'), eq(taxonomyConcept.type, 'sun-education-field-1')),
      ),
    ).toBe(10);
    const [it3511] = await t.db
      .select()
      .from(taxonomyConcept)
      .where(and(eq(taxonomyConcept.type, 'ssyk-level-4'), eq(taxonomyConcept.code, '3511')));
    expect(it3511).toMatchObject({ type: 'ssyk-level-4', labelSv: 'Drifttekniker, IT' });
    expect(it3511?.descriptionSv).toContain('informations- och kommunikationssystem');
  });

  it('links occupations to their SSYK group and groups to their levels', async () => {
    const detail = (
      await t.request('GET', `/api/taxonomy/concepts?q=stickare&source=jobtech&type=occupation-name`, {
        cookie: user.cookie,
      })
    ).json();
    const knitter = (
      await t.request('GET', `/api/taxonomy/concepts/${detail[0].id}`, { cookie: user.cookie })
    ).json();
    expect(knitter.label.sv).toBe('Stickare');
    expect(knitter.broader[0].type).toBe('ssyk-level-4');
    const [relations] = await t.db.select({ n: sql<number>`count(*)::int` }).from(taxonomyRelation);
    expect(relations?.n).toBeGreaterThan(7000);
  });

  it('reads the ESCO collections and hierarchy with alternative labels', async () => {
    expect(await count(and(eq(taxonomyConcept.source, 'esco'), eq(taxonomyConcept.type, 'skill')))).toBe(
      1372,
    );
    const [haskell] = await t.db.select().from(taxonomyConcept).where(eq(taxonomyConcept.labelEn, 'Haskell'));
    expect(haskell?.altLabelsEn).toContain('Haskell techniques');
    const detail = (
      await t.request('GET', `/api/taxonomy/concepts/${haskell?.id}`, { cookie: user.cookie })
    ).json();
    expect(detail.broader.map((b: { label: { en: string } }) => b.label.en)).toContain(
      'computer programming',
    );
  });

  it('is idempotent: importing the same version again changes nothing', async () => {
    const before = await count(eq(taxonomyConcept.source, 'jobtech'));
    const again = await importTaxonomy(t.db, { source: 'jobtech', path: JOBTECH, version: '2024-1' });
    expect(again.counts.deprecated).toBe(0);
    expect(await count(eq(taxonomyConcept.source, 'jobtech'))).toBe(before);
  });
});

describe('versions and languages', () => {
  it('a Swedish import of the same ESCO version adds Swedish labels to the same concepts', async () => {
    const file = path.join(tmp, 'transversalSkillsCollection_sv.csv');
    writeFileSync(
      file,
      'conceptType,conceptUri,skillType,reuseLevel,preferredLabel,status,altLabels,description,broaderConceptUri,broaderConceptPT\n' +
        'KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/001115fb-569f-4ee6-8381-c6807ef2527f,skill/competence,transversal,ta initiativ,released,visa initiativförmåga,"Vara proaktiv.",,\n',
    );
    const result = await importTaxonomy(t.db, { source: 'esco', path: file, version: '1.2.0' });
    expect(result.status).toBe('succeeded');
    const [concept] = await t.db
      .select()
      .from(taxonomyConcept)
      .where(
        eq(
          taxonomyConcept.externalId,
          'http://data.europa.eu/esco/skill/001115fb-569f-4ee6-8381-c6807ef2527f',
        ),
      );
    expect(concept).toMatchObject({
      labelSv: 'ta initiativ',
      labelEn: 'show initiative',
      deprecatedAt: null,
    });
  });

  it('a new version updates labels and marks dropped concepts deprecated, without deleting them', async () => {
    const dir = mkdtempSync(path.join(tmp, 'v2-'));
    writeFileSync(
      path.join(dir, 'skills.json'),
      JSON.stringify({
        data: {
          concepts: [{ id: '11L4_Q2Z_8tM', preferred_label: 'Kylteknik och värmepumpar', type: 'skill' }],
        },
      }),
    );
    const result = await importTaxonomy(t.db, { source: 'jobtech', path: dir, version: '2025-1' });
    expect(result.counts.deprecated).toBe(6656);
    const [kept] = await t.db
      .select()
      .from(taxonomyConcept)
      .where(eq(taxonomyConcept.externalId, '11L4_Q2Z_8tM'));
    expect(kept).toMatchObject({
      labelSv: 'Kylteknik och värmepumpar',
      version: '2025-1',
      deprecatedAt: null,
    });
    const hits = (
      await t.request('GET', '/api/taxonomy/concepts?q=stålkonstruktion&type=skill', { cookie: user.cookie })
    ).json();
    expect(hits).toEqual([]);
    const withDeprecated = (
      await t.request('GET', '/api/taxonomy/concepts?q=stålkonstruktion&type=skill&includeDeprecated=true', {
        cookie: user.cookie,
      })
    ).json();
    expect(withDeprecated[0]).toMatchObject({ deprecated: true, label: { sv: 'Stålkonstruktion' } });
    // Restore the full version for the searches below.
    await importTaxonomy(t.db, { source: 'jobtech', path: JOBTECH, version: '2025-2' });
  });
});

describe('bad files are reported row by row; nothing is kept unless asked', () => {
  it('names wrong columns, broken rows and wrong encodings', async () => {
    const dir = mkdtempSync(path.join(tmp, 'bad-'));
    writeFileSync(path.join(dir, 'skills_en.csv'), 'uri,label\nhttp://x,y\n');
    writeFileSync(
      path.join(dir, 'digitalSkillsCollection_en.csv'),
      'conceptType,conceptUri,preferredLabel,status\n' +
        'KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/test-ok,valid skill,released\n' +
        'KnowledgeSkillCompetence,not-a-uri,broken,released\n' +
        'KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/test-short,too few\n',
    );
    writeFileSync(
      path.join(dir, 'occupations_en.csv'),
      Buffer.from(
        'conceptType,conceptUri,preferredLabel\nOccupation,http://data.europa.eu/esco/occupation/x,sv\xe4rd\n',
        'latin1',
      ),
    );
    const result = await importTaxonomy(t.db, { source: 'esco', path: dir, version: '1.2.0' });
    expect(result.status).toBe('needs_decision');
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'skills_en.csv',
          row: null,
          problem: expect.stringContaining('missing columns conceptType, conceptUri, preferredLabel'),
        }),
        expect.objectContaining({
          file: 'digitalSkillsCollection_en.csv',
          row: 3,
          problem: 'conceptUri is missing or not a URI',
        }),
        expect.objectContaining({
          file: 'digitalSkillsCollection_en.csv',
          row: 4,
          problem: expect.stringContaining('has 3 fields'),
        }),
        expect.objectContaining({
          file: 'occupations_en.csv',
          problem: expect.stringContaining('not UTF-8'),
        }),
      ]),
    );
    expect(await count(eq(taxonomyConcept.externalId, 'http://data.europa.eu/esco/skill/test-ok'))).toBe(0);

    const kept = await importTaxonomy(t.db, {
      source: 'esco',
      path: dir,
      version: '1.2.0',
      keepValidRows: true,
    });
    expect(kept.status).toBe('succeeded');
    expect(await count(eq(taxonomyConcept.externalId, 'http://data.europa.eu/esco/skill/test-ok'))).toBe(1);
    const imports = (await t.request('GET', '/api/taxonomy/imports', { cookie: admin.cookie })).json();
    expect(imports[0]).toMatchObject({ status: 'succeeded', version: '1.2.0' });
    expect(imports[1]).toMatchObject({ status: 'needs_decision' });
    expect((await t.request('GET', '/api/taxonomy/imports', { cookie: user.cookie })).statusCode).toBe(403);
  });
});

describe('concept search', () => {
  const search = async (q: string, extra = '') =>
    (
      (
        await t.request('GET', `/api/taxonomy/concepts?q=${encodeURIComponent(q)}${extra}`, {
          cookie: user.cookie,
        })
      ).json() as { label: { sv: string; en: string } }[]
    ).map((c) => c.label.sv ?? c.label.en);

  it('finds Swedish concepts by prefix and inside compounds', async () => {
    expect(await search('stålkonstr')).toContain('Stålkonstruktion');
    expect(await search('kylteknik')).toContain('Kylteknik');
    expect((await search('ledare', '&type=skill')).some((l) => /^ledarskap/i.test(l))).toBe(true);
    expect((await search('svetsning', '&type=skill')).some((l) => /svets/i.test(l))).toBe(true);
  });

  it('finds English concepts, ranking the exact label first', async () => {
    expect((await search('haskell'))[0]).toBe('Haskell');
    expect(await search('programming', '&source=esco')).toEqual(
      expect.arrayContaining([expect.stringMatching(/programming/i)]),
    );
  });

  it('needs a signed-in user and a query', async () => {
    expect((await t.request('GET', '/api/taxonomy/concepts?q=svets')).statusCode).toBe(401);
    expect((await t.request('GET', '/api/taxonomy/concepts', { cookie: user.cookie })).statusCode).toBe(400);
  });
});
