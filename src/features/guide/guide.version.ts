import { createHash } from 'node:crypto';
import type { FieldError } from '../../server/http/problem.ts';
import type { Guide, GuideDoc, GuidePage, GuideTemplate } from './guide.content.ts';
import type { GuideItemKind } from './guide.contract.ts';
import { type Heading, inlineText, type ParsedMarkdown, parseMarkdown } from './guide.markdown.ts';
import { type GuideLanguage, guideLanguages, guideText, heiGuidePaths, reservedIds } from './guide.text.ts';

/**
 * An HEI's version of the guide, without forking the shared content: every page and template is the HEI's
 * adaptation when it has one, else the shared one, and the HEI's own pages are a part of their own. Pure:
 * the adaptations come from the caller (the `guide_override` table), the shared guide from the files. All
 * links in it go to the HEI's version (`/guide/l/<organisationId>/…`), so a reader stays in it.
 */

/** An adaptation or own page as stored (one language). */
export type OverrideContent = {
  kind: GuideItemKind;
  itemId: string;
  language: GuideLanguage;
  title: string;
  body: string;
  revision: number;
  updatedAt: Date;
};

/** An own page's id: its address, so ASCII kebab-case like the shared pages'. */
export const ownPageId = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const OWN_PAGE_ID_MAX = 80;

const SUMMARY_LENGTH = 200;

/** An adapted page's description: its first paragraph, shortened at a word to about 200 characters. */
export function summaryOf(body: ParsedMarkdown, fallback: string): string {
  const at = body.tokens.findIndex((t) => t.type === 'paragraph_open');
  const text =
    at === -1
      ? ''
      : inlineText(body.tokens[at + 1]?.children ?? null)
          .replace(/\s+/g, ' ')
          .trim();
  if (!text) return fallback;
  if (text.length <= SUMMARY_LENGTH) return text;
  const cut = text.lastIndexOf(' ', SUMMARY_LENGTH - 1);
  return `${text.slice(0, cut > SUMMARY_LENGTH / 2 ? cut : SUMMARY_LENGTH - 1).replace(/[\s,;:.–-]+$/, '')}…`;
}

const dateOf = (at: Date) => at.toISOString().slice(0, 10);
const key = (kind: GuideItemKind, id: string) => `${kind}/${id}`;

/** The HEI's version of the guide: `shared` with `overrides` (its adaptations and own pages) laid over it. */
export function heiGuide(
  shared: Guide,
  hei: { id: string; name: string },
  overrides: OverrideContent[],
  onSkipped: (override: OverrideContent, why: string) => void = () => {},
): Guide {
  const paths = heiGuidePaths(hei.id);
  const pages = { sv: [], en: [] } as Record<GuideLanguage, GuidePage[]>;
  const templates = { sv: [], en: [] } as Record<GuideLanguage, GuideTemplate[]>;

  /** Parses an adaptation; one that no longer parses (the shared guide moved on) is left out, not fatal. */
  const parse = (o: OverrideContent, stage: GuideDoc['stage']) => {
    try {
      return parseMarkdown(o.body, o.language, stage, paths);
    } catch (error) {
      onSkipped(o, (error as Error).message);
      return null;
    }
  };

  for (const lang of guideLanguages) {
    const mine = new Map(overrides.filter((o) => o.language === lang).map((o) => [key(o.kind, o.itemId), o]));
    /** The shared document with its links into the HEI's version, or the HEI's adaptation of it. */
    const version = <D extends GuideDoc>(doc: D): D => {
      const o = mine.get(key(doc.kind, doc.id));
      const body = o && parse(o, doc.stage);
      if (!o || !body) return { ...doc, body: parseMarkdown(doc.source, lang, doc.stage, paths) };
      return {
        ...doc,
        title: o.title,
        // A page's description is its first paragraph; a template's purpose stays the shared one's.
        summary: doc.kind === 'page' ? summaryOf(body, doc.summary) : doc.summary,
        updated: dateOf(o.updatedAt),
        changes: [],
        source: o.body,
        body,
        adaptation: {
          own: false,
          shared: { title: doc.title, updated: doc.updated },
          revision: o.revision,
          updatedAt: o.updatedAt,
        },
      };
    };
    pages[lang] = shared.pages[lang].map(version);
    templates[lang] = shared.templates[lang].map(version);

    const own = [...mine.values()]
      .filter((o) => o.kind === 'page' && !shared.page(lang, o.itemId))
      .sort((a, b) => a.title.localeCompare(b.title, guideText[lang].locale));
    let order = 0;
    for (const o of own) {
      const body = parse(o, undefined);
      if (!body) continue;
      pages[lang].push({
        kind: 'page',
        lang,
        id: o.itemId,
        title: o.title,
        summary: summaryOf(body, o.title),
        stage: undefined,
        updated: dateOf(o.updatedAt),
        changes: [],
        file: `guide_override ${hei.id} ${lang}/${o.itemId}`,
        source: o.body,
        body,
        part: 'own',
        order: ++order,
        templates: [],
        adaptation: { own: true, shared: null, revision: o.revision, updatedAt: o.updatedAt },
      });
    }
  }

  const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((d) => [d.id, d]));
  const pageMap = { sv: byId(pages.sv), en: byId(pages.en) };
  const templateMap = { sv: byId(templates.sv), en: byId(templates.en) };
  const stamps = overrides
    .map((o) => `${o.kind}/${o.itemId}/${o.language}/${o.revision}/${o.updatedAt.toISOString()}`)
    .sort()
    .join('\n');
  return {
    pages,
    templates,
    page: (lang, id) => pageMap[lang].get(id),
    template: (lang, id) => templateMap[lang].get(id),
    version: createHash('sha256')
      .update(`${shared.version}\n${hei.name}\n${stamps}`)
      .digest('hex')
      .slice(0, 16),
    paths,
    hei,
  };
}

