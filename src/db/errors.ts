/** A unique constraint refused the write (PostgreSQL 23505), as node-postgres or Drizzle's wrapper report it. */
export const isUniqueViolation = (error: unknown) =>
  (error as { code?: string }).code === '23505' ||
  (error as { cause?: { code?: string } }).cause?.code === '23505';
