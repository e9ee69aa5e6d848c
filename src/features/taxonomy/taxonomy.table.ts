import { type SQL, sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A concept from an imported skills or classification taxonomy (ESCO, JobTech): a skill, an occupation,
 * an SSYK/SNI/SUN group… Labels in Swedish and English; a Swedish and an English import of the same
 * ESCO version fill one bilingual concept. Concepts are never deleted: a new version that drops one
 * marks it deprecated, so analyses that use it keep working.
 */
/** Where a concept comes from: the taxonomies Lupp imports, and the demo's own. */
export const conceptSources = ['esco', 'jobtech', 'demo'] as const;

export const taxonomyConcept = pgTable(
  'taxonomy_concept',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    source: text('source', { enum: conceptSources }).notNull(),
    externalId: text('external_id').notNull(),
    type: text('type').notNull(),
    code: text('code'),
    labelSv: text('label_sv'),
    labelEn: text('label_en'),
    /** Alternative labels, one per line. */
    altLabelsSv: text('alt_labels_sv').notNull().default(''),
    altLabelsEn: text('alt_labels_en').notNull().default(''),
    descriptionSv: text('description_sv'),
    descriptionEn: text('description_en'),
    /** Labels in ESCO's other languages, by language code (sv and en have their own columns). */
    otherLabels: jsonb('other_labels').$type<Record<string, string>>().notNull().default({}),
    /** The taxonomy version this concept was last seen in. */
    version: text('version').notNull(),
    deprecatedAt: timestamp('deprecated_at', { withTimezone: true }),
    search: tsvector('search').generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('swedish', replace(coalesce(${taxonomyConcept.labelSv}, ''), '/', ' / ')), 'A') || setweight(to_tsvector('swedish', replace(${taxonomyConcept.altLabelsSv}, '/', ' / ')), 'B') || setweight(to_tsvector('english', replace(coalesce(${taxonomyConcept.labelEn}, ''), '/', ' / ')), 'A') || setweight(to_tsvector('english', replace(${taxonomyConcept.altLabelsEn}, '/', ' / ')), 'B')`,
    ),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('taxonomy_concept_source_external').on(t.source, t.externalId),
    index('taxonomy_concept_search_idx').using('gin', t.search),
    index('taxonomy_concept_type_idx').on(t.source, t.type),
    index('taxonomy_concept_label_sv_trgm_idx').using('gin', sql`lower(${t.labelSv}) gin_trgm_ops`),
    index('taxonomy_concept_label_en_trgm_idx').using('gin', sql`lower(${t.labelEn}) gin_trgm_ops`),
  ],
);

/** Broader → narrower links (skill groups, SSYK levels, SNI levels, SUN levels). */
export const taxonomyRelation = pgTable(
  'taxonomy_relation',
  {
    broaderId: uuid('broader_id')
      .notNull()
      .references(() => taxonomyConcept.id, { onDelete: 'cascade' }),
    narrowerId: uuid('narrower_id')
      .notNull()
      .references(() => taxonomyConcept.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.broaderId, t.narrowerId] }),
    index('taxonomy_relation_narrower_idx').on(t.narrowerId),
  ],
);

/** One import run: what was read, what was wrong (row by row), what was decided. */
export const taxonomyImport = pgTable('taxonomy_import', {
  id: uuid('id').primaryKey().defaultRandom(),
  source: text('source').notNull(),
  version: text('version').notNull(),
  language: text('language'),
  status: text('status', { enum: ['queued', 'running', 'succeeded', 'needs_decision', 'failed'] }).notNull(),
  /** For imports run as a background job from the admin page: how far it has come, for the progress bar. */
  progress: jsonb('progress').$type<{ phase: string; done: number; total: number }>(),
  keepValidRows: boolean('keep_valid_rows').notNull().default(false),
  counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
  problems: jsonb('problems')
    .$type<{ file: string; row: number | null; problem: string }[]>()
    .notNull()
    .default([]),
  startedBy: text('started_by').references(() => authUser.id, { onDelete: 'set null' }),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});
