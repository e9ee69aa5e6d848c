import { inflateRawSync } from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getGuide } from '../../src/features/guide/guide.content.ts';
import { guideOverride } from '../../src/features/guide/guide.table.ts';
import { guidePathForStage, heiGuidePaths } from '../../src/features/guide/guide.text.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createOrganisation, createUser, type TestUser } from '../support/factories.ts';
import { pdfText } from '../support/pdf-text.ts';

// An HEI's version of the process guide: its administrators adapt shared pages and templates and add
// pages of their own, checked like the shared content, guarded against lost updates and audited; anyone
// reads the HEI's version at /guide/l/<organisationId>, which falls back to the shared content.

let t: TestApp;
let heiA: { id: string; name: string };
let heiB: { id: string; name: string };
let customer: { id: string };
let adminA: TestUser;
let adminA2: TestUser;
let managerA: TestUser;
let coordinatorA: TestUser;
let adminB: TestUser;
let customerAdmin: TestUser;
const shared = getGuide();

beforeAll(async () => {
  t = await createTestApp();
  heiA = await createOrganisation(t, { kind: 'hei', name: 'Högskolan Anpassad' });
  heiB = await createOrganisation(t, { kind: 'hei', name: 'Högskolan Delad' });
  customer = await createOrganisation(t, { kind: 'customer' });
  adminA = await createUser(t, [{ organisationId: heiA.id, roles: ['admin'] }], { name: 'Alva Admin' });
  adminA2 = await createUser(t, [{ organisationId: heiA.id, roles: ['admin'] }], { name: 'Bo Bengtsson' });
  managerA = await createUser(t, [{ organisationId: heiA.id, roles: ['manager'] }]);
  coordinatorA = await createUser(t, [{ organisationId: heiA.id, roles: ['coordinator'] }]);
  adminB = await createUser(t, [{ organisationId: heiB.id, roles: ['admin'] }]);
  customerAdmin = await createUser(t, [
    { organisationId: customer.id, roles: ['customer_contact', 'admin'] },
  ]);
});

afterAll(async () => {
  await t?.close();
});

const api = (hei: string, kind: 'pages' | 'templates', id: string, lang = 'sv') =>
  `/api/organisations/${hei}/guide/${kind}/${encodeURIComponent(id)}/${lang}`;
const put = (user: TestUser, url: string, body: unknown) =>
  t.request('PUT', url, { cookie: user.cookie, body });
const html = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });

const vatBody = (extra = '') =>
  `# Moms vid Högskolan Anpassad\n\nHos oss svarar ekonomienheten på frågor om moms: skriv till moms@anpassad.example.\n\n## Våra regler\n\nVi tar aldrig ut moms på uppdragsutbildning.${extra}\n`;

