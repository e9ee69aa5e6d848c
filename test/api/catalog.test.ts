import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mappableFields } from '../../src/features/catalog/catalog.fields.ts';
import { course } from '../../src/features/catalog/catalog.table.ts';
import { taxonomyConcept } from '../../src/features/taxonomy/taxonomy.table.ts';
import { withCheckDigit } from '../../src/features/tenancy/org-number.ts';
import { consortium, organisation } from '../../src/features/tenancy/tenancy.table.ts';
import { cleanSql, cleanText } from '../../src/shared/search-text.ts';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../support/app.ts';
import { createTestDatabase, createTestDataDir } from '../support/database.ts';
import { createConsortium, createOrganisation, createUser, type TestUser } from '../support/factories.ts';

// The real development catalogue: 220 courses of six HEIs (56 in English, 11 non-credit).
const CATALOG = path.resolve('../shared/datasets/matching-dev/catalog.json');
const catalogJson = readFileSync(CATALOG);

let t: TestApp;
let heiA: string;
let heiB: string;
let heiC: string;
let adminA: TestUser;
let coordA: TestUser;
let teacherA: TestUser;
let teacherB: TestUser;
let coordC: TestUser;
let customer: TestUser;
let analyst: TestUser;
let weldingConcept: string;
let leadershipConcept: string;

/** A real multipart body, as a browser's FormData would send it. */
async function upload(heiId: string, cookie: string, name: string, content: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)]), name);
  const request = new Request('http://x/', { method: 'POST', body: form });
  return t.app.inject({
    method: 'POST',
    url: `/api/organisations/${heiId}/catalog/uploads`,
    headers: {
      cookie,
      origin: TEST_ORIGIN,
      'content-type': request.headers.get('content-type') ?? '',
    },
    payload: Buffer.from(await request.arrayBuffer()),
  });
}

