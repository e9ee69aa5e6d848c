import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
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
import { authUser } from '../auth/auth.table.ts';
import { course } from '../catalog/catalog.table.ts';
import { organisation } from '../tenancy/tenancy.table.ts';

/**
 * The matching index: one document per course, written by the catalogue whenever a course is created,
 * changed or imported (docs/decisions/0004-matching-method.md). It holds what ranking and filtering need,
 * so a match reads only these tables: the HEI (scope), the language of the course text, the document
 * length for BM25 and the filter attributes.
 */
export const matchDoc = pgTable(
  'match_doc',
  {
    courseId: uuid('course_id')
      .primaryKey()
      .references(() => course.id, { onDelete: 'cascade' }),
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    /** The language of the course text: 'sv' or 'en' (stems are in this language). */
    lang: text('lang').notNull(),
    /** Document length: the number of stems in all fields (BM25 length normalisation). */
    dl: real('dl').notNull(),
    languages: text('languages').array().notNull().default([]),
    format: text('format'),
    level: text('level'),
    credits: numeric('credits', { precision: 5, scale: 1, mode: 'number' }),
    /** The document's fields as indexed, to tell whether a change needs re-indexing. */
    fingerprint: text('fingerprint').notNull(),
  },
  // the scope's statistics (courses and mean length per language) from the index alone
  (t) => [index('match_doc_hei_idx').on(t.heiId, t.lang, t.dl)],
);

/**
 * Terms of a course: kind 's' is a stem in the course's language, 'p' the first five letters of a content
 * word (Swedish compounds, cognates across the languages). One row per course and term, a posting of the
 * ranking: `tf` counts it in all fields, `wtf` weighs it by field (title 3, subjects 2, description and
 * learning outcomes 1). It carries what BM25 needs of the course (HEI for the scope, language, length), so
 * a term's postings are read from the index alone, strongest first (`impact`), without visiting documents.
 */
export const matchTerm = pgTable(
  'match_term',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => matchDoc.courseId, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    term: text('term').notNull(),
    tf: integer('tf').notNull(),
    wtf: real('wtf').notNull(),
    heiId: uuid('hei_id').notNull(),
    lang: text('lang').notNull(),
    dl: real('dl').notNull(),
    /** The BM25 term weight of the posting at a reference document length (orders the postings of a term). */
    impact: real('impact').notNull(),
  },
  (t) => [
    // every column a posting is read with (drizzle has no INCLUDE): an index-only scan per term
    index('match_term_posting_idx').on(
      t.kind,
      t.term,
      t.lang,
      t.impact.desc(),
      t.courseId,
      t.heiId,
      t.dl,
      t.wtf,
    ),
    index('match_term_course_idx').on(t.courseId),
  ],
);

/**
 * Document frequencies: how many courses of an HEI in one language have a term. Kept by triggers on
 * match_term (migration 0023), so a need's idf is a few rows per term instead of a count over every
 * posting of it (a common term has thousands at 20 000 courses).
 */
export const matchDf = pgTable(
  'match_df',
  {
    kind: text('kind').notNull(),
    term: text('term').notNull(),
    lang: text('lang').notNull(),
    heiId: uuid('hei_id').notNull(),
    df: integer('df').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.term, t.lang, t.heiId] })],
);

/**
 * The scope's BM25 statistics per HEI and language of the course text: how many courses and their summed
 * document length. Kept by triggers on match_doc (migration 0024), so a match reads a few rows per HEI
 * instead of every document of the scope.
 */
export const matchStats = pgTable(
  'match_stats',
  {
    heiId: uuid('hei_id').notNull(),
    lang: text('lang').notNull(),
    docs: integer('docs').notNull(),
    dlSum: doublePrecision('dl_sum').notNull(),
  },
  (t) => [primaryKey({ columns: [t.heiId, t.lang] })],
);

/**
 * The words of a course as written that can hold a compound tail (seven letters or more: a need's word of
 * six or more inside a longer one, "säkerhet" in "cybersäkerhet"), one row per course and word with the
 * field-weighted frequency and, as for terms, what BM25 needs of the course.
 */
export const matchWord = pgTable(
  'match_word',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => matchDoc.courseId, { onDelete: 'cascade' }),
    word: text('word').notNull(),
    wtf: real('wtf').notNull(),
    heiId: uuid('hei_id').notNull(),
    lang: text('lang').notNull(),
    dl: real('dl').notNull(),
  },
  (t) => [
    index('match_word_posting_idx').on(t.word, t.courseId, t.heiId, t.lang, t.dl, t.wtf),
    index('match_word_course_idx').on(t.courseId),
  ],
);

