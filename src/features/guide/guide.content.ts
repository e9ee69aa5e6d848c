import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { openStages, type Stage, stages } from '../cases/stages.ts';
import { type ParsedMarkdown, parseMarkdown } from './guide.markdown.ts';
import {
  type GuideLanguage,
  type GuidePart,
  type GuidePaths,
  guideLanguages,
  guideParts,
  guidePathForStage,
  guidePaths,
  heiGuidePaths,
  reservedIds,
} from './guide.text.ts';

/**
 * The guide's content: Markdown files with YAML front matter under content/ (pages in content/<lang>/,
 * templates in content/templates/<lang>/), read once, validated and rendered when the app starts. A
 * problem stops the start with one message naming every bad file. The content ships with the code, so
 * every app process renders exactly the same guide: nothing is stored.
 */

export const contentRoot = path.resolve(import.meta.dirname, 'content');

const isoDate = z
  .string({ error: 'must be a date written YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(s).toISOString().startsWith(s), {
    message: 'is not a real date',
  });
const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and hyphens (it is the address)');
const change = z.strictObject({ date: isoDate, note: z.string().trim().min(1, 'must say what changed') });
const common = {
  id,
  title: z.string().trim().min(1),
  summary: z.string().trim().min(1),
  stage: z.enum(stages).optional(),
  updated: isoDate,
  changes: z.array(change).min(1, 'must list at least one change'),
};
const pageFrontMatter = z.strictObject({
  ...common,
  part: z.enum(guideParts),
  order: z.number().int().min(1),
  templates: z.array(id).default([]),
});
const templateFrontMatter = z.strictObject(common);

export type GuideChange = z.infer<typeof change>;

type DocBase = {
  lang: GuideLanguage;
  id: string;
  title: string;
  summary: string;
  stage: Stage | undefined;
  updated: string;
  /** Newest first. */
  changes: GuideChange[];
  /** The file, relative to the working directory, for messages. */
  file: string;
  /** The Markdown after the front matter, as written. */
  source: string;
  body: ParsedMarkdown;
  /** In an HEI's version of the guide: how this page or template is the HEI's own (none: the shared one). */
  adaptation?: Adaptation | undefined;
};
/** An HEI's own pages are a part of their own in its version of the guide. */
export type GuidePagePart = GuidePart | 'own';
export type GuidePage = DocBase & { kind: 'page'; part: GuidePagePart; order: number; templates: string[] };
export type GuideTemplate = DocBase & { kind: 'template' };
export type GuideDoc = GuidePage | GuideTemplate;

/** How an HEI's version of a page or template differs from the shared guide. */
export type Adaptation = {
  /** A page of the HEI's own: the shared guide has no page with its id. */
  own: boolean;
  /** The shared page or template the HEI adapted, as the shared guide has it now. */
  shared: { title: string; updated: string } | null;
  revision: number;
  updatedAt: Date;
};

export type Guide = {
  /** Per language, in reading order: by part, then by `order`. */
  pages: Record<GuideLanguage, GuidePage[]>;
  templates: Record<GuideLanguage, GuideTemplate[]>;
  page(lang: GuideLanguage, id: string): GuidePage | undefined;
  template(lang: GuideLanguage, id: string): GuideTemplate | undefined;
  /** A fingerprint of all content (changes whenever a file does). */
  version: string;
  /** Where its pages are: the shared guide's addresses, or an HEI's version's. */
  paths: GuidePaths;
  /** The HEI whose version of the guide this is; none for the shared guide. */
  hei?: { id: string; name: string } | undefined;
};

