import {
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';
import { caseFile } from '../cases/cases.table.ts';
import { courseDesign, designCalculation } from '../design/design.table.ts';
import { organisation } from '../tenancy/tenancy.table.ts';

/**
 * A proposal (offert) to the customer, made from a design and its approved calculation: the price is
 * taken from the calculation when the proposal is made. A draft is edited by the HEI; once sent it does not
 * change (a change is a new version, a clone); the customer accepts or declines it in the portal, and the
 * accepted version is what the agreement is made from.
 */
export const proposal = pgTable(
  'proposal',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseFile.id, { onDelete: 'cascade' }),
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => organisation.id),
    designId: uuid('design_id')
      .notNull()
      .references(() => courseDesign.id),
    calculationId: uuid('calculation_id')
      .notNull()
      .references(() => designCalculation.id),
    version: integer('version').notNull(),
    language: text('language', { enum: ['sv', 'en'] }).notNull(),
    title: text('title').notNull(),
    intro: text('intro').notNull(),
    terms: text('terms').notNull(),
    validUntil: date('valid_until').notNull(),
    participants: integer('participants').notNull(),
    priceOre: integer('price_ore').notNull(),
    vatOre: integer('vat_ore').notNull(),
    pricePerParticipantOre: integer('price_per_participant_ore').notNull(),
    status: text('status', { enum: ['draft', 'sent', 'accepted', 'declined', 'withdrawn'] })
      .notNull()
      .default('draft'),
    declineReason: text('decline_reason'),
    revision: integer('revision').notNull().default(1),
    createdBy: text('created_by').references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by').references(() => authUser.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    sentBy: text('sent_by').references(() => authUser.id, { onDelete: 'set null' }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    decidedBy: text('decided_by').references(() => authUser.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('proposal_case_version_idx').on(t.caseId, t.version),
    index('proposal_customer_idx').on(t.customerId, t.status),
  ],
);

/** An HEI's own proposal texts (introduction and terms) per language; without one, Lupp's defaults. */
export const proposalTemplate = pgTable(
  'proposal_template',
  {
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    language: text('language', { enum: ['sv', 'en'] }).notNull(),
    intro: text('intro').notNull(),
    terms: text('terms').notNull(),
    updatedBy: text('updated_by').references(() => authUser.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.heiId, t.language] })],
);
