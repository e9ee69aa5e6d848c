import { z } from 'zod';
import { pageOf, pageQuery } from '../../shared/pages.ts';
import { counties, subjectAreaCodes } from '../../shared/subject-areas.ts';
import { orgNumberSchema } from '../tenancy/tenancy.contract.ts';

export const sectors = ['public', 'private', 'non_profit'] as const;
export const purposes = ['staff_training', 'labour_market', 'development_aid'] as const;
export const formats = ['campus', 'online', 'blended', 'workplace', 'no_preference'] as const;
export const languages = ['sv', 'en', 'no_preference'] as const;
export const budgetRanges = ['unknown', 'lt_100k', '100k_500k', '500k_2m', 'gt_2m'] as const;
export const inquiryStatuses = ['new', 'claimed', 'referred', 'declined'] as const;

const text = (min: number, max: number) =>
  z.string().trim().min(min, `write at least ${min} characters`).max(max);

/** The public front-door form. `website` is a honeypot: people leave it empty, bots fill it in. */
export const submitInquiryBody = z.strictObject({
  organisationName: text(2, 200),
  orgNumber: orgNumberSchema,
  sector: z.enum(sectors),
  municipality: text(2, 100),
  county: z.enum(counties),
  contactName: text(2, 200),
  contactEmail: z.string().trim().toLowerCase().max(254).pipe(z.email('must be an e-mail address')),
  contactPhone: z
    .string()
    .trim()
    .max(40)
    .regex(/^$|^\+?[0-9 ()-]{6,}$/, 'must be a phone number')
    .optional(),
  needText: text(20, 5000),
  subjectArea: z.enum(subjectAreaCodes).nullable().default(null),
  purpose: z.enum(purposes),
  participantsWorkForBuyer: z.boolean(),
  participants: z.number().int().min(1).max(100_000),
  desiredStart: z.string().trim().max(100).optional(),
  format: z.enum(formats),
  language: z.enum(languages),
  budgetRange: z.enum(budgetRanges),
  preferredHeiId: z.uuid().nullable().default(null),
  consent: z.literal(true, 'consent to the processing of personal data is needed to send the inquiry'),
  locale: z.enum(['sv', 'en']).default('sv'),
  website: z.string().max(200).optional(),
});
export type SubmitInquiry = z.infer<typeof submitInquiryBody>;

export const submittedInquirySchema = z
  .object({ reference: z.string(), followUrl: z.string() })
  .meta({ id: 'SubmittedInquiry' });

export const frontDoorSchema = z
  .object({
    consortium: z.object({ name: z.string(), slug: z.string() }),
    heis: z.array(z.object({ id: z.uuid(), name: z.string() })),
  })
  .meta({ id: 'FrontDoor' });

/** What the customer's follow link shows: their own inquiry and where it is, nothing internal. */
export const followedInquirySchema = z
  .object({
    reference: z.string(),
    submittedAt: z.iso.datetime(),
    status: z.enum(inquiryStatuses),
    organisationName: z.string(),
    needText: z.string(),
    handledBy: z.string().nullable(),
  })
  .meta({ id: 'FollowedInquiry' });

export const eligibilityFlagSchema = z.object({
  rule: z.string(),
  reason: z.object({ sv: z.string(), en: z.string() }),
  override: z
    .object({ justification: z.string(), by: z.string().nullable(), at: z.iso.datetime() })
    .nullable(),
});

const heiRef = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const inquirySummarySchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    status: z.enum(inquiryStatuses),
    organisationName: z.string(),
    subjectArea: z.string().nullable(),
    county: z.string(),
    participants: z.number().int(),
    createdAt: z.iso.datetime(),
    dueAt: z.iso.datetime(),
    firstResponseAt: z.iso.datetime().nullable(),
    overdue: z.boolean(),
    proposedHei: heiRef,
    ownerHei: heiRef,
    referredToHei: heiRef,
    openFlags: z.number().int().describe('Eligibility flags not overridden'),
  })
  .meta({ id: 'InquirySummary' });
export type InquirySummary = z.infer<typeof inquirySummarySchema>;

export const inquiryEventSchema = z.object({
  at: z.iso.datetime(),
  kind: z.string(),
  actor: z.string().nullable(),
  hei: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const inquiryDetailSchema = inquirySummarySchema
  .extend({
    orgNumber: z.string(),
    sector: z.enum(sectors),
    municipality: z.string(),
    /** The contact person; null once erased on the person's request (contactErasedAt). */
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    contactPhone: z.string().nullable(),
    contactErasedAt: z.iso.datetime().nullable(),
    /** Why it was erased: on the person's request, or by the HEI's retention rule (gallring). */
    contactErasure: z.enum(['request', 'retention']).nullable(),
    needText: z.string(),
    purpose: z.enum(purposes),
    participantsWorkForBuyer: z.boolean(),
    desiredStart: z.string().nullable(),
    format: z.enum(formats),
    language: z.enum(languages),
    budgetRange: z.enum(budgetRanges),
    preferredHei: heiRef,
    proposalReason: z.string().nullable(),
    /** The case this inquiry became at the viewing HEI, once claimed. */
    caseId: z.uuid().nullable(),
    eligibility: z.array(eligibilityFlagSchema),
    trail: z.array(inquiryEventSchema),
  })
  .meta({ id: 'Inquiry' });
export type InquiryDetail = z.infer<typeof inquiryDetailSchema>;

export const inquiryParams = z.object({ inquiryId: z.uuid() });
export const listInquiriesQuery = z.object({
  view: z.enum(['inbox', 'ours', 'referred_to_us', 'all']).default('all'),
  overdue: z.enum(['true', 'false']).optional(),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe(
      'Only inquiries whose organisation, reference, municipality, county or need contains this text',
    ),
  ...pageQuery,
});
export type InquiryListFilter = z.infer<typeof listInquiriesQuery>;

export const inquiryListSchema = pageOf(inquirySummarySchema)
  .extend({
    overdue: z
      .number()
      .int()
      .describe('How many of all the inquiries found (not only this page) are overdue'),
  })
  .meta({ id: 'InquiryList' });
export type InquiryList = z.infer<typeof inquiryListSchema>;
export const referBody = z.strictObject({ toHeiId: z.uuid(), reason: text(5, 2000) });
export const reasonBody = z.strictObject({ reason: text(5, 2000) });
export const declineBody = z.strictObject({
  reason: text(5, 2000),
  alternatives: z.string().trim().max(2000).optional().describe('Suggestions sent to the customer'),
});
export const overrideBody = z.strictObject({
  rule: z.string().min(1).max(50),
  justification: text(10, 2000),
});

/** A correction of the contact person, on their request (the right to rectification). */
export const contactBody = submitInquiryBody.pick({
  contactName: true,
  contactEmail: true,
  contactPhone: true,
});
export type ContactCorrection = z.infer<typeof contactBody>;
