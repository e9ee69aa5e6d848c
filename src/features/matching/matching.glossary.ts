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
/** A key of several words, as its words (each may have an ending in the text: see `phraseAt`). */
type Phrase = { entry: GlossaryEntry; words: string[] };
let glossary: Glossary | null = null;

const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;

/** How many characters from `at` on are of `kind` (code points, at most `most`). Returns [count, length]. */
function run(text: string, at: number, kind: RegExp, most = Number.POSITIVE_INFINITY): [number, number] {
  let count = 0;
  let end = at;
  while (end < text.length && count <= most) {
    const char = String.fromCodePoint(text.codePointAt(end) as number);
    if (!kind.test(char)) break;
    count += 1;
    end += char.length;
  }
  return [count, end - at];
}

/** Whether the code point just before `at` is a letter or digit (a word does not begin there). */
function inWordBefore(text: string, at: number) {
  if (at === 0) return false;
  const low = text.charCodeAt(at - 1);
  const start = at >= 2 && low >= 0xdc00 && low <= 0xdfff ? at - 2 : at - 1;
  return LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(start) as number));
}

/**
 * Whether the phrase's words begin at `at`: in order, apart by white space, each with an ending of up to
 * four letters ("pressure ulcers" in "pressure ulcer care"), the last not followed by a letter or digit.
 * Plain string code: one regular expression per phrase cost up to 40 ms a need while V8 compiled the
 * ones a need tried for the first time, as a server does for its first hundreds of needs.
 */
function phraseAt(text: string, at: number, words: string[]) {
  let end = at;
  for (const [n, word] of words.entries()) {
    if (n > 0) {
      const [spaces, length] = run(text, end, SPACE);
      if (spaces === 0) return false;
      end += length;
    }
    if (!text.startsWith(word, end)) return false;
    end += word.length;
    const [letters, length] = run(text, end, LETTER, 4);
    if (letters > 4) return false;
    end += length;
  }
  return end >= text.length || !LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(end) as number));
}

function hasPhrase(text: string, words: string[]) {
  const first = words[0] ?? '';
  for (let at = text.indexOf(first); at >= 0; at = text.indexOf(first, at + 1))
    if (!inWordBefore(text, at) && phraseAt(text, at, words)) return true;
  return false;
}

function load(): Glossary {
  const loaded: Glossary = { byPrefix: new Map(), phrases: [], phrasesByPrefix: new Map(), fingerprint: '' };
  const hash = createHash('sha1');
  const add = (entry: GlossaryEntry) => {
    if (/\s/.test(entry.key)) {
      const phrase = { entry, words: entry.key.split(/\s+/) };
      loaded.phrases.push(phrase);
      // a phrase matches only where a word begins as its first letters do (see phraseAt)
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
    for (const { entry, words } of glossary.phrasesByPrefix.get(prefix) ?? [])
      if (hasPhrase(lower, words)) out.push({ ...entry, phrase: true });
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
