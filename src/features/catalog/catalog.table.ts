import { type SQL, sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  index,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { cleanSql } from '../../shared/search-text.ts';
import { authUser } from '../auth/auth.table.ts';
import { taxonomyConcept } from '../taxonomy/taxonomy.table.ts';
import { organisation } from '../tenancy/tenancy.table.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** Text indexed in Swedish and in English (both, whatever its language: as cases). */
const bothConfigs = (text: string) => `to_tsvector('swedish', ${text}) || to_tsvector('english', ${text})`;
/** A JSON list of strings read as the indexes read text (`cleanSql`): its strings' words, rewritten. */
const cleanJsonSql = (list: string) => `(${cleanSql(`${list}::text`)})::jsonb`;

/**
 * A course an HEI offers as contract education. It belongs to one HEI (its code is unique there) and is
 * readable by every HEI of the same consortium. `credits` is null for a course that awards none
 * (level `non-credit`); its workload in högskolepoäng equivalents is then `creditEquivalent`.
 * Lists (learning outcomes, subjects, teachers) are JSON arrays of strings so the generated search
 * column can index them.
 */
export const course = pgTable(
  'course',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    /** The id the course has in an interchange file (e.g. HV-0001), kept so results can refer back to it. */
    externalId: text('external_id'),
    titleSv: text('title_sv'),
    titleEn: text('title_en'),
    credits: numeric('credits', { precision: 5, scale: 1, mode: 'number' }),
    creditEquivalent: numeric('credit_equivalent', { precision: 5, scale: 1, mode: 'number' }),
    level: text('level', { enum: ['first-cycle', 'second-cycle', 'third-cycle', 'non-credit'] }),
    eqfLevel: smallint('eqf_level'),
    /** SUN 2020 field (inriktning) code, e.g. 52 or 521. */
    sunField: text('sun_field'),
    /** Languages of instruction (ISO 639-1), the first being the language of the course text. */
    languages: text('languages').array().notNull().default([]),
    format: text('format', { enum: ['campus', 'distance', 'blended', 'workplace'] }),
    description: text('description'),
    learningOutcomes: jsonb('learning_outcomes').$type<string[]>().notNull().default([]),
    subjects: jsonb('subjects').$type<string[]>().notNull().default([]),
    teachers: jsonb('teachers').$type<string[]>().notNull().default([]),
    prerequisites: text('prerequisites'),
    /** Indicative price in SEK, excluding VAT. */
    priceSek: numeric('price_sek', { precision: 12, scale: 0, mode: 'number' }),
    syllabusUrl: text('syllabus_url'),
    /**
     * Full text in Swedish and English (as cases): titles weigh most (A), subjects next (B), description
     * and learning outcomes least (C). Both configurations index every text, whatever its language, read
     * as the matching index reads it (`cleanSql`: "PLCs" as "PLC", "C#" and ".NET" as words of their own).
     */
    search: tsvector('search').generatedAlwaysAs(
      (): SQL =>
        sql.raw(
          [
            `setweight(${bothConfigs(cleanSql(`coalesce("course"."title_sv", '') || ' ' || coalesce("course"."title_en", '')`))}, 'A')`,
            `setweight(${bothConfigs(cleanJsonSql('"course"."subjects"'))}, 'B')`,
            `setweight(${bothConfigs(cleanSql(`coalesce("course"."description", '')`))} || ${bothConfigs(cleanJsonSql('"course"."learning_outcomes"'))}, 'C')`,
          ].join(' || '),
        ),
    ),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('course_hei_code').on(t.heiId, t.code),
    index('course_search_idx').using('gin', t.search),
    // Trigram on the titles: typos, compounds and short queries (word_similarity / LIKE).
    index('course_title_trgm_idx').using(
      'gin',
      sql`lower(coalesce(${t.titleSv}, '') || ' ' || coalesce(${t.titleEn}, '')) gin_trgm_ops`,
    ),
    check('course_has_title', sql`${t.titleSv} is not null or ${t.titleEn} is not null`),
    check('course_eqf_level', sql`${t.eqfLevel} is null or ${t.eqfLevel} between 1 and 8`),
    check('course_credits', sql`${t.credits} is null or ${t.credits} > 0`),
  ],
);

/** A planned occasion (kurstillfälle) of a course. */
export const courseOccasion = pgTable(
  'course_occasion',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => course.id, { onDelete: 'cascade' }),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    place: text('place'),
    format: text('format', { enum: ['campus', 'distance', 'blended', 'workplace'] }),
  },
  (t) => [index('course_occasion_course_idx').on(t.courseId)],
);

/**
 * A taxonomy concept on a course: suggested from the course's text (unconfirmed), then confirmed or
 * rejected by a person of the HEI. A rejected suggestion is remembered so it is not suggested again.
 */
export const courseConcept = pgTable(
  'course_concept',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => course.id, { onDelete: 'cascade' }),
    conceptId: uuid('concept_id')
      .notNull()
      .references(() => taxonomyConcept.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['suggested', 'confirmed', 'rejected'] }).notNull(),
    confidence: real('confidence'),
    matchedWords: text('matched_words').array().notNull().default([]),
    decidedBy: text('decided_by').references(() => authUser.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.courseId, t.conceptId] }),
    index('course_concept_concept_idx').on(t.conceptId),
  ],
);

/** An uploaded catalogue file, kept (in the database, so any app process can read it) until imported. */
export const catalogUpload = pgTable(
  'catalog_upload',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    format: text('format', { enum: ['json', 'csv', 'xlsx'] }).notNull(),
    content: bytea('content').notNull(),
    uploadedBy: text('uploaded_by').references(() => authUser.id, { onDelete: 'set null' }),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('catalog_upload_hei_idx').on(t.heiId)],
);

export type CatalogProblem = {
  row: number | null;
  code: string;
  field: string | null;
  message: { sv: string; en: string };
};

/** One catalogue import: the mapping used, the counts and every bad row. */
export const catalogImport = pgTable(
  'catalog_import',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    format: text('format').notNull(),
    mapping: jsonb('mapping').$type<Record<string, string>>(),
    keepValidRows: boolean('keep_valid_rows').notNull().default(false),
    status: text('status', { enum: ['succeeded', 'needs_decision', 'failed'] }).notNull(),
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    problems: jsonb('problems').$type<CatalogProblem[]>().notNull().default([]),
    startedBy: text('started_by').references(() => authUser.id, { onDelete: 'set null' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('catalog_import_hei_idx').on(t.heiId, t.startedAt)],
);
