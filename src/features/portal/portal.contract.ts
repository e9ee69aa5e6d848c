import { z } from 'zod';
import { stages } from '../cases/stages.ts';
import { inquiryStatuses } from '../inquiries/inquiries.contract.ts';

// What the customer portal answers (PortalOverview, PortalCase) and accepts, for the API and the web.
// A case here holds only what the HEI shared with the customer.

const portalCaseSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  title: z.string(),
  stage: z.enum(stages),
  outcome: z.string().nullable(),
  hei: z.string(),
  updatedAt: z.iso.datetime(),
});

export const portalCaseDetailSchema = portalCaseSchema
  .extend({
    needText: z.string(),
    entries: z.array(
      z.object({
        id: z.uuid(),
        kind: z.string(),
        occurredAt: z.iso.datetime(),
        author: z.string().nullable(),
        title: z.string(),
        body: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .meta({ id: 'PortalCase' });
export type PortalCaseDetail = z.infer<typeof portalCaseDetailSchema>;

/** What waits for the customer: each thing to do, on which case, at which HEI, by when. */
export const portalToDoKinds = [
  'answer_proposal',
  'sign_agreement',
  'sign_addendum',
  'invoice_reference',
  'designate_participants',
  'follow_up_evaluation',
] as const;
export const portalToDoSchema = z.object({
  kind: z.enum(portalToDoKinds),
  /** The proposal, the agreement or the evaluation follow-up it concerns. */
  recordId: z.uuid(),
  caseId: z.uuid(),
  caseReference: z.string(),
  hei: z.string(),
  /** What it concerns: the proposal's or the agreement's title. */
  title: z.string(),
  /** An addendum's number. */
  addendum: z.int().nullable(),
  /** By when: a proposal's last valid day, the last day to change participants; null when there is none. */
  dueOn: z.iso.date().nullable(),
  /** Participants designated so far (for designate_participants). */
  designated: z.int().nullable(),
});
export type PortalToDo = z.infer<typeof portalToDoSchema>;

/** Where on the customer's case page each thing to do is done (the page's sections). */
export const sectionOf: Record<PortalToDo['kind'], string> = {
  answer_proposal: 'portal-proposals',
  sign_agreement: 'portal-agreements',
  sign_addendum: 'portal-agreements',
  invoice_reference: 'portal-agreements',
  designate_participants: 'portal-participants',
  follow_up_evaluation: 'portal-follow-up',
};

export const portalOverviewSchema = z
  .object({
    organisation: z.object({ id: z.uuid(), name: z.string(), orgNumber: z.string() }),
    toDo: z.array(portalToDoSchema),
    inquiries: z.array(
      z.object({
        reference: z.string(),
        submittedAt: z.iso.datetime(),
        status: z.enum(inquiryStatuses),
        needText: z.string(),
        handledBy: z.string().nullable(),
      }),
    ),
    cases: z.array(portalCaseSchema),
    frontDoors: z
      .array(z.object({ slug: z.string(), name: z.string() }))
      .describe(
        'The consortia the customer sent inquiries to or has cases with: where it describes a new need (/c/<slug>/inquiry)',
      ),
  })
  .meta({ id: 'PortalOverview' });
export type PortalOverview = z.infer<typeof portalOverviewSchema>;

export const portalCaseParams = z.object({ caseId: z.uuid() });

export const portalMessageBody = z.strictObject({ text: z.string().trim().min(2).max(10_000) });
