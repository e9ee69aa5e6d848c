import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';
import { caseFile } from '../cases/cases.table.ts';
import { organisation } from '../tenancy/tenancy.table.ts';

/**
 * A case's review ("återblick"): what the people who worked on it learned — what worked, what to do
 * differently, and what it may lead to (a catalogue course, research, a new need). The HEI's own memory:
 * shown again on its later cases with the same customer. Never shown to the customer.
 */
export const caseReview = pgTable('case_review', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => caseFile.id, { onDelete: 'cascade' }),
  heiId: uuid('hei_id')
    .notNull()
    .references(() => organisation.id),
  wentWell: text('went_well').notNull().default(''),
  toImprove: text('to_improve').notNull().default(''),
  followOn: text('follow_on').notNull().default(''),
  /** Raised by every save: a save from an older copy is refused, so a colleague's text is not lost. */
  revision: integer('revision').notNull().default(1),
  updatedBy: text('updated_by').references(() => authUser.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
