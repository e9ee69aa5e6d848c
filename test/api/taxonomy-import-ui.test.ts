import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadDir } from '../../src/features/taxonomy/taxonomy.jobs.ts';
import { taxonomyConcept } from '../../src/features/taxonomy/taxonomy.table.ts';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../support/app.ts';
import { createConsortium, createOrganisation, createUser, type TestUser } from '../support/factories.ts';

// Taxonomy imports from the admin page: files uploaded over HTTP, imported by the pg-boss job, followed
// by polling. The real files in ../shared/datasets/taxonomy (relative to the repository root).
const ESCO = path.resolve('../shared/datasets/taxonomy/esco');
const JOBTECH = path.resolve('../shared/datasets/taxonomy/jobtech');

let t: TestApp;
let admin: TestUser;
let otherHeiAdmin: TestUser;
let teacher: TestUser;
let customer: TestUser;
let analyst: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  const alliance = await createConsortium(t);
  const hei = await createOrganisation(t, { kind: 'hei', consortiumId: alliance.id });
  admin = await createUser(t, [{ organisationId: hei.id, roles: ['admin'] }]);
  otherHeiAdmin = await createUser(t, [
    { organisationId: (await createOrganisation(t, { kind: 'hei' })).id, roles: ['admin'] },
  ]);
  teacher = await createUser(t, [{ organisationId: hei.id, roles: ['teacher', 'coordinator', 'manager'] }]);
  customer = await createUser(t, [
    { organisationId: (await createOrganisation(t, { kind: 'customer' })).id, roles: ['customer_contact'] },
  ]);
  analyst = await createUser(t, [{ consortiumId: alliance.id, roles: ['analyst'] }]);
});
afterAll(() => t.close());

type File = { name: string; content: Buffer };
const filesIn = (dir: string): File[] =>
  readdirSync(dir)
    .sort()
    .map((name) => ({ name, content: readFileSync(path.join(dir, name)) }));

