/**
 * How Lupp's full-text indexes read text (the matching index, and the catalogue's search on the Kurser
 * page): rewritten first, then lower-cased, and "/" spaced out so "MIG/MAG" gives two words (the parser
 * keeps "mig/mag" as a path). The rewrites:
 * - an acronym's English plural as the acronym ("PLCs", "HMIs"): the English stemmer strips an "s" only
 *   after a vowel earlier in the word, so "plcs" would stay a word of its own (Swedish writes "PLC:er", which
 *   parses as "plc" and "er");
 * - the names of programming languages and platforms that the parser cuts to a letter or a common word
 *   ("C#", "F#" and "C++" to "c" and "f", ".NET" to "net") as one word each (see `REWRITTEN_WORDS`).
 * Each is written for PostgreSQL (`pg`, where an index is built) and for JavaScript (`js`, where a search
 * box's words are split); a test in `test/api/catalog.test.ts` holds the two to the same result.
 */
const REWRITES: { pg: [pattern: string, replacement: string, flags: string]; js: [RegExp, string] }[] = [
  { pg: ['\\m([A-Z]{2,})s\\M', '\\1', 'g'], js: [/(?<![\p{L}\p{N}_])([A-Z]{2,})s(?![\p{L}\p{N}_])/gu, '$1'] },
  { pg: ['\\m([cf])#', '\\1sharp', 'gi'], js: [/(?<![\p{L}\p{N}_])([cf])#/giu, '$1sharp'] },
  { pg: ['\\mc\\+\\+', 'cplusplus', 'gi'], js: [/(?<![\p{L}\p{N}_])c\+\+/giu, 'cplusplus'] },
  {
    pg: ['(^|[^[:alnum:].])\\.net\\M', '\\1dotnet', 'gi'],
    js: [/(^|[^\p{L}\p{N}.])\.net(?![\p{L}\p{N}_])/giu, '$1dotnet'],
  },
];

/** The words the rewrites make, as people write them (for the reasons shown with a match). */
export const REWRITTEN_WORDS: Readonly<Record<string, string>> = {
  csharp: 'c#',
  fsharp: 'f#',
  cplusplus: 'c++',
  dotnet: '.net',
};

/** The SQL expression of `text` (an SQL expression of type text) as the indexes read it. */
export const cleanSql = (text: string) => {
  const rewritten = REWRITES.reduce(
    (inner, { pg: [pattern, replacement, flags] }) =>
      `regexp_replace(${inner}, '${pattern}', '${replacement}', '${flags}')`,
    text,
  );
  return `lower(replace(${rewritten}, '/', ' / '))`;
};

/** `text` as the indexes read it, in JavaScript: what `cleanSql` makes of it in the database. */
export const cleanText = (text: string) =>
  REWRITES.reduce((inner, { js: [pattern, replacement] }) => inner.replace(pattern, replacement), text)
    .replaceAll('/', ' / ')
    .toLowerCase();
