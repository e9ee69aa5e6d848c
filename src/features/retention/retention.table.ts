import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';
import { organisation } from '../tenancy/tenancy.table.ts';

/**
 * An HEI's retention rule (gallringsbeslut) for the personal data Lupp holds on its behalf. Most HEIs are
 * public authorities: how long a record is kept is each HEI's own decision, so there is no deployment-wide
 * rule. No row, or a null period, means the data is erased only on request.
 */
export const retentionRule = pgTable(
  'retention_rule',
  {
    heiId: uuid('hei_id')
      .primaryKey()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    /** An inquiry's contact person is erased this many months after the inquiry ended (declined, or its case closed). */
    inquiryContactMonths: integer('inquiry_contact_months'),
    /** Participants' personnummer and e-mail are erased this many months after their case closed. */
    participantMonths: integer('participant_months'),
    /** Participants are anonymised (their name emptied too) this many months after their case closed. */
    participantNameMonths: integer('participant_name_months'),
    updatedByUserId: text('updated_by_user_id').references(() => authUser.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** The last sweep that applied the rule (nightly, or started by an admin), and how many it erased. */
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    lastRunInquiryContacts: integer('last_run_inquiry_contacts'),
    lastRunParticipants: integer('last_run_participants'),
    lastRunParticipantNames: integer('last_run_participant_names'),
  },
  (t) => [
    check(
      'retention_rule_months_check',
      sql`${t.inquiryContactMonths} is null or ${t.inquiryContactMonths} between 1 and 120`,
    ),
    check(
      'retention_rule_participant_months_check',
      sql`${t.participantMonths} is null or ${t.participantMonths} between 1 and 120`,
    ),
    check(
      'retention_rule_participant_name_months_check',
      sql`${t.participantNameMonths} is null or ${t.participantNameMonths} between 1 and 120`,
    ),
  ],
);

/**
 * The warning an inactive account got before it is erased (the deployment's LUPP_INACTIVE_ACCOUNT_MONTHS):
 * an account is erased only when warned at least WARNING_DAYS before, and not used since the warning.
 */
export const accountErasureNotice = pgTable('account_erasure_notice', {
  userId: text('user_id')
    .primaryKey()
    .references(() => authUser.id, { onDelete: 'cascade' }),
  warnedAt: timestamp('warned_at', { withTimezone: true }).notNull(),
});
