import { z } from 'zod';
import { horizons } from './priority.ts';

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
