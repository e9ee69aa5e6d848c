import { z } from 'zod';
import { pageOf, pageQuery } from '../../shared/pages.ts';
import { horizons } from './priority.ts';
import { pseudonymProblem } from './pseudonym.ts';

export const drivers = [
  'new_technology',
  'regulation',
  'reorganisation',
  'retirements',
  'growth',
  'other',
] as const;
export const confidences = ['low', 'medium', 'high'] as const;

const level = z.number().int().min(0, 'levels go from 0 to 5').max(5, 'levels go from 0 to 5');
const text = (max: number) => z.string().trim().max(max);

export const createAnalysisBody = z
  .strictObject({
    caseId: z.uuid().optional().describe('The case the analysis belongs to (its customer is taken from it)'),
    customerId: z.uuid().optional().describe('Without a case: the customer organisation'),
    title: z.string().trim().min(3).max(200),
    strategy: text(10_000).default(''),
    drivers: z.array(z.enum(drivers)).max(drivers.length).default([]),
    horizonWeights: z.record(z.enum(horizons), z.number().min(0).max(10)).optional(),
  })
  .refine((b) => b.caseId || b.customerId, { message: 'give caseId or customerId', path: ['caseId'] });

/** Change an analysis: any of title, strategy, drivers and horizon weights (the others stay). */
export const updateAnalysisBody = z
  .strictObject({
    title: z.string().trim().min(3).max(200).optional(),
    strategy: text(10_000).optional(),
    drivers: z.array(z.enum(drivers)).max(drivers.length).optional(),
    horizonWeights: z
      .partialRecord(z.enum(horizons), z.number().min(0).max(10))
      .optional()
      .describe('Merged into the current weights'),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'give at least one of title, strategy, drivers, horizonWeights',
    path: ['title'],
  });

/** The organisation level, which the customer may change through a self-service link. */
export const organisationLevelBody = z
  .strictObject({
    strategy: text(10_000).optional(),
    drivers: z.array(z.enum(drivers)).max(drivers.length).optional(),
  })
  .refine((b) => b.strategy !== undefined || b.drivers !== undefined, {
    message: 'give strategy or drivers',
    path: ['strategy'],
  });

export const roleBody = z.strictObject({
  title: z.string().trim().min(2).max(200),
  occupationConceptId: z.uuid().nullable().default(null),
  headcountNow: z.number().int().min(0).max(1_000_000),
  headcountHorizon: z.number().int().min(0).max(1_000_000),
});

export const needBody = z
  .strictObject({
    roleId: z.uuid().nullable().default(null),
    conceptId: z.uuid().nullable().default(null),
    freeText: text(500).nullable().default(null),
    requiredLevel: level,
    currentLevel: level,
    importance: z.number().int().min(1, 'importance is 1, 2 or 3').max(3, 'importance is 1, 2 or 3'),
    people: z.number().int().min(1).max(1_000_000),
    horizon: z.enum(horizons),
    driver: z.enum(drivers).nullable().default(null),
    evidence: text(5000).nullable().default(null),
    confidence: z.enum(confidences).default('medium'),
    goalIndividual: text(2000).nullable().default(null),
    goalOrganisation: text(2000).nullable().default(null),
    indicators: text(2000).nullable().default(null),
  })
  .refine((b) => b.conceptId || b.freeText, {
    message: 'choose a concept or describe the need in words',
    path: ['conceptId'],
  });

const priorityShape = z.object({
  gap: z.number(),
  peopleWeight: z.number(),
  horizonWeight: z.number(),
  priority: z.number(),
  formula: z.string(),
});

