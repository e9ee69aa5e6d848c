import { or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * Free text that names a person (a subject access report's "mentions"): each feature searches its own text
 * columns at one HEI with these helpers and says where each hit is; `privacy/` collects them.
 */
export const mentionSources = [
  'case',
  'case_entry',
  'case_task',
  'checklist',
  'document',
  'inquiry',
  'inquiry_event',
  'needs_analysis',
  'design',
  'proposal',
  'agreement',
  'evaluation',
  'case_review',
] as const;
export type MentionSource = (typeof mentionSources)[number];

/** A piece of free text that contains one of the searched terms, and where it is. */
export type FoundText = {
  source: MentionSource;
  /** The case it belongs to (null for an inquiry without a case here, or an analysis without a case). */
  caseId: string | null;
  /** The record to open: the inquiry or the analysis (null when the case is the way to it). */
  recordId: string | null;
  /** What the record is called: an entry's or a task's title, a file's name, an inquiry's reference. */
  label: string;
  text: string;
  at: Date;
};

/**
 * A term as a case-insensitive regular expression that PostgreSQL (`~*`) and JavaScript read alike: its
 * characters taken literally, any run of white space between its words matching any other ("Anna  Andersson"
 * on two lines is still her).
 */
export function mentionPatterns(terms: string[]): string[] {
  return terms.map((term) =>
    term
      .trim()
      .split(/\s+/)
      .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s+'),
  );
}

/** Any of the columns contains any of the patterns. */
export function containsAny(columns: (AnyPgColumn | SQL)[], patterns: string[]): SQL {
  return or(...columns.flatMap((column) => patterns.map((pattern) => sql`${column} ~* ${pattern}`))) as SQL;
}

/** Where the first of the patterns is found in the text (-1: none). */
function firstHit(text: string, patterns: string[]): number {
  const hits = patterns.map((pattern) => text.search(new RegExp(pattern, 'i'))).filter((at) => at >= 0);
  return hits.length ? Math.min(...hits) : -1;
}

/** Whether the text contains one of the terms, as the database found it. */
export const mentions = (text: string, terms: string[]) => firstHit(text, mentionPatterns(terms)) >= 0;

/** The string values of a JSON body (a timeline entry's answers, an event's reason), as one text. */
export function jsonText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (Array.isArray(body)) return body.map(jsonText).filter(Boolean).join(' — ');
  if (body && typeof body === 'object') return jsonText(Object.values(body));
  return '';
}

/** The first of the texts that contains a term, or null: the column a row was found by. */
export function firstContaining(texts: (string | null | undefined)[], terms: string[]): string | null {
  return texts.find((text) => text && mentions(text, terms)) ?? null;
}

/** The text around the first hit, on word boundaries where it can, so a reader sees the context. */
export function excerptAround(text: string, terms: string[], radius = 80): string {
  const hit = Math.max(0, firstHit(text, mentionPatterns(terms)));
  let start = Math.max(0, hit - radius);
  let end = Math.min(text.length, hit + radius * 2);
  const spaceAfterStart = text.indexOf(' ', start);
  if (start > 0 && spaceAfterStart >= 0 && spaceAfterStart < hit) start = spaceAfterStart + 1;
  const spaceBeforeEnd = text.lastIndexOf(' ', end);
  if (end < text.length && spaceBeforeEnd > hit) end = spaceBeforeEnd;
  const excerpt = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${excerpt}${end < text.length ? '…' : ''}`;
}

/** What `make` says of the first text containing a term, or null when none does (a hit in JSON's keys only). */
export function foundIn<T>(texts: (string | null | undefined)[], terms: string[], make: (text: string) => T) {
  const text = firstContaining(texts, terms);
  return text === null ? null : make(text);
}