export class GuideContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`The process guide's content has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    this.name = 'GuideContentError';
  }
}

type Raw = { file: string; source: string };

function readFolder(folder: string): Raw[] {
  let names: string[];
  try {
    names = readdirSync(folder).filter((n) => n.endsWith('.md'));
  } catch {
    return [];
  }
  return names.sort().map((name) => {
    const file = path.join(folder, name);
    return { file, source: readFileSync(file, 'utf8') };
  });
}

function splitFrontMatter(source: string): { yaml: string; body: string } | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  return match ? { yaml: match[1] ?? '', body: match[2] ?? '' } : null;
}

/** Reads, validates and renders the guide under `root`. Throws GuideContentError listing every problem. */
export function loadGuide(root: string = contentRoot): Guide {
  const problems: string[] = [];
  const hash = createHash('sha256');
  const pages = { sv: [], en: [] } as Record<GuideLanguage, GuidePage[]>;
  const templates = { sv: [], en: [] } as Record<GuideLanguage, GuideTemplate[]>;

  const load = <K extends 'page' | 'template'>(kind: K, raw: Raw, lang: GuideLanguage) => {
    const rel = path.relative(process.cwd(), raw.file) || raw.file;
    const problem = (message: string) => problems.push(`${rel}: ${message}`);
    hash.update(raw.file).update(raw.source);
    const split = splitFrontMatter(raw.source);
    if (!split) return problem('must start with YAML front matter between two lines of ---');
    let data: unknown;
    try {
      data = parseYaml(split.yaml, { uniqueKeys: true });
    } catch (error) {
      return problem(`front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    }
    const parsed = (kind === 'page' ? pageFrontMatter : templateFrontMatter).safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problem(`front matter ${issue.path.join('.') || '(whole)'}: ${issue.message}`);
      return;
    }
    const fm = parsed.data;
    const fileId = path.basename(raw.file, '.md');
    if (fm.id !== fileId) problem(`id "${fm.id}" must be the file name ("${fileId}")`);
    if (kind === 'page' && reservedIds.has(fm.id))
      problem(`id "${fm.id}" is reserved for the guide's own pages`);
    const newest = [...fm.changes].sort((a, b) => b.date.localeCompare(a.date));
    if (newest[0] && fm.updated !== newest[0].date)
      problem(`updated (${fm.updated}) must be the date of the newest change (${newest[0].date})`);
    let body: ParsedMarkdown;
    try {
      body = parseMarkdown(split.body, lang, fm.stage);
    } catch (error) {
      return problem((error as Error).message);
    }
    // A page's layout shows its title as the heading; a template's own heading is what gets printed.
    if (body.title === null) problem('the text must start with a level-1 heading (# Title)');
    else if (kind === 'page' && body.title !== fm.title)
      problem(`the heading "# ${body.title}" must equal the title "${fm.title}"`);
    const base = { ...fm, lang, stage: fm.stage, changes: newest, file: rel, source: split.body, body };
    if (kind === 'page') {
      const p = fm as z.infer<typeof pageFrontMatter>;
      pages[lang].push({ ...base, kind: 'page', part: p.part, order: p.order, templates: p.templates });
    } else templates[lang].push({ ...base, kind: 'template' });
  };

  for (const lang of guideLanguages) {
    const pageFiles = readFolder(path.join(root, lang));
    const templateFiles = readFolder(path.join(root, 'templates', lang));
    if (pageFiles.length === 0) problems.push(`${path.join(root, lang)}: no pages`);
    for (const raw of pageFiles) load('page', raw, lang);
    for (const raw of templateFiles) load('template', raw, lang);
    const partIndex = (part: GuidePagePart) => (guideParts as readonly string[]).indexOf(part);
    pages[lang].sort((a, b) => partIndex(a.part) - partIndex(b.part) || a.order - b.order);
  }

  const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((d) => [d.id, d]));
  const pageMap = { sv: byId(pages.sv), en: byId(pages.en) };
  const templateMap = { sv: byId(templates.sv), en: byId(templates.en) };

  // Both languages have the same pages and templates, with the same structure.
  for (const [what, maps] of [
    ['page', pageMap],
    ['template', templateMap],
  ] as const) {
    for (const lang of guideLanguages) {
      const other = lang === 'sv' ? 'en' : 'sv';
      for (const [docId, doc] of maps[lang]) {
        const twin = maps[other].get(docId);
        if (!twin) {
          problems.push(`${doc.file}: the ${what} "${docId}" has no ${other} version`);
          continue;
        }
        if (lang !== 'sv') continue;
        const shape = (d: GuideDoc) =>
          JSON.stringify(d.kind === 'page' ? [d.part, d.order, d.stage, d.templates] : [d.stage]);
        if (shape(doc) !== shape(twin))
          problems.push(
            `${doc.file}: part, order, stage and templates must be the same as in ${twin.file} (${shape(doc)} ≠ ${shape(twin)})`,
          );
        const directives = (d: GuideDoc) => d.body.directives.join(',');
        if (directives(doc) !== directives(twin))
          problems.push(`${doc.file}: must have the same directives as ${twin.file}`);
      }
    }
  }

  for (const lang of guideLanguages) {
    const orders = new Map<string, string>();
    for (const page of pages[lang]) {
      const key = `${page.part}/${page.order}`;
      const clash = orders.get(key);
      if (clash) problems.push(`${page.file}: order ${page.order} in part ${page.part} is also ${clash}'s`);
      orders.set(key, page.id);
      for (const t of page.templates)
        if (!templateMap[lang].has(t)) problems.push(`${page.file}: template "${t}" does not exist`);
      if (
        page.stage &&
        (openStages as readonly string[]).includes(page.stage) &&
        !page.body.directives.includes('decision-points')
      )
        problems.push(`${page.file}: a stage page must show its decision points with {{decision-points}}`);
    }
    for (const doc of [...pages[lang], ...templates[lang]]) {
      for (const link of doc.body.links) {
        const target = pageMap[lang].get(link.id);
        if (!target) problems.push(`${doc.file}: link to "${link.id}.md", which does not exist`);
        else if (link.anchor && !target.body.headings.some((h) => h.id === link.anchor))
          problems.push(`${doc.file}: link to "${link.id}.md#${link.anchor}", which has no such heading`);
      }
    }
    for (const stage of stages) {
      const stagePages = pages[lang].filter((p) => p.stage === stage);
      for (const p of stagePages)
        if (p.id !== `stage-${stage}`)
          problems.push(`${p.file}: the page of the stage ${stage} must be stage-${stage}.md`);
      if (stagePages.length !== 1)
        problems.push(
          `${path.join(root, lang)}: the stage "${stage}" must have exactly one page (has ${stagePages.length})`,
        );
    }
    for (const stage of openStages) {
      const checklist = templateMap[lang].get(`checklist-${stage}`);
      if (!checklist)
        problems.push(`${path.join(root, 'templates', lang)}: checklist-${stage}.md is missing`);
      else if (checklist.stage !== stage || !checklist.body.directives.includes('decision-points table'))
        problems.push(`${checklist.file}: must have stage: ${stage} and the line {{decision-points table}}`);
    }
  }

  if (problems.length) throw new GuideContentError(problems);
  return {
    pages,
    templates,
    page: (lang, pageId) => pageMap[lang].get(pageId),
    template: (lang, templateId) => templateMap[lang].get(templateId),
    version: hash.digest('hex').slice(0, 16),
    paths: guidePaths,
  };
}

