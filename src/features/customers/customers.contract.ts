import { z } from 'zod';
import { pageOf, pageQuery } from '../../shared/pages.ts';
import { outcomes, stages } from '../cases/stages.ts';
import { followUpSchema } from '../evaluation/evaluation.contract.ts';
import { earlierReviewSchema } from '../review/review.contract.ts';
import type { Role } from '../tenancy/tenancy.contract.ts';

/** Who reads the HEI's customer register: everyone at the HEI who reads its cases. */
export const CUSTOMER_READERS = [
  'admin',
  'coordinator',
  'teacher',
  'economist',
  'manager',
] as const satisfies readonly Role[];

export const customerSorts = ['recent', 'name', 'value'] as const;

export const customerListQuery = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('Only customers whose name or organisationsnummer (with or without the hyphen) contains this'),
  sort: z
    .enum(customerSorts)
    .default('recent')
    .describe('recent: the newest case first; name: A–Ö; value: the largest signed value first'),
  ...pageQuery,
});

/** What the HEI has done with a customer, in figures. */
const tallies = {
  cases: z.number().int(),
  openCases: z.number().int().describe('Cases not yet closed'),
  won: z.number().int(),
  lost: z.number().int(),
  signedValueOre: z.number().int().describe("The HEI's agreements with them signed by both parties, in öre"),
};

export const customerSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  orgNumber: z.string().describe('NNNNNN-NNNN'),
  county: z.string().nullable(),
  ...tallies,
  lastCaseOpenedAt: z.iso.datetime(),
});
export type CustomerSummary = z.infer<typeof customerSummarySchema>;

export const customerListSchema = pageOf(customerSummarySchema);

export const customerCaseSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  title: z.string(),
  stage: z.enum(stages),
  outcome: z.enum(outcomes).nullable(),
  openedAt: z.iso.datetime(),
  signedValueOre: z.number().int(),
});

export const customerDetailSchema = customerSummarySchema.extend({
  streetAddress: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  contacts: z
    .array(z.object({ name: z.string(), email: z.string() }))
    .describe("The customer's contact people with a portal account, by name"),
  caseList: z.array(customerCaseSchema).describe("The HEI's cases with the customer, newest first"),
  followUps: z
    .array(followUpSchema.extend({ caseId: z.uuid(), title: z.string() }))
    .describe(
      "The customer's answered follow-ups (Kirkpatrick levels 3–4) of the HEI's courses, newest first",
    ),
  lessons: z
    .array(earlierReviewSchema)
    .describe(
      "The reviews (återblick) of the HEI's cases with the customer that say something, newest case first",
    ),
});
export type CustomerDetail = z.infer<typeof customerDetailSchema>;
