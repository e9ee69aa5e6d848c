import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { contentDisposition } from '../../server/http/files.ts';
import type { App, Deps } from '../../server/http/types.ts';
import { renderPdf } from '../../shared/pdf.ts';
import { type Guide, type GuideTemplate, getGuide } from './guide.content.ts';
import { templateDocx } from './guide.docx.ts';
import { createGuideSite, etagOf, type GuideSite, type HtmlDoc } from './guide.html.ts';
import { slugify } from './guide.markdown.ts';
import { guideOverrideRoutes } from './guide.overrides.routes.ts';
import { heiVersions } from './guide.overrides.ts';
import { templatePdf } from './guide.pdf.ts';
import {
  type GuideLanguage,
  type GuidePaths,
  guideLanguages,
  guidePaths,
  heiGuidePaths,
  type TemplateFormat,
} from './guide.text.ts';

/**
 * The public process guide (no sign-in): `/guide/…` in Swedish, `/en/guide/…` in English, and each HEI's
 * version of it at `/guide/l/<organisationId>/…` and `/en/guide/l/<organisationId>/…` (its adaptations
 * and own pages over the shared guide). Real HTML without JavaScript (the Content-Security-Policy allows
 * none), cached by ETag, and templates as DOCX and PDF. The shared guide is read and rendered at start-up;
 * an HEI's version when first asked for, again whenever its adaptations change; the files are made on
 * first request and kept. Outside /api, so the auth guard never asks for a session; registered before the
 * SPA's fallback, which serves only what no route answers. The administrators' API for adaptations is in
 * guide.overrides.routes.ts.
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
/** An HEI's version: kept by browsers but revalidated on every view, so a saved change shows at once. */
const HEI_CACHE = 'public, no-cache';

const css = readFileSync(path.join(import.meta.dirname, 'guide.css'), 'utf8');
const cssPath = `/guide/guide.${createHash('sha256').update(css).digest('hex').slice(0, 12)}.css`;

const contentTypes: Record<TemplateFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

type File = Promise<{ body: Buffer; etag: string }>;
/** The shared guide's template files: a fixed few, kept. */
const sharedFiles = new Map<string, File>();
/** HEIs' versions' template files: the most recently used 100 are kept. */
const heiFiles = new Map<string, File>();
const MAX_HEI_FILES = 100;

/**
 * A template file, made once per process and kept: per address (links in it are absolute), and in an HEI's
 * version per HEI, its name and the revision of its adaptation, so a new save makes a new file.
 */
function templateFile(template: GuideTemplate, format: TemplateFormat, publicUrl: string, guide: Guide) {
  const hei = guide.hei;
  const files = hei ? heiFiles : sharedFiles;
  const a = template.adaptation;
  const version = hei
    ? ` ${hei.id} ${hei.name} ${a ? `${a.revision} ${a.updatedAt.toISOString()}` : 'shared'}`
    : '';
  const key = `${publicUrl}${version} ${template.lang}/${template.id}.${format}`;
  let file = files.get(key);
  if (file && hei) {
    // Most recently used last, so the oldest go first.
    files.delete(key);
    files.set(key, file);
  }
  if (!file) {
    file = (async () => {
      const body =
        format === 'docx'
          ? await templateDocx(template, publicUrl, hei?.name)
          : await renderPdf(templatePdf(template, publicUrl, hei?.name));
      return { body, etag: etagOf(body) };
    })();
    file.catch(() => files.delete(key));
    files.set(key, file);
    for (const oldest of files.keys()) {
      if (!hei || files.size <= MAX_HEI_FILES) break;
      files.delete(oldest);
    }
  }
  return file;
}

