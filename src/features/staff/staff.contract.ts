import { z } from 'zod';
import { roleSchema } from '../tenancy/tenancy.contract.ts';

export const availabilities = ['available', 'limited', 'unavailable'] as const;
export const interests = ['high', 'some', 'low'] as const;
export type Availability = (typeof availabilities)[number];
export type Interest = (typeof interests)[number];

/** Language codes offered by the profile form (ISO 639-1; any two or three letters are accepted). */
export const profileLanguages = ['sv', 'en', 'fi', 'no', 'da', 'de', 'fr', 'es', 'ar'] as const;

const languageCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, 'a language code such as sv or en');

/** The whole profile, as the person (or an admin of the HEI) saves it. */
export const staffProfileBody = z.strictObject({
  department: z
    .string()
    .trim()
    .max(200, 'at most 200 characters')
    .nullable()
    .default(null)
    .transform((d) => d || null)
    .describe('Department or subject, as the HEI names it'),
  languages: z
    .array(languageCode)
    .max(12, 'at most 12 languages')
    .default([])
    .superRefine((codes, ctx) => {
      codes.forEach((code, i) => {
        if (codes.indexOf(code) !== i)
          ctx.addIssue({ code: 'custom', path: [i], message: `"${code}" is there twice` });
      });
    })
    .describe('Languages the person teaches in'),
  availability: z.enum(availabilities).describe('For contract education in the coming year'),
  hoursPerYear: z
    .number()
    .int('whole hours')
    .min(0, 'cannot be negative')
    .max(2_000, 'at most 2000 hours a year')
    .nullable()
    .default(null)
    .describe('Hours a year the person could give to contract education'),
  interest: z.enum(interests).describe('Interest in contract education'),
  bio: z.string().trim().max(2_000, 'at most 2000 characters').default(''),
  expertise: z
    .array(z.uuid('a taxonomy concept id'))
    .max(50, 'at most 50 concepts')
    .default([])
    .describe('Taxonomy concepts (skills, skill groups) the person is expert in'),
});
export type StaffProfileInput = z.output<typeof staffProfileBody>;

export const conceptRefSchema = z.object({
  id: z.uuid(),
  type: z.string(),
  label: z.object({ sv: z.string().nullable(), en: z.string().nullable() }),
});
export type ConceptRef = z.infer<typeof conceptRefSchema>;

export const staffProfileSchema = z
  .object({
    userId: z.string(),
    heiId: z.uuid(),
    name: z.string(),
    email: z.string(),
    roles: z.array(roleSchema),
    /** False while the person has not filled in a profile: the values are the defaults. */
    exists: z.boolean(),
    department: z.string().nullable(),
    languages: z.array(z.string()),
    availability: z.enum(availabilities),
    hoursPerYear: z.number().int().nullable(),
    interest: z.enum(interests),
    bio: z.string(),
    expertise: z.array(conceptRefSchema),
    updatedAt: z.string().nullable(),
    commitments: z
      .object({
        plannedHours: z
          .number()
          .describe('Teaching and development hours in the courses below: what the person has taken on'),
        scheduledHours: z
          .number()
          .describe('Hours of sessions the person teaches at the HEI from today through a year ahead'),
        courses: z.array(
          z.object({
            designId: z.uuid(),
            caseId: z.uuid(),
            reference: z.string(),
            title: z.string(),
            endDate: z.iso.date().nullable(),
            teachingHours: z.number(),
            developmentHours: z.number(),
          }),
        ),
      })
      .describe(
        'The approved course designs naming the person as a teacher, of cases open or won whose course has not ended',
      ),
    /** Whether the reader may change it (the person, or an admin of the HEI). */
    canEdit: z.boolean(),
    /** Whether the reader may see and export the merit record (the person, admins and managers). */
    canSeeMerits: z.boolean(),
  })
  .meta({ id: 'StaffProfile' });
export type StaffProfileView = z.infer<typeof staffProfileSchema>;

export const staffListSchema = z.object({ staff: z.array(staffProfileSchema) });

