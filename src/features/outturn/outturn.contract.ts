import { z } from 'zod';
import { calculationSchema, designCostsSchema } from '../costing/costing.contract.ts';
import type { Role } from '../tenancy/tenancy.contract.ts';

/** Who reads an agreement's post-calculation: those who follow the HEI's economy (not teachers, never customers). */
export const OUTTURN_READERS = [
  'admin',
  'coordinator',
  'economist',
  'manager',
] as const satisfies readonly Role[];
/** Who records it: those who invoice the agreement. */
export const OUTTURN_WRITERS = ['coordinator', 'economist'] as const satisfies readonly Role[];

const costLines = calculationSchema.shape.lines;

export const outturnSchema = z
  .object({
    agreementId: z.uuid(),
    title: z.string(),
    revenueOre: z
      .number()
      .int()
      .describe(
        "What the customer pays under the agreement, excluding VAT: the agreement's price less the proposal's VAT",
      ),
    planned: z
      .object({
        config: calculationSchema.shape.config,
        lines: costLines,
        participants: z.number().int(),
        staffHours: z.number(),
      })
      .describe('The approved calculation the proposal and the agreement were priced by, as it was made'),
    startingPoint: designCostsSchema.describe(
      "The design's costs as the design is now, with the participants designated (when there are any): what a first post-calculation starts from",
    ),
    categories: z
      .array(z.object({ key: z.string(), label: z.string(), hourlyCostOre: z.number().int() }))
      .describe("The staff categories of the calculation's cost configuration, with their hourly cost"),
    actual: z
      .object({
        costs: designCostsSchema.describe("What was used, in the form of a design's costs"),
        lines: costLines,
        participants: z.number().int(),
        staffHours: z.number(),
        note: z.string(),
        recordedBy: z.string().nullable(),
        recordedAt: z.iso.datetime(),
        revision: z.number().int(),
      })
      .nullable()
      .describe(
        'The post-calculation, priced at the same rates as the calculation; null until one is recorded',
      ),
    resultOre: z
      .number()
      .int()
      .nullable()
      .describe(
        'Revenue less the actual full cost: a surplus (positive) or deficit (negative); null until recorded',
      ),
    coverageBp: z
      .number()
      .int()
      .nullable()
      .describe('Revenue as a share of the actual full cost, in basis points (10 000 = full cost covered)'),
    delivered: z
      .object({
        sessionsGiven: z.number().int(),
        sessionsCalledOff: z.number().int(),
        hoursGiven: z.number().describe('Scheduled hours of the sessions given (not called off)'),
        byCategory: z
          .array(z.object({ key: z.string(), hours: z.number() }))
          .describe(
            "The hours given by the design's teachers, by their staff category (a session's teacher matched by name)",
          ),
        otherTeacherHours: z.number().describe("Hours given by someone not among the design's teachers"),
        participants: z.number().int().describe('Participants designated under the agreement'),
        attended: z
          .number()
          .int()
          .nullable()
          .describe('Of them, those recorded present at least once; null when no attendance is recorded'),
      })
      .describe("What the course's sessions record, as a help for filling in the post-calculation"),
    canEdit: z.boolean(),
  })
  .meta({ id: 'AgreementOutturn' });
export type Outturn = z.infer<typeof outturnSchema>;

export const recordOutturnBody = z.strictObject({
  revision: z
    .number()
    .int()
    .min(0)
    .describe('The revision of the post-calculation the change is based on; 0 when none is recorded yet'),
  costs: designCostsSchema,
  note: z.string().trim().max(2000).default(''),
});

export const earlierOutturnSchema = z
  .object({
    agreementId: z.uuid(),
    caseId: z.uuid(),
    caseReference: z.string(),
    title: z.string(),
    recordedAt: z.iso.datetime(),
    participants: z.object({ planned: z.number().int(), actual: z.number().int() }),
    staffHours: z.object({ planned: z.number(), actual: z.number() }),
    costOre: z.object({ planned: z.number().int(), actual: z.number().int() }).describe('Full cost'),
    resultOre: z.number().int(),
    coverageBp: z.number().int().nullable(),
    note: z.string(),
  })
  .meta({ id: 'EarlierOutturn' });
export type EarlierOutturn = z.infer<typeof earlierOutturnSchema>;