/** "Checklista: Utformning" → "Checklista - Utformning.docx", and "checklista-utformning.docx" for old clients. */
function templateDisposition(template: GuideTemplate, format: TemplateFormat) {
  const name = `${template.title.replace(/\s*[\\/:*?"<>|]+\s*/g, ' - ').trim()}.${format}`;
  return contentDisposition({ name, asciiName: `${slugify(template.title)}.${format}` });
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

/**
 * Sends a guide document. The shared guide's pages are cached for five minutes; an HEI's version is
 * revalidated on every view (`no-cache` with its ETag: a 304 costs two small queries), so a saved
 * adaptation shows at once.
 */
function sendDoc(
  request: FastifyRequest,
  reply: FastifyReply,
  doc: HtmlDoc,
  status = 200,
  cache = PAGE_CACHE,
): void {
  reply
    .header('content-security-policy', CSP)
    .header('content-language', doc.lang)
    .header('cache-control', status === 200 ? cache : NOT_FOUND_CACHE)
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
const fileResponses = {
  200: z.string().describe('The file'),
  404: htmlPage.describe('The not-found page, in the language of the address'),
};

/** What a route's document picker returns when it has answered already (a redirect). */
const answered = Symbol('answered');

/** One version of the guide: the shared one, or an HEI's. */
type Version = { guide: Guide; site: GuideSite };

/**
 * The routes of one version of the guide, in both languages, at the addresses `patterns` gives (the
 * shared guide's, or an HEI's with `:organisationId` in them). `resolve` finds the version a request is
 * for; null answers the shared guide's not-found page.
 */
function versionRoutes(
  app: App,
  options: {
    patterns: GuidePaths;
    /** The path parameters before the page's (an HEI's version: its organisation id). */
    params: Record<string, z.ZodString>;
    resolve: (request: FastifyRequest) => Version | null | Promise<Version | null>;
    notFound: Record<GuideLanguage, HtmlDoc>;
    pageCache: string;
    fileCache: string;
    what: string;
    publicUrl: string;
  },
) {
  const { patterns, what } = options;
  const common = { config: { public: true } } as const;
  const params = z.object(options.params);
  const idParams = params.extend({ id: z.string() });
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  for (const lang of guideLanguages) {
    const name = lang === 'sv' ? 'Swedish' : 'English';
    const send = (request: FastifyRequest, reply: FastifyReply, doc: HtmlDoc) =>
      sendDoc(request, reply, doc, 200, options.pageCache);
    const notFound = (request: FastifyRequest, reply: FastifyReply, version: Version | null) =>
      sendDoc(request, reply, (version?.site.notFound ?? options.notFound)[lang], 404);
    /** A route answering with a document of the version, or its not-found page (or `answered`: a redirect). */
    const page =
      (
        pick: (
          version: Version,
          request: FastifyRequest,
          reply: FastifyReply,
        ) => HtmlDoc | undefined | typeof answered,
      ) =>
      async (request: FastifyRequest, reply: FastifyReply) => {
        const version = await options.resolve(request);
        const doc = version ? pick(version, request, reply) : undefined;
        if (doc === answered) return;
        if (doc) send(request, reply, doc);
        else notFound(request, reply, version);
      };

    app.get(
      patterns.home(lang),
      {
        ...common,
        schema: { tags, summary: `${what}: the start page (${name})`, params, response: htmlResponses },
      },
      page((v) => v.site.home[lang]),
    );

    app.get(
      patterns.page(lang, ':id'),
      {
        ...common,
        schema: { tags, summary: `${what}: a page (${name})`, params: idParams, response: htmlResponses },
      },
      page((v, request, reply) => {
        if (idOf(request) !== '') return v.site.pages[lang].get(idOf(request));
        reply.redirect(v.guide.paths.home(lang), 301);
        return answered;
      }),
    );

    app.get(
      patterns.search(lang),
      {
        ...common,
        schema: {
          tags,
          summary: `${what}: search (${name}); titles, headings and text, typo-tolerant`,
          params,
          querystring: z.object({
            q: z
              .union([z.string(), z.array(z.string())])
              .optional()
              .describe('What to search for (at most 200 characters are used)'),
          }),
          response: htmlResponses,
        },
      },
      page((v, request) => {
        const q = (request.query as { q?: string | string[] }).q;
        const query = (Array.isArray(q) ? (q[0] ?? '') : (q ?? '')).slice(0, 200);
        return v.site.search(lang, query);
      }),
    );

    app.get(
      patterns.changes(lang),
      {
        ...common,
        schema: {
          tags,
          summary: `${what}: every change, newest first (${name})`,
          params,
          response: htmlResponses,
        },
      },
      page((v) => v.site.changes[lang]),
    );

    app.get(
      patterns.templates(lang),
      {
        ...common,
        schema: { tags, summary: `${what}: the templates (${name})`, params, response: htmlResponses },
      },
      page((v) => v.site.templatesIndex[lang]),
    );

    app.get(
      patterns.template(lang, ':id'),
      {
        ...common,
        schema: {
          tags,
          summary: `${what}: a template, what it holds and its downloads (${name})`,
          params: idParams,
          response: htmlResponses,
        },
      },
      page((v, request, reply) => {
        if (idOf(request) !== '') return v.site.templatePages[lang].get(idOf(request));
        reply.redirect(v.guide.paths.templates(lang), 301);
        return answered;
      }),
    );

    for (const format of ['docx', 'pdf'] as const) {
      app.get(
        patterns.templateFile(lang, ':id', format),
        {
          ...common,
          schema: {
            tags,
            summary: `${what}: a template as ${format === 'docx' ? 'a Word document (DOCX)' : 'PDF'} (${name})`,
            params: idParams,
            response: fileResponses,
          },
        },
        async (request, reply) => {
          const version = await options.resolve(request);
          const template = version?.guide.template(lang, idOf(request));
          if (!version || !template) {
            notFound(request, reply as FastifyReply, version);
            return;
          }
          const file = await templateFile(template, format, options.publicUrl, version.guide);
          reply.header('cache-control', options.fileCache).header('etag', file.etag);
          if (fresh(request, file.etag)) {
            (reply as FastifyReply).code(304).send();
            return;
          }
          (reply as FastifyReply)
            .type(contentTypes[format])
            .header('content-disposition', templateDisposition(template, format))
            .header('content-language', lang)
            .send(file.body);
        },
      );
    }

    // Any other address under the version: its own not-found page, not the web app's.
    app.get(
      `${patterns.home(lang)}/*`,
      {
        ...common,
        schema: {
          tags,
          summary: `${what}: not found (${name})`,
          params: params.extend({ '*': z.string() }),
          response: { 404: htmlResponses[404] },
        },
      },
      async (request, reply) => {
        notFound(request, reply as FastifyReply, await options.resolve(request));
      },
    );
  }
}

export async function guideRoutes(app: App, deps: Deps) {
  const { config } = deps;
  const guide: Guide = getGuide();
  const options = { publicUrl: config.publicUrl, cssPath };
  const shared: Version = { guide, site: createGuideSite(guide, { ...options, eager: true }) };
  const cssEtag = etagOf(css);

  app.get(cssPath, { config: { public: true }, schema: { hide: true } }, (request, reply) => {
    reply.header('cache-control', 'public, max-age=31536000, immutable').header('etag', cssEtag);
    if (fresh(request, cssEtag)) (reply as FastifyReply).code(304).send();
    else (reply as FastifyReply).type('text/css; charset=utf-8').send(css);
  });

  // An HEI's version first: its addresses are more specific than the shared guide's `/guide/*`.
  const versions = heiVersions(
    deps.database.db,
    guide,
    (heiGuide) => createGuideSite(heiGuide, options),
    (hei, o, why) =>
      app.log.warn(
        { organisationId: hei.id, item: `${o.kind}/${o.itemId}/${o.language}` },
        `an adaptation of the guide no longer parses and is left out: ${why}`,
      ),
  );
  versionRoutes(app, {
    patterns: heiGuidePaths(':organisationId'),
    params: { organisationId: z.string().describe("The HEI's organisation id") },
    resolve: async (request) => {
      const found = await versions.get((request.params as { organisationId: string }).organisationId);
      return found && { guide: found.guide, site: found.made };
    },
    notFound: shared.site.notFound,
    pageCache: HEI_CACHE,
    fileCache: HEI_CACHE,
    what: "An HEI's version of the guide",
    publicUrl: config.publicUrl,
  });

  versionRoutes(app, {
    patterns: guidePaths,
    params: {},
    resolve: () => shared,
    notFound: shared.site.notFound,
    pageCache: PAGE_CACHE,
    fileCache: FILE_CACHE,
    what: 'The guide',
    publicUrl: config.publicUrl,
  });

  await guideOverrideRoutes(app, deps);
}
