import { sql } from 'drizzle-orm';

// Drizzle spreads a JavaScript array into one parameter per item; these pass the whole list as a single
// array-literal parameter, so a statement has one parameter per list however long it is (thousands of
// course ids at a time in imports and rebuilds).

/** A list of uuids as one `uuid[]` parameter. */
export const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** A list of strings as one `text[]` parameter; every item is quoted, so commas and quotes stay inside it. */
export const textArray = (items: readonly string[]) =>
  sql`${`{${items.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
