import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { authUser } from './auth.table.ts';

/** The names of people by user id (who approved, signed, set aside…); ids that are null are skipped. */
export async function userNames(
  db: Pick<Db, 'select'>,
  ids: (string | null)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const rows = await db
    .select({ id: authUser.id, name: authUser.name })
    .from(authUser)
    .where(inArray(authUser.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}
