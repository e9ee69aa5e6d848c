import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agreement } from '../agreements/agreements.table.ts';
import { authUser } from '../auth/auth.table.ts';

/**
 * The participants the customer designates under an agreement. The personnummer is personal data of
 * the most sensitive everyday kind: stored encrypted (`personnummer_sealed`), found again by a keyed hash
 * (`personnummer_index`, one person once per agreement), and shown masked (`personnummer_masked`: the date
 * of birth) — the whole number only to the HEI's coordinators and admins, every time audited. The HEI's
 * retention rule erases the personnummer and e-mail some months after the case closed (`personalDataErasedAt`);
 * the name stays, as the HEI's record of who took part, unless the rule also anonymises the participants after
 * some (more) months (`anonymisedAt`: the name is emptied; attendance and awards stay, counted, with no one's name).
 */
export const participant = pgTable(
  'participant',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreement.id, { onDelete: 'cascade' }),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    personnummerSealed: text('personnummer_sealed'),
    personnummerIndex: text('personnummer_index'),
    personnummerMasked: text('personnummer_masked'),
    personalDataErasedAt: timestamp('personal_data_erased_at', { withTimezone: true }),
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
    /** Meets the entry requirements and gets credits; otherwise a certificate only. */
    creditEligible: boolean('credit_eligible').notNull(),
    createdBy: text('created_by').references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('participant_person_idx').on(t.agreementId, t.personnummerIndex),
    index('participant_agreement_idx').on(t.agreementId, t.lastName),
    // a person is found across agreements by their number or e-mail (subject access, one person's rows)
    index('participant_personnummer_idx').on(t.personnummerIndex),
    index('participant_email_idx').on(sql`lower(${t.email})`),
    check(
      'participant_personnummer_check',
      sql`(${t.personalDataErasedAt} is null) = (${t.personnummerSealed} is not null and ${t.personnummerIndex} is not null and ${t.personnummerMasked} is not null)`,
    ),
    // an anonymised participant has no personal data left
    check(
      'participant_anonymised_check',
      sql`${t.anonymisedAt} is null or (${t.personalDataErasedAt} is not null and ${t.firstName} = '' and ${t.lastName} = '' and ${t.email} is null)`,
    ),
  ],
);
