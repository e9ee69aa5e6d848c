import {
  date,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';
import { caseFile } from '../cases/cases.table.ts';
import { proposal } from '../proposals/proposals.table.ts';
import { organisation } from '../tenancy/tenancy.table.ts';

/** One payment of the billing plan: when it is invoiced and how much (öre, summing to the price). */
export type Installment = { dueDate: string; amountOre: number; description: string };

/**
 * The agreement (avtal) made from an accepted proposal: its clauses, the billing plan and the deadline
 * for changing participants. Both parties sign (who, when); once both have, the text does not change and
 * every later change is an addendum, itself signed by both.
 */
export const agreement = pgTable(
  'agreement',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseFile.id, { onDelete: 'cascade' }),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposal.id),
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => organisation.id),
    language: text('language', { enum: ['sv', 'en'] }).notNull(),
    title: text('title').notNull(),
    clauses: text('clauses').notNull(),
    priceOre: integer('price_ore').notNull(),
    participantsDeadline: date('participants_deadline').notNull(),
    billingPlan: jsonb('billing_plan').$type<Installment[]>().notNull(),
    /** The customer's reference for its invoices (Peppol buyer reference, BT-10), which public buyers require. */
    invoiceReference: text('invoice_reference'),
    revision: integer('revision').notNull().default(1),
    heiSignedBy: text('hei_signed_by').references(() => authUser.id, { onDelete: 'set null' }),
    heiSignedAt: timestamp('hei_signed_at', { withTimezone: true }),
    customerSignedBy: text('customer_signed_by').references(() => authUser.id, { onDelete: 'set null' }),
    customerSignedAt: timestamp('customer_signed_at', { withTimezone: true }),
    createdBy: text('created_by').references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by').references(() => authUser.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agreement_proposal_idx').on(t.proposalId)],
);

/** A change of a signed agreement, numbered, signed by both parties like the agreement. */
export const agreementAddendum = pgTable(
  'agreement_addendum',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreement.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    text: text('text').notNull(),
    createdBy: text('created_by').references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    heiSignedBy: text('hei_signed_by').references(() => authUser.id, { onDelete: 'set null' }),
    heiSignedAt: timestamp('hei_signed_at', { withTimezone: true }),
    customerSignedBy: text('customer_signed_by').references(() => authUser.id, { onDelete: 'set null' }),
    customerSignedAt: timestamp('customer_signed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('agreement_addendum_number_idx').on(t.agreementId, t.number)],
);

/**
 * A payment of the billing plan that the HEI has invoiced: the invoice is made and sent in the HEI's finance
 * system (or from the Peppol file Lupp makes), and someone records here the day and the invoice's number.
 * Keyed by the payment's number in the plan, which no longer changes once the agreement is signed.
 */
export const agreementInvoice = pgTable(
  'agreement_invoice',
  {
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreement.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    invoicedOn: date('invoiced_on').notNull(),
    invoiceNumber: text('invoice_number').notNull(),
    markedBy: text('marked_by').references(() => authUser.id, { onDelete: 'set null' }),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.number] })],
);
