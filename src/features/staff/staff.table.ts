import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';
import { taxonomyConcept } from '../taxonomy/taxonomy.table.ts';
import { organisation } from '../tenancy/tenancy.table.ts';

/**
 * A member of an HEI's staff as a possible contract-education teacher: what they know (taxonomy concepts),
 * the languages they teach in, how available they are and how interested in contract education. Written by
 * the person (or an admin); read by coordinators who look for teachers for a design.
 */
export const staffProfile = pgTable(
  'staff_profile',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    /** Department or subject, as the HEI names it (free text). */
    department: text('department'),
    /** Language codes the person teaches in (sv, en, …). */
    languages: text('languages').array().notNull().default([]),
    availability: text('availability', { enum: ['available', 'limited', 'unavailable'] })
      .notNull()
      .default('limited'),
    /** Hours a year the person could give to contract education, when they say. */
    hoursPerYear: integer('hours_per_year'),
    interest: text('interest', { enum: ['high', 'some', 'low'] })
      .notNull()
      .default('some'),
    bio: text('bio').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('staff_profile_user_hei').on(t.userId, t.heiId),
    index('staff_profile_hei_idx').on(t.heiId),
    check('staff_profile_hours', sql`${t.hoursPerYear} is null or ${t.hoursPerYear} between 0 and 2000`),
  ],
);

/** The expertise of a profile: one row per taxonomy concept (indexed, so teachers are found by concept). */
export const staffExpertise = pgTable(
  'staff_expertise',
  {
    profileId: uuid('profile_id')
      .notNull()
      .references(() => staffProfile.id, { onDelete: 'cascade' }),
    conceptId: uuid('concept_id')
      .notNull()
      .references(() => taxonomyConcept.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.conceptId] }),
    index('staff_expertise_concept_idx').on(t.conceptId),
  ],
);
