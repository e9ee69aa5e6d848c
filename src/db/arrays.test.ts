import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/database.ts';
import { textArray, uuidArray } from './arrays.ts';
import type { Database } from './client.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

it('passes a list as one parameter, each item whole', async () => {
  const items = ['campus', 'a, b', 'say "hi"', 'back\\slash', '{braces}', ''];
  const texts = await database.db.execute<{ item: string }>(sql`select unnest(${textArray(items)}) as item`);
  expect(texts.rows.map((row) => row.item)).toEqual(items);

  const ids = ['6f1c1b52-3d1e-4a5f-9a49-0e6c3c1f0a01', '6f1c1b52-3d1e-4a5f-9a49-0e6c3c1f0a02'];
  const uuids = await database.db.execute<{ id: string }>(sql`select unnest(${uuidArray(ids)}) as id`);
  expect(uuids.rows.map((row) => row.id)).toEqual(ids);
  const none = await database.db.execute<{ n: number }>(sql`select cardinality(${uuidArray([])}) as n`);
  expect(none.rows[0]?.n).toBe(0);
});
