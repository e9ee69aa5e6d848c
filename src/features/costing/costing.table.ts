import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';
import { organisation } from '../tenancy/tenancy.table.ts';
import type { CostConfigInput } from './costing.contract.ts';

/**
 * An HEI's cost configuration for full-cost calculations, in versions: hourly salary costs and payroll
 * overheads per staff category, OH, premises, administration and defaults. A version is a draft until an
 * economist approves it; approved versions never change (a change is a new version). The one in effect
 * on a date is the approved version with the latest `effective_from` on or before it.
 */
export const costConfig = pgTable(
  'cost_config',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    status: text('status', { enum: ['draft', 'approved'] })
      .notNull()
      .default('draft'),
    config: jsonb('config').$type<CostConfigInput>().notNull(),
    note: text('note').notNull().default(''),
    /** Increases with every save: a save based on an older revision is refused (two editors). */
    revision: integer('revision').notNull().default(1),
    createdBy: text('created_by').references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by').references(() => authUser.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    approvedBy: text('approved_by').references(() => authUser.id, { onDelete: 'set null' }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('cost_config_hei_version_idx').on(t.heiId, t.version),
    index('cost_config_effective_idx').on(t.heiId, t.status, t.effectiveFrom),
  ],
);
