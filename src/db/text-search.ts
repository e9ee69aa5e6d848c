import { type SQL, sql } from 'drizzle-orm';

/**
 * A word of a search box as a stemmed prefix in Swedish or in English: what someone who types the start of a
 * word expects ("demens" finds "Demensvård", "ledare" "ledarskap"). For columns indexed in both languages.
 */
export const stemmedPrefix = (word: string): SQL =>
  sql`(to_tsquery('swedish', ${`${word}:*`}) || to_tsquery('english', ${`${word}:*`}))`;

/** The words of a search box to match as prefixes: letters and digits, two or more, at most eight. */
export const searchWords = (q: string) =>
  q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2)
    .slice(0, 8);