/**
 * The words the catalogues use, for typo repair (a need's unknown word → the most similar known word) and
 * for compound tails (LIKE '%word%'), both through the trigram index. Words are only added: a word no
 * course uses any more matches nothing.
 */
/**
 * What the stored index was built with, by name: `neighbours-glossary` is the fingerprint of the glossary the
 * neighbours were computed with (they are rebuilt at start when Lupp comes with another glossary).
 */
export const matchState = pgTable('match_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const matchVocab = pgTable('match_vocab', { word: text('word').primaryKey() }, (t) => [
  index('match_vocab_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`),
]);

/**
 * Similar courses within a consortium (cosine of tf-idf over stems and prefixes), the strongest few per
 * course and language: the top courses of a match lend part of their score to them, which is how a
 * Swedish need reaches the English course on the same topic. Rebuilt per consortium after imports.
 */
export const matchNeighbour = pgTable(
  'match_neighbour',
  {
    a: uuid('a')
      .notNull()
      .references(() => matchDoc.courseId, { onDelete: 'cascade' }),
    b: uuid('b')
      .notNull()
      .references(() => matchDoc.courseId, { onDelete: 'cascade' }),
    sim: real('sim').notNull(),
    crossLanguage: boolean('cross_language').notNull(),
    /** The rank of b among a's neighbours of the same kind (same or other language), 1 = nearest. */
    rank: smallint('rank').notNull(),
  },
  (t) => [primaryKey({ columns: [t.a, t.b] }), index('match_neighbour_b_idx').on(t.b)],
);

/**
 * What a coordinator's finding is about and for whom: the HEI whose coordinator made it (the analysis's, or
 * the one handling the inquiry), and the need or inquiry (fresh builders for each table).
 */
const subjectColumns = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  heiId: uuid('hei_id')
    .notNull()
    .references(() => organisation.id, { onDelete: 'cascade' }),
  subjectKind: text('subject_kind', { enum: ['need', 'inquiry'] }).notNull(),
  subjectId: uuid('subject_id').notNull(),
  /**
   * The text the courses were matched for, as it read then: decisions and unmet demand are labels for
   * measuring the method (`lupp export match-labels`), and a label belongs to what was ranked. Empty
   * for what was recorded before it was kept (migration 0027).
   */
  needText: text('need_text'),
  /**
   * The taxonomy concepts the need was matched with (a need of an analysis names one; an inquiry none):
   * with the text, what was ranked. Empty for what was recorded before they were kept (migration 0028).
   */
  needConcepts: uuid('need_concepts').array().notNull().default(sql`'{}'::uuid[]`),
});

/**
 * A coordinator's decision on a suggested course, for a need of an analysis or for an inquiry. The rank,
 * score and confidence it was shown with are kept, so the acceptance rate can be read per band.
 */
export const matchDecision = pgTable(
  'match_decision',
  {
    ...subjectColumns(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => course.id, { onDelete: 'cascade' }),
    decision: text('decision', { enum: ['accepted', 'rejected'] }).notNull(),
    reason: text('reason'),
    rank: smallint('rank'),
    score: real('score'),
    confidence: text('confidence', { enum: ['high', 'medium', 'low'] }),
    decidedBy: text('decided_by').references(() => authUser.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // per HEI: an inquiry is open to every HEI of the consortium, and each decides for itself
    unique('match_decision_hei_subject_course').on(t.heiId, t.subjectKind, t.subjectId, t.courseId),
    index('match_decision_hei_idx').on(t.heiId),
  ],
);

/**
 * Unmet demand: a need or an inquiry a coordinator found no course for (the "no good match" finding, or
 * their own judgement), recorded for the HEI's course development. What it was about is kept as it read
 * then (label, source, customer), so the list stands on its own.
 */
export const matchUnmet = pgTable(
  'match_unmet',
  {
    ...subjectColumns(),
    /** For a need: its analysis (the page the need is matched on). */
    analysisId: uuid('analysis_id'),
    label: text('label').notNull(),
    source: text('source').notNull(),
    customerName: text('customer_name').notNull(),
    recordedBy: text('recorded_by').references(() => authUser.id, { onDelete: 'set null' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('match_unmet_hei_subject').on(t.heiId, t.subjectKind, t.subjectId),
    index('match_unmet_hei_idx').on(t.heiId, t.recordedAt),
  ],
);
