import { type SQL, sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';
import { frameworkAgreement } from '../frameworks/frameworks.table.ts';
import { inquiry } from '../inquiries/inquiries.table.ts';
import { organisation } from '../tenancy/tenancy.table.ts';
import { purchaseRoutes } from './stages.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** A case carries one contract-education assignment from inquiry to close, at one HEI. */
export const caseFile = pgTable(
  'case',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => organisation.id),
    inquiryId: uuid('inquiry_id')
      .references(() => inquiry.id)
      .unique(),
    reference: text('reference').notNull().unique(),
    title: text('title').notNull(),
    needText: text('need_text').notNull(),
    sector: text('sector', { enum: ['public', 'private', 'non_profit'] }).notNull(),
    subjectArea: text('subject_area'),
    stage: text('stage').notNull().default('inquiry'),
    outcome: text('outcome'),
    outcomeReason: text('outcome_reason'),
    ownerUserId: text('owner_user_id').references(() => authUser.id, { onDelete: 'set null' }),
    /** Notes of the timeline, kept here so one index searches everything a coordinator wrote. */
    notesText: text('notes_text').notNull().default(''),
    customerName: text('customer_name').notNull(),
    /**
     * How the customer buys (the guide's "Public procurement"): no procurement, a direct award, an advertised
     * procurement, a call-off under a framework agreement, or an arrangement between state agencies. Null:
     * not yet known.
     */
    purchaseRoute: text('purchase_route', { enum: purchaseRoutes }),
    /** The last day to submit the tender: an advertised procurement or a call-off with renewed competition. */
    tenderDeadline: date('tender_deadline'),
    /** The customer's reference: the procurement's registration number, or the framework agreement's name. */
    procurementReference: text('procurement_reference'),
    /**
     * The HEI's own registration number for the case (diarienummer): an HEI is a public authority and registers
     * its contract-education cases, so proposals and agreements carry the number its registry knows them by.
     */
    registryNumber: text('registry_number'),
    /** The framework agreement this case is a call-off under (the HEI's own, with the case's customer). */
    frameworkAgreementId: uuid('framework_agreement_id'),
    search: tsvector('search').generatedAlwaysAs(
      (): SQL =>
        sql`to_tsvector('swedish', coalesce(${caseFile.customerName}, '') || ' ' || coalesce(${caseFile.title}, '') || ' ' || coalesce(${caseFile.needText}, '') || ' ' || coalesce(${caseFile.notesText}, '')) || to_tsvector('english', coalesce(${caseFile.customerName}, '') || ' ' || coalesce(${caseFile.title}, '') || ' ' || coalesce(${caseFile.needText}, '') || ' ' || coalesce(${caseFile.notesText}, ''))`,
    ),
    stageEnteredAt: timestamp('stage_entered_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'case_stage_check',
      sql`${t.stage} in ('inquiry','qualification','dialogue','design','costing','agreement','delivery','evaluation','closed')`,
    ),
    check('case_outcome_when_closed', sql`(${t.stage} = 'closed') = (${t.outcome} is not null)`),
    check(
      'case_purchase_route_check',
      sql`${t.purchaseRoute} is null or ${t.purchaseRoute} in ('none','direct_award','advertised','framework_call_off','state_arrangement')`,
    ),
    check(
      'case_tender_deadline_when_tendering',
      sql`${t.tenderDeadline} is null or ${t.purchaseRoute} in ('advertised','framework_call_off')`,
    ),
    check(
      'case_framework_when_call_off',
      sql`${t.frameworkAgreementId} is null or ${t.purchaseRoute} = 'framework_call_off'`,
    ),
    // a call-off's agreement is the case's HEI's, with the case's customer
    foreignKey({
      name: 'case_framework_agreement_fk',
      columns: [t.frameworkAgreementId, t.heiId, t.customerId],
      foreignColumns: [frameworkAgreement.id, frameworkAgreement.heiId, frameworkAgreement.customerId],
    }),
    index('case_framework_agreement_idx').on(t.frameworkAgreementId),
    check(
      'case_outcome_check',
      sql`${t.outcome} is null or ${t.outcome} in ('won','lost','declined','referred')`,
    ),
    index('case_hei_stage_idx').on(t.heiId, t.stage, t.updatedAt),
    index('case_hei_updated_idx').on(t.heiId, t.updatedAt),
    index('case_customer_idx').on(t.customerId),
    index('case_hei_customer_name_idx').on(t.heiId, t.customerName),
    index('case_search_idx').using('gin', t.search),
  ],
);

/** An HEI's own checklist: the decision points of each stage (copied from the defaults, then adapted). */
export const checklistItem = pgTable(
  'checklist_item',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    stage: text('stage').notNull(),
    labelSv: text('label_sv').notNull(),
    labelEn: text('label_en').notNull(),
    required: boolean('required').notNull(),
    position: integer('position').notNull(),
    /** Removed from the checklist; kept so past cases still show what was ticked. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    /** What Lupp records that ticks it by itself (an `Evidence` of stages.ts), or null: ticked by hand only. */
    evidence: text('evidence'),
  },
  (t) => [index('checklist_item_hei_idx').on(t.heiId, t.stage, t.position)],
);

export const checklistDone = pgTable(
  'case_checklist_done',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseFile.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => checklistItem.id),
    doneBy: text('done_by').references(() => authUser.id, { onDelete: 'set null' }),
    doneAt: timestamp('done_at', { withTimezone: true }).notNull().defaultNow(),
    comment: text('comment'),
    /** Ticked by this evidence in Lupp (the item's at the time), not by hand. */
    evidence: text('evidence'),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.itemId] })],
);

/** The case timeline: meetings, contacts, notes, and the stage moves (with any override reason). */
export const caseEntry = pgTable(
  'case_entry',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseFile.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    authorUserId: text('author_user_id').references(() => authUser.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    body: jsonb('body').$type<Record<string, unknown>>().notNull().default({}),
    /** Internal entries are never shown to the customer. */
    internal: boolean('internal').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('case_entry_kind_check', sql`${t.kind} in ('meeting','contact','note','stage','system')`),
    index('case_entry_case_idx').on(t.caseId, t.occurredAt),
  ],
);

export const caseTask = pgTable(
  'case_task',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseFile.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    assigneeUserId: text('assignee_user_id').references(() => authUser.id, { onDelete: 'set null' }),
    dueOn: date('due_on'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdBy: text('created_by').references(() => authUser.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_task_case_idx').on(t.caseId),
    index('case_task_assignee_idx').on(t.assigneeUserId, t.doneAt),
  ],
);

/** An HEI's guides for customer dialogue: named sets of questions a meeting record answers. */
export const dialogueTemplate = pgTable(
  'dialogue_template',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    questions: jsonb('questions').$type<{ key: string; sv: string; en: string }[]>().notNull(),
    position: integer('position').notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [index('dialogue_template_hei_idx').on(t.heiId, t.position)],
);