export type OverrideInput = {
  kind: GuideItemKind;
  itemId: string;
  language: GuideLanguage;
  title: string;
  body: string;
};

/**
 * Checks an adaptation or own page the way the shared content is checked where that applies: the text
 * starts with a level-1 heading (on a page, the title); links go to pages of the HEI's version (`version`,
 * before this change) in the same language, and their anchors to its headings; an adaptation keeps the
 * shared item's directives (a stage page its `{{decision-points}}`, a checklist its table), and only stage
 * pages and their checklists can have them. An own page's id is ASCII kebab-case and no address of the guide's.
 */
export function checkOverride(
  shared: Guide,
  version: Guide,
  input: OverrideInput,
): { errors: FieldError[]; parsed: ParsedMarkdown | null } {
  const errors: FieldError[] = [];
  const { kind, itemId, language: lang } = input;
  const sharedItem = kind === 'page' ? shared.page(lang, itemId) : shared.template(lang, itemId);
  if (!sharedItem) {
    if (!ownPageId.test(itemId))
      errors.push({
        field: 'params.itemId',
        message:
          'an own page needs an address of lower-case letters a–z, digits and hyphens (e.g. our-contacts)',
      });
    else if (itemId.length > OWN_PAGE_ID_MAX)
      errors.push({ field: 'params.itemId', message: `must be at most ${OWN_PAGE_ID_MAX} characters` });
    else if (reservedIds.has(itemId))
      errors.push({
        field: 'params.itemId',
        message: `"${itemId}" is reserved for the guide's own addresses`,
      });
  }

  let parsed: ParsedMarkdown | null = null;
  try {
    parsed = parseMarkdown(input.body, lang, sharedItem?.stage, version.paths);
  } catch (error) {
    const message = (error as Error).message;
    errors.push({
      field: 'body.body',
      message: message.includes('needs a `stage`')
        ? '{{decision-points}} belongs on the stage pages and the stages’ checklists only'
        : message,
    });
  }
  if (!parsed) return { errors, parsed };

  if (parsed.title === null)
    errors.push({ field: 'body.body', message: 'the text must start with a level-1 heading (# Title)' });
  else if (kind === 'page' && parsed.title !== input.title.trim())
    errors.push({
      field: 'body.title',
      message: `must be the same as the text's heading ("# ${parsed.title}")`,
    });

  for (const directive of sharedItem?.body.directives ?? [])
    if (!parsed.directives.includes(directive))
      errors.push({
        field: 'body.body',
        message: `must keep the line {{${directive}}}: the decision points come from the case pipeline's checklist`,
      });

  const self = kind === 'page' ? itemId : null;
  for (const link of parsed.links) {
    const headings: Heading[] | undefined =
      link.id === self ? parsed.headings : version.page(lang, link.id)?.body.headings;
    if (!headings)
      errors.push({
        field: 'body.body',
        message: `link to "${link.id}.md", which is neither a page of the guide nor one of your own pages in ${lang === 'sv' ? 'Swedish' : 'English'}`,
      });
    else if (link.anchor && !headings.some((h) => h.id === link.anchor))
      errors.push({
        field: 'body.body',
        message: `link to "${link.id}.md#${link.anchor}", which has no such heading`,
      });
  }
  return { errors, parsed };
}

/** The pages and templates of the HEI's version whose text links to the page `id` (in `lang`). */
export function linksTo(version: Guide, lang: GuideLanguage, id: string): GuideDoc[] {
  return [...version.pages[lang], ...version.templates[lang]].filter(
    (d) => d.adaptation && d.id !== id && d.body.links.some((l) => l.id === id),
  );
}
