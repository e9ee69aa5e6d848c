import { z } from 'zod';

/**
 * An HEI's incentive model: what taking part in contract education gives a department and its teachers.
 * Shares and factors are basis points (10 000 = 100 %, or hour for hour); amounts are integer öre.
 */
const basisPoints = (what: string, max: number, meaning: string) =>
  z
    .number()
    .int(`${what} is in whole basis points (${meaning})`)
    .min(0, `${what} cannot be negative`)
    .max(max, `${what} above ${max} basis points is not allowed`);

const description = (language: string) =>
  z
    .string()
    .trim()
    .min(1, `describe the other incentives in ${language} (write "none" when there are none)`)
    .max(4_000, 'at most 4 000 characters');

export const createIncentiveModelBody = z.strictObject({
  effectiveFrom: z.iso
    .date('a date as YYYY-MM-DD')
    .describe(
      'The first day the version applies: today or later once a version is in force (the past does not change)',
    ),
  departmentShareBp: basisPoints('the department share', 10_000, '2 500 = 25 %').describe(
    'Share of the indirect-cost surcharge (OH) of a case returned to the departments taking part',
  ),
  workloadFactorBp: basisPoints('the workload factor', 50_000, '10 000 = hour for hour').describe(
    "Factor on teachers' planned hours (teaching and development) in their workload plans",
  ),
  descriptionSv: description('Swedish').describe('Other incentives (merit, research contacts, …), Swedish'),
  descriptionEn: description('English').describe('Other incentives, English'),
});
export type CreateIncentiveModel = z.output<typeof createIncentiveModelBody>;

const person = z.object({ id: z.string(), name: z.string() }).nullable();

export const incentiveModelSchema = z.object({
  id: z.uuid(),
  heiId: z.uuid(),
  /** 1 for the earliest effective date, and so on. */
  version: z.number().int(),
  effectiveFrom: z.string(),
  /** Superseded (a later one is in force), in force today, or upcoming (from a later date). */
  status: z.enum(['superseded', 'in_force', 'upcoming']),
  departmentShareBp: z.number().int(),
  workloadFactorBp: z.number().int(),
  description: z.object({ sv: z.string(), en: z.string() }),
  createdBy: person,
  createdAt: z.string(),
});
export type IncentiveModelView = z.infer<typeof incentiveModelSchema>;

export const incentiveModelListSchema = z.object({
  /** Newest effective date first. */
  versions: z.array(incentiveModelSchema),
});

/** A teacher of the design: planned hours and the hours credited in the workload plan. */
const creditedTeacher = z.object({
  name: z.string(),
  userId: z.string().nullable(),
  category: z.string(),
  /** The staff category as the cost configuration names it ("Lektor"). */
  categoryLabel: z.string(),
  teachingHours: z.number(),
  developmentHours: z.number(),
  plannedHours: z.number(),
  /** Planned hours × the workload factor, to hundredths of an hour; null without a model. */
  creditedHours: z.number().nullable(),
});

export const caseIncentiveEntrySchema = z.object({
  design: z.object({ id: z.uuid(), title: z.string() }),
  calculation: z.object({
    id: z.uuid(),
    version: z.number().int(),
    /** The day it was made (Stockholm): the model in force on this day applies. */
    date: z.string(),
    approvedAt: z.string().nullable(),
  }),
  /** The incentive model in force on the calculation's date, or null when the HEI had none. */
  model: incentiveModelSchema.nullable(),
  /** The HEI's own indirect costs (OH) in the calculation; not the OH of parts other HEIs deliver. */
  indirectCostsOre: z.number().int(),
  /** OH × the department share, to whole öre (half away from zero); null without a model. */
  departmentShareOre: z.number().int().nullable(),
  teachers: z.array(creditedTeacher),
  plannedHours: z.number(),
  creditedHours: z.number().nullable(),
});
export type CaseIncentiveEntry = z.infer<typeof caseIncentiveEntrySchema>;

export const caseIncentivesSchema = z.object({
  caseId: z.uuid(),
  /** How many designs the case has (approved or not): says why `entries` may be empty. */
  designs: z.number().int(),
  /** One per design that is approved with an approved calculation of it as it is now. */
  entries: z.array(caseIncentiveEntrySchema),
});
export type CaseIncentives = z.infer<typeof caseIncentivesSchema>;
