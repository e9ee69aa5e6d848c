import { z } from 'zod';
import { pageOf, pageQuery } from '../../shared/pages.ts';
import { courseFormats, courseLevels, courseSummarySchema } from '../catalog/catalog.contract.ts';

export const confidences = ['high', 'medium', 'low'] as const;
export const heiPreferences = ['all', 'own-first', 'own-only'] as const;

/** Filters of a match (query string or body): whose courses, and which kind. */
export const matchFiltersSchema = z.object({
  hei: z
    .enum(heiPreferences)
    .default('all')
    .describe(
      "all: the consortium's courses by relevance; own-first: the own HEI's good matches first; own-only",
    ),
  language: z.enum(['sv', 'en']).optional().describe('Language of the course text'),
  format: z.enum(courseFormats).optional(),
  level: z.enum(courseLevels).optional(),
  creditsMin: z.coerce.number().min(0).max(400).optional(),
  creditsMax: z.coerce.number().min(0).max(400).optional(),
  top: z.coerce.number().int().min(1).max(50).default(10),
});
export type MatchFilters = z.infer<typeof matchFiltersSchema>;

export const decisionSchema = z.object({
  decision: z.enum(['accepted', 'rejected']),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.iso.datetime(),
});

export const suggestionSchema = z
  .object({
    rank: z.number().int(),
    course: courseSummarySchema,
    score: z.number(),
    confidence: z.enum(confidences),
    why: z.object({
      matchedWords: z
        .array(z.string())
        .describe(
          "The need's words found in the course; a corrected typo or a translation as 'need word → course word'",
        ),
      partlyMatchedWords: z
        .array(z.object({ word: z.string(), beginning: z.string() }))
        .describe(
          "The need's words of which only the beginning (five letters) is in a word of the course: weaker evidence",
        ),
      matchedConcepts: z
        .array(
          z.object({
            id: z.uuid(),
            label: z.object({ sv: z.string().nullable(), en: z.string().nullable() }),
          }),
        )
        .describe("The need's taxonomy concepts that a person confirmed on the course"),
      needLanguage: z.enum(['sv', 'en']),
      courseLanguage: z.enum(['sv', 'en']),
      similarTo: z
        .object({
          id: z.uuid(),
          code: z.string(),
          title: z.object({ sv: z.string().nullable(), en: z.string().nullable() }),
        })
        .nullable()
        .describe('Found through this similar course (e.g. the same topic in the other language)'),
    }),
    decision: decisionSchema.nullable(),
  })
  .meta({ id: 'MatchSuggestion' });

export const subjectSchema = z.object({ kind: z.enum(['need', 'inquiry']), id: z.uuid() });

export const unmetDemandSchema = z
  .object({
    subject: subjectSchema,
    analysisId: z.uuid().nullable().describe('For a need: the analysis whose matches show it'),
    label: z.string().describe('The need (its concept or words) or the inquiry, as it read when recorded'),
    source: z.string().describe('The analysis or inquiry it came from'),
    customerName: z.string(),
    recordedBy: z.string().nullable(),
    recordedAt: z.iso.datetime(),
  })
  .meta({ id: 'UnmetDemand' });

export const unmetListQuery = z.object(pageQuery);
export const unmetListSchema = pageOf(unmetDemandSchema).meta({ id: 'UnmetDemandList' });

export const matchSchema = z
  .object({
    noGoodMatch: z
      .boolean()
      .describe('No course is a good match: a finding (unmet demand); the suggestions are only the nearest'),
    needLanguage: z.enum(['sv', 'en']),
    formatsAskedFor: z
      .array(z.object({ format: z.enum(courseFormats), phrase: z.string() }))
      .describe(
        'Course formats the need\'s text asks for ("gärna på distans"), each with its phrase as written: a filter to suggest, not applied',
      ),
    coursesSearched: z.number().int(),
    suggestions: z.array(suggestionSchema),
    unmet: unmetDemandSchema
      .nullable()
      .describe('The need or inquiry recorded as unmet demand by the HEI (null for free text)'),
  })
  .meta({ id: 'Match' });
export type Match = z.infer<typeof matchSchema>;

export const acceptanceSchema = z
  .object({
    accepted: z.number().int(),
    rejected: z.number().int(),
    rate: z.number().nullable().describe('accepted / decided; null before the first decision'),
    acceptedRanked: z.number().int().describe('Accepted courses whose rank as shown was recorded'),
    acceptedInTopFive: z
      .number()
      .int()
      .describe('Of those, the ones shown among the first five: how often the top 5 holds what is accepted'),
    byConfidence: z.array(
      z.object({ confidence: z.enum(confidences), accepted: z.number().int(), rejected: z.number().int() }),
    ),
  })
  .meta({ id: 'MatchAcceptance' });

export const needMatchSchema = matchSchema.extend({
  need: z.object({
    id: z.uuid(),
    label: z.string().describe("Its concept's Swedish label (else the English), or its own words"),
    conceptLabel: z
      .object({ sv: z.string().nullable(), en: z.string().nullable() })
      .nullable()
      .describe("Its concept's labels, for a page in either language (null: a need in its own words)"),
    priority: z.number(),
    horizon: z.string(),
  }),
});

export const analysisMatchesSchema = z.object({
  analysisId: z.uuid(),
  needs: z.array(needMatchSchema),
  acceptance: acceptanceSchema,
});

export const inquiryMatchesSchema = matchSchema.extend({
  inquiryId: z.uuid(),
  text: z.string(),
  acceptance: acceptanceSchema,
});

export const searchBody = matchFiltersSchema.extend({
  text: z.string().trim().min(3, 'describe the need in a few words').max(4000),
});

export const unmetBody = z.object({ subject: subjectSchema });

export const decisionBody = z.object({
  subject: subjectSchema,
  courseId: z.uuid(),
  decision: z.enum(['accepted', 'rejected']),
  reason: z.string().trim().max(1000).optional(),
  rank: z.number().int().min(1).max(100).optional(),
  score: z.number().min(0).optional(),
  confidence: z.enum(confidences).optional(),
});
