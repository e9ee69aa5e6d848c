import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';
import { consortium, organisation } from '../tenancy/tenancy.table.ts';

export const inquiryNumber = pgSequence('inquiry_number_seq', { startWith: 1 });

/**
 * An employer's inquiry through the consortium's front door. Holds the customer's own words and the
 * least personal data that lets the HEI answer (one contact person). Status follows the routing:
 * new (in the consortium inbox) → claimed by an HEI | referred (awaiting another HEI) | declined.
 */
export const inquiry = pgTable(
  'inquiry',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consortiumId: uuid('consortium_id')
      .notNull()
      .references(() => consortium.id),
    reference: text('reference').notNull().unique(),
    followTokenHash: text('follow_token_hash').notNull().unique(),
    status: text('status', { enum: ['new', 'claimed', 'referred', 'declined'] })
      .notNull()
      .default('new'),
    organisationName: text('organisation_name').notNull(),
    orgNumber: text('org_number').notNull(),
    sector: text('sector', { enum: ['public', 'private', 'non_profit'] }).notNull(),
    municipality: text('municipality').notNull(),
    county: text('county').notNull(),
    /** The contact person: null once erased on request (contactErasedAt says when). */
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    contactErasedAt: timestamp('contact_erased_at', { withTimezone: true }),
    needText: text('need_text').notNull(),
    subjectArea: text('subject_area'),
    purpose: text('purpose', { enum: ['staff_training', 'labour_market', 'development_aid'] }).notNull(),
    participantsWorkForBuyer: boolean('participants_work_for_buyer').notNull(),
    participants: integer('participants').notNull(),
    desiredStart: text('desired_start'),
    format: text('format', { enum: ['campus', 'online', 'blended', 'workplace', 'no_preference'] }).notNull(),
    language: text('language', { enum: ['sv', 'en', 'no_preference'] }).notNull(),
    budgetRange: text('budget_range', {
      enum: ['unknown', 'lt_100k', '100k_500k', '500k_2m', 'gt_2m'],
    }).notNull(),
    preferredHeiId: uuid('preferred_hei_id').references(() => organisation.id),
    locale: text('locale', { enum: ['sv', 'en'] }).notNull(),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    /** Salted hash of the sender's IP address: enough to rate-limit, not enough to identify. */
    senderHash: text('sender_hash').notNull(),
    proposedHeiId: uuid('proposed_hei_id').references(() => organisation.id),
    /** Why the routing rules proposed that HEI. */
    proposalReason: text('proposal_reason'),
    ownerHeiId: uuid('owner_hei_id').references(() => organisation.id),
    /** While status = referred: the HEI asked to take it over. */
    referredToHeiId: uuid('referred_to_hei_id').references(() => organisation.id),
    /** While status = referred: the HEI that referred it (it keeps sight of it until the answer). */
    referredByHeiId: uuid('referred_by_hei_id').references(() => organisation.id),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('inquiry_status_check', sql`${t.status} in ('new', 'claimed', 'referred', 'declined')`),
    check('inquiry_participants_check', sql`${t.participants} > 0`),
    check('inquiry_referral_target', sql`(${t.status} = 'referred') = (${t.referredToHeiId} is not null)`),
    check(
      'inquiry_contact_check',
      sql`(${t.contactErasedAt} is null) = (${t.contactName} is not null and ${t.contactEmail} is not null)`,
    ),
    index('inquiry_consortium_status_idx').on(t.consortiumId, t.status, t.createdAt),
    index('inquiry_owner_idx').on(t.ownerHeiId),
    index('inquiry_sender_idx').on(t.senderHash, t.createdAt),
  ],
);

/** The inquiry's trail: every routing step and eligibility decision, never edited. */
export const inquiryEvent = pgTable(
  'inquiry_event',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inquiryId: uuid('inquiry_id')
      .notNull()
      .references(() => inquiry.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: text('actor_user_id').references(() => authUser.id, { onDelete: 'set null' }),
    heiId: uuid('hei_id').references(() => organisation.id),
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('inquiry_event_inquiry_idx').on(t.inquiryId, t.at)],
);
