import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
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
