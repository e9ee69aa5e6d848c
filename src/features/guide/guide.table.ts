import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';
import { consortium, organisation } from '../tenancy/tenancy.table.ts';

/**
 * An HEI's (or a consortium's) own version of a guide page or template, or a page of its own, without
 * forking the shared content: shown instead of (or beside) the shared one to that HEI's people. Markdown.
 */
export const guideOverride = pgTable(
  'guide_override',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').references(() => organisation.id, { onDelete: 'cascade' }),
    consortiumId: uuid('consortium_id').references(() => consortium.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['page', 'template'] }).notNull(),
    /** The shared page or template it replaces, or the id of the owner's own page. */
    itemId: text('item_id').notNull(),
    language: text('language', { enum: ['sv', 'en'] }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** The updated date of the shared item when the override was last saved: shows when the shared one moved on. */
    basedOn: text('based_on'),
    revision: integer('revision').notNull().default(1),
    updatedBy: text('updated_by').references(() => authUser.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('guide_override_one_owner', sql`(${t.organisationId} is null) <> (${t.consortiumId} is null)`),
    uniqueIndex('guide_override_item_idx').on(
      sql`coalesce(${t.organisationId}, ${t.consortiumId})`,
      t.kind,
      t.itemId,
      t.language,
    ),
  ],
);