export const staffSearchBody = z
  .strictObject({
    conceptIds: z.array(z.uuid()).max(30, 'at most 30 concepts').default([]),
    designId: z
      .uuid()
      .optional()
      .describe(
        "A design of the HEI: the concepts of the needs its outcomes answer (else of its case's needs)",
      ),
    related: z
      .boolean()
      .default(true)
      .describe('Also count broader and narrower concepts (one step in the taxonomy) as half a match'),
    language: languageCode.optional().describe('Only people who teach in this language'),
  })
  .refine((b) => b.conceptIds.length > 0 || !!b.designId, {
    message: 'choose at least one concept, or a design',
    path: ['conceptIds'],
  });

export const matchVia = ['exact', 'narrower', 'broader'] as const;

export const staffSearchSchema = z.object({
  /** What was searched for: the chosen concepts and those of the design's needs. */
  concepts: z.array(conceptRefSchema.extend({ fromNeeds: z.boolean() })),
  design: z
    .object({ id: z.uuid(), title: z.string(), caseId: z.uuid(), teacherUserIds: z.array(z.string()) })
    .nullable(),
  results: z.array(
    z.object({
      profile: staffProfileSchema,
      /** 1 for each searched concept the person has, ½ for one they have a broader or narrower concept of. */
      score: z.number(),
      matches: z.array(
        z.object({
          concept: conceptRefSchema.describe('The searched concept'),
          via: z.enum(matchVia).describe("The person's concept is it, narrower than it, or broader than it"),
          expertise: conceptRefSchema.describe("The person's concept"),
        }),
      ),
      /** Already a planned teacher of the design. */
      alreadyTeacher: z.boolean(),
    }),
  ),
});
export type StaffSearchResult = z.infer<typeof staffSearchSchema>;

const caseRef = z.object({ id: z.uuid(), reference: z.string(), title: z.string(), customer: z.string() });

export const meritRecordSchema = z
  .object({
    person: z.object({ userId: z.string(), name: z.string(), email: z.string() }),
    hei: z.object({ id: z.uuid(), name: z.string() }),
    department: z.string().nullable(),
    languages: z.array(z.string()),
    expertise: z.array(conceptRefSchema),
    generatedAt: z.string(),
    /** Contract-education courses the person is a planned teacher of (by user id), oldest first. */
    courses: z.array(
      z.object({
        designId: z.uuid(),
        title: z.string(),
        case: caseRef,
        language: z.enum(['sv', 'en']),
        awards: z.enum(['credits', 'certificate']),
        credits: z.number().nullable(),
        startDate: z.string().nullable(),
        endDate: z.string().nullable(),
        teachingHours: z.number(),
        developmentHours: z.number(),
        /** The study director's approval of the design as it is. */
        approved: z.boolean(),
        approvedAt: z.string().nullable(),
        agreement: z.enum(['none', 'draft', 'signing', 'signed']),
        agreementSignedAt: z.string().nullable(),
        /** Counted in the totals: the design is approved or its agreement signed (not a plan in progress). */
        counted: z.boolean(),
      }),
    ),
    dialogues: z.object({
      casesOwned: z.array(
        caseRef.extend({ stage: z.string(), outcome: z.string().nullable(), openedAt: z.string() }),
      ),
      meetings: z.array(z.object({ case: caseRef, title: z.string(), occurredAt: z.string() })),
    }),
    totals: z.object({
      courses: z.number().int(),
      teachingHours: z.number(),
      developmentHours: z.number(),
      hours: z.number(),
      casesOwned: z.number().int(),
      meetings: z.number().int(),
    }),
    /**
     * The participants' evaluations of the courses the person is a planned teacher of, those with results to
     * show (at least five answers): the overall impression (1–5), the rated knowledge gain, recommendations.
     */
    evaluations: z.array(
      z.object({
        evaluationId: z.uuid(),
        title: z.string(),
        closesOn: z.iso.date(),
        answered: z.number().int(),
        satisfaction: z.number(),
        gain: z.number().nullable(),
        recommended: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'MeritRecord' });
export type MeritRecord = z.infer<typeof meritRecordSchema>;

export const meritExportQuery = z.object({
  language: z.enum(['sv', 'en']).optional().describe("The document's language (default: the user's)"),
});
