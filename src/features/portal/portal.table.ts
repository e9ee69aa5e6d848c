import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The reminders Lupp has sent a customer's contact people, one per thing to do: a proposal about to lapse
 * unanswered, a participants' deadline close. Kept so that the nightly job reminds once, not every night.
 */
export const customerReminder = pgTable(
  'customer_reminder',
  {
    kind: text('kind').notNull(),
    /** The proposal or agreement reminded of (no foreign key: either table; a deleted record's row is moot). */
    recordId: uuid('record_id').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.recordId] })],
);