let loaded: Guide | undefined;

/** The guide shipped with Lupp, loaded on first use (the routes use it at start-up) and kept. */
export function getGuide(): Guide {
  loaded ??= loadGuide();
  return loaded;
}

export type StageGuide = {
  path: string;
  title: string;
  templates: { id: string; title: string; path: string; docx: string; pdf: string }[];
};

/**
 * The guide page of a stage with its templates (for the case page to link to); with an HEI's id, the
 * addresses are those of the HEI's version (the titles stay the shared guide's).
 */
export function guideForStage(stage: Stage, lang: GuideLanguage = 'sv', heiId?: string): StageGuide {
  const guide = getGuide();
  const paths = heiId ? heiGuidePaths(heiId) : guidePaths;
  const page = guide.pages[lang].find((p) => p.stage === stage);
  // loadGuide has checked that every stage has its page.
  if (!page) throw new Error(`The guide has no page for the stage ${stage}`);
  return {
    path: guidePathForStage(stage, lang, heiId),
    title: page.title,
    templates: page.templates.flatMap((templateId) => {
      const t = guide.template(lang, templateId);
      return t
        ? [
            {
              id: t.id,
              title: t.title,
              path: paths.template(lang, t.id),
              docx: paths.templateFile(lang, t.id, 'docx'),
              pdf: paths.templateFile(lang, t.id, 'pdf'),
            },
          ]
        : [];
    }),
  };
}
