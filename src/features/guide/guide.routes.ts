import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Deps } from '../../server/http/types.ts';
import { renderPdf } from '../../shared/pdf.ts';
import { type Guide, type GuideTemplate, getGuide } from './guide.content.ts';
import { templateDocx } from './guide.docx.ts';
import { createGuideSite, etagOf, type HtmlDoc } from './guide.html.ts';
import { slugify } from './guide.markdown.ts';
import { templatePdf } from './guide.pdf.ts';
import { createGuideSearch, type GuideSearch } from './guide.search.ts';
import { type GuideLanguage, guideLanguages, guidePaths, type TemplateFormat } from './guide.text.ts';

/**
 * The public process guide (no sign-in): `/guide/…` in Swedish, `/en/guide/…` in English. Real HTML
 * without JavaScript (the Content-Security-Policy allows none), cached by ETag, and templates as DOCX and
 * PDF. The guide is read and rendered at start-up; the files are made on first request and kept. Outside
 * /api, so the auth guard never asks for a session; registered before the SPA's fallback, which serves
 * only what no route answers.
 */

const CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
const PAGE_CACHE = 'public, max-age=300';
const NOT_FOUND_CACHE = 'public, max-age=60';
const FILE_CACHE = 'public, max-age=3600';

const css = readFileSync(path.join(import.meta.dirname, 'guide.css'), 'utf8');
const cssPath = `/guide/guide.${createHash('sha256').update(css).digest('hex').slice(0, 12)}.css`;

const contentTypes: Record<TemplateFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

let indexes: Record<GuideLanguage, GuideSearch> | undefined;

/** The search indexes, built on the first search of the process (the content itself is checked at start). */
function searchIndexes(guide: Guide): Record<GuideLanguage, GuideSearch> {
  const index = () =>
    (indexes ??= {
      sv: createGuideSearch('sv', guide.pages.sv),
      en: createGuideSearch('en', guide.pages.en),
    });
  return { sv: { search: (q) => index().sv.search(q) }, en: { search: (q) => index().en.search(q) } };
}

const files = new Map<string, Promise<{ body: Buffer; etag: string }>>();

/** A template file, made once per process (and address: links in it are absolute) and kept. */
function templateFile(template: GuideTemplate, format: TemplateFormat, publicUrl: string) {
  const key = `${publicUrl} ${template.lang}/${template.id}.${format}`;
  let file = files.get(key);
  if (!file) {
    file = (async () => {
      const body =
        format === 'docx'
          ? await templateDocx(template, publicUrl)
          : await renderPdf(templatePdf(template, publicUrl));
      return { body, etag: etagOf(body) };
    })();
    file.catch(() => files.delete(key));
    files.set(key, file);
  }
  return file;
}

