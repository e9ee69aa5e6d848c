import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';
import { organisation } from '../tenancy/tenancy.table.ts';

/**
 * An HEI that contributes its needs analyses and unmet-demand findings, as counts and sums, to its
 * consortium's pooled analysis. No row: it does not (the HEI's administrators choose; nothing is shared by
 * default).
 */
export const regionalContribution = pgTable('regional_contribution', {
  heiId: uuid('hei_id')
    .primaryKey()
    .references(() => organisation.id, { onDelete: 'cascade' }),
  startedBy: text('started_by').references(() => authUser.id, { onDelete: 'set null' }),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
});