export const needSchema = z.object({
  id: z.uuid(),
  roleId: z.uuid().nullable(),
  concept: z
    .object({
      id: z.uuid(),
      label: z.object({ sv: z.string().nullable(), en: z.string().nullable() }),
      deprecated: z.boolean(),
    })
    .nullable(),
  freeText: z.string().nullable(),
  requiredLevel: z.number().int(),
  currentLevel: z.number().int(),
  importance: z.number().int(),
  people: z.number().int(),
  horizon: z.enum(horizons),
  driver: z.string().nullable(),
  evidence: z.string().nullable(),
  confidence: z.enum(confidences),
  goalIndividual: z.string().nullable(),
  goalOrganisation: z.string().nullable(),
  indicators: z.string().nullable(),
  computed: priorityShape,
});

export const personSchema = z.object({
  id: z.uuid(),
  pseudonym: z.string(),
  roleId: z.uuid().nullable(),
  levels: z.array(z.object({ needId: z.uuid(), currentLevel: z.number().int() })),
});

export const analysisSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    version: z.number().int(),
    previousId: z.uuid().nullable(),
    customer: z.object({ id: z.uuid(), name: z.string() }),
    caseId: z.uuid().nullable(),
    strategy: z.string(),
    drivers: z.array(z.string()),
    horizonWeights: z.record(z.string(), z.number()),
    roles: z.array(
      z.object({
        id: z.uuid(),
        title: z.string(),
        occupationConceptId: z.uuid().nullable(),
        headcountNow: z.number().int(),
        headcountHorizon: z.number().int(),
      }),
    ),
    /** Sorted by computed priority, highest first. */
    needs: z.array(needSchema),
    /** Person level (pseudonymous). Shown to the HEI only; empty through a self-service link. */
    persons: z.array(personSchema),
    topByHorizon: z.record(z.string(), z.array(z.uuid())),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'NeedsAnalysis' });
export type Analysis = z.infer<typeof analysisSchema>;

export const analysisSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  version: z.number().int(),
  customer: z.object({ id: z.uuid(), name: z.string() }),
  caseId: z.uuid().nullable(),
  needs: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type AnalysisSummary = z.infer<typeof analysisSummarySchema>;

export const listAnalysesQuery = z.object({
  caseId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe("Only analyses whose title or customer's name contains this text"),
  ...pageQuery,
});
export type AnalysisListFilter = z.infer<typeof listAnalysesQuery>;

export const analysisListSchema = pageOf(analysisSummarySchema).meta({ id: 'NeedsAnalysisList' });

export const comparisonSchema = z
  .object({
    from: z.object({ id: z.uuid(), version: z.number().int() }),
    to: z.object({ id: z.uuid(), version: z.number().int() }),
    rows: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        change: z.enum(['added', 'removed', 'changed', 'same']),
        before: z.object({ gap: z.number(), priority: z.number() }).nullable(),
        after: z.object({ gap: z.number(), priority: z.number() }).nullable(),
      }),
    ),
  })
  .meta({ id: 'AnalysisComparison' });

// ------------------------------------------------------------------ person level

