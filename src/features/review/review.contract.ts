import { z } from 'zod';
import { outcomes, stages } from '../cases/stages.ts';

const text = z.string().trim().max(4000);

/** What a save sends: the three answers, and the revision it was written on (none for the first). */
export const saveReviewBody = z.strictObject({
  wentWell: text,
  toImprove: text,
  followOn: text,
  revision: z.number().int().min(1).optional().describe('The revision read; omitted for the first save'),
});

export const reviewSchema = z.object({
  wentWell: z.string(),
  toImprove: z.string(),
  followOn: z.string(),
  revision: z.number().int(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().nullable().describe('Name of who saved it last'),
});
export type Review = z.infer<typeof reviewSchema>;

/** A review of another of the HEI's cases with the same customer. */
export const earlierReviewSchema = reviewSchema.extend({
  caseId: z.uuid(),
  reference: z.string(),
  title: z.string(),
  stage: z.enum(stages),
  outcome: z.enum(outcomes).nullable(),
});
export type EarlierReview = z.infer<typeof earlierReviewSchema>;

export const caseReviewSchema = z.object({
  review: reviewSchema.nullable(),
  customer: z.string(),
  earlier: z.array(earlierReviewSchema).describe("The HEI's other cases with the customer, newest first"),
});
export type CaseReview = z.infer<typeof caseReviewSchema>;
