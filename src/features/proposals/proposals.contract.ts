import { z } from 'zod';

const language = z.enum(['sv', 'en']);
const longText = z.string().trim().max(20_000);

export const createProposalBody = z.strictObject({
  designId: z.uuid(),
  language: language.default('sv'),
  validUntil: z.iso.date('a date as YYYY-MM-DD'),
});

export const updateProposalBody = z.strictObject({
  revision: z.number().int().min(1).describe('The revision the change is based on (as read)'),
  title: z.string().trim().min(3).max(300).optional(),
  intro: longText.optional(),
  terms: longText.optional(),
  validUntil: z.iso.date('a date as YYYY-MM-DD').optional(),
});

export const revisionBody = z.strictObject({ revision: z.number().int().min(1) });
export const declineBody = z.strictObject({
  reason: z.string().trim().min(3, 'tell the HEI why (at least 3 characters)').max(2_000),
});

export const proposalSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  hei: z.object({ id: z.uuid(), name: z.string() }),
  customer: z.object({ id: z.uuid(), name: z.string() }),
  designId: z.uuid(),
  calculationId: z.uuid(),
  version: z.number().int(),
  language,
  title: z.string(),
  intro: z.string(),
  terms: z.string(),
  validUntil: z.string(),
  participants: z.number().int(),
  priceOre: z.number().int(),
  vatOre: z.number().int(),
  pricePerParticipantOre: z.number().int(),
  status: z.enum(['draft', 'sent', 'accepted', 'declined', 'withdrawn']),
  /** Sent and not yet decided, but past its validity date. */
  expired: z.boolean(),
  declineReason: z.string().nullable(),
  revision: z.number().int(),
  sentAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProposalView = z.infer<typeof proposalSchema>;
export const proposalListSchema = z.object({ proposals: z.array(proposalSchema) });

export const templateBody = z.strictObject({ intro: longText, terms: longText });
export const templateSchema = z.object({
  language,
  intro: z.string(),
  terms: z.string(),
  /** false: Lupp's default texts (the HEI has not written its own). */
  own: z.boolean(),
});
export const templateParams = z.object({ organisationId: z.uuid(), language });
