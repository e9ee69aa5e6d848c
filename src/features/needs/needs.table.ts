import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';
import { caseFile } from '../cases/cases.table.ts';
import { taxonomyConcept } from '../taxonomy/taxonomy.table.ts';
import { organisation } from '../tenancy/tenancy.table.ts';

/**
 * A competence-needs analysis of one customer organisation, usually within a case, made by an HEI.
 * New versions are copies that point to the one before, so analyses can be compared over time.
 */
export const needsAnalysis = pgTable(
  'needs_analysis',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => organisation.id),
    caseId: uuid('case_id').references(() => caseFile.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    version: integer('version').notNull().default(1),
    previousId: uuid('previous_id').references((): AnyPgColumn => needsAnalysis.id, { onDelete: 'set null' }),
    /** Organisation level: strategy and the drivers of change. */
    strategy: text('strategy').notNull().default(''),
    drivers: text('drivers').array().notNull().default([]),
    horizonWeights: jsonb('horizon_weights').$type<Record<string, number>>(),
    createdBy: text('created_by').references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('needs_analysis_hei_idx').on(t.heiId, t.customerId),
    index('needs_analysis_case_idx').on(t.caseId),
  ],
);

/** Role/task level: a role in the organisation, with its SSYK occupation and headcount now and at the horizon. */
export const analysisRole = pgTable(
  'analysis_role',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    analysisId: uuid('analysis_id')
      .notNull()
      .references(() => needsAnalysis.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    occupationConceptId: uuid('occupation_concept_id').references(() => taxonomyConcept.id),
    headcountNow: integer('headcount_now').notNull(),
    headcountHorizon: integer('headcount_horizon').notNull(),
  },
  (t) => [
    index('analysis_role_analysis_idx').on(t.analysisId),
    check('analysis_role_headcount', sql`${t.headcountNow} >= 0 and ${t.headcountHorizon} >= 0`),
  ],
);

/** One competence need: a taxonomy concept or free text, levels, importance, people, horizon, evidence. */
export const competenceNeed = pgTable(
  'competence_need',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    analysisId: uuid('analysis_id')
      .notNull()
      .references(() => needsAnalysis.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id').references(() => analysisRole.id, { onDelete: 'cascade' }),
    conceptId: uuid('concept_id').references(() => taxonomyConcept.id),
    freeText: text('free_text'),
    requiredLevel: smallint('required_level').notNull(),
    currentLevel: smallint('current_level').notNull(),
    importance: smallint('importance').notNull(),
    people: integer('people').notNull(),
    horizon: text('horizon').notNull(),
    driver: text('driver'),
    evidence: text('evidence'),
    confidence: text('confidence').notNull().default('medium'),
    goalIndividual: text('goal_individual'),
    goalOrganisation: text('goal_organisation'),
    indicators: text('indicators'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('competence_need_analysis_idx').on(t.analysisId),
    check('competence_need_subject', sql`(${t.conceptId} is not null) or (${t.freeText} is not null)`),
    check(
      'competence_need_levels',
      sql`${t.requiredLevel} between 0 and 5 and ${t.currentLevel} between 0 and 5`,
    ),
    check('competence_need_importance', sql`${t.importance} between 1 and 3`),
    check('competence_need_people', sql`${t.people} >= 1`),
    check('competence_need_horizon', sql`${t.horizon} in ('now', '1y', '3y', '5y')`),
    check('competence_need_confidence', sql`${t.confidence} in ('low', 'medium', 'high')`),
  ],
);

/**
 * A link the HEI gives the customer so they can fill in the analysis themselves without an account.
 * Only a sha256 hash of the token is stored; the token is shown once, when the link is made.
 */
export const selfServiceLink = pgTable(
  'analysis_self_service_link',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    analysisId: uuid('analysis_id')
      .notNull()
      .references(() => needsAnalysis.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdBy: text('created_by').references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('analysis_self_service_link_token_idx').on(t.tokenHash),
    index('analysis_self_service_link_analysis_idx').on(t.analysisId),
  ],
);

/** One question of a survey, fixed when the survey is made: the need asked about and its competence. */
export type SurveyQuestion = {
  /** The need's id: what answers refer to. */
  key: string;
  /** The competence (concept id, or `text:` and the need's words): what the heatmap groups by. */
  competence: string;
  label: { sv: string | null; en: string | null };
};

/** An anonymous skills self-assessment of an analysis' competences, answered through one-off links. */
export const survey = pgTable(
  'analysis_survey',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    analysisId: uuid('analysis_id')
      .notNull()
      .references(() => needsAnalysis.id, { onDelete: 'cascade' }),
    questions: jsonb('questions').$type<SurveyQuestion[]>().notNull(),
    invited: integer('invited').notNull(),
    createdBy: text('created_by').references(() => authUser.id, { onDelete: 'set null' }),
    /** Made through the customer's self-service link (then createdBy is null). */
    selfServiceLinkId: uuid('self_service_link_id').references(() => selfServiceLink.id, {
      onDelete: 'set null',
    }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('analysis_survey_analysis_idx').on(t.analysisId),
    check('analysis_survey_invited', sql`${t.invited} between 5 and 500`),
  ],
);

/**
 * One respondent's link (only its hash). It knows whether it has been used, but not when, and no
 * answer points back to it: answers cannot be traced to the link that was handed to a person.
 */
export const surveyLink = pgTable(
  'analysis_survey_link',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => survey.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    answered: boolean('answered').notNull().default(false),
  },
  (t) => [
    uniqueIndex('analysis_survey_link_token_idx').on(t.tokenHash),
    index('analysis_survey_link_survey_idx').on(t.surveyId),
  ],
);

/** One anonymous answer: the respondent's role (optional), levels per question, and only the date. */
export const surveyResponse = pgTable(
  'analysis_survey_response',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => survey.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id').references(() => analysisRole.id, { onDelete: 'set null' }),
    answers: jsonb('answers').$type<{ key: string; level: number }[]>().notNull(),
    answeredOn: date('answered_on').notNull().default(sql`current_date`),
  },
  (t) => [index('analysis_survey_response_survey_idx').on(t.surveyId)],
);

/** Person level: a pseudonymous employee (never a name, personnummer or e-mail) with current levels. */
export const analysisPerson = pgTable(
  'analysis_person',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    analysisId: uuid('analysis_id')
      .notNull()
      .references(() => needsAnalysis.id, { onDelete: 'cascade' }),
    pseudonym: text('pseudonym').notNull(),
    roleId: uuid('role_id').references(() => analysisRole.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('analysis_person_analysis_idx').on(t.analysisId),
    check('analysis_person_pseudonym', sql`char_length(${t.pseudonym}) between 1 and 40`),
  ],
);

/** A person's current level in one need of the analysis. */
export const analysisPersonLevel = pgTable(
  'analysis_person_level',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => analysisPerson.id, { onDelete: 'cascade' }),
    needId: uuid('need_id')
      .notNull()
      .references(() => competenceNeed.id, { onDelete: 'cascade' }),
    currentLevel: smallint('current_level').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.needId] }),
    index('analysis_person_level_need_idx').on(t.needId),
    check('analysis_person_level_range', sql`${t.currentLevel} between 0 and 5`),
  ],
);
