import {
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';
import { caseFile } from '../cases/cases.table.ts';
import type { CalculationResult } from '../costing/costing.contract.ts';
import { costConfig } from '../costing/costing.table.ts';
import { organisation } from '../tenancy/tenancy.table.ts';
import type { DesignView } from './design.contract.ts';

/**
 * The design of a delivery on a case: modules (from catalogue courses or new) with learning outcomes linked
 * to the needs they answer, format, schedule, examination, credits or a certificate, teachers with planned
 * hours, group size and other costs. The study director's approval is a recorded decision point; a change
 * after it takes the approval back.
 */
export const courseDesign = pgTable(
  'course_design',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseFile.id, { onDelete: 'cascade' }),
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id),
    title: text('title').notNull(),
    language: text('language', { enum: ['sv', 'en'] }).notNull(),
    format: text('format').$type<DesignView['format']>().notNull(),
    level: text('level').$type<DesignView['level']>().notNull().default('first-cycle'),
    awards: text('awards', { enum: ['credits', 'certificate'] })
      .notNull()
      .default('credits'),
    credits: numeric('credits', { precision: 5, scale: 1, mode: 'number' }),
    sunField: text('sun_field'),
    participants: integer('participants').notNull(),
    content: text('content').notNull().default(''),
    examination: text('examination').notNull().default(''),
    schedule: text('schedule').notNull().default(''),
    startDate: date('start_date'),
    endDate: date('end_date'),
    modules: jsonb('modules').$type<DesignView['modules']>().notNull().default([]),
    teachers: jsonb('teachers').$type<DesignView['teachers']>().notNull().default([]),
    costs: jsonb('costs').$type<DesignView['costs']>().notNull(),
    /** withdrawn: set aside (the customer chose another alternative, or it was dropped); kept, and restorable. */
    status: text('status', { enum: ['draft', 'approved', 'withdrawn'] })
      .notNull()
      .default('draft'),
    revision: integer('revision').notNull().default(1),
    withdrawnBy: text('withdrawn_by').references(() => authUser.id, { onDelete: 'set null' }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnReason: text('withdrawn_reason'),
    approvedBy: text('approved_by').references(() => authUser.id, { onDelete: 'set null' }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    createdBy: text('created_by').references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by').references(() => authUser.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('course_design_case_idx').on(t.caseId)],
);

/**
 * A full-cost calculation of a design, in versions: the design's revision and the cost configuration it
 * was made with, and its result as it was then. An economist approves it; a change of the design voids
 * every calculation of an earlier revision (a new version is made).
 */
export const designCalculation = pgTable(
  'design_calculation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    designId: uuid('design_id')
      .notNull()
      .references(() => courseDesign.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    designRevision: integer('design_revision').notNull(),
    configId: uuid('config_id')
      .notNull()
      .references(() => costConfig.id),
    result: jsonb('result').$type<CalculationResult>().notNull(),
    status: text('status', { enum: ['draft', 'approved', 'void'] })
      .notNull()
      .default('draft'),
    createdBy: text('created_by').references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    approvedBy: text('approved_by').references(() => authUser.id, { onDelete: 'set null' }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('design_calculation_version_idx').on(t.designId, t.version)],
);
