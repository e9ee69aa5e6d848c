import { z } from 'zod';
import { customerCaseSchema } from '../customers/customers.contract.ts';
import type { Role } from '../tenancy/tenancy.contract.ts';

/** Who reads the HEI's framework agreements: everyone who reads its customers and cases. */
export const FRAMEWORK_READERS = [
  'admin',
  'coordinator',
  'teacher',
  'economist',
  'manager',
] as const satisfies readonly Role[];
/** Who records and corrects them: those who run the HEI's cases. */
export const FRAMEWORK_WRITERS = ['coordinator', 'manager'] as const satisfies readonly Role[];

/** How many days before its end an agreement is said to run out soon (time to prepare for its renewal). */
export const ENDING_SOON_DAYS = 90;

const isoDate = z.iso.date('a date as YYYY-MM-DD');
const title = z.string().trim().min(3, 'at least 3 characters').max(200);
const reference = z.string().trim().max(200);
const ceilingOre = z
  .number()
  .int('whole öre')
  .min(1, 'more than 0')
  .max(1e14)
  .describe('The most the customer may call off, excluding VAT, in öre (takbelopp)');

export const frameworkStatuses = ['upcoming', 'active', 'ended'] as const;

export const frameworkSummarySchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    reference: z.string().nullable().describe("The customer's reference (the procurement's number)"),
    customer: z.object({ id: z.uuid(), name: z.string(), orgNumber: z.string() }),
    validFrom: z.iso.date(),
    validTo: z.iso.date(),
    ceilingOre: z.number().int().nullable(),
    status: z.enum(frameworkStatuses).describe("By today's date in Sweden"),
    daysLeft: z.number().int().describe('Days from today to the last day (negative once it has ended)'),
    callOffs: z.number().int().describe('Cases that are call-offs under it'),
    calledOffOre: z
      .number()
      .int()
      .describe('What the call-offs are worth: their agreements signed by both parties, excluding VAT'),
    invoicedOre: z
      .number()
      .int()
      .describe(
        "What has been invoiced of it: the payments of the call-offs' signed agreements recorded as invoiced, excluding VAT",
      ),
  })
  .meta({ id: 'FrameworkAgreement' });
export type FrameworkSummary = z.infer<typeof frameworkSummarySchema>;

export const frameworkDetailSchema = frameworkSummarySchema
  .extend({
    callOffList: z.array(customerCaseSchema).describe('The cases called off under it, oldest first'),
    canEdit: z.boolean(),
  })
  .meta({ id: 'FrameworkAgreementDetail' });
export type FrameworkDetail = z.infer<typeof frameworkDetailSchema>;

export const frameworkListQuery = z.object({
  customerId: z.uuid().optional().describe("Only this customer's agreements"),
});

export const frameworkParams = z.object({ frameworkId: z.uuid() });

const periodInOrder = (b: { validFrom?: string; validTo?: string }) =>
  !b.validFrom || !b.validTo || b.validTo >= b.validFrom;
const periodMessage = { message: 'the last day cannot be before the first', path: ['validTo'] };

export const createFrameworkBody = z
  .strictObject({
    customerId: z.uuid().describe('A customer the HEI has had a case with'),
    title,
    reference: reference.nullable().default(null),
    validFrom: isoDate.describe('The first day call-offs may be made'),
    validTo: isoDate.describe('The last day, with any extension the customer has used'),
    ceilingOre: ceilingOre.nullable().default(null),
  })
  .refine(periodInOrder, periodMessage);

/** Corrections and extensions; every field left out stays as it is. */
export const updateFrameworkBody = z
  .strictObject({
    title: title.optional(),
    reference: reference.nullable().optional(),
    validFrom: isoDate.optional(),
    validTo: isoDate.optional(),
    ceilingOre: ceilingOre.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'change at least one field' })
  .refine(periodInOrder, periodMessage);
