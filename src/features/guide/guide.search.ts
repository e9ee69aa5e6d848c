import MiniSearch, { type SearchResult } from 'minisearch';
import type { GuidePage } from './guide.content.ts';
import { escapeHtml } from './guide.markdown.ts';
import type { GuideLanguage } from './guide.text.ts';

/**
 * Search across the guide: one in-memory MiniSearch index per language, built when the app starts (the
 * guide is a few dozen pages). Title and headings weigh most, then the summary, then the text. Terms are
 * lower-cased with diacritics folded (a query "lararkapacitet" finds "lärarkapacitet"), typos are forgiven
 * (fuzzy, about one edit in five letters) and the last letters may be left out (prefix). Swedish compounds
 * are found by their parts too: a long word is also indexed under each of its tails that is a word of the
 * guide ("kompetensbehovsanalys" under "behovsanalys" and "analys"), and a query word the guide does not
 * have is split into two words it has ("kursplanemall" → "kursplane", "mall").
 */

const stopWords: Record<GuideLanguage, Set<string>> = {
  sv: new Set(
    'och att i en ett som på är av för med till den det de om har inte kan ska man eller men så vi ni du jag han hon vad vem när där här från ut upp dem sin sitt sina era er vår våra också bara efter under över'
      .split(' ')
      .map(fold),
  ),
  en: new Set(
    'a an and are as at be by can do for from has have how if in is it its not of on or so than that the their them there they this to was we what when where which who will with you your'.split(
      ' ',
    ),
  ),
};

/** Lower case without diacritics: the form every term is indexed and searched in. */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const tokenize = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

type SearchDoc = { id: string; title: string; headings: string; summary: string; body: string };

export type SearchHit = {
  id: string;
  title: string;
  summary: string;
  /** HTML: escaped title, summary and a passage of the text, with the matched words in <mark>. */
  titleHtml: string;
  summaryHtml: string;
  snippetHtml: string | null;
};

export type SearchOutcome = { hits: SearchHit[]; suggestions: string[] };

export type GuideSearch = { search(query: string): SearchOutcome };

const MIN_TAIL = 4;

export function createGuideSearch(lang: GuideLanguage, pages: GuidePage[]): GuideSearch {
  const stop = stopWords[lang];
  // The guide's own words (folded), and how each was first written, to show suggestions as people write them.
  const display = new Map<string, string>();
  for (const page of pages)
    for (const word of tokenize(`${page.title} ${page.summary} ${page.body.text}`)) {
      const folded = fold(word);
      if (!display.has(folded)) display.set(folded, word.toLowerCase());
    }
  const vocabulary = new Set(display.keys());

  const tails = (term: string): string[] => {
    if (lang !== 'sv' || term.length < 2 * MIN_TAIL) return [];
    const found: string[] = [];
    for (let i = 3; i <= term.length - MIN_TAIL; i++) {
      const tail = term.slice(i);
      if (vocabulary.has(tail) && !stop.has(tail)) found.push(tail);
    }
    return found;
  };

  const indexTerm = (term: string): string[] | null => {
    const folded = fold(term);
    if (stop.has(folded)) return null;
    return [folded, ...tails(folded)];
  };

  /** A query word: folded; when the guide does not have it, split into two words it has, if it can be. */
  const queryTerm = (term: string): string | string[] | null => {
    const folded = fold(term);
    if (stop.has(folded)) return null;
    if (lang === 'sv' && folded.length >= 2 * MIN_TAIL && !vocabulary.has(folded)) {
      for (let i = folded.length - MIN_TAIL; i >= MIN_TAIL; i--) {
        const head = folded.slice(0, i);
        const tail = folded.slice(i);
        const headWord = vocabulary.has(head)
          ? head
          : head.endsWith('s') && vocabulary.has(head.slice(0, -1))
            ? head.slice(0, -1)
            : null;
        if (headWord && vocabulary.has(tail)) return [headWord, tail];
      }
    }
    return folded;
  };

  const index = new MiniSearch<SearchDoc>({
    fields: ['title', 'headings', 'summary', 'body'],
    tokenize,
    processTerm: indexTerm,
    searchOptions: {
      processTerm: queryTerm,
      boost: { title: 4, headings: 2, summary: 1.5, body: 1 },
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
      weights: { fuzzy: 0.4, prefix: 0.6 },
    },
  });
  index.addAll(
    pages.map((p) => ({
      id: p.id,
      title: p.title,
      headings: p.body.headings
        .filter((h) => h.level > 1)
        .map((h) => h.text)
        .join('\n'),
      summary: p.summary,
      body: p.body.text,
    })),
  );
  const byId = new Map(pages.map((p) => [p.id, p]));
  const bodies = new Map(pages.map((p) => [p.id, foldText(p.body.text.replace(/\s+/g, ' '))]));

  return {
    search(query: string): SearchOutcome {
      const q = query.trim();
      if (!q) return { hits: [], suggestions: [] };
      // Every word first; when no page has them all, any of them.
      let results: SearchResult[] = index.search(q, { combineWith: 'AND' });
      if (results.length === 0) results = index.search(q, { combineWith: 'OR' });
      const hits = results.slice(0, 30).flatMap((r): SearchHit[] => {
        const page = byId.get(String(r.id));
        if (!page) return [];
        const terms = r.terms;
        return [
          {
            id: page.id,
            title: page.title,
            summary: page.summary,
            titleHtml: highlight(page.title, terms),
            summaryHtml: highlight(page.summary, terms),
            snippetHtml: snippet(bodies.get(page.id) as Folded, terms),
          },
        ];
      });
      if (hits.length) return { hits, suggestions: [] };
      // Nothing found: the guide's words closest to what was typed.
      const words = index
        .autoSuggest(q, { fuzzy: 0.4, prefix: true, combineWith: 'OR' })
        .flatMap((s) => s.terms)
        .map((t) => display.get(t) ?? t);
      return { hits, suggestions: [...new Set(words)].slice(0, 3) };
    },
  };
}