/** Uploads and imports a file; returns the import report. */
async function importFile(
  heiId: string,
  user: TestUser,
  name: string,
  content: Buffer,
  body: { mapping?: Record<string, string>; keepValidRows?: boolean; suggestTags?: boolean } = {},
) {
  const uploaded = await upload(heiId, user.cookie, name, content);
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  const response = await t.request('POST', `/api/organisations/${heiId}/catalog/imports`, {
    cookie: user.cookie,
    body: { uploadId: uploaded.json().uploadId, ...body },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** A course once the background job has suggested its tags (the job queue is polled every second). */
async function waitForTags(courseId: string) {
  for (let i = 0; i < 120; i++) {
    const detail = (
      await t.request('GET', `/api/catalog/courses/${courseId}`, { cookie: coordA.cookie })
    ).json();
    if (detail.tags.length) return detail;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('no tags were suggested within a minute');
}

const list = async (user: TestUser, query = '') =>
  t.request('GET', `/api/catalog/courses?limit=200${query}`, { cookie: user.cookie });
const countOf = async (heiId: string) =>
  (await t.db.select({ n: sql<number>`count(*)::int` }).from(course).where(eq(course.heiId, heiId)))[0]?.n;

beforeAll(async () => {
  t = await createTestApp();
  const alliance = await createConsortium(t);
  const other = await createConsortium(t);
  heiA = (await createOrganisation(t, { kind: 'hei', name: 'Högskolan Väst', consortiumId: alliance.id })).id;
  heiB = (await createOrganisation(t, { kind: 'hei', name: 'Högskolan B', consortiumId: alliance.id })).id;
  heiC = (await createOrganisation(t, { kind: 'hei', name: 'Högskolan C', consortiumId: other.id })).id;
  const customerOrg = await createOrganisation(t, { kind: 'customer' });
  adminA = await createUser(t, [{ organisationId: heiA, roles: ['admin'] }]);
  coordA = await createUser(t, [{ organisationId: heiA, roles: ['coordinator'] }]);
  teacherA = await createUser(t, [{ organisationId: heiA, roles: ['teacher'] }]);
  teacherB = await createUser(t, [{ organisationId: heiB, roles: ['teacher'] }]);
  coordC = await createUser(t, [{ organisationId: heiC, roles: ['coordinator'] }]);
  customer = await createUser(t, [{ organisationId: customerOrg.id, roles: ['customer_contact'] }]);
  analyst = await createUser(t, [{ consortiumId: alliance.id, roles: ['analyst'] }]);
  // A small taxonomy for the tag suggestions.
  const concepts = await t.db
    .insert(taxonomyConcept)
    .values([
      {
        source: 'demo',
        externalId: 'c-svets',
        type: 'skill',
        labelSv: 'svetsteknik',
        labelEn: 'welding',
        version: '1',
      },
      {
        source: 'demo',
        externalId: 'c-led',
        type: 'skill',
        labelSv: 'ledarskap',
        labelEn: 'leadership',
        version: '1',
      },
    ])
    .returning({ id: taxonomyConcept.id });
  weldingConcept = concepts[0]?.id ?? '';
  leadershipConcept = concepts[1]?.id ?? '';
});
afterAll(() => t.close());

describe('importing the real interchange file through the API', () => {
  let svt101: string;

  it('shows the upload: format, fields, first rows', async () => {
    const response = await upload(heiA, coordA.cookie, 'catalog.json', catalogJson);
    expect(response.statusCode, response.body).toBe(201);
    const preview = response.json();
    expect(preview).toMatchObject({ format: 'json', rows: 220, problems: [] });
    expect(preview.columns).toEqual(expect.arrayContaining(['id', 'code', 'title', 'credits', 'subjects']));
    expect(preview.sampleRows).toHaveLength(5);
    expect(preview.sampleRows[0].code).toBe('SVT101');
  });

  it('creates all 220 courses and suggests concept tags from their text', async () => {
    const report = await importFile(heiA, coordA, 'catalog.json', catalogJson);
    expect(report).toMatchObject({
      status: 'succeeded',
      format: 'json',
      problems: [],
      counts: { rows: 220, valid: 220, invalid: 0, created: 220, updated: 0, unchanged: 0 },
    });
    // Tags are suggested by a background job for every new course.
    expect(report.counts.tagsQueued).toBe(220);
    expect(await countOf(heiA)).toBe(220);
    const welding = (await list(coordA, `&hei=${heiA}&q=svetsteknik`)).json();
    expect(welding.courses[0].code).toBe('SVT101');
    svt101 = welding.courses[0].id;
    const detail = await waitForTags(svt101);
    expect(detail).toMatchObject({
      code: 'SVT101',
      externalId: 'HV-0001',
      title: { sv: 'Svetsteknik för arbetsledare och produktionstekniker', en: null },
      languages: ['sv'],
      credits: 7.5,
      level: 'first-cycle',
      format: 'blended',
      hei: { id: heiA, name: 'Högskolan Väst' },
    });
    expect(detail.learningOutcomes).toHaveLength(4);
    expect(detail.tags).toEqual([
      expect.objectContaining({
        concept: expect.objectContaining({ id: weldingConcept }),
        status: 'suggested',
      }),
    ]);
  });

  it('keeps a non-credit course without credits, its workload as credit equivalents', async () => {
    const [row] = await t.db.select().from(course).where(eq(course.externalId, 'HV-0009'));
    expect(row).toMatchObject({ level: 'non-credit', credits: null, creditEquivalent: 3 });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await t.db.select({ id: course.id, updatedAt: course.updatedAt }).from(course);
    const report = await importFile(heiA, coordA, 'catalog.json', catalogJson);
    expect(report.counts).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 220,
      notInFile: 0,
      tagsQueued: 0,
    });
    expect(await t.db.select({ id: course.id, updatedAt: course.updatedAt }).from(course)).toEqual(before);
  });

  it('updates by course code and never duplicates', async () => {
    const document = JSON.parse(catalogJson.toString('utf8'));
    document.courses[0].title = 'Svetsteknik för arbetsledare';
    document.courses[0].occasions = [{ start: '2027-02-01', end: '2027-04-30', place: 'Trollhättan' }];
    document.courses.push({
      id: 'HV-9999',
      code: 'NY100',
      title: 'Ny kurs i svetsteknik',
      language: 'sv',
      credits: 5,
      level: 'first-cycle',
      format: 'campus',
      subjects: ['Svetsteknik'],
    });
    const report = await importFile(heiA, adminA, 'catalog-v2.json', Buffer.from(JSON.stringify(document)));
    expect(report.counts).toMatchObject({ created: 1, updated: 1, unchanged: 219 });
    expect(await countOf(heiA)).toBe(221);
    const detail = (
      await t.request('GET', `/api/catalog/courses/${svt101}`, { cookie: coordA.cookie })
    ).json();
    expect(detail.title.sv).toBe('Svetsteknik för arbetsledare');
    expect(detail.occasions).toEqual([
      { startDate: '2027-02-01', endDate: '2027-04-30', place: 'Trollhättan', format: null },
    ]);
    // The same update again: nothing changes.
    const again = await importFile(heiA, adminA, 'catalog-v2.json', Buffer.from(JSON.stringify(document)));
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 221 });
  });

  it('lists the imports with their reports', async () => {
    const response = await t.request('GET', `/api/organisations/${heiA}/catalog/imports`, {
      cookie: coordA.cookie,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()[0].counts.unchanged).toBe(221);
  });

  it('confirms and rejects concept tags; a rejected concept is not suggested again', async () => {
    const tag = (conceptId: string, status: string) =>
      t.request('PUT', `/api/organisations/${heiA}/catalog/courses/${svt101}/tags/${conceptId}`, {
        cookie: coordA.cookie,
        body: { status },
      });
    const confirmed = await tag(weldingConcept, 'confirmed');
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().tags).toMatchObject([{ status: 'confirmed', concept: { id: weldingConcept } }]);
    // A concept nobody suggested can be added and then rejected.
    expect((await tag(leadershipConcept, 'rejected')).statusCode).toBe(200);
    const again = await t.request(
      'POST',
      `/api/organisations/${heiA}/catalog/courses/${svt101}/tag-suggestions`,
      { cookie: adminA.cookie },
    );
    expect(again.statusCode, again.body).toBe(200);
    const statuses = Object.fromEntries(
      again.json().tags.map((x: { concept: { id: string }; status: string }) => [x.concept.id, x.status]),
    );
    expect(statuses).toEqual({ [weldingConcept]: 'confirmed', [leadershipConcept]: 'rejected' });
    expect((await tag('00000000-0000-4000-8000-000000000000', 'confirmed')).statusCode).toBe(404);
    // A teacher reads tags but does not decide them.
    const byTeacher = await t.request(
      'PUT',
      `/api/organisations/${heiA}/catalog/courses/${svt101}/tags/${weldingConcept}`,
      { cookie: teacherA.cookie, body: { status: 'rejected' } },
    );
    expect(byTeacher.statusCode).toBe(403);
  });
});

