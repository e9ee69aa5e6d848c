import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';

/** A consortium of HEIs that share a front door (one installation can host several). */
export const consortium = pgTable('consortium', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A legal person Lupp knows: an HEI (member of a consortium) or a customer organisation
 * (employer, municipality, region, agency) that exists once and can deal with several HEIs.
 */
export const organisation = pgTable(
  'organisation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['hei', 'customer'] }).notNull(),
    name: text('name').notNull(),
    /** Swedish organisationsnummer, ten digits without the hyphen. */
    orgNumber: text('org_number').notNull().unique(),
    consortiumId: uuid('consortium_id').references(() => consortium.id),
    /** Swedish county (län) the organisation is in; used for regional routing. */
    county: text('county'),
    /**
     * HEIs: the SUN 2020 subject areas (two-digit codes) in which the HEI has degree-awarding
     * powers — contract education may only be given there (SFS 2002:760). Empty for customers.
     */
    degreeFields: text('degree_fields').array().notNull().default([]),
    /** Postal address, printed on proposals and agreements and sent in electronic invoices. */
    streetAddress: text('street_address'),
    postalCode: text('postal_code'),
    city: text('city'),
    /** HEIs: the bankgiro number customers pay invoices to (electronic invoices carry it). */
    bankgiro: text('bankgiro'),
    /** HEIs: the logo on proposals and agreements, as a data URL (PNG or JPEG, at most 200 kB). */
    logo: text('logo'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('organisation_kind_check', sql`${t.kind} in ('hei', 'customer')`),
    check('organisation_hei_in_consortium', sql`${t.kind} <> 'hei' or ${t.consortiumId} is not null`),
    check('organisation_org_number_format', sql`${t.orgNumber} ~ '^[0-9]{10}$'`),
    index('organisation_consortium_idx').on(t.consortiumId),
  ],
);

/** A user's roles in one organisation, or (regional analysts) in one consortium. */
export const membership = pgTable(
  'membership',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').references(() => organisation.id, { onDelete: 'cascade' }),
    consortiumId: uuid('consortium_id').references(() => consortium.id, { onDelete: 'cascade' }),
    roles: text('roles').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('membership_one_scope', sql`(${t.organisationId} is null) <> (${t.consortiumId} is null)`),
    check('membership_has_roles', sql`cardinality(${t.roles}) > 0`),
    unique('membership_user_organisation').on(t.userId, t.organisationId),
    unique('membership_user_consortium').on(t.userId, t.consortiumId),
    index('membership_organisation_idx').on(t.organisationId),
  ],
);
