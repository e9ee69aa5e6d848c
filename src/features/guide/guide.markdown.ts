import MarkdownIt, { type StateBlock, type StateCore, type StateInline, type Token } from 'markdown-it';
import { defaultChecklist, type Stage } from '../cases/stages.ts';
import { type GuideLanguage, type GuidePaths, guidePaths, guideText } from './guide.text.ts';

/**
 * Markdown for the guide's pages and templates: markdown-it without raw HTML, plus what the guide needs —
 * headings get id anchors; `[ ]` is a tick box and `________` a blank to fill in (tokens `checkbox` and
 * `blank`, so the HTML, DOCX and PDF renderers each draw them their own way); links to a sibling page
 * (`needs-analysis.md`, `../../sv/stage-design.md#anchor` — they also work when browsing the repository)
 * become guide addresses; and the directive line `{{decision-points}}` (a list) or
 * `{{decision-points table}}` (a checklist table) is filled from the cases feature's `defaultChecklist`
 * for the document's stage, so the guide and the stage gates describe the same decision points from one
 * source. Everything is parsed into one token stream that the three renderers share.
 */

export type Heading = { level: number; text: string; id: string };
export type InternalLink = { id: string; anchor: string | null };

/** What a parse needs (the language and stage of the document) and what it collects. */
export type GuideEnv = {
  lang: GuideLanguage;
  stage?: Stage | undefined;
  headings: Heading[];
  links: InternalLink[];
  directives: string[];
  /** Where links to other pages go: the shared guide, or an HEI's version of it. */
  paths: GuidePaths;
};

export type ParsedMarkdown = {
  tokens: Token[];
  /** The text of the leading level-1 heading, if the document starts with one. */
  title: string | null;
  /** The HTML of the document without its leading level-1 heading (the page layout renders the title). */
  html: string;
  headings: Heading[];
  links: InternalLink[];
  directives: string[];
  /** The plain text of every block, for the search index and snippets. */
  text: string;
};

/** The decision points of a stage in a language, in the order the checklist has them. */
export function decisionPoints(stage: Stage, lang: GuideLanguage) {
  return defaultChecklist
    .filter((item) => item.stage === stage)
    .map((item) => ({ text: item[lang], required: item.required }));
}

/** Escapes ASCII punctuation that means something in inline Markdown. */
const escapeInline = (s: string) => s.replace(/[\\`*_[\]{}<>|#!~]/g, (c) => `\\${c}`);

function decisionPointsMarkdown(env: GuideEnv, variant: string | undefined): string {
  const t = guideText[env.lang];
  if (!env.stage) throw new Error('{{decision-points}} needs a `stage` in the front matter');
  const items = decisionPoints(env.stage, env.lang);
  if (items.length === 0)
    throw new Error(`{{decision-points}}: the stage "${env.stage}" has no decision points`);
  if (variant === undefined) {
    return items
      .map((p, i) => `${i + 1}. **${escapeInline(p.text)}** – ${p.required ? t.required : t.optional}`)
      .join('\n');
  }
  if (variant === 'table') {
    const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
    return [
      row(t.checklistHeader),
      row(t.checklistHeader.map(() => '---')),
      ...items.map((p, i) =>
        row([
          String(i + 1),
          escapeInline(p.text),
          p.required ? t.yes : t.no,
          '________',
          '________',
          '________',
        ]),
      ),
    ].join('\n');
  }
  throw new Error(
    `{{decision-points ${variant}}}: unknown variant (use {{decision-points}} or {{decision-points table}})`,
  );
}

/** A line of its own `{{name}}` or `{{name variant}}` at the top level, expanded into block tokens. */
function directive(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (state.level !== 0 || (state.sCount[startLine] ?? 0) - state.blkIndent >= 4) return false;
  const start = (state.bMarks[startLine] ?? 0) + (state.tShift[startLine] ?? 0);
  const line = state.src.slice(start, state.eMarks[startLine]).trim();
  const match = /^\{\{\s*([a-z-]+)(?:\s+([a-z-]+))?\s*\}\}$/.exec(line);
  if (!match) return false;
  if (silent) return true;
  const env = state.env as GuideEnv;
  const [, name, variant] = match;
  if (name !== 'decision-points') throw new Error(`unknown directive {{${name}}}`);
  env.directives.push(variant ? `${name} ${variant}` : name);
  const first = state.tokens.length;
  state.md.block.parse(decisionPointsMarkdown(env, variant), state.md, env, state.tokens);
  state.tokens[first]?.attrJoin('class', 'decision-points');
  state.line = startLine + 1;
  return true;
}

function checkbox(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */) return false;
  const match = /^\[([ xX])\](?![([])/.exec(state.src.slice(state.pos, state.pos + 4));
  if (!match) return false;
  if (!silent) state.push('checkbox', 'span', 0).meta = { checked: match[1] !== ' ' };
  state.pos += 3;
  return true;
}

function blank(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x5f /* _ */) return false;
  const match = /^_{4,}/.exec(state.src.slice(state.pos));
  if (!match) return false;
  if (!silent) state.push('blank', 'span', 0).meta = { length: match[0].length };
  state.pos += match[0].length;
  return true;
}

/** A heading's or link's text, without markup. */
export function inlineText(children: Token[] | null): string {
  return (children ?? [])
    .map((c) =>
      c.type === 'text' || c.type === 'code_inline'
        ? c.content
        : c.type === 'softbreak' || c.type === 'hardbreak'
          ? ' '
          : '',
    )
    .join('');
}

/** An anchor id from a heading: "Lärandemål först" → "larandemal-forst". */
export function slugify(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'avsnitt'
  );
}

function headingIds(state: StateCore) {
  const env = state.env as GuideEnv;
  const used = new Set<string>();
  state.tokens.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    const text = inlineText(state.tokens[i + 1]?.children ?? null).trim();
    let id = slugify(text);
    for (let n = 2; used.has(id); n++) id = `${slugify(text)}-${n}`;
    used.add(id);
    token.attrSet('id', id);
    env.headings.push({ level: Number(token.tag.slice(1)), text, id });
  });
}

const internalLink = /^(?:\.\.\/)*(?:(sv|en)\/)?([a-z0-9]+(?:-[a-z0-9]+)*)\.md(?:#([a-z0-9-]+))?$/;

function links(state: StateCore) {
  const env = state.env as GuideEnv;
  for (const block of state.tokens) {
    for (const token of block.children ?? []) {
      if (token.type === 'text' && token.content.includes('{{'))
        throw new Error(`"${token.content.trim()}": a directive must stand alone on a line of its own`);
      if (token.type !== 'link_open') continue;
      const href = String(token.attrGet('href') ?? '');
      if (/^(https?:|mailto:)/.test(href)) continue;
      const match = internalLink.exec(href);
      if (!match) throw new Error(`link "${href}": write a page as "<id>.md" (or an http(s) address)`);
      const [, lang, id = '', anchor] = match;
      if (lang && lang !== env.lang)
        throw new Error(`link "${href}" goes to the other language; link the page in ${env.lang}/`);
      token.attrSet('href', env.paths.page(env.lang, id) + (anchor ? `#${anchor}` : ''));
      token.meta = { internal: true };
      env.links.push({ id, anchor: anchor ?? null });
    }
  }
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
md.block.ruler.before('paragraph', 'guide_directive', directive);
md.inline.ruler.before('link', 'guide_checkbox', checkbox);
md.inline.ruler.before('emphasis', 'guide_blank', blank);
md.core.ruler.after('inline', 'guide_heading_ids', headingIds);
md.core.ruler.after('guide_heading_ids', 'guide_links', links);

