import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';
import { caseFile } from '../cases/cases.table.ts';
import { courseDesign } from '../design/design.table.ts';
import { organisation } from '../tenancy/tenancy.table.ts';
import type { OutcomeAnswer, OutcomeQuestion, Reaction } from './evaluation.contract.ts';

/**
 * The participants' evaluation of a delivered course design (Kirkpatrick levels 1 and 2): their reaction,
 * and their own rating of each learning outcome before and after the course. The outcomes asked about are
 * fixed when it is made. Answered anonymously through single-use links (`course_evaluation_link`).
 */
export const courseEvaluation = pgTable(
  'course_evaluation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseFile.id, { onDelete: 'cascade' }),
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id),
    designId: uuid('design_id')
      .notNull()
      .references(() => courseDesign.id, { onDelete: 'cascade' }),
    /** The design's title when the evaluation was made (what the participants are asked about). */
    title: text('title').notNull(),
    /** The design's language: the participant's page opens in it unless their browser chose another. */
    language: text('language', { enum: ['sv', 'en'] })
      .notNull()
      .default('sv'),
    outcomes: jsonb('outcomes').$type<OutcomeQuestion[]>().notNull(),
    invited: integer('invited').notNull(),
    /** How many of the links went to participants by e-mail (the rest were handed to the HEI). */
    emailed: integer('emailed').notNull().default(0),
    closesOn: date('closes_on').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** When the HEI shared the participants' figures (not their comments) with the customer's portal. */
    sharedAt: timestamp('shared_at', { withTimezone: true }),
    sharedBy: text('shared_by').references(() => authUser.id, { onDelete: 'set null' }),
    createdBy: text('created_by').references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('course_evaluation_case_idx').on(t.caseId),
    index('course_evaluation_hei_idx').on(t.heiId, t.createdAt),
    check('course_evaluation_invited', sql`${t.invited} between 5 and 1000`),
  ],
);

/** One respondent's link. It knows only whether it was used; the answer is stored apart from it. */
export const evaluationLink = pgTable(
  'course_evaluation_link',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => courseEvaluation.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    answered: boolean('answered').notNull().default(false),
  },
  (t) => [uniqueIndex('course_evaluation_link_token_idx').on(t.tokenHash)],
);

/** One anonymous answer: no reference to its link, and the date only (not the time). */
export const evaluationResponse = pgTable(
  'course_evaluation_response',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => courseEvaluation.id, { onDelete: 'cascade' }),
    answeredOn: date('answered_on').notNull().default(sql`current_date`),
    reaction: jsonb('reaction').$type<Reaction>().notNull(),
    recommend: boolean('recommend').notNull(),
    outcomes: jsonb('outcomes').$type<OutcomeAnswer[]>().notNull(),
    best: text('best'),
    improve: text('improve'),
  },
  (t) => [index('course_evaluation_response_idx').on(t.evaluationId)],
);

/**
 * The customer's follow-up some months after the course (Kirkpatrick levels 3 and 4): do the participants
 * apply what they learned at work, and what has it given the organisation. Asked by the HEI, answered once
 * by a contact person of the customer in the portal.
 */
export const evaluationFollowUp = pgTable(
  'evaluation_follow_up',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => courseEvaluation.id, { onDelete: 'cascade' }),
    requestedBy: text('requested_by').references(() => authUser.id, { onDelete: 'set null' }),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    answeredBy: text('answered_by').references(() => authUser.id, { onDelete: 'set null' }),
    answeredByName: text('answered_by_name'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** 1–5: how far the participants apply what they learned (level 3, behaviour). */
    application: integer('application'),
    applicationText: text('application_text'),
    /** 1–5: how far the course has met the organisation's goals (level 4, results). */
    results: integer('results'),
    resultsText: text('results_text'),
    /** Would the customer buy contract education from the HEI again. */
    again: boolean('again'),
  },
  (t) => [
    uniqueIndex('evaluation_follow_up_evaluation_idx').on(t.evaluationId),
    check('evaluation_follow_up_application', sql`${t.application} between 1 and 5`),
    check('evaluation_follow_up_results', sql`${t.results} between 1 and 5`),
    check(
      'evaluation_follow_up_answered',
      sql`(${t.answeredAt} is null) = (${t.application} is null and ${t.results} is null and ${t.again} is null)`,
    ),
  ],
);