/** "Checklista: Utformning" → "Checklista - Utformning.docx", and "checklista-utformning.docx" for old clients. */
function contentDisposition(template: GuideTemplate, format: TemplateFormat) {
  const name = `${template.title.replace(/\s*[\\/:*?"<>|]+\s*/g, ' - ').trim()}.${format}`;
  return `attachment; filename="${slugify(template.title)}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Whether the client's cached copy (If-None-Match) is this one. */
function fresh(request: FastifyRequest, etag: string) {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

function sendDoc(request: FastifyRequest, reply: FastifyReply, doc: HtmlDoc, status = 200): void {
  reply
    .header('content-security-policy', CSP)
    .header('content-language', doc.lang)
    .header('cache-control', status === 200 ? PAGE_CACHE : NOT_FOUND_CACHE)
    .header('etag', doc.etag);
  if (status === 200 && fresh(request, doc.etag)) {
    reply.code(304).send();
    return;
  }
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .serializer((payload: string) => payload)
    .send(doc.html);
}

const tags = ['guide'];
const htmlPage = z.string().describe('An HTML page (no JavaScript)');
const htmlResponses = {
  200: htmlPage,
  404: htmlPage.describe('The not-found page, in the language of the address'),
};
const idParams = z.object({ id: z.string() });
const fileResponses = {
  200: z.string().describe('The file'),
  404: htmlPage.describe('The not-found page, in the language of the address'),
};

export async function guideRoutes(app: App, { config }: Deps) {
  const guide: Guide = getGuide();
  const site = createGuideSite(guide, searchIndexes(guide), { publicUrl: config.publicUrl, cssPath });
  const cssEtag = etagOf(css);
  const common = { config: { public: true } } as const;

  app.get(cssPath, { ...common, schema: { hide: true } }, (request, reply) => {
    reply.header('cache-control', 'public, max-age=31536000, immutable').header('etag', cssEtag);
    if (fresh(request, cssEtag)) (reply as FastifyReply).code(304).send();
    else (reply as FastifyReply).type('text/css; charset=utf-8').send(css);
  });

  for (const lang of guideLanguages) {
    const name = lang === 'sv' ? 'Swedish' : 'English';
    const notFound = (request: FastifyRequest, reply: FastifyReply) =>
      sendDoc(request, reply, site.notFound[lang], 404);

    app.get(
      guidePaths.home(lang),
      { ...common, schema: { tags, summary: `The guide's start page (${name})`, response: htmlResponses } },
      (request, reply) => {
        sendDoc(request, reply as FastifyReply, site.home[lang]);
      },
    );

    app.get(
      `${guidePaths.home(lang)}/:id`,
      {
        ...common,
        schema: { tags, summary: `A page of the guide (${name})`, params: idParams, response: htmlResponses },
      },
      (request, reply) => {
        if (request.params.id === '') {
          (reply as FastifyReply).redirect(guidePaths.home(lang), 301);
          return;
        }
        const page = site.pages[lang].get(request.params.id);
        if (page) sendDoc(request, reply as FastifyReply, page);
        else notFound(request, reply as FastifyReply);
      },
    );

    app.get(
      guidePaths.search(lang),
      {
        ...common,
        schema: {
          tags,
          summary: `Search the guide (${name}): titles, headings and text, typo-tolerant`,
          querystring: z.object({
            q: z
              .union([z.string(), z.array(z.string())])
              .optional()
              .describe('What to search for (at most 200 characters are used)'),
          }),
          response: htmlResponses,
        },
      },
      (request, reply) => {
        const q = request.query.q;
        const query = (Array.isArray(q) ? (q[0] ?? '') : (q ?? '')).slice(0, 200);
        sendDoc(request, reply as FastifyReply, site.search(lang, query));
      },
    );

    app.get(
      guidePaths.changes(lang),
      {
        ...common,
        schema: {
          tags,
          summary: `Every change to the guide, newest first (${name})`,
          response: htmlResponses,
        },
      },
      (request, reply) => {
        sendDoc(request, reply as FastifyReply, site.changes[lang]);
      },
    );

    app.get(
      guidePaths.templates(lang),
      { ...common, schema: { tags, summary: `The guide's templates (${name})`, response: htmlResponses } },
      (request, reply) => {
        sendDoc(request, reply as FastifyReply, site.templatesIndex[lang]);
      },
    );

    app.get(
      `${guidePaths.templates(lang)}/:id`,
      {
        ...common,
        schema: {
          tags,
          summary: `A template: what it holds and its downloads (${name})`,
          params: idParams,
          response: htmlResponses,
        },
      },
      (request, reply) => {
        if (request.params.id === '') {
          (reply as FastifyReply).redirect(guidePaths.templates(lang), 301);
          return;
        }
        const page = site.templatePages[lang].get(request.params.id);
        if (page) sendDoc(request, reply as FastifyReply, page);
        else notFound(request, reply as FastifyReply);
      },
    );

    for (const format of ['docx', 'pdf'] as const) {
      app.get(
        `${guidePaths.templates(lang)}/:id.${format}`,
        {
          ...common,
          schema: {
            tags,
            summary: `A template as ${format === 'docx' ? 'a Word document (DOCX)' : 'PDF'} (${name})`,
            params: idParams,
            response: fileResponses,
          },
        },
        async (request, reply) => {
          const template = guide.template(lang, request.params.id);
          if (!template) {
            notFound(request, reply as FastifyReply);
            return;
          }
          const file = await templateFile(template, format, config.publicUrl);
          reply.header('cache-control', FILE_CACHE).header('etag', file.etag);
          if (fresh(request, file.etag)) {
            (reply as FastifyReply).code(304).send();
            return;
          }
          (reply as FastifyReply)
            .type(contentTypes[format])
            .header('content-disposition', contentDisposition(template, format))
            .header('content-language', lang)
            .send(file.body);
        },
      );
    }

    // Any other address under the guide: the guide's own not-found page, not the web app's.
    app.get(
      `${guidePaths.home(lang)}/*`,
      {
        ...common,
        schema: {
          tags,
          summary: `Not found (${name})`,
          params: z.object({ '*': z.string() }),
          response: { 404: htmlResponses[404] },
        },
      },
      (request, reply) => {
        notFound(request, reply as FastifyReply);
      },
    );
  }
}
