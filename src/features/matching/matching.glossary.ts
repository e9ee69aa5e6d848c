import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Lupp's Swedish–English glossary of working-life vocabulary (`glossary/*.tsv`, columns `sv` and `en`): the
 * bridge by which a Swedish need reaches English courses and an English need Swedish ones. Nothing in
 * PostgreSQL holds it: for a need, the entries whose key may be one of its words (same first letters) or
 * whose key of several words is in its text go with the query, and the database keeps the one-word keys
 * that have the stem of a need word (decision 0004).
 */
export type GlossaryEntry = {
  /** The word or phrase looked up, and the text search configuration of its language. */
  key: string;
  keyConfig: 'swedish' | 'english';
  /** Its translation (one to three words) and that language's configuration. */
  translation: string;
  translationConfig: 'swedish' | 'english';
};
export type GlossaryCandidate = GlossaryEntry & {
  /** A key of several words, found in the text as it stands (no stem comparison is needed). */
  phrase: boolean;
};

const FOLDER = path.join(import.meta.dirname, 'glossary');
/** One-word keys are filed by their first letters; a need word this long or shorter is looked up whole. */
const PREFIX = 4;

type Glossary = {
  byPrefix: Map<string, GlossaryEntry[]>;
  phrases: Phrase[];
  /**
   * Phrase keys by the first letters of their first word (up to PREFIX): a need is tested only against
   * the phrases that can begin at one of its words (testing all of them took ~20 ms a need).
   */
  phrasesByPrefix: Map<string, Phrase[]>;
  /** Of the files' names and contents: tells whether stored neighbours were computed with this glossary. */
  fingerprint: string;
};
type Phrase = { entry: GlossaryEntry; pattern: RegExp };
let glossary: Glossary | null = null;

const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A phrase key as a pattern: its words in order, each with an ending of up to four letters ("ulcers"). */
const phrasePattern = (key: string) =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])${key.split(/\s+/).map(escapeRegExp).join('\\p{L}{0,4}\\s+')}\\p{L}{0,4}(?![\\p{L}\\p{N}])`,
    'u',
  );

function load(): Glossary {
  const loaded: Glossary = { byPrefix: new Map(), phrases: [], phrasesByPrefix: new Map(), fingerprint: '' };
  const hash = createHash('sha1');
  const add = (entry: GlossaryEntry) => {
    if (/\s/.test(entry.key)) {
      const phrase = { entry, pattern: phrasePattern(entry.key) };
      loaded.phrases.push(phrase);
      // a phrase matches only where a word begins as its first letters do (see phrasePattern)
      const start = (entry.key.match(/^[\p{L}\p{N}]+/u)?.[0] ?? '').slice(0, PREFIX);
      loaded.phrasesByPrefix.set(start, [...(loaded.phrasesByPrefix.get(start) ?? []), phrase]);
      return;
    }
    const prefix = entry.key.slice(0, PREFIX);
    loaded.byPrefix.set(prefix, [...(loaded.byPrefix.get(prefix) ?? []), entry]);
  };
  const files = readdirSync(FOLDER).filter((f) => f.endsWith('.tsv'));
  for (const file of files.sort()) {
    const content = readFileSync(path.join(FOLDER, file), 'utf8');
    hash.update(file).update(content);
    const lines = content.split('\n').slice(1);
    for (const line of lines) {
      const [sv, en] = line.split('\t').map((s) => s?.trim().toLowerCase());
      if (!sv || !en) continue;
      add({ key: sv, keyConfig: 'swedish', translation: en, translationConfig: 'english' });
      add({ key: en, keyConfig: 'english', translation: sv, translationConfig: 'swedish' });
    }
  }
  loaded.fingerprint = hash.digest('base64url');
  return loaded;
}

/**
 * The glossary entries that may translate words of `text`: one-word keys that begin as one of its words
 * do (the database then compares stems, so "sjuksköterskorna" finds "sjuksköterska", not
 * "sjukskrivning"), and keys of several words that are in it.
 */
export function glossaryCandidates(text: string): GlossaryCandidate[] {
  glossary ??= load();
  const lower = text.toLowerCase();
  const words = new Set(lower.match(/[\p{L}\p{N}]+/gu) ?? []);
  const prefixes = new Set<string>();
  for (const word of words)
    for (let n = 1; n <= Math.min(PREFIX, word.length); n += 1) prefixes.add(word.slice(0, n));
  const out: GlossaryCandidate[] = [];
  // a key shorter than PREFIX is filed under itself, so only an exact-length prefix finds it
  for (const prefix of prefixes)
    for (const entry of glossary.byPrefix.get(prefix) ?? [])
      if (prefix.length === PREFIX || entry.key.length === prefix.length)
        out.push({ ...entry, phrase: false });
  // phrases not starting with a letter or digit (none today) are filed under '' and always tested
  for (const prefix of ['', ...prefixes])
    for (const { entry, pattern } of glossary.phrasesByPrefix.get(prefix) ?? [])
      if (pattern.test(lower)) out.push({ ...entry, phrase: true });
  return out;
}

/** Every entry, both ways (the index translates courses' terms to find their other-language neighbours). */
export function glossaryEntries(): GlossaryEntry[] {
  glossary ??= load();
  return [...[...glossary.byPrefix.values()].flat(), ...glossary.phrases.map((p) => p.entry)];
}

export function glossaryFingerprint(): string {
  glossary ??= load();
  return glossary.fingerprint;
}