describe('CSV and XLSX with a column mapping', () => {
  const csvFile = Buffer.from(
    '\uFEFFKurskod;Kursnamn;Språk;HP;Nivå;Form;Lärandemål;Pris\r\n' +
      'LED100;Ledarskap i industrin;svenska;7,5;grundnivå;distans;leda grupper|ge återkoppling;24 500\r\n' +
      ';Kurs utan kod;svenska;5;grundnivå;campus;;\r\n' +
      'LED200;Coaching;engelska;15;avancerad nivå;blended;;\r\n' +
      'LED300;Ledarskap för team;sv;sju;grundnivå;campus;;\r\n' +
      'LED400;Brevkurs;sv;3;grundnivå;korrespondens;;\r\n' +
      'LED100;Dubblett;sv;3;grundnivå;campus;;\r\n' +
      'LED500;Arbetsplatsförlagd ledarutbildning;sv;3;ej poänggivande;arbetsplats;;\r\n',
  );
  const mapping = {
    code: 'Kurskod',
    title: 'Kursnamn',
    language: 'Språk',
    credits: 'HP',
    level: 'Nivå',
    format: 'Form',
    learningOutcomes: 'Lärandemål',
    priceSek: 'Pris',
  };

  it('shows the columns, a few rows and a guessed mapping', async () => {
    const response = await upload(heiB, (await adminOf(heiB)).cookie, 'kurser.csv', csvFile);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      format: 'csv',
      rows: 7,
      columns: ['Kurskod', 'Kursnamn', 'Språk', 'HP', 'Nivå', 'Form', 'Lärandemål', 'Pris'],
      suggestedMapping: {
        code: 'Kurskod',
        title: 'Kursnamn',
        language: 'Språk',
        credits: 'HP',
        level: 'Nivå',
      },
    });
    expect(response.json().sampleRows[0]).toMatchObject({ Kurskod: 'LED100', HP: '7,5' });
  });

  it('lists every bad row with its number and reason, and writes nothing without keep-valid-rows', async () => {
    const admin = await adminOf(heiB);
    const report = await importFile(heiB, admin, 'kurser.csv', csvFile, { mapping });
    expect(report.status).toBe('needs_decision');
    expect(report.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([
      [3, 'missing_code'],
      [5, 'bad_credits'],
      [6, 'bad_format'],
      [7, 'duplicate_code'],
    ]);
    expect(report.problems[1].message).toEqual({
      sv: 'Högskolepoäng "sju" är inte ett tal över 0 (t.ex. 7,5).',
      en: 'Credits "sju" is not a number above 0 (e.g. 7.5).',
    });
    expect(report.counts).toMatchObject({ rows: 7, valid: 3, invalid: 4, created: 0 });
    expect(await countOf(heiB)).toBe(0);
  });

  it('writes the valid rows when the caller keeps them', async () => {
    const admin = await adminOf(heiB);
    const report = await importFile(heiB, admin, 'kurser.csv', csvFile, { mapping, keepValidRows: true });
    expect(report).toMatchObject({ status: 'succeeded', counts: { created: 3, invalid: 4 } });
    expect(report.problems).toHaveLength(4);
    const courses = (await list(admin, `&hei=${heiB}`)).json().courses;
    expect(courses.map((c: { code: string }) => c.code)).toEqual(['LED100', 'LED200', 'LED500']);
    expect(courses[0]).toMatchObject({
      credits: 7.5,
      format: 'distance',
      priceSek: 24500,
      languages: ['sv'],
    });
    expect(courses[1]).toMatchObject({ title: { sv: null, en: 'Coaching' }, level: 'second-cycle' });
    expect(courses[2]).toMatchObject({ level: 'non-credit', credits: null, creditEquivalent: 3 });
    const again = await importFile(heiB, admin, 'kurser.csv', csvFile, { mapping, keepValidRows: true });
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('refuses a mapping to a column the file does not have, naming the field', async () => {
    const admin = await adminOf(heiB);
    const uploaded = await upload(heiB, admin.cookie, 'kurser.csv', csvFile);
    const response = await t.request('POST', `/api/organisations/${heiB}/catalog/imports`, {
      cookie: admin.cookie,
      body: { uploadId: uploaded.json().uploadId, mapping: { ...mapping, code: 'Kod' } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'body.mapping.code', message: 'the file has no column "Kod"' },
    ]);
  });

  it('imports an XLSX workbook with its own column names, and again without changes', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Courses');
    sheet.addRow([
      'Course code',
      'Course title',
      'Teaching language',
      'ECTS',
      'Mode',
      'Teachers',
      'Syllabus',
    ]);
    sheet.addRow([
      'XL1',
      'Lean production',
      'en',
      7.5,
      'campus',
      'Anna Ek\nBo Ström',
      'https://example.se/XL1',
    ]);
    sheet.addRow(['XL2', 'Project management', 'en', 5, 'distance', '', '']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const xlsxMapping = {
      code: 'Course code',
      titleEn: 'Course title',
      language: 'Teaching language',
      credits: 'ECTS',
      format: 'Mode',
      teachers: 'Teachers',
      syllabusUrl: 'Syllabus',
    };
    const admin = await adminOf(heiB);
    const report = await importFile(heiB, admin, 'courses.xlsx', file, { mapping: xlsxMapping });
    expect(report).toMatchObject({ status: 'succeeded', format: 'xlsx', counts: { rows: 2, created: 2 } });
    const { courses } = (await list(admin, `&hei=${heiB}&q=lean`)).json();
    const detail = (
      await t.request('GET', `/api/catalog/courses/${courses[0].id}`, { cookie: admin.cookie })
    ).json();
    expect(detail).toMatchObject({
      code: 'XL1',
      title: { en: 'Lean production' },
      credits: 7.5,
      teachers: ['Anna Ek', 'Bo Ström'],
      syllabusUrl: 'https://example.se/XL1',
    });
    const again = await importFile(heiB, admin, 'courses.xlsx', file, { mapping: xlsxMapping });
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 2, notInFile: 3 });
  });

  it('refuses a file that is neither JSON, CSV nor XLSX', async () => {
    const response = await upload(heiB, (await adminOf(heiB)).cookie, 'kurser.xlsx', Buffer.from('hej'));
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('unsupported_file_type');
  });
});

