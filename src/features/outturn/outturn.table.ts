import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agreement } from '../agreements/agreements.table.ts';
import { authUser } from '../auth/auth.table.ts';
import type { CalculationResult, designCostsSchema } from '../costing/costing.contract.ts';
import { courseDesign } from '../design/design.table.ts';
import { organisation } from '../tenancy/tenancy.table.ts';

export type PlannedFigures = { totalCostOre: number; staffHours: number; participants: number };

/**
 * The post-calculation (efterkalkyl) of an agreement both parties signed: what the delivery actually used, in
 * the form of a design's costs, and its full cost priced with the cost configuration version of the calculation
 * the agreement was priced by. One per agreement, corrected in revisions (each in the audit log).
 */
export const agreementOutturn = pgTable(
  'agreement_outturn',
  {
    agreementId: uuid('agreement_id')
      .primaryKey()
      .references(() => agreement.id, { onDelete: 'cascade' }),
    /** The agreement's HEI, for its figures across agreements. */
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id),
    /**
     * The design the agreement's calculation was of, and the catalogue courses its modules are built from:
     * earlier post-calculations of the same courses are what a new calculation learns from.
     */
    designId: uuid('design_id').references(() => courseDesign.id, { onDelete: 'set null' }),
    courseIds: uuid('course_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** What the customer pays, excluding VAT, when it was recorded (an agreement's price does not change once signed). */
    revenueOre: integer('revenue_ore').notNull(),
    /** The calculation's figures when recorded, to set beside the outcome without reading the calculation. */
    planned: jsonb('planned').$type<PlannedFigures>().notNull(),
    costs: jsonb('costs').$type<typeof designCostsSchema._output>().notNull(),
    result: jsonb('result').$type<CalculationResult>().notNull(),
    note: text('note').notNull().default(''),
    revision: integer('revision').notNull().default(1),
    recordedBy: text('recorded_by').references(() => authUser.id, { onDelete: 'set null' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agreement_outturn_hei_idx').on(t.heiId, t.recordedAt)],
);