/** The files of a ZIP archive (a DOCX is one), read with zlib alone. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

describe("an HEI's adaptations of the guide", () => {
  it('are written by its administrators only; managers read; other organisations do not see them', async () => {
    const body = { title: 'Moms vid Högskolan Anpassad', body: vatBody() };
    expect((await t.request('PUT', api(heiA.id, 'pages', 'vat'), { body })).statusCode).toBe(401);
    expect((await put(managerA, api(heiA.id, 'pages', 'vat'), body)).statusCode).toBe(403);
    expect((await put(coordinatorA, api(heiA.id, 'pages', 'vat'), body)).statusCode).toBe(403);
    const outsider = await put(adminB, api(heiA.id, 'pages', 'vat'), body);
    expect(outsider.statusCode).toBe(404);
    expect(outsider.json().code).toBe('not_found');
    // A customer organisation has no version of the guide, even for its own administrator.
    expect((await put(customerAdmin, api(customer.id, 'pages', 'vat'), body)).statusCode).toBe(404);

    const saved = await put(adminA, api(heiA.id, 'pages', 'vat'), body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      kind: 'page',
      id: 'vat',
      language: 'sv',
      state: 'adapted',
      title: 'Moms vid Högskolan Anpassad',
      part: 'rules',
      override: { revision: 1, basedOn: shared.page('sv', 'vat')?.updated, updatedBy: 'Alva Admin' },
      shared: { title: 'Moms på uppdragsutbildning', path: '/guide/vat' },
      sharedChangedSince: false,
      path: `/guide/l/${heiA.id}/vat`,
    });
    expect(saved.json().shared.body).toContain('# Moms på uppdragsutbildning');

    const read = await t.request('GET', api(heiA.id, 'pages', 'vat'), { cookie: managerA.cookie });
    expect(read.statusCode).toBe(200);
    expect(read.json().override.body).toBe(vatBody());
    expect(
      (await t.request('GET', api(heiA.id, 'pages', 'vat'), { cookie: coordinatorA.cookie })).statusCode,
    ).toBe(403);
    expect((await t.request('GET', api(heiA.id, 'pages', 'vat'), { cookie: adminB.cookie })).statusCode).toBe(
      404,
    );
    expect(
      (await t.request('GET', `/api/organisations/${heiA.id}/guide`, { cookie: adminB.cookie })).statusCode,
    ).toBe(404);
    // B's own view of the same page: the shared one.
    const ofB = await t.request('GET', api(heiB.id, 'pages', 'vat'), { cookie: adminB.cookie });
    expect(ofB.json()).toMatchObject({
      state: 'shared',
      override: null,
      title: 'Moms på uppdragsutbildning',
    });
  });

  it('are checked like the shared content, with a clear message per problem', async () => {
    const refused = async (url: string, body: unknown) => {
      const response = await put(adminA, url, body);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().code).toBe('validation_failed');
      return response.json().errors as { field: string; message: string }[];
    };
    const page = api(heiA.id, 'pages', 'full-cost');
    expect(await refused(page, { title: 'Full kostnad', body: 'Ingen rubrik.' })).toEqual([
      { field: 'body.body', message: 'the text must start with a level-1 heading (# Title)' },
    ]);
    expect(await refused(page, { title: 'Full kostnad', body: '# Något annat\n\nText.' })).toEqual([
      { field: 'body.title', message: 'must be the same as the text\'s heading ("# Något annat")' },
    ]);
    expect(
      await refused(page, {
        title: 'Full kostnad',
        body: '# Full kostnad\n\nSe [moms](vat.md#finns-inte), [saknas](no-such-page.md) och [fel](http//x).',
      }),
    ).toEqual([
      { field: 'body.body', message: 'link "http//x": write a page as "<id>.md" (or an http(s) address)' },
    ]);
    expect(
      (
        await refused(page, {
          title: 'Full kostnad',
          body: '# Full kostnad\n\nSe [moms](vat.md#finns-inte) och [saknas](no-such-page.md).',
        })
      ).map((e) => e.message),
    ).toEqual([
      'link to "vat.md#finns-inte", which has no such heading',
      'link to "no-such-page.md", which is neither a page of the guide nor one of your own pages in Swedish',
    ]);
    // A stage page keeps its decision points from the checklist; an own page cannot have them.
    expect(
      await refused(api(heiA.id, 'pages', 'stage-design'), {
        title: 'Steg 4: Utformning',
        body: '# Steg 4: Utformning\n\nVi gör som vi vill.',
      }),
    ).toEqual([
      {
        field: 'body.body',
        message:
          "must keep the line {{decision-points}}: the decision points come from the case pipeline's checklist",
      },
    ]);
    expect(
      await refused(api(heiA.id, 'pages', 'var-rutin'), {
        title: 'Vår rutin',
        body: '# Vår rutin\n\n{{decision-points}}',
      }),
    ).toEqual([
      {
        field: 'body.body',
        message: '{{decision-points}} belongs on the stage pages and the stages’ checklists only',
      },
    ]);
    expect(
      await refused(api(heiA.id, 'templates', 'checklist-design'), {
        title: 'Checklista',
        body: '# Checklista\n\n- [ ] Klart',
      }),
    ).toEqual([
      {
        field: 'body.body',
        message:
          "must keep the line {{decision-points table}}: the decision points come from the case pipeline's checklist",
      },
    ]);
    expect(
      (await refused(page, { title: 'Full kostnad', body: '# Full kostnad\n\n{{unknown}}' }))[0]?.message,
    ).toBe('unknown directive {{unknown}}');
    // An own page's id is its address: ASCII kebab-case, none of the guide's own.
    for (const id of ['Vara-kontakter', 'våra-kontakter', 'sok', 'l', 'a--b'])
      expect(
        (await refused(api(heiA.id, 'pages', id), { title: 'X', body: '# X' })).map((e) => e.field),
      ).toEqual(['params.itemId']);
    expect((await refused(page, { title: ' ', body: '  ' })).map((e) => e.field).sort()).toEqual([
      'body.body',
      'body.title',
    ]);
    const extra = await put(adminA, page, { title: 'X', body: '# X', extra: true });
    expect(extra.statusCode).toBe(400);
    // Templates are adapted only: there are no own templates.
    const template = await put(adminA, api(heiA.id, 'templates', 'var-mall'), {
      title: 'Mall',
      body: '# Mall',
    });
    expect(template.statusCode).toBe(404);
    expect(
      (await put(adminA, api(heiA.id, 'pages', 'vat', 'de'), { title: 'X', body: '# X' })).statusCode,
    ).toBe(400);
    // Nothing of it was stored.
    const stored = await t.db.select().from(guideOverride).where(eq(guideOverride.itemId, 'full-cost'));
    expect(stored).toEqual([]);
  });

  it('are not lost when two administrators save the same page: the later save is told who saved', async () => {
    const url = api(heiA.id, 'pages', 'public-procurement');
    const title = shared.page('sv', 'public-procurement')?.title ?? '';
    const text = (words: string) => ({ title, body: `# ${title}\n\n${words}` });
    const first = await put(adminA, url, text('Första versionen.'));
    expect(first.json().override.revision).toBe(1);
    // Creating again (without a revision) when it exists is a conflict.
    const again = await put(adminA2, url, text('Också först.'));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('edit_conflict');
    expect(again.json().detail).toContain('Alva Admin');

    const second = await put(adminA2, url, { ...text('Bos version.'), revision: 1 });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().override).toMatchObject({ revision: 2, updatedBy: 'Bo Bengtsson' });
    const stale = await put(adminA, url, { ...text('Alvas ändring.'), revision: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'edit_conflict', status: 409, changedBy: 'Bo Bengtsson' });
    expect(stale.json().detail).toMatch(
      /^Bo Bengtsson changed this page \(revision 2\) at .* after you opened it/,
    );
    const kept = await t.request('GET', url, { cookie: adminA.cookie });
    expect(kept.json().override.body).toContain('Bos version.');

    // A stale reset is refused too; then a save based on what was removed is told who removed it.
    const staleReset = await t.request('DELETE', `${url}?revision=1`, { cookie: adminA.cookie });
    expect(staleReset.statusCode).toBe(409);
    expect((await t.request('DELETE', `${url}?revision=2`, { cookie: adminA2.cookie })).statusCode).toBe(204);
    const afterReset = await put(adminA, url, { ...text('Alvas ändring.'), revision: 2 });
    expect(afterReset.statusCode).toBe(409);
    expect(afterReset.json().detail).toMatch(/^Bo Bengtsson removed this page at .* after you opened it/);
    expect((await t.request('GET', url, { cookie: adminA.cookie })).json()).toMatchObject({
      state: 'shared',
      override: null,
    });
    expect((await t.request('DELETE', url, { cookie: adminA.cookie })).statusCode).toBe(404);
  });

  it('preview the text as the version would show it, checked like a save, without storing it', async () => {
    const url = `${api(heiA.id, 'pages', 'roles')}/preview`;
    const preview = await t.request('POST', url, {
      cookie: adminA.cookie,
      body: {
        title: 'Roller hos oss',
        body: '# Roller hos oss\n\nSe [momsen](vat.md) <script>alert(1)</script>.',
      },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().title).toBe('Roller hos oss');
    expect(preview.json().html).toContain(`<a href="/guide/l/${heiA.id}/vat">momsen</a>`);
    expect(preview.json().html).toContain('&lt;script&gt;');
    expect(preview.json().html).not.toContain('<h1');
    const bad = await t.request('POST', url, { cookie: adminA.cookie, body: { title: 'X', body: 'Y' } });
    expect(bad.statusCode).toBe(400);
    expect(
      (await t.request('POST', url, { cookie: managerA.cookie, body: { title: 'X', body: '# X' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.request('GET', api(heiA.id, 'pages', 'roles'), { cookie: adminA.cookie })).json().state,
    ).toBe('shared');
  });
});

describe("an HEI's version of the guide, public", () => {
  const base = () => heiGuidePaths(heiA.id);

  beforeAll(async () => {
    // An own page, linked from the adapted VAT page; the VAT page was adapted above.
    const own = await put(adminA, api(heiA.id, 'pages', 'vara-kontakter'), {
      title: 'Våra kontakter',
      body: '# Våra kontakter\n\nUppdragsutbildningens kansli finns i Kvarnbackshuset, vardagar.\n\n## Ekonomi\n\nFrågor om [moms](vat.md#vara-regler) går till ekonomienheten.',
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({
      state: 'own',
      part: 'own',
      shared: null,
      override: { basedOn: null },
    });
    const vat = await t.request('GET', api(heiA.id, 'pages', 'vat'), { cookie: adminA.cookie });
    const linked = await put(adminA, api(heiA.id, 'pages', 'vat'), {
      title: 'Moms vid Högskolan Anpassad',
      body: vatBody(' Kontakta oss via [våra kontakter](vara-kontakter.md#ekonomi).'),
      revision: vat.json().override.revision,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    const template = await put(adminA, api(heiA.id, 'templates', 'calculation'), {
      title: 'Kalkylblad vid Högskolan Anpassad',
      body: '# Kalkylblad vid Högskolan Anpassad\n\nAnvänd våra satser från ekonomienheten: timpris 1 234 kronor.\n\n| Post | Belopp |\n| --- | --- |\n| Lärartid | ________ |\n\n- [ ] Godkänd av prefekten',
    });
    expect(template.statusCode, template.body).toBe(200);
  });

  it("shows the HEI's adaptation, saying so and linking the shared page", async () => {
    const page = await html(base().page('sv', 'vat'));
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['cache-control']).toBe('public, no-cache');
    expect(page.body).toContain('<h1>Moms vid Högskolan Anpassad</h1>');
    expect(page.body).toContain('Vi tar aldrig ut moms på uppdragsutbildning.');
    expect(page.body).toContain('Högskolan Anpassad har anpassat den här sidan efter sitt arbetssätt.');
    expect(page.body).toContain(
      '<a href="/guide/vat">Läs den gemensamma versionen: Moms på uppdragsutbildning</a>',
    );
    expect(page.body).toContain(`<a href="/guide/l/${heiA.id}/vara-kontakter#ekonomi">våra kontakter</a>`);
    expect(page.body).toContain(`<link rel="canonical" href="http://localhost:3000/guide/l/${heiA.id}/vat">`);
    expect(page.body).not.toContain('<script');
    // The shared guide and another HEI's version are as they were.
    const sharedPage = await html('/guide/vat');
    expect(sharedPage.body).toContain('<h1>Moms på uppdragsutbildning</h1>');
    expect(sharedPage.body).not.toContain('Anpassad');
    const ofB = await html(heiGuidePaths(heiB.id).page('sv', 'vat'));
    expect(ofB.statusCode).toBe(200);
    expect(ofB.body).toContain('<h1>Moms på uppdragsutbildning</h1>');
    expect(ofB.body).not.toContain('har anpassat');
    // The English page is not adapted: the shared one, in the HEI's version.
    const en = await html(base().page('en', 'vat'));
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('<h1>VAT on contract education</h1>');
    expect(en.body).toContain(`href="/en/guide/l/${heiA.id}/`);
  });

  it('falls back to the shared content, with every link staying in the version', async () => {
    const page = await html(base().page('sv', 'full-cost'));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Full kostnadstäckning</h1>');
    expect(page.body).toContain('Högskolan Anpassad');
    expect(page.body).not.toContain('har anpassat');
    // An unchanged page's content is the shared page's: search engines are pointed there.
    expect(page.body).toContain('<link rel="canonical" href="http://localhost:3000/guide/full-cost">');
    const hrefs = [...page.body.matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1] ?? '');
    const internal = hrefs.filter((h) => h.startsWith('/guide') && !h.endsWith('.css'));
    expect(internal.length).toBeGreaterThan(20);
    // Only the footer's link to the shared guide leaves the version.
    expect(internal.filter((h) => !h.startsWith(`/guide/l/${heiA.id}`))).toEqual(['/guide']);
    // Every link of the start page leads somewhere.
    const home = await html(base().home('sv'));
    expect(home.body).toContain('<h1>Processguide för uppdragsutbildning vid Högskolan Anpassad</h1>');
    const links = [
      ...new Set([...home.body.matchAll(/href="(\/guide\/l\/[^"#]*)/g)].map((m) => m[1] ?? '')),
    ].filter((link) => !/\.(docx|pdf)$/.test(link));
    for (const link of links) expect((await html(link)).statusCode, link).toBe(200);
  });

  it("lists the HEI's own pages in its navigation, in their language only", async () => {
    const home = await html(base().home('sv'));
    const nav = /<nav class="guide-nav"[\s\S]*?<\/nav>/.exec(home.body)?.[0] ?? '';
    expect(nav).toContain('Sidor från Högskolan Anpassad');
    expect(nav).toContain(`<a href="/guide/l/${heiA.id}/vara-kontakter">Våra kontakter</a>`);
    expect(home.body).toContain('Uppdragsutbildningens kansli finns i Kvarnbackshuset, vardagar.');
    const own = await html(base().page('sv', 'vara-kontakter'));
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(
      'En egen sida från Högskolan Anpassad. Den finns inte i den gemensamma guiden.',
    );
    expect(own.body).toContain('<li aria-current="page">Våra kontakter</li>');
    // No English version: the language switch goes to the English start page, and no hreflang promises one.
    expect(own.body).toContain(`<a class="language" href="/en/guide/l/${heiA.id}"`);
    expect(own.body).not.toContain('hreflang="en" href=');
    expect((await html(base().page('en', 'vara-kontakter'))).statusCode).toBe(404);
    expect((await html(base().home('en'))).body).not.toContain('vara-kontakter');
    // The shared guide has no such page.
    expect((await html('/guide/vara-kontakter')).statusCode).toBe(404);
  });

  it("searches the HEI's version: its own pages and adaptations", async () => {
    const own = await html(base().search('sv', 'kvarnbackshuset'));
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(`<h2><a href="/guide/l/${heiA.id}/vara-kontakter">`);
    const adapted = await html(base().search('sv', 'ekonomienheten'));
    expect(adapted.body).toContain(`<h2><a href="/guide/l/${heiA.id}/vat">`);
    // The shared guide's search does not know them.
    expect((await html('/guide/sok?q=kvarnbackshuset')).body).toContain('Inga träffar');
  });

  it('lists the adaptations among the changes', async () => {
    const changes = await html(base().changes('sv'));
    expect(changes.statusCode).toBe(200);
    expect(changes.body).toContain(
      `<a href="/guide/l/${heiA.id}/vat">Moms vid Högskolan Anpassad</a> <span class="kind">(Sida)</span>: Anpassad av Högskolan Anpassad`,
    );
    expect(changes.body).toContain('Egen sida från Högskolan Anpassad');
  });

  it("offers the HEI's adapted template as DOCX and PDF, and the shared ones in its version", async () => {
    const page = await html(base().template('sv', 'calculation'));
    expect(page.body).toContain('<h1>Kalkylblad vid Högskolan Anpassad</h1>');
    expect(page.body).toContain('Högskolan Anpassad har anpassat den här mallen.');
    expect(page.body).toContain(
      '<a href="/guide/mallar/calculation">Läs den gemensamma versionen: Kalkylblad för full kostnad</a>',
    );
    expect(page.body).toContain(`href="/guide/l/${heiA.id}/mallar/calculation.docx"`);

    const docx = await html(base().templateFile('sv', 'calculation', 'docx'));
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toContain(
      "filename*=UTF-8''Kalkylblad%20vid%20H%C3%B6gskolan%20Anpassad.docx",
    );
    const files = unzip(docx.rawPayload);
    const xml = files.get('word/document.xml')?.toString('utf8') ?? '';
    expect(xml).toContain('timpris 1 234 kronor');
    expect(xml).not.toContain('Kalkylblad för full kostnad');
    const footer = [...files.entries()]
      .filter(([name]) => name.startsWith('word/footer'))
      .map(([, data]) => data.toString('utf8'))
      .join('');
    expect(footer).toContain('Högskolan Anpassad');

    const pdf = await html(base().templateFile('sv', 'calculation', 'pdf'));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('timpris 1 234 kronor');
    expect(text).toContain('Högskolan Anpassad');

    // A template it has not adapted: the shared text, named as the HEI's version's.
    const sharedDocx = await html(base().templateFile('sv', 'syllabus', 'docx'));
    expect(sharedDocx.statusCode).toBe(200);
    expect(unzip(sharedDocx.rawPayload).get('word/document.xml')?.toString('utf8')).toContain(
      shared.template('sv', 'syllabus')?.title,
    );
    // The shared guide's own file is unchanged.
    const sharedFile = unzip((await html('/guide/mallar/calculation.docx')).rawPayload);
    expect(sharedFile.get('word/document.xml')?.toString('utf8')).not.toContain('timpris 1 234 kronor');
  });

  it('is revalidated by ETag, and a saved change shows at once', async () => {
    const url = base().page('sv', 'vat');
    const first = await html(url);
    const etag = String(first.headers.etag);
    expect((await html(url, { 'if-none-match': etag })).statusCode).toBe(304);
    const file = await html(base().templateFile('sv', 'calculation', 'pdf'));
    expect(
      (
        await html(base().templateFile('sv', 'calculation', 'pdf'), {
          'if-none-match': String(file.headers.etag),
        })
      ).statusCode,
    ).toBe(304);

    const current = await t.request('GET', api(heiA.id, 'pages', 'vat'), { cookie: adminA.cookie });
    const saved = await put(adminA, api(heiA.id, 'pages', 'vat'), {
      title: 'Moms vid Högskolan Anpassad',
      body: vatBody(' Ny rad om moms. Kontakta oss via [våra kontakter](vara-kontakter.md#ekonomi).'),
      revision: current.json().override.revision,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await html(url, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('Ny rad om moms.');
    expect(after.headers.etag).not.toBe(etag);
  });

  it('answers the guide’s not-found page for an unknown organisation, a customer, or a missing page', async () => {
    for (const url of [
      `/guide/l/00000000-0000-4000-8000-000000000000/vat`,
      `/guide/l/${customer.id}`,
      '/guide/l/inte-ett-id/vat',
      `/en/guide/l/00000000-0000-4000-8000-000000000000`,
      base().page('sv', 'no-such-page'),
      base().template('sv', 'no-such-template'),
      base().templateFile('sv', 'no-such-template', 'pdf'),
      `${base().home('sv')}/a/b/c`,
    ]) {
      const response = await html(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body, url).toContain(url.startsWith('/en/') ? 'Page not found' : 'Sidan finns inte');
    }
  });

  it('sends an address ending in a slash to the start page', async () => {
    const response = await html(`${base().home('sv')}/`);
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe(base().home('sv'));
    const templates = await html(`${base().templates('en')}/`);
    expect(templates.statusCode).toBe(301);
    expect(templates.headers.location).toBe(base().templates('en'));
  });

  it('links a stage to the HEI’s version', async () => {
    expect(guidePathForStage('design', 'sv', heiA.id)).toBe(`/guide/l/${heiA.id}/stage-design`);
    expect(guidePathForStage('design', 'en', heiA.id)).toBe(`/en/guide/l/${heiA.id}/stage-design`);
    expect(guidePathForStage('design', 'en')).toBe('/en/guide/stage-design');
    const page = await html(guidePathForStage('design', 'sv', heiA.id));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Steg 4: Utformning</h1>');
  });
});

describe('the list of the HEI’s version', () => {
  it('shows every shared page and template with its state, and when the shared one has changed since', async () => {
    // Adapted, as the shared page was a long time ago.
    await t.db
      .update(guideOverride)
      .set({ basedOn: '2020-01-01' })
      .where(
        and(
          eq(guideOverride.organisationId, heiA.id),
          eq(guideOverride.kind, 'template'),
          eq(guideOverride.itemId, 'calculation'),
        ),
      );
    const response = await t.request('GET', `/api/organisations/${heiA.id}/guide`, {
      cookie: managerA.cookie,
    });
    expect(response.statusCode, response.body).toBe(200);
    const overview = response.json();
    expect(overview.organisation).toEqual({ id: heiA.id, name: 'Högskolan Anpassad' });
    expect(overview.home).toEqual({ sv: `/guide/l/${heiA.id}`, en: `/en/guide/l/${heiA.id}` });
    type Item = { kind: string; id: string; language: string; state: string; sharedChangedSince: boolean };
    const items: Item[] = overview.items;
    const count = (lang: 'sv' | 'en') =>
      shared.pages[lang].length + shared.templates[lang].length + (lang === 'sv' ? 1 : 0);
    expect(items.filter((i) => i.language === 'sv')).toHaveLength(count('sv'));
    expect(items.filter((i) => i.language === 'en')).toHaveLength(count('en'));
    const item = (kind: string, id: string, lang = 'sv') =>
      items.find((i) => i.kind === kind && i.id === id && i.language === lang);
    expect(item('page', 'vat')).toMatchObject({
      state: 'adapted',
      sharedChangedSince: false,
      changesSince: [],
    });
    expect(item('page', 'vat', 'en')).toMatchObject({ state: 'shared', override: null });
    expect(item('page', 'vara-kontakter')).toMatchObject({ state: 'own', part: 'own', shared: null });
    const calculation = shared.template('sv', 'calculation');
    expect(item('template', 'calculation')).toMatchObject({
      state: 'adapted',
      title: 'Kalkylblad vid Högskolan Anpassad',
      sharedChangedSince: true,
      changesSince: calculation?.changes,
      shared: { title: calculation?.title, updated: calculation?.updated, path: '/guide/mallar/calculation' },
      override: { basedOn: '2020-01-01' },
      path: `/guide/l/${heiA.id}/mallar/calculation`,
    });
    expect(
      items
        .filter((i) => i.state !== 'shared')
        .map((i) => `${i.kind}/${i.id}`)
        .sort(),
    ).toEqual(['page/vara-kontakter', 'page/vat', 'template/calculation']);
    // Saving again brings it up to date with the shared one.
    const current = await t.request('GET', api(heiA.id, 'templates', 'calculation'), {
      cookie: adminA.cookie,
    });
    expect(current.json().sharedChangedSince).toBe(true);
    const saved = await put(adminA, api(heiA.id, 'templates', 'calculation'), {
      title: current.json().override.title,
      body: current.json().override.body,
      revision: current.json().override.revision,
    });
    expect(saved.json()).toMatchObject({
      sharedChangedSince: false,
      override: { basedOn: calculation?.updated },
    });
  });

  it('keeps an own page while other pages link to it', async () => {
    const url = api(heiA.id, 'pages', 'vara-kontakter');
    const refused = await t.request('DELETE', url, { cookie: adminA.cookie });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('conflict');
    expect(refused.json().detail).toContain('"Moms vid Högskolan Anpassad" links to this page');
    // Reset the VAT page to the shared one: then the own page can go.
    expect(
      (await t.request('DELETE', api(heiA.id, 'pages', 'vat'), { cookie: adminA.cookie })).statusCode,
    ).toBe(204);
    expect((await t.request('DELETE', url, { cookie: adminA.cookie })).statusCode).toBe(204);
    expect((await html(heiGuidePaths(heiA.id).page('sv', 'vara-kontakter'))).statusCode).toBe(404);
    const vat = await html(heiGuidePaths(heiA.id).page('sv', 'vat'));
    expect(vat.body).toContain('<h1>Moms på uppdragsutbildning</h1>');
  });

  it('audits every change', async () => {
    const response = await t.request('GET', `/api/organisations/${heiA.id}/audit`, { cookie: adminA.cookie });
    const events = (
      response.json().items as {
        action: string;
        subjectId: string;
        actor: string;
        data: Record<string, unknown>;
      }[]
    ).filter((e) => e.action.startsWith('guide_override.'));
    const of = (subject: string) =>
      events
        .filter((e) => e.subjectId === subject)
        .map((e) => `${e.action} ${e.actor}`)
        .reverse();
    expect(of('page/vat/sv')).toEqual([
      'guide_override.created Alva Admin',
      'guide_override.updated Alva Admin',
      'guide_override.updated Alva Admin',
      'guide_override.deleted Alva Admin',
    ]);
    expect(of('page/public-procurement/sv')).toEqual([
      'guide_override.created Alva Admin',
      'guide_override.updated Bo Bengtsson',
      'guide_override.deleted Bo Bengtsson',
    ]);
    expect(of('page/vara-kontakter/sv')).toEqual([
      'guide_override.created Alva Admin',
      'guide_override.deleted Alva Admin',
    ]);
    expect(events.find((e) => e.subjectId === 'page/vara-kontakter/sv')?.data).toMatchObject({
      kind: 'page',
      itemId: 'vara-kontakter',
      language: 'sv',
      title: 'Våra kontakter',
      own: true,
    });
    // Refused and previewed changes are not in the log; nothing of A's is in B's.
    expect(events.some((e) => e.subjectId.includes('full-cost') || e.subjectId.includes('roles'))).toBe(
      false,
    );
    const ofB = await t.request('GET', `/api/organisations/${heiB.id}/audit`, { cookie: adminB.cookie });
    expect(
      ofB.json().items.filter((e: { action: string }) => e.action.startsWith('guide_override.')),
    ).toEqual([]);
  });
});