const admins = new Map<string, TestUser>();
async function adminOf(heiId: string) {
  let admin = admins.get(heiId);
  if (!admin) {
    admin = await createUser(t, [{ organisationId: heiId, roles: ['admin'] }]);
    admins.set(heiId, admin);
  }
  return admin;
}

describe('shared within the consortium, private outside it', () => {
  it('lets every HEI user of the consortium search all its catalogues with filters', async () => {
    const all = (await list(teacherB)).json();
    expect(all.total).toBe(221 + 5);
    const english = (await list(teacherB, `&hei=${heiA}&language=en`)).json();
    expect(english.total).toBe(56);
    const distance = (await list(teacherB, '&format=distance&creditsMin=7&creditsMax=7.5')).json();
    expect(distance.courses.every((c: { format: string; credits: number }) => c.format === 'distance')).toBe(
      true,
    );
    expect(distance.courses.map((c: { code: string }) => c.code)).toContain('LED100');
    const second = (await list(teacherB, `&hei=${heiA}&level=second-cycle`)).json();
    expect(second.total).toBe(37);
    // Swedish and English full text, and typos in titles.
    const welding = (await list(teacherB, '&q=svetsning')).json();
    expect(welding.courses.length).toBeGreaterThan(2);
    expect(welding.courses[0].score).toBeGreaterThan(0);
    const typo = (await list(teacherB, '&q=ledarskp')).json();
    expect(typo.courses.map((c: { code: string }) => c.code)).toContain('LED100');
    const english2 = (await list(teacherB, '&q=project management')).json();
    expect(english2.courses.map((c: { code: string }) => c.code)).toContain('XL2');
    // A regional analyst of the consortium reads too.
    expect((await list(analyst)).json().total).toBe(226);
  });

  it('lets the other HEI read a course but not change it (404: not its catalogue)', async () => {
    const [one] = (await list(teacherB, `&hei=${heiA}`)).json().courses;
    expect(
      (await t.request('GET', `/api/catalog/courses/${one.id}`, { cookie: teacherB.cookie })).statusCode,
    ).toBe(200);
    const patch = await t.request('PATCH', `/api/organisations/${heiA}/catalog/courses/${one.id}`, {
      cookie: teacherB.cookie,
      body: { titleSv: 'Kapad' },
    });
    expect(patch.statusCode).toBe(404);
    // Its own path with another HEI's course: not found either.
    const admin = await adminOf(heiB);
    const viaOwn = await t.request('DELETE', `/api/organisations/${heiB}/catalog/courses/${one.id}`, {
      cookie: admin.cookie,
    });
    expect(viaOwn.statusCode).toBe(404);
  });

  it('hides the catalogues from another consortium (404) and from customers (403)', async () => {
    const [one] = (await list(teacherB, `&hei=${heiA}`)).json().courses;
    expect(
      (await t.request('GET', `/api/catalog/courses/${one.id}`, { cookie: coordC.cookie })).statusCode,
    ).toBe(404);
    expect((await list(coordC)).json().total).toBe(0);
    expect((await list(coordC, `&hei=${heiA}`)).statusCode).toBe(404);
    expect(
      (await t.request('GET', `/api/catalog/courses/${one.id}`, { cookie: customer.cookie })).statusCode,
    ).toBe(403);
    expect((await list(customer)).statusCode).toBe(403);
    expect((await t.request('GET', '/api/catalog/courses')).statusCode).toBe(401);
  });
});

