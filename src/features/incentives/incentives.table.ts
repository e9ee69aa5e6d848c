import { date, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';
import { organisation } from '../tenancy/tenancy.table.ts';

/**
 * An HEI's incentive model for contract education, in versions with effective dates (like the cost
 * configuration): what a department gets back from a case (a share of the indirect-cost surcharge, basis
 * points) and how teachers' hours count in workload plans (a factor on planned hours, basis points; 10 000
 * = hour for hour). Shown on each case so departments see what taking part brings them.
 */
export const incentiveModel = pgTable(
  'incentive_model',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    effectiveFrom: date('effective_from').notNull(),
    departmentShareBp: integer('department_share_bp').notNull().default(0),
    workloadFactorBp: integer('workload_factor_bp').notNull().default(10_000),
    /** Other incentives in words (merit in promotion, research contacts, …), in Swedish and English. */
    descriptionSv: text('description_sv').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    createdBy: text('created_by').references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('incentive_model_hei_from_idx').on(t.heiId, t.effectiveFrom)],
);