export const personBody = z.strictObject({
  pseudonym: z
    .string()
    .trim()
    .min(1, 'write a pseudonym')
    .max(40, 'a pseudonym has at most 40 characters')
    .superRefine((value, ctx) => {
      const problem = pseudonymProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  roleId: z.uuid().nullable().default(null),
  levels: z
    .array(z.strictObject({ needId: z.uuid(), currentLevel: level }))
    .max(500)
    .default([])
    .refine((l) => new Set(l.map((x) => x.needId)).size === l.length, 'each need at most once'),
});

// ------------------------------------------------------------------ the customer's self-service link

export const SELF_SERVICE_LINK_DAYS = 30;

export const createSelfServiceLinkBody = z.strictObject({
  sendTo: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email('must be an e-mail address'))
    .optional()
    .describe('E-mail the link to this address'),
  expiresInDays: z.number().int().min(1).max(180).default(SELF_SERVICE_LINK_DAYS),
});

export const selfServiceLinkSchema = z
  .object({
    id: z.uuid(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'SelfServiceLink' });

export const createdSelfServiceLinkSchema = z.object({
  id: z.uuid(),
  url: z.string().describe('The path /s/<token>; the token is shown only now'),
  expiresAt: z.iso.datetime(),
});

const conceptView = z.object({
  id: z.uuid(),
  source: z.string(),
  type: z.string(),
  code: z.string().nullable(),
  label: z.object({ sv: z.string().nullable(), en: z.string().nullable() }),
  deprecated: z.boolean(),
});

export const suggestionsQuery = z.object({
  text: z.string().trim().min(2).max(500),
  type: z.string().max(200).optional().describe('Comma-separated concept types, e.g. skill,occupation'),
});

export const suggestionsSchema = z.object({
  /** Explained suggestions for the words (empty for texts under three letters). */
  suggestions: z.array(
    z.object({
      concept: conceptView,
      matchedWords: z.array(z.string()),
      confidence: z.number(),
      needsConfirmation: z.boolean(),
    }),
  ),
  /** Concept search on the same words, for a picker. */
  concepts: z.array(conceptView),
});

// ------------------------------------------------------------------ anonymous self-assessment (survey)

const label = z.object({ sv: z.string().nullable(), en: z.string().nullable() });

export const createSurveyBody = z.strictObject({
  respondents: z
    .number()
    .int()
    .min(5, 'at least 5 respondents (answers are shown from 5)')
    .max(500, 'at most 500 respondents'),
  needIds: z
    .array(z.uuid())
    .min(1)
    .max(200)
    .optional()
    .describe("The needs whose competences are asked about; all of the analysis' needs by default"),
});

export const surveySummarySchema = z
  .object({
    id: z.uuid(),
    createdAt: z.iso.datetime(),
    invited: z.number().int(),
    answered: z.number().int(),
    questions: z.array(z.object({ key: z.uuid(), label })),
  })
  .meta({ id: 'Survey' });

export const createdSurveySchema = z.object({
  survey: surveySummarySchema,
  links: z.array(z.string()).describe('One path /survey/<token> per respondent; shown only now'),
});

export const publicSurveySchema = z.object({
  questions: z.array(z.object({ key: z.uuid(), label })),
  roles: z.array(z.object({ id: z.uuid(), title: z.string() })),
  levels: z.object({ sv: z.array(z.string()), en: z.array(z.string()) }),
  alreadyAnswered: z.boolean(),
});

export const answerSurveyBody = z.strictObject({
  roleId: z.uuid().nullable(),
  answers: z
    .array(z.strictObject({ key: z.uuid(), level }))
    .min(1)
    .max(200)
    .refine((a) => new Set(a.map((x) => x.key)).size === a.length, 'each question at most once'),
});

const questionResult = z.object({
  key: z.uuid(),
  label,
  mean: z.number(),
  distribution: z.array(z.number().int()).describe('How many answered level 0, 1, … 5'),
});

export const surveyResultsSchema = z
  .object({
    answered: z.number().int(),
    minimum: z.number().int(),
    shown: z.boolean(),
    perQuestion: z.array(questionResult),
    perRole: z.array(
      z.object({
        roleId: z.uuid(),
        title: z.string(),
        answered: z.number().int(),
        perQuestion: z.array(questionResult),
      }),
    ),
  })
  .meta({ id: 'SurveyResults' });

// ------------------------------------------------------------------ heatmap

export const heatmapSchema = z
  .object({
    roles: z.array(z.object({ id: z.uuid(), title: z.string() })),
    competences: z.array(z.object({ key: z.string(), label })),
    cells: z.array(
      z.object({
        roleId: z.uuid().nullable().describe('null: the whole organisation'),
        key: z.string(),
        requiredLevel: z.number(),
        currentLevel: z.number(),
        gap: z.number(),
        source: z.enum(['recorded', 'survey']),
        respondents: z.number().int().optional(),
      }),
    ),
  })
  .meta({ id: 'NeedsHeatmap' });