const escapeHtml = md.utils.escapeHtml;
md.renderer.rules.checkbox = (tokens, idx, _options, env) => {
  const checked = tokens[idx]?.meta?.checked === true;
  const t = guideText[(env as GuideEnv).lang];
  return `<span class="checkbox" role="img" aria-label="${escapeHtml(checked ? t.tickedBox : t.tickBox)}">${checked ? '☑' : '☐'}</span>`;
};
md.renderer.rules.blank = (_tokens, _idx, _options, env) =>
  `<span class="blank" role="img" aria-label="${escapeHtml(guideText[(env as GuideEnv).lang].blank)}"></span>`;
// A table scrolls sideways on its own when it is wider than the screen; the scrolling box can take the
// keyboard focus and is named after the table's column headings.
md.renderer.rules.table_open = (tokens, idx, options, env, self) => {
  const headings: string[] = [];
  for (let i = idx + 1; i < tokens.length && tokens[i]?.type !== 'thead_close'; i++)
    if (tokens[i]?.type === 'inline') headings.push(inlineText(tokens[i]?.children ?? null).trim());
  const label = `${guideText[(env as GuideEnv).lang].table}: ${headings.filter(Boolean).join(', ')}`;
  return `<div class="table-wrap" role="group" tabindex="0" aria-label="${escapeHtml(label)}">\n${self.renderToken(tokens, idx, options)}`;
};
md.renderer.rules.table_close = (tokens, idx, options, _env, self) =>
  `${self.renderToken(tokens, idx, options)}</div>\n`;
// Table alignment becomes a class: the guide's Content-Security-Policy allows no inline styles.
for (const rule of ['th_open', 'td_open'] as const) {
  md.renderer.rules[rule] = (tokens, idx, options, _env, self) => {
    const token = tokens[idx] as Token;
    const align = /text-align:(left|right|center)/.exec(String(token.attrGet('style') ?? ''))?.[1];
    if (align) {
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
      token.attrJoin('class', `align-${align}`);
    }
    return self.renderToken(tokens, idx, options);
  };
}

/**
 * Parses and renders a document body (the Markdown after the front matter). Throws on a bad directive or
 * link. Links to other pages go to `paths` (the shared guide's addresses unless an HEI's are given).
 */
export function parseMarkdown(
  src: string,
  lang: GuideLanguage,
  stage?: Stage,
  paths: GuidePaths = guidePaths,
): ParsedMarkdown {
  const env: GuideEnv = { lang, stage, headings: [], links: [], directives: [], paths };
  const tokens = md.parse(src, env);
  const titled = tokens[0]?.type === 'heading_open' && tokens[0].tag === 'h1';
  const title = titled ? inlineText(tokens[1]?.children ?? null).trim() : null;
  const html = md.renderer.render(titled ? tokens.slice(3) : tokens, md.options, env);
  const text = tokens
    .filter((t) => t.type === 'inline')
    .map((t) => inlineText(t.children))
    .join('\n');
  return { tokens, title, html, headings: env.headings, links: env.links, directives: env.directives, text };
}

export { escapeHtml };