describe('editing a course', () => {
  it('lets a coordinator add, change and delete a course; codes stay unique', async () => {
    const created = await t.request('POST', `/api/organisations/${heiA}/catalog/courses`, {
      cookie: coordA.cookie,
      body: {
        code: 'MAN001',
        titleSv: 'Manuellt tillagd kurs',
        languages: ['sv'],
        credits: 3,
        level: 'first-cycle',
        occasions: [{ startDate: '2027-09-01', place: 'Trollhättan', format: 'campus' }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json().occasions).toHaveLength(1);
    const duplicate = await t.request('POST', `/api/organisations/${heiA}/catalog/courses`, {
      cookie: coordA.cookie,
      body: { code: 'MAN001', titleSv: 'Igen' },
    });
    expect(duplicate.statusCode).toBe(409);
    const changed = await t.request('PATCH', `/api/organisations/${heiA}/catalog/courses/${id}`, {
      cookie: coordA.cookie,
      body: { priceSek: 12000, teachers: ['Eva Lund'] },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ priceSek: 12000, teachers: ['Eva Lund'], credits: 3 });
    const clash = await t.request('PATCH', `/api/organisations/${heiA}/catalog/courses/${id}`, {
      cookie: coordA.cookie,
      body: { code: 'SVT101' },
    });
    expect(clash.statusCode).toBe(409);
    const untitled = await t.request('PATCH', `/api/organisations/${heiA}/catalog/courses/${id}`, {
      cookie: coordA.cookie,
      body: { titleSv: null },
    });
    expect(untitled.statusCode).toBe(400);
    const byTeacher = await t.request('DELETE', `/api/organisations/${heiA}/catalog/courses/${id}`, {
      cookie: teacherA.cookie,
    });
    expect(byTeacher.statusCode).toBe(403);
    const deleted = await t.request('DELETE', `/api/organisations/${heiA}/catalog/courses/${id}`, {
      cookie: coordA.cookie,
    });
    expect(deleted.statusCode).toBe(204);
    expect((await t.request('GET', `/api/catalog/courses/${id}`, { cookie: coordA.cookie })).statusCode).toBe(
      404,
    );
  });
});

describe('suggested concepts to review', () => {
  it("lists the HEI's undecided suggestions course by course until someone decides them", async () => {
    const group = await createConsortium(t);
    const hei = (await createOrganisation(t, { kind: 'hei', name: 'Högskolan D', consortiumId: group.id }))
      .id;
    const coord = await createUser(t, [{ organisationId: hei, roles: ['coordinator'] }]);
    const teacher = await createUser(t, [{ organisationId: hei, roles: ['teacher'] }]);
    const review = (user: TestUser, query = '') =>
      t.request('GET', `/api/organisations/${hei}/catalog/tag-review${query}`, { cookie: user.cookie });
    expect((await review(coord)).json()).toEqual({ total: 0, courses: [] });
    // a course added by hand gets its suggestions at once
    const add = async (code: string, titleSv: string) => {
      const created = await t.request('POST', `/api/organisations/${hei}/catalog/courses`, {
        cookie: coord.cookie,
        body: { code, titleSv, languages: ['sv'], credits: 7.5, level: 'first-cycle' },
      });
      expect(created.statusCode, created.body).toBe(201);
      return created.json().id as string;
    };
    const leading = await add('LED200', 'Ledarskap i vården');
    const welding = await add('SVE100', 'Svetsteknik för montörer');

    const all = await review(coord);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({
      total: 2,
      courses: [
        { id: leading, code: 'LED200', tags: [{ concept: { id: leadershipConcept }, status: 'suggested' }] },
        { id: welding, code: 'SVE100', tags: [{ concept: { id: weldingConcept }, status: 'suggested' }] },
      ],
    });
    expect((await review(coord, '?limit=1')).json()).toMatchObject({
      total: 2,
      courses: [{ code: 'LED200' }],
    });
    // the next page, and past the end (still the total)
    expect((await review(coord, '?limit=1&offset=1')).json()).toMatchObject({
      total: 2,
      courses: [{ code: 'SVE100' }],
    });
    expect((await review(coord, '?limit=1&offset=5')).json()).toEqual({ total: 2, courses: [] });
    // narrowed by a course's code or title, or by a suggested concept's label (then only that concept)
    const narrowed = async (q: string) => (await review(coord, `?q=${encodeURIComponent(q)}`)).json();
    expect(await narrowed('sve1')).toMatchObject({ total: 1, courses: [{ code: 'SVE100' }] });
    expect(await narrowed('  I VÅRDEN ')).toMatchObject({ total: 1, courses: [{ code: 'LED200' }] });
    const byConcept = await narrowed('WELD'); // the concept's English label, in no title
    expect(byConcept).toMatchObject({ total: 1, courses: [{ code: 'SVE100' }] });
    expect(byConcept.courses[0].tags.map((tag: { concept: { id: string } }) => tag.concept.id)).toEqual([
      weldingConcept,
    ]);
    expect(await narrowed('kvastbinderi')).toEqual({ total: 0, courses: [] });
    expect(await narrowed('%')).toEqual({ total: 0, courses: [] });

    const decide = (courseId: string, conceptId: string, status: string) =>
      t.request('PUT', `/api/organisations/${hei}/catalog/courses/${courseId}/tags/${conceptId}`, {
        cookie: coord.cookie,
        body: { status },
      });
    expect((await decide(leading, leadershipConcept, 'confirmed')).statusCode).toBe(200);
    expect((await review(coord)).json()).toMatchObject({ total: 1, courses: [{ code: 'SVE100' }] });
    expect((await decide(welding, weldingConcept, 'rejected')).statusCode).toBe(200);
    expect((await review(coord)).json()).toEqual({ total: 0, courses: [] });

    // the HEI's writers only: its teachers 403, other HEIs 404, anonymous 401; a bad limit 400
    expect((await review(teacher)).statusCode).toBe(403);
    expect((await review(coordA)).statusCode).toBe(404);
    expect((await t.request('GET', `/api/organisations/${hei}/catalog/tag-review`)).statusCode).toBe(401);
    expect((await review(coord, '?limit=0')).statusCode).toBe(400);
    expect((await review(coord, '?offset=-1')).statusCode).toBe(400);
    expect((await review(coord, `?q=${'x'.repeat(201)}`)).statusCode).toBe(400);
  });
});

describe('the catalogue as a file (export, and import elsewhere)', () => {
  type Exported = {
    courses: {
      code: string;
      concepts: { source: string; id: string; label?: string }[];
      [field: string]: unknown;
    }[];
  };
  const exportOf = (heiId: string, user?: TestUser) =>
    t.request('GET', `/api/organisations/${heiId}/catalog/export`, user ? { cookie: user.cookie } : {});
  const asFile = (file: Exported) => Buffer.from(JSON.stringify(file));
  let exported: Exported;

  it('writes every course with its confirmed concepts; importing it again changes nothing', async () => {
    const response = await exportOf(heiA, coordA);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="kurskatalog-Hogskolan-Vast-\d{4}-\d{2}-\d{2}\.json"; filename\*=UTF-8''kurskatalog-H%C3%B6gskolan-V%C3%A4st-/,
    );
    exported = response.json();
    expect(exported.courses).toHaveLength((await countOf(heiA)) ?? -1);
    const welding = exported.courses.find((c) => c.code === 'SVT101');
    // confirmed concepts only: the rejected one and unconfirmed suggestions stay home
    expect(welding?.concepts).toEqual([{ source: 'demo', id: 'c-svets', label: 'svetsteknik' }]);
    expect(welding).toMatchObject({ id: 'HV-0001', language: ['sv'], credits: 7.5, level: 'first-cycle' });

    const again = await importFile(heiA, coordA, 'kurskatalog.json', asFile(exported));
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: exported.courses.length });
  });

  it('gives another HEI the same courses with the same confirmed concepts', async () => {
    const report = await importFile(heiC, coordC, 'kurskatalog.json', asFile(exported), {
      suggestTags: false,
    });
    expect(report.status).toBe('succeeded');
    const [copy] = await t.db
      .select({ id: course.id })
      .from(course)
      .where(sql`${course.heiId} = ${heiC} and ${course.code} = 'SVT101'`);
    const detail = (
      await t.request('GET', `/api/catalog/courses/${copy?.id}`, { cookie: coordC.cookie })
    ).json();
    expect(detail.tags).toMatchObject([{ status: 'confirmed', concept: { id: weldingConcept } }]);
    // and its export is the same file
    expect((await exportOf(heiC, coordC)).json()).toEqual(exported);
  });

  it('replaces the confirmed concepts a file names, and refuses concepts Lupp does not know', async () => {
    const withoutTags: Exported = {
      courses: exported.courses.map((c) => (c.code === 'SVT101' ? { ...c, concepts: [] } : c)),
    };
    const cleared = await importFile(heiC, coordC, 'kurskatalog.json', asFile(withoutTags));
    expect(cleared.counts).toMatchObject({ created: 0, updated: 1 });
    const svt = exported.courses.findIndex((c) => c.code === 'SVT101');
    const unknown: Exported = {
      courses: exported.courses.map((c, i) =>
        i === svt
          ? { ...c, concepts: [{ source: 'esco', id: 'http://data.europa.eu/esco/skill/not-here' }] }
          : i === svt + 1
            ? { ...c, concepts: [{ id: 'no-source' }] as Exported['courses'][number]['concepts'] }
            : c,
      ),
    };
    const refused = await importFile(heiC, coordC, 'kurskatalog.json', asFile(unknown));
    expect(refused.status).toBe('needs_decision');
    expect(refused.problems).toMatchObject([
      { row: svt + 1, code: 'unknown_concept', field: 'concepts' },
      { row: svt + 2, code: 'bad_concept', field: 'concepts[0]' },
    ]);
    expect(refused.problems[0].message.en).toContain('http://data.europa.eu/esco/skill/not-here');
    // nothing was written: the course still has no confirmed concept
    const copy = (await exportOf(heiC, coordC))
      .json()
      .courses.find((c: { code: string }) => c.code === 'SVT101');
    expect(copy.concepts).toEqual([]);
  });

  it('writes an Excel workbook whose course sheet imports back by itself, in Swedish or English', async () => {
    const response = await t.request('GET', `/api/organisations/${heiA}/catalog/export?format=xlsx`, {
      cookie: coordA.cookie,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toMatch(
      /filename="kurskatalog-Hogskolan-Vast-[\d-]+\.xlsx"/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Kurser', 'Tillfällen']);
    const [sheet, occasionSheet] = workbook.worksheets;
    if (!sheet || !occasionSheet) throw new Error('the workbook has not two sheets');
    const cells = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1);
    expect(cells(sheet.getRow(1))).toEqual([
      'Kurskod',
      'Kursnamn (sv)',
      'Kursnamn (en)',
      'Språk',
      'Högskolepoäng',
      'Nivå',
      'EQF-nivå',
      'SUN 2020',
      'Studieform',
      'Beskrivning',
      'Lärandemål',
      'Ämnesområden',
      'Lärare',
      'Förkunskapskrav',
      'Pris (SEK)',
      'Kursplan',
      'Id',
    ]);
    expect(sheet.rowCount).toBe(exported.courses.length + 1);
    let welding: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === 'SVT101') welding = row;
    });
    if (!welding) throw new Error('SVT101 is not in the sheet');
    expect(cells(welding).slice(0, 6)).toEqual([
      'SVT101',
      exported.courses.find((c) => c.code === 'SVT101')?.titleSv,
      undefined,
      'svenska',
      7.5,
      'grundnivå',
    ]);
    const occasions = exported.courses.reduce((n, c) => n + (c.occasions as unknown[]).length, 0);
    expect(occasionSheet.rowCount).toBe(occasions + 1);

    // Read back: the upload guesses every column, and the import changes nothing.
    const uploaded = await upload(heiA, coordA.cookie, 'kurskatalog.xlsx', response.rawPayload);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    // every field of ours but the one-language title and the occasion columns
    expect(Object.keys(uploaded.json().suggestedMapping).sort()).toEqual(
      mappableFields.filter((f) => f !== 'title' && !f.startsWith('occasion')).sort(),
    );
    const again = await importFile(heiA, coordA, 'kurskatalog.xlsx', response.rawPayload);
    expect(again.problems).toEqual([]);
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: exported.courses.length });

    // A person edits a title in Excel: that course is updated, and keeps its occasions and confirmed concept.
    welding.getCell(2).value = 'Svetsteknik, grundkurs';
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());
    const update = await importFile(heiA, coordA, 'kurskatalog.xlsx', edited);
    expect(update.counts).toMatchObject({ created: 0, updated: 1, unchanged: exported.courses.length - 1 });
    const after = (await exportOf(heiA, coordA)).json() as Exported;
    const before = exported.courses.find((c) => c.code === 'SVT101');
    expect(after.courses.find((c) => c.code === 'SVT101')).toEqual({
      ...before,
      titleSv: 'Svetsteknik, grundkurs',
    });

    // In English: English column names, which the upload maps as well.
    const english = await t.request('GET', `/api/organisations/${heiA}/catalog/export?format=xlsx&lang=en`, {
      cookie: coordA.cookie,
    });
    expect(english.headers['content-language']).toBe('en');
    const englishBook = new ExcelJS.Workbook();
    await englishBook.xlsx.load(english.rawPayload as unknown as ArrayBuffer);
    expect(englishBook.worksheets.map((w) => w.name)).toEqual(['Courses', 'Occasions']);
    const englishUpload = await upload(heiA, coordA.cookie, 'catalogue.xlsx', english.rawPayload);
    expect(Object.keys(englishUpload.json().suggestedMapping)).toHaveLength(17);
    const unchanged = await importFile(heiA, coordA, 'catalogue.xlsx', english.rawPayload);
    expect(unchanged.counts).toMatchObject({ updated: 0, unchanged: exported.courses.length });
    expect(
      (
        await t.request('GET', `/api/organisations/${heiA}/catalog/export?format=pdf`, {
          cookie: coordA.cookie,
        })
      ).statusCode,
    ).toBe(400);
  });

  it('keeps a list item that contains ";" or " | " whole through the workbook', async () => {
    const created = await t.request('POST', `/api/organisations/${heiC}/catalog/courses`, {
      cookie: coordC.cookie,
      body: {
        code: 'LIST01',
        titleSv: 'Riskbedömning i verkstaden',
        languages: ['sv'],
        learningOutcomes: ['bedöma risker; välja åtgärder'],
        subjects: ['Svetsning | TIG', 'Arbetsmiljö; säkerhet'],
        teachers: ['Anna Lind'],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const before = (await exportOf(heiC, coordC)).json() as Exported;
    const workbook = await t.request('GET', `/api/organisations/${heiC}/catalog/export?format=xlsx`, {
      cookie: coordC.cookie,
    });
    const again = await importFile(heiC, coordC, 'kurskatalog.xlsx', workbook.rawPayload);
    expect(again.problems).toEqual([]);
    expect(again.counts).toMatchObject({ updated: 0, unchanged: before.courses.length });
    const course = (await exportOf(heiC, coordC))
      .json()
      .courses.find((c: { code: string }) => c.code === 'LIST01');
    expect(course).toMatchObject({
      learningOutcomes: ['bedöma risker; välja åtgärder'],
      subjects: ['Svetsning | TIG', 'Arbetsmiljö; säkerhet'],
    });
  });

  it("is for the HEI's admins and coordinators", async () => {
    expect((await exportOf(heiA, adminA)).statusCode).toBe(200);
    expect((await exportOf(heiA, teacherA)).statusCode).toBe(403);
    expect((await exportOf(heiA, teacherB)).statusCode).toBe(404);
    expect((await exportOf(heiA, coordC)).statusCode).toBe(404);
    expect((await exportOf(heiA, customer)).statusCode).toBe(404);
    expect((await exportOf(heiA)).statusCode).toBe(401);
  });
});

describe('lupp import catalog (the command, as an operator runs it)', () => {
  const bin = path.resolve('bin/lupp.js');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lupp-catalog-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('imports the real file into the HEI named by organisation number, then changes nothing', async () => {
    const orgNumber = withCheckDigit('202199777');
    // A database with one HEI, of the run's kind: an embedded one in a data folder (the run's migrated
    // template unpacked into it), or a server database.
    const server = process.env.DATABASE_URL ? await createTestDatabase() : null;
    const database = server ?? (await createTestDataDir(`${dataDir}/pgdata`));
    try {
      const [k] = await database.db.insert(consortium).values({ slug: 'cli', name: 'CLI' }).returning();
      await database.db
        .insert(organisation)
        .values({ kind: 'hei', name: 'Högskolan Väst', orgNumber, consortiumId: k?.id });
      if (!server) await database.close();
      const env = {
        ...process.env,
        NODE_ENV: 'development',
        LUPP_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        DATABASE_URL: server?.url ?? '',
      };
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [bin, 'import', 'catalog', ...args], {
          env,
          encoding: 'utf8',
          timeout: 150_000,
        });
      const first = run('--hei', `${orgNumber.slice(0, 6)}-${orgNumber.slice(6)}`, CATALOG, '--no-tags');
      expect(first.status, first.stderr + first.stdout).toBe(0);
      expect(first.stdout).toContain('"created":220');
      const second = run('--hei', orgNumber, CATALOG, '--no-tags');
      expect(second.status, second.stderr).toBe(0);
      expect(second.stdout).toMatch(/"created":0,"updated":0,"unchanged":220/);
      // A CSV with a bad row: nothing written without --keep-valid-rows, exit code 1.
      const csv = path.join(dataDir, 'kurser.csv');
      writeFileSync(csv, 'Kod;Namn\nNY1;Ny kurs\n;Utan kod\n');
      const bad = run('--hei', orgNumber, csv, '--map', 'code=Kod', '--map', 'title=Namn', '--no-tags');
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain('row 3: The course code is missing. (missing_code)');
      const kept = run(
        '--hei',
        orgNumber,
        csv,
        '--map',
        'code=Kod',
        '--map',
        'title=Namn',
        '--keep-valid-rows',
      );
      expect(kept.status, kept.stdout).toBe(0);
      expect(kept.stdout).toContain('"created":1');
      expect(run('--hei', '202100-0000', CATALOG).status).toBe(2);
    } finally {
      await server?.close();
    }
  }, 300_000);
});

