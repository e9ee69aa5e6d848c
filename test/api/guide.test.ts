import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultChecklist, openStages, stages } from '../../src/features/cases/stages.ts';
import { getGuide, guideForStage } from '../../src/features/guide/guide.content.ts';
import { templatePdf } from '../../src/features/guide/guide.pdf.ts';
import { guideLanguages, guidePathForStage } from '../../src/features/guide/guide.text.ts';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../support/app.ts';

// The public process guide: real HTML at /guide (Swedish) and /en/guide (English) without signing in,
// the stage gates' decision points from the one checklist, search, templates as DOCX and PDF, and no
// link that leads nowhere.

let t: TestApp;
const guide = getGuide();

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t?.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });

const decode = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();

/** The files of a ZIP archive (a DOCX is one), read with zlib alone. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end, 'no end of central directory: not a ZIP').toBeGreaterThanOrEqual(0);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
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

/** The document title a PDF declares (its Info dictionary), literal or UTF-16 with a byte-order mark. */
function pdfTitle(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const ref = /\/Title (\d+) 0 R/.exec(raw)?.[1];
  const literal = ref
    ? new RegExp(`\\n${ref} 0 obj\\s*\\(((?:\\\\.|[^\\\\)])*)\\)`).exec(raw)?.[1]
    : /\/Title \(((?:\\.|[^\\)])*)\)/.exec(raw)?.[1];
  const bytes = Buffer.from((literal ?? '').replace(/\\([()\\])/g, '$1'), 'latin1');
  return bytes[0] === 0xfe && bytes[1] === 0xff
    ? bytes.subarray(2).swap16().toString('utf16le')
    : bytes.toString('latin1');
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describe('the public process guide', () => {
  it('serves the start page and every page in Swedish and English as HTML, without signing in', async () => {
    const home = await get('/guide');
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.body).toMatch(/^<!doctype html>\n<html lang="sv">/);
    expect(home.body).toContain('<title>Processguide för uppdragsutbildning – Lupp</title>');
    expect(home.body).toContain(`<link rel="canonical" href="${TEST_ORIGIN}/guide">`);
    expect(home.body).toContain(`<link rel="alternate" hreflang="en" href="${TEST_ORIGIN}/en/guide">`);
    expect(home.headers.etag).toMatch(/^".+"$/);
    expect(home.headers['cache-control']).toContain('max-age=');
    expect((await get('/en/guide')).body).toMatch(/<html lang="en">/);

    for (const lang of guideLanguages) {
      expect(guide.pages[lang]).toHaveLength(26);
      for (const page of guide.pages[lang]) {
        const prefix = lang === 'sv' ? '/guide' : '/en/guide';
        const other = lang === 'sv' ? '/en/guide' : '/guide';
        const res = await get(`${prefix}/${page.id}`);
        expect(res.statusCode, `${prefix}/${page.id}`).toBe(200);
        expect(res.body).toContain(`<html lang="${lang}">`);
        expect(res.body).toContain(`<h1>${page.title.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}</h1>`);
        expect(res.body).toContain('<a class="skip-link" href="#main">');
        expect(res.body).toContain('<main id="main"');
        expect(res.body).toMatch(/<meta name="description" content="[^"]+">/);
        // The language switch leads to the same page in the other language.
        expect(res.body).toMatch(new RegExp(`<a class="language" href="${other}/${page.id}"`));
        expect(res.body).toContain(lang === 'sv' ? 'Senast ändrad' : 'Last changed');
      }
    }
  });

  it('answers 304 to a client that already has the page', async () => {
    const first = await get('/guide/stage-design');
    const again = await get('/guide/stage-design', { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('is not taken by the sign-in or the web app, and forbids scripts', async () => {
    const res = await get('/guide/full-cost');
    expect(res.body).toContain('Full kostnadstäckning');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src/);
  });

  it('shows a not-found page in the language of the address', async () => {
    for (const [url, lang, title] of [
      ['/guide/finns-inte', 'sv', 'Sidan finns inte'],
      ['/guide/mallar/finns-inte.pdf', 'sv', 'Sidan finns inte'],
      ['/en/guide/no-such-page', 'en', 'Page not found'],
      ['/en/guide/a/b/c', 'en', 'Page not found'],
    ] as const) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain(`<html lang="${lang}">`);
      expect(res.body).toContain(`<h1>${title}</h1>`);
      expect(res.body).toContain('<meta name="robots" content="noindex">');
    }
  });

  it('shows on every stage page exactly the default decision points of that stage', async () => {
    for (const lang of guideLanguages) {
      for (const stage of openStages) {
        const path = guidePathForStage(stage, lang);
        expect(path).toBe(`${lang === 'sv' ? '' : '/en'}/guide/stage-${stage}`);
        const html = (await get(path)).body;
        const list = /<ol class="decision-points">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
        const shown = [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => decode(m[1] ?? ''));
        const expected = defaultChecklist
          .filter((item) => item.stage === stage)
          .map(
            (item) =>
              `${item[lang]} – ${item.required ? (lang === 'sv' ? 'obligatorisk' : 'required') : lang === 'sv' ? 'frivillig' : 'optional'}`,
          );
        expect(shown, path).toEqual(expected);

        // The stage's checklist template lists the same points, required or not.
        const checklist = (
          await get(`${lang === 'sv' ? '/guide/mallar' : '/en/guide/templates'}/checklist-${stage}`)
        ).body;
        const table = /<table class="decision-points">([\s\S]*?)<\/table>/.exec(checklist)?.[1] ?? '';
        const rows = [
          ...table.matchAll(/<tr>\s*<td>([\s\S]*?)<\/td>\s*<td>([\s\S]*?)<\/td>\s*<td>([\s\S]*?)<\/td>/g),
        ].map((m) => [decode(m[2] ?? ''), decode(m[3] ?? '')]);
        expect(rows).toEqual(
          defaultChecklist
            .filter((item) => item.stage === stage)
            .map((item) => [
              item[lang],
              item.required ? (lang === 'sv' ? 'Ja' : 'Yes') : lang === 'sv' ? 'Nej' : 'No',
            ]),
        );
      }
    }
    // Every stage, the closed one too, has its page and its templates for the case page to link to.
    for (const stage of stages) expect(guideForStage(stage, 'sv').path).toMatch(/^\/guide\/stage-/);
    expect(guideForStage('design', 'en').templates.map((x) => x.id)).toContain('checklist-design');
  });

  it('finds pages by a word in their text, with a typo, in Swedish and in English', async () => {
    const hits = async (url: string) => {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      return res.body;
    };
    // A word of the text (not the title) of the qualification stage: exact, without å/ä/ö, with a typo.
    for (const q of ['Lärarkapacitet', 'lararkapacitet', 'lärarkapasitet']) {
      const html = await hits(`/guide/sok?q=${encodeURIComponent(q)}`);
      expect(html, q).toContain('<a href="/guide/stage-qualification">');
      expect(html).toContain('<mark>Lärarkapacitet</mark>');
    }
    // A part of a compound: "analys" finds "kompetensbehovsanalys".
    expect(await hits('/guide/sok?q=analys')).toContain('<a href="/guide/needs-analysis">');
    // English: a word only in the text of the VAT page, exact and with a typo; then a title word with a typo.
    for (const q of ['exemption', 'exemptoin']) {
      const html = await hits(`/en/guide/search?q=${q}`);
      expect(html, q).toContain('<a href="/en/guide/vat">');
      expect(html).toContain('<mark>exemption</mark>');
    }
    for (const q of ['procurement', 'procurment']) {
      const html = await hits(`/en/guide/search?q=${q}`);
      expect(html, q).toContain('<a href="/en/guide/public-procurement">');
      expect(html).toContain('<mark>procurement</mark>');
    }
    const none = await hits('/guide/sok?q=xqzvwk');
    expect(none).toContain('Inga träffar för ”xqzvwk”.');
    expect(none).toContain('Tips');
    // When no page has every word, pages with any of them.
    const some = await hits('/en/guide/search?q=kirkpatrik%20zzzzqq');
    expect(some).toContain('<a href="/en/guide/stage-evaluation">');
    // A misspelt word that matches nothing gets the guide's nearest words as suggestions.
    const suggestions = await hits('/guide/sok?q=kursplanemall');
    expect(suggestions).toContain('Menade du');
    expect(suggestions).toContain('href="/guide/sok?q=kursplan"');
    // The query is shown escaped, never as markup; the search page is not indexed.
    const hostile = await hits(`/guide/sok?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(hostile).not.toContain('<script');
    expect(hostile).toContain('&lt;script&gt;');
    expect(hostile).toContain('<meta name="robots" content="noindex">');
  });

  it('offers every template as DOCX and as PDF in both languages', async () => {
    for (const lang of guideLanguages) {
      expect(guide.templates[lang]).toHaveLength(14);
      for (const template of guide.templates[lang]) {
        const base = `${lang === 'sv' ? '/guide/mallar' : '/en/guide/templates'}/${template.id}`;
        const docx = await get(`${base}.docx`);
        expect(docx.statusCode, `${base}.docx`).toBe(200);
        expect(docx.headers['content-type']).toBe(
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        );
        expect(docx.headers['content-disposition']).toMatch(
          /^attachment; filename="[a-z0-9-]+\.docx"; filename\*=UTF-8''/,
        );
        const files = unzip(docx.rawPayload);
        const document = files.get('word/document.xml')?.toString('utf8') ?? '';
        expect(document, `${base}.docx`).toContain(xmlEscape(template.title));

        const pdf = await get(`${base}.pdf`);
        expect(pdf.statusCode, `${base}.pdf`).toBe(200);
        expect(pdf.headers['content-type']).toBe('application/pdf');
        expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="[a-z0-9-]+\.pdf"/);
        expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(pdfTitle(pdf.rawPayload), `${base}.pdf`).toBe(template.title);
      }
    }
  });

  it('fills the checklist templates from the decision points, with tick boxes and blanks', async () => {
    const docx = unzip((await get('/guide/mallar/checklist-costing.docx')).rawPayload);
    const xml = docx.get('word/document.xml')?.toString('utf8') ?? '';
    for (const item of defaultChecklist.filter((i) => i.stage === 'costing')) expect(xml).toContain(item.sv);
    expect(xml).toContain('<w14:checkbox>');
    expect(xml).toMatch(/<w:u w:val="single"\/>/);
    // The PDF is made from the same tokens: its definition holds the points, tick boxes and blanks.
    const template = guide.template('en', 'checklist-costing');
    const definition = JSON.stringify(template && templatePdf(template, TEST_ORIGIN));
    for (const item of defaultChecklist.filter((i) => i.stage === 'costing'))
      expect(definition).toContain(item.en);
    expect(definition).toContain('○');
    expect(definition).toContain('________');
    expect(definition).toContain(`"link":"${TEST_ORIGIN}/en/guide/stage-costing"`);
  });

  it('lists every change, newest first, and links the pages', async () => {
    for (const [url, lang] of [
      ['/guide/andringar', 'sv'],
      ['/en/guide/changes', 'en'],
    ] as const) {
      const html = (await get(url)).body;
      const dates = [...html.matchAll(/<h2 id="changes-(\d{4}-\d{2}-\d{2})">/g)].map((m) => m[1]);
      expect(dates.length).toBeGreaterThan(0);
      expect(dates).toEqual([...dates].sort().reverse());
      for (const page of guide.pages[lang])
        expect(html).toContain(`href="${lang === 'sv' ? '' : '/en'}/guide/${page.id}"`);
      expect(html).toContain(lang === 'sv' ? 'Första versionen' : 'First version');
    }
  });

  it('has no script on any page and no internal link that leads nowhere', async () => {
    const seen = new Set<string>();
    const queue = [
      '/guide',
      '/en/guide',
      '/guide/sok?q=moms',
      '/en/guide/search?q=vat',
      '/guide/sok?q=qqqzzz',
    ];
    const anchors = new Map<string, Set<string>>();
    const fragments: [string, string, string][] = [];
    while (queue.length) {
      const url = queue.shift() as string;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      if (!String(res.headers['content-type']).startsWith('text/html')) continue;
      expect(res.body, url).not.toMatch(/<script/i);
      expect(res.body, url).not.toMatch(/\son[a-z]+=/i);
      expect(res.body, url).not.toMatch(/\sstyle=/i);
      anchors.set(url, new Set([...res.body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string)));
      for (const m of res.body.matchAll(/\s(?:href|action)="([^"]+)"/g)) {
        const href = (m[1] as string).replace(/&amp;/g, '&');
        if (href.startsWith('http') || href === '/') continue;
        const [path = '', fragment] = href.startsWith('#') ? [url, href.slice(1)] : href.split('#');
        if (fragment) fragments.push([url, path, fragment]);
        if (path.startsWith('/guide') || path.startsWith('/en/guide')) queue.push(path);
        else throw new Error(`${url} links to ${href}, outside the guide`);
      }
    }
    // Pages, templates (page, DOCX, PDF), start pages, lists, searches and the stylesheet.
    expect(seen.size).toBeGreaterThan(2 * (26 + 3 * 14));
    for (const [from, path, fragment] of fragments)
      expect(anchors.get(path)?.has(fragment), `${from} links to ${path}#${fragment}`).toBe(true);
  });
});