/** POSTs a multipart form as the browser would: the fields first, then the files. */
function upload(user: TestUser | null, fields: Record<string, string>, files: File[]) {
  const boundary = `----lupp${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({
    method: 'POST',
    url: '/api/taxonomy/imports',
    headers: {
      origin: TEST_ORIGIN,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...(user ? { cookie: user.cookie } : {}),
    },
    payload: Buffer.concat(chunks),
  });
}

type ImportView = {
  id: string;
  status: string;
  progress: { phase: string; done: number; total: number } | null;
  counts: Record<string, number>;
  problems: { file: string; row: number | null; problem: string }[];
};

/** Polls the import as the admin page does, until the job has finished with it. */
async function finished(id: string): Promise<ImportView> {
  const until = Date.now() + 90_000;
  for (;;) {
    const response = await t.request('GET', `/api/taxonomy/imports/${id}`, { cookie: admin.cookie });
    expect(response.statusCode, response.body).toBe(200);
    const view: ImportView = response.json();
    if (!['queued', 'running'].includes(view.status)) return view;
    if (Date.now() > until)
      throw new Error(`import ${id} still ${view.status}: ${JSON.stringify(view.progress)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const count = async (where: ReturnType<typeof and>) =>
  (await t.db.select({ n: sql<number>`count(*)::int` }).from(taxonomyConcept).where(where))[0]?.n;

describe('importing taxonomy files from the admin page', () => {
  it('queues the real JobTech files, imports them in the background and reports counts and progress', async () => {
    const response = await upload(admin, { format: 'jobtech', version: '2024-1' }, filesIn(JOBTECH));
    expect(response.statusCode, response.body).toBe(202);
    const queued: ImportView & { keepValidRows: boolean } = response.json();
    expect(queued).toMatchObject({ status: 'queued', keepValidRows: false, counts: { files: 7 } });
    expect(response.headers.location).toBe(`/api/taxonomy/imports/${queued.id}`);

    const done = await finished(queued.id);
    expect(done.status).toBe('succeeded');
    expect(done.counts).toMatchObject({ files: 7, concepts: 12091, relations: 5386, problems: 0 });
    expect(done.progress).toMatchObject({ phase: 'done' });
    expect(done.progress?.done).toBe(done.progress?.total);
    expect(done.problems).toEqual([]);
    expect(await count(and(eq(taxonomyConcept.source, 'jobtech'), eq(taxonomyConcept.type, 'skill')))).toBe(
      6657,
    );
    expect(await count(eq(taxonomyConcept.version, '2024-1'))).toBe(12091);
    // The uploaded files are removed once the job has run (just after it reports the import done).
    const until = Date.now() + 15_000;
    while (existsSync(uploadDir(t.config.dataDir, queued.id)) && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(existsSync(uploadDir(t.config.dataDir, queued.id))).toBe(false);
  });

  it('imports the real ESCO package (version and language from the form and the file names)', async () => {
    const response = await upload(admin, { format: 'esco', version: '1.2.0' }, filesIn(ESCO));
    expect(response.statusCode, response.body).toBe(202);
    const done = await finished(response.json().id);
    expect(done).toMatchObject({
      status: 'succeeded',
      counts: { files: 4, concepts: 2012, relations: 3558, problems: 0 },
    });
    expect(await count(and(eq(taxonomyConcept.source, 'esco'), eq(taxonomyConcept.type, 'skill')))).toBe(
      1372,
    );
    const history = await t.request('GET', '/api/taxonomy/imports', { cookie: otherHeiAdmin.cookie });
    expect(history.statusCode).toBe(200);
    expect(history.json().slice(0, 2)).toMatchObject([
      { source: 'esco', version: '1.2.0', language: 'en', status: 'succeeded' },
      { source: 'jobtech', version: '2024-1', language: 'sv', status: 'succeeded' },
    ]);
  });

  describe('a file with broken rows', () => {
    // Ten real rows of the transversal skills collection under new URIs; two are broken.
    const [header, ...records] = parse(
      readFileSync(path.join(ESCO, 'transversalSkillsCollection_en.csv'), 'utf8'),
      {
        relax_column_count: true,
      },
    ) as string[][];
    const uri = (header ?? []).indexOf('conceptUri');
    const label = (header ?? []).indexOf('preferredLabel');
    const rows = records.slice(0, 10).map((r, i) => {
      const row = [...r];
      row[uri] = `http://lupp.test/esco/skill/broken-${i}`;
      if (i === 2) row[uri] = 'not a uri';
      if (i === 5) row[label] = '';
      return row;
    });
    const csv = [header ?? [], ...rows]
      .map((row) => row.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(','))
      .join('\n');
    const broken: File = { name: 'transversalSkillsCollection_en.csv', content: Buffer.from(csv) };
    const testConcepts = () => count(like(taxonomyConcept.externalId, 'http://lupp.test/esco/%'));

    it('is reported row by row and nothing is written', async () => {
      const response = await upload(admin, { format: 'esco', version: '1.2.0' }, [broken]);
      expect(response.statusCode, response.body).toBe(202);
      const done = await finished(response.json().id);
      expect(done.status).toBe('needs_decision');
      expect(done.problems).toEqual([
        { file: broken.name, row: 4, problem: 'conceptUri is missing or not a URI' },
        { file: broken.name, row: 7, problem: 'preferredLabel is empty' },
      ]);
      expect(done.counts).toMatchObject({ concepts: 8, problems: 2 });
      expect(await testConcepts()).toBe(0);
    });

    it('keeps the valid rows when the admin chooses to', async () => {
      const response = await upload(admin, { format: 'esco', version: '1.2.0', keepValidRows: 'true' }, [
        broken,
      ]);
      expect(response.statusCode, response.body).toBe(202);
      expect(response.json().keepValidRows).toBe(true);
      const done = await finished(response.json().id);
      expect(done.status).toBe('succeeded');
      expect(done.problems.map((p) => p.row)).toEqual([4, 7]);
      expect(await testConcepts()).toBe(8);
    });
  });

  it('refuses bad uploads before queueing anything', async () => {
    const json = filesIn(JOBTECH).slice(0, 1);
    const wrongType = await upload(admin, { format: 'esco', version: '1.2.0' }, json);
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors[0]).toMatchObject({ field: 'body.files' });
    const noVersion = await upload(admin, { format: 'esco' }, filesIn(ESCO).slice(0, 1));
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().errors[0]).toMatchObject({ field: 'body.version' });
    const noFiles = await upload(admin, { format: 'jobtech' }, []);
    expect(noFiles.statusCode).toBe(400);
    const badFormat = await upload(admin, { format: 'onet' }, json);
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.json().errors[0]).toMatchObject({ field: 'body.format' });
    const json400 = await t.request('POST', '/api/taxonomy/imports', { cookie: admin.cookie, body: {} });
    expect(json400.statusCode).toBe(415);
    const before = (await t.request('GET', '/api/taxonomy/imports', { cookie: admin.cookie })).json().length;
    expect(before).toBe(4);
    expect(
      (await t.request('GET', `/api/taxonomy/imports/${randomUUID()}`, { cookie: admin.cookie })).statusCode,
    ).toBe(404);
  });

  it('is for HEI administrators only: others get 403, anonymous callers 401', async () => {
    const files = filesIn(JOBTECH).slice(0, 1);
    const [existing] = (await t.request('GET', '/api/taxonomy/imports', { cookie: admin.cookie })).json();
    for (const user of [teacher, customer, analyst]) {
      expect((await upload(user, { format: 'jobtech' }, files)).statusCode).toBe(403);
      expect((await t.request('GET', '/api/taxonomy/imports', { cookie: user.cookie })).statusCode).toBe(403);
      expect(
        (await t.request('GET', `/api/taxonomy/imports/${existing.id}`, { cookie: user.cookie })).statusCode,
      ).toBe(403);
    }
    expect((await upload(null, { format: 'jobtech' }, files)).statusCode).toBe(401);
    expect((await t.request('GET', `/api/taxonomy/imports/${existing.id}`)).statusCode).toBe(401);
    expect((await t.request('GET', '/api/taxonomy/imports', { cookie: admin.cookie })).json()).toHaveLength(
      4,
    );
  });
});
