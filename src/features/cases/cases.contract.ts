import { z } from 'zod';
import { pageOf, pageQuery } from '../../shared/pages.ts';
import { sectors } from '../inquiries/inquiries.contract.ts';
import { evidenceKinds, openStages, outcomes, purchaseRoutes, stages } from './stages.ts';

export const stageSchema = z.enum(stages);
export const openStageSchema = z.enum(openStages);

const userRef = z.object({ id: z.string(), name: z.string() }).nullable();

export const caseSummarySchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    title: z.string(),
    customer: z.object({ id: z.uuid(), name: z.string() }),
    hei: z.object({ id: z.uuid(), name: z.string() }).describe('The HEI that owns the case'),
    stage: stageSchema,
    outcome: z.enum(outcomes).nullable(),
    sector: z.enum(sectors),
    subjectArea: z.string().nullable(),
    owner: userRef,
    purchaseRoute: z
      .enum(purchaseRoutes)
      .nullable()
      .describe(
        'How the customer buys: none (no procurement), direct_award, advertised (procurement), framework_call_off, state_arrangement; null: not yet known',
      ),
    tenderDeadline: z.iso.date().nullable().describe('The last day to submit the tender'),
    procurementReference: z
      .string()
      .nullable()
      .describe("The customer's procurement number or framework agreement"),
    registryNumber: z
      .string()
      .nullable()
      .describe("The HEI's registration number of the case in its registry (diarienummer)"),
    frameworkAgreementId: z
      .uuid()
      .nullable()
      .describe("The HEI's framework agreement with the customer that this case is a call-off under"),
    overdueTasks: z.number().int(),
    stageEnteredAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseListQuery = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('Full text, Swedish and English: customer, title, need, notes'),
  stage: stageSchema.optional(),
  hei: z
    .union([z.literal('all'), z.uuid()])
    .optional()
    .describe(
      'Whose cases: the active HEI (default), "all" HEIs where you may read cases, or one of them by id',
    ),
  owner: z.string().max(100).optional().describe('"me" or a user id'),
  sector: z.enum(sectors).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  sort: z.enum(['updated', 'created', 'customer', 'stage']).default('updated'),
  order: z.enum(['asc', 'desc']).default('desc'),
  ...pageQuery,
});

export const caseListSchema = pageOf(caseSummarySchema).meta({ id: 'CaseList' });

export const boardSchema = z
  .array(z.object({ stage: openStageSchema, total: z.number().int(), cases: z.array(caseSummarySchema) }))
  .meta({ id: 'CaseBoard' });

export const checklistItemSchema = z.object({
  id: z.uuid(),
  stage: openStageSchema,
  label: z.object({ sv: z.string(), en: z.string() }),
  required: z.boolean(),
  /** What Lupp records that ticks it by itself; null: ticked by hand only. */
  evidence: z.enum(evidenceKinds).nullable(),
  done: z
    .object({
      by: z.string().nullable(),
      at: z.iso.datetime(),
      comment: z.string().nullable(),
      /** Ticked by this evidence in Lupp; null: by hand. */
      evidence: z.enum(evidenceKinds).nullable(),
    })
    .nullable(),
});

export const entrySchema = z.object({
  id: z.uuid(),
  kind: z.enum(['meeting', 'contact', 'note', 'stage', 'system']),
  occurredAt: z.iso.datetime(),
  author: z.string().nullable(),
  title: z.string(),
  body: z.record(z.string(), z.unknown()),
  internal: z.boolean(),
});

export const taskSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    assignee: userRef,
    dueOn: z.iso.date().nullable(),
    done: z.boolean(),
    overdue: z.boolean(),
  })
  .meta({ id: 'CaseTask' });

export const caseDetailSchema = caseSummarySchema
  .extend({
    needText: z.string(),
    inquiryId: z.uuid().nullable(),
    outcomeReason: z.string().nullable(),
    checklist: z.array(checklistItemSchema),
    /** Required items of the current stage still undone: what stands between the case and the next stage. */
    missingForNextStage: z.array(
      z.object({ id: z.uuid(), label: z.object({ sv: z.string(), en: z.string() }) }),
    ),
    entries: z.array(entrySchema),
    tasks: z.array(taskSchema),
  })
  .meta({ id: 'Case' });
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const caseParams = z.object({ caseId: z.uuid() });
export const checklistParams = caseParams.extend({ itemId: z.uuid() });
export const taskParams = caseParams.extend({ taskId: z.uuid() });

export const createCaseBody = z.strictObject({
  title: z.string().trim().min(3).max(200),
  customerName: z.string().trim().min(2).max(200),
  customerOrgNumber: z.string(),
  sector: z.enum(sectors),
  needText: z.string().trim().min(10).max(5000),
  subjectArea: z.string().max(4).nullable().default(null),
  purchaseRoute: z.enum(purchaseRoutes).nullable().default(null).describe('How the customer buys, if known'),
  tenderDeadline: z.iso.date().nullable().default(null),
  procurementReference: z.string().trim().max(200).nullable().default(null),
  frameworkAgreementId: z
    .uuid()
    .nullable()
    .default(null)
    .describe("A call-off: one of the HEI's framework agreements with the customer"),
});