describe('searching the catalogue for programming languages and acronyms', () => {
  it('finds C#, C++, .NET, ASP.NET and an acronym in the plural as words of their own, as matching does', async () => {
    const hei = (await createOrganisation(t, { kind: 'hei' })).id;
    const coord = await createUser(t, [{ organisationId: hei, roles: ['coordinator'] }]);
    const create = async (body: Record<string, unknown>) => {
      const created = await t.request('POST', `/api/organisations/${hei}/catalog/courses`, {
        cookie: coord.cookie,
        body: { languages: ['sv'], ...body },
      });
      expect(created.statusCode, created.body).toBe(201);
    };
    await create({ code: 'CS1', titleSv: 'Programmering i C# och .NET' });
    await create({ code: 'CPP1', titleSv: 'Programmering i C++' });
    await create({ code: 'NET1', titleSv: 'Nätverksteknik', subjects: ['Nätverk', 'Netflow'] });
    await create({ code: 'PLC1', titleSv: 'Automation', learningOutcomes: ['programmera en PLC'] });
    await create({ code: 'WEB1', titleSv: 'Webbutveckling', description: 'Med ASP.NET Core och Node.js.' });
    const codes = async (q: string) =>
      (await list(coord, `&hei=${hei}&q=${encodeURIComponent(q)}`))
        .json()
        .courses.map((c: { code: string }) => c.code)
        .sort();
    // "C#" and "C++" were the letter "c" (no word at all in a search) and ".NET" was "net" (Netflow)
    expect(await codes('C#')).toEqual(['CS1']);
    expect(await codes('c++')).toEqual(['CPP1']);
    expect(await codes('.NET')).toEqual(['CS1']);
    // the English plural "PLCs" stayed "plcs", which "plc" does not begin
    expect(await codes('PLCs')).toEqual(['PLC1']);
    // a name with dots is one word, in the column and in the search box ("asp" and "js" were two)
    expect(await codes('ASP.NET')).toContain('WEB1');
    expect(await codes('node.js webbutveckling')).toEqual(['WEB1']);
  });

  it('reads a search box the way the database reads course text (cleanText and cleanSql agree)', async () => {
    const texts = [
      'PLCs, HMIs och CNC:er',
      'C#, F# och c++ på .NET (ASP.NET, node.js)',
      'MIG/MAG-svetsning; Lean/Six Sigma',
      'Åsa läser PLCsystem och ÅPLCs',
      '.net-utveckling',
    ];
    for (const text of texts) {
      const read = await t.db.execute<{ clean: string }>(
        sql`select ${sql.raw(cleanSql('x.t'))} as clean from (select ${text}::text as t) x`,
      );
      expect(cleanText(text), text).toBe(read.rows[0]?.clean);
    }
  });
});
