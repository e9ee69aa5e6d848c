/** A unique constraint refused the write (PostgreSQL 23505), as node-postgres or Drizzle's wrapper report it. */
export const isUniqueViolation = (error: unknown) =>
  (error as { code?: string }).code === '23505' ||
  (error as { cause?: { code?: string } }).cause?.code === '23505';

/** A foreign key (by its name) refused the write (PostgreSQL 23503). */
export function isForeignKeyViolation(error: unknown, constraint: string) {
  const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const pgError = e.code ? e : e.cause;
  return pgError?.code === '23503' && pgError.constraint === constraint;
}
