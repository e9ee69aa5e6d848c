import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';
import { organisation } from '../tenancy/tenancy.table.ts';

/**
 * A framework agreement (ramavtal) an HEI holds with a customer, usually won in an advertised procurement:
 * the period it runs, the customer's reference and the most the customer may call off under it. Each
 * call-off is a case of its own (`case.framework_agreement_id`), so the agreement shows what has been called
 * off and how much of its ceiling is used.
 */
export const frameworkAgreement = pgTable(
  'framework_agreement',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => organisation.id),
    title: text('title').notNull(),
    /** The customer's reference: the procurement's registration number (diarienummer). */
    reference: text('reference'),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to').notNull(),
    /** The most the customer may call off, excluding VAT (takbelopp), in öre; null: no ceiling stated. */
    ceilingOre: bigint('ceiling_ore', { mode: 'number' }),
    createdBy: text('created_by').references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('framework_agreement_period', sql`${t.validTo} >= ${t.validFrom}`),
    check('framework_agreement_ceiling', sql`${t.ceilingOre} is null or ${t.ceilingOre} > 0`),
    // the key a call-off points at: the agreement, at the case's own HEI and with the case's own customer
    unique('framework_agreement_call_off_key').on(t.id, t.heiId, t.customerId),
    index('framework_agreement_hei_idx').on(t.heiId, t.customerId),
  ],
);

/**
 * The reminders sent of an agreement, so each is sent once: that it runs out (`about`: the last day, so an
 * extension is reminded of again) or that its ceiling is nearly used (`about`: the ceiling in öre, so a raised
 * ceiling is too). The row is also the lock that lets only one app process send it.
 */
export const frameworkReminder = pgTable(
  'framework_reminder',
  {
    frameworkAgreementId: uuid('framework_agreement_id')
      .notNull()
      .references(() => frameworkAgreement.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['ending', 'ceiling'] }).notNull(),
    about: text('about').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.frameworkAgreementId, t.kind, t.about] })],
);