/** A text folded character by character, remembering where each folded character came from. */
type Folded = { text: string; folded: string; from: number[] };

function foldText(text: string): Folded {
  let folded = '';
  const from: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const f = c < '\u00c0' ? c.toLowerCase() : fold(c);
    folded += f;
    for (let k = 0; k < f.length; k++) from.push(i);
  }
  return { text, folded, from };
}

/** Where the folded `terms` occur: [start, end) ranges in the original text, in order, not overlapping. */
function occurrences({ folded, from }: Folded, terms: string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (!term) continue;
    for (let at = folded.indexOf(term); at !== -1; at = folded.indexOf(term, at + term.length)) {
      // Inside a word only as a compound's part (long enough to be one); short terms mark word starts.
      if (term.length < MIN_TAIL && at > 0 && /[\p{L}\p{N}]/u.test(folded[at - 1] as string)) continue;
      const start = from[at] ?? 0;
      const end = (from[at + term.length - 1] ?? start) + 1;
      ranges.push([start, end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] < last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

function markRanges(text: string, ranges: [number, number][], offset = 0): string {
  let html = '';
  let at = 0;
  for (const [start, end] of ranges) {
    const s = start - offset;
    const e = end - offset;
    if (s < at || e > text.length) continue;
    html += `${escapeHtml(text.slice(at, s))}<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    at = e;
  }
  return html + escapeHtml(text.slice(at));
}

function highlight(text: string, terms: string[]): string {
  return markRanges(text, occurrences(foldText(text), terms));
}

const BEFORE = 70;
const LENGTH = 220;

/** A passage of about 220 characters around the place with the most matched words, or null when none is in the text. */
function snippet(body: Folded, terms: string[]): string | null {
  const flat = body.text;
  const ranges = occurrences(body, terms);
  if (ranges.length === 0) return null;
  let best = ranges[0] as [number, number];
  let bestCount = 0;
  for (const r of ranges) {
    const count = ranges.filter(([s, e]) => s >= r[0] - BEFORE && e <= r[0] - BEFORE + LENGTH).length;
    if (count > bestCount) [best, bestCount] = [r, count];
  }
  let start = Math.max(0, best[0] - BEFORE);
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space !== -1 && space < best[0] ? space + 1 : start;
  }
  let end = Math.min(flat.length, start + LENGTH);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    end = space > best[1] ? space : end;
  }
  const inside = ranges.filter(([s, e]) => s >= start && e <= end);
  return `${start > 0 ? '… ' : ''}${markRanges(flat.slice(start, end), inside, start)}${end < flat.length ? ' …' : ''}`;
}