/** A case's details as a coordinator corrects them; every field left out stays as it is. */
const caseDetailsChange = z.strictObject({
  title: z.string().trim().min(3).max(200).optional(),
  needText: z.string().trim().min(10).max(5000).optional(),
  sector: z.enum(sectors).optional(),
  subjectArea: z.string().max(4).nullable().optional(),
  purchaseRoute: z.enum(purchaseRoutes).nullable().optional(),
  tenderDeadline: z.iso
    .date()
    .nullable()
    .optional()
    .describe('Only for an advertised procurement or a framework call-off'),
  procurementReference: z.string().trim().max(200).nullable().optional(),
  registryNumber: z
    .string()
    .trim()
    .max(60)
    .nullable()
    .optional()
    .describe("The HEI's diarienummer; may be recorded on a closed case too"),
  frameworkAgreementId: z
    .uuid()
    .nullable()
    .optional()
    .describe("Only for a call-off: one of the HEI's framework agreements with the case's customer"),
});

export const updateCaseBody = caseDetailsChange
  .extend({
    basedOn: caseDetailsChange
      .optional()
      .describe(
        'The values the client read of the fields it changes: a field someone else has changed since is refused (409 edit_conflict), not overwritten',
      ),
  })
  .refine((b) => Object.keys(b).some((key) => key !== 'basedOn'), { message: 'change at least one field' });

export const handOverBody = z.strictObject({
  ownerUserId: z.string().min(1).max(100).describe('A coordinator at the HEI'),
  note: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .describe('What the new owner should know; sent with the notification and kept on the timeline'),
});

export const handOverAllBody = handOverBody.extend({
  fromUserId: z.string().min(1).max(100).describe('Whose open cases are handed over'),
});

export const tickBody = z.strictObject({
  done: z.boolean(),
  comment: z.string().trim().max(1000).optional(),
});

export const moveBody = z.strictObject({
  to: openStageSchema,
  overrideReason: z
    .string()
    .trim()
    .min(10, 'explain the override in at least 10 characters')
    .max(2000)
    .optional()
    .describe('Managers only: move on although required items are undone'),
});

export const closeBody = z.strictObject({
  outcome: z.enum(outcomes),
  reason: z.string().trim().min(5).max(2000),
  overrideReason: z.string().trim().min(10).max(2000).optional(),
});

/**
 * Answers to a dialogue guide's questions, by question key — the model's why, what, how by default,
 * or the questions of one of the HEI's own templates.
 */
export const dialogueAnswers = z.record(
  z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'question keys are lower-case words'),
  z.string().trim().max(5000),
);

export const questionSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'use lower-case letters, digits and _'),
  sv: z.string().trim().min(3).max(500),
  en: z.string().trim().min(3).max(500),
});
export const dialogueTemplateSchema = z
  .object({ id: z.uuid(), name: z.string(), questions: z.array(questionSchema) })
  .meta({ id: 'DialogueTemplate' });
export const putDialogueTemplatesBody = z.strictObject({
  templates: z
    .array(
      z.strictObject({
        id: z.uuid().optional(),
        name: z.string().trim().min(2).max(200),
        questions: z.array(questionSchema).min(1).max(30),
      }),
    )
    .max(30),
});

export const createEntryBody = z.strictObject({
  kind: z.enum(['meeting', 'contact', 'note']),
  occurredAt: z.iso.datetime({ offset: true }),
  title: z.string().trim().min(2).max(200),
  participants: z.string().trim().max(1000).optional(),
  agenda: z.string().trim().max(5000).optional(),
  notes: z.string().trim().max(20_000).optional(),
  nextSteps: z.string().trim().max(5000).optional(),
  templateId: z.uuid().optional().describe('The dialogue guide the answers follow'),
  answers: dialogueAnswers.optional(),
  internal: z.boolean().default(true),
  mentions: z.array(z.string().max(100)).max(20).default([]).describe('Colleagues (user ids) to notify'),
});

export const createTaskBody = z.strictObject({
  title: z.string().trim().min(2).max(200),
  assigneeUserId: z.string().max(100).nullable().default(null),
  dueOn: z.iso.date().nullable().default(null),
});
export const updateTaskBody = z
  .strictObject({
    title: z.string().trim().min(2).max(200).optional(),
    assigneeUserId: z.string().max(100).nullable().optional(),
    dueOn: z.iso.date().nullable().optional(),
    done: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'change at least one field' });

export const heiChecklistItemSchema = z.object({
  id: z.uuid(),
  stage: openStageSchema,
  labelSv: z.string(),
  labelEn: z.string(),
  required: z.boolean(),
  evidence: z.enum(evidenceKinds).nullable(),
});

export const heiChecklistSchema = z.array(heiChecklistItemSchema).meta({ id: 'HeiChecklist' });
export const putChecklistBody = z.strictObject({
  items: z
    .array(
      z.strictObject({
        id: z.uuid().optional().describe('Omit for a new item'),
        stage: openStageSchema,
        labelSv: z.string().trim().min(3).max(300),
        labelEn: z.string().trim().min(3).max(300),
        required: z.boolean(),
        evidence: z
          .enum(evidenceKinds)
          .nullable()
          .optional()
          .describe('What in Lupp ticks it by itself; null: by hand only; left out: unchanged'),
      }),
    )
    .max(200),
});
