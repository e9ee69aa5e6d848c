import { z } from 'zod';

/** Amounts are integer öre (100 öre = 1 krona); shares are basis points (4 150 = 41.50 %). */
const ore = (what: string) =>
  z
    .number()
    .int(`${what} is in whole öre`)
    .min(0, `${what} cannot be negative`)
    .max(100_000_000_000, `${what} is too large`);
const basisPoints = (what: string) =>
  z
    .number()
    .int(`${what} is in whole basis points (4150 = 41.50 %)`)
    .min(0, `${what} cannot be negative`)
    .max(100_000, `${what} above 1000 % is not a rate`);
const hours = z.number().min(0, 'hours cannot be negative').max(100_000);

export const staffCategorySchema = z.strictObject({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]{1,40}$/, 'lower-case letters, digits, - and _ (up to 40)'),
  label: z.string().trim().min(1).max(100).describe('As shown to people, e.g. "Lektor"'),
  hourlySalaryOre: ore('the hourly salary').describe(
    'Salary cost per working hour, before payroll overheads',
  ),
  payrollOverheadBp: basisPoints('payroll overheads').describe('Lönekostnadspålägg'),
});

export const costConfigInput = z
  .strictObject({
    staff: z.array(staffCategorySchema).min(1, 'at least one staff category').max(50),
    indirectCostBp: basisPoints('the OH rate'),
    indirectCostBase: z
      .enum(['staff', 'direct'])
      .describe('OH as a share of staff costs or of all direct costs'),
    premises: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('surcharge'), rateBp: basisPoints('the premises surcharge') }),
      z.strictObject({
        kind: z.literal('area'),
        yearlyCostPerSquareMetreOre: ore('the yearly cost per square metre'),
        usableHoursPerYear: z.number().int().min(1, 'at least one hour a year').max(8_784),
      }),
    ]),
    administrationPerDeliveryOre: ore('administration per delivery'),
    administrationPerParticipantOre: ore('administration per participant'),
    materialsPerParticipantOre: ore('materials per participant'),
    travelPerTripOre: ore('travel per trip'),
    vat: z.strictObject({
      applies: z.boolean(),
      // a tax on a price is less than the price (Sweden's rates are 25, 12 and 6 %); a typo gets a name
      rateBp: basisPoints('the VAT rate').max(10_000, 'the VAT rate above 100 % is not a rate'),
    }),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.staff.forEach((s, i) => {
      if (seen.has(s.key))
        ctx.addIssue({ code: 'custom', path: ['staff', i, 'key'], message: `"${s.key}" is there twice` });
      seen.add(s.key);
    });
  });
export type CostConfigInput = z.infer<typeof costConfigInput>;

const isoDate = z.iso.date('a date as YYYY-MM-DD');

export const createCostConfigBody = z.strictObject({
  effectiveFrom: isoDate.describe('The first day the version applies (once approved)'),
  config: costConfigInput
    .optional()
    .describe("Without it, a copy of the HEI's latest version (the usual way to change one thing)"),
  note: z.string().trim().max(2_000).default(''),
});

export const updateCostConfigBody = z.strictObject({
  revision: z.number().int().min(1).describe('The revision the change is based on (as read)'),
  effectiveFrom: isoDate.optional(),
  config: costConfigInput.optional(),
  note: z.string().trim().max(2_000).optional(),
});

export const approveCostConfigBody = z.strictObject({
  revision: z.number().int().min(1).describe('The revision approved (as read)'),
});

const person = z.object({ id: z.string(), name: z.string() }).nullable();

export const costConfigSchema = z.object({
  id: z.uuid(),
  heiId: z.uuid(),
  version: z.number().int(),
  effectiveFrom: z.string(),
  status: z.enum(['draft', 'approved']),
  /** The version in effect today (approved, latest effective date not after today). */
  inEffect: z.boolean(),
  config: costConfigInput,
  note: z.string(),
  revision: z.number().int(),
  createdBy: person,
  createdAt: z.string(),
  updatedAt: z.string(),
  approvedBy: person,
  approvedAt: z.string().nullable(),
});
export type CostConfigView = z.infer<typeof costConfigSchema>;
export const costConfigListSchema = z.object({ versions: z.array(costConfigSchema) });

export const designCostsSchema = z.strictObject({
  participants: z.number().int().min(1, 'at least one participant').max(10_000),
  teaching: z
    .array(z.strictObject({ category: z.string().max(40), hours }))
    .max(100)
    .default([]),
  development: z
    .array(z.strictObject({ category: z.string().max(40), hours }))
    .max(100)
    .default([]),
  materialsPerParticipantOre: ore('materials per participant').optional(),
  trips: z.number().int().min(0).max(10_000).optional(),
  travelOre: ore('travel').optional(),
  roomHours: hours.optional(),
  roomSquareMetres: z.number().min(0).max(100_000).optional(),
  otherDirect: z
    .array(z.strictObject({ label: z.string().trim().min(1).max(200), amountOre: ore('the amount') }))
    .max(100)
    .default([]),
  deliveredByOthers: z
    .array(
      z.strictObject({
        hei: z.string().trim().min(1).max(200),
        directOre: ore('their direct costs'),
        indirectCostBp: basisPoints('their OH rate'),
      }),
    )
    .max(20)
    .default([]),
});

export const calculateBody = z.strictObject({
  design: designCostsSchema,
  date: isoDate
    .optional()
    .describe('Whose cost configuration applies: the one in effect on this day (default today)'),
  groupSizes: z
    .array(z.number().int().min(1).max(10_000))
    .max(10)
    .default([])
    .describe('Other group sizes to price (sensitivity)'),
});

/** The lines of a calculation, in the order it lists them. */
export const CALCULATION_LINES = [
  'teaching',
  'development',
  'materials',
  'travel',
  'other_direct',
  'direct_total',
  'premises',
  'indirect_costs',
  'administration',
  'delivered_by_others',
  'total_cost',
  'vat',
  'price',
] as const;

/** The lines that are costs (not VAT and price): what a post-calculation sets beside the calculation. */
export const COST_LINES = CALCULATION_LINES.filter((code) => code !== 'vat' && code !== 'price');

/** The lines' names in files the server writes (the web's i18n uses the same). */
export const calculationLineNames: Record<'sv' | 'en', Record<(typeof CALCULATION_LINES)[number], string>> = {
  sv: {
    teaching: 'Undervisning',
    development: 'Kursutveckling',
    materials: 'Material',
    travel: 'Resor',
    other_direct: 'Övriga direkta kostnader',
    direct_total: 'Summa direkta kostnader',
    premises: 'Lokaler',
    indirect_costs: 'Indirekta kostnader (OH)',
    administration: 'Administration',
    delivered_by_others: 'Levererat av andra lärosäten',
    total_cost: 'Full kostnad',
    vat: 'Moms',
    price: 'Pris',
  },
  en: {
    teaching: 'Teaching',
    development: 'Course development',
    materials: 'Materials',
    travel: 'Travel',
    other_direct: 'Other direct costs',
    direct_total: 'Total direct costs',
    premises: 'Premises',
    indirect_costs: 'Indirect costs (OH)',
    administration: 'Administration',
    delivered_by_others: 'Delivered by other HEIs',
    total_cost: 'Full cost',
    vat: 'VAT',
    price: 'Price',
  },
};

const line = z.object({
  code: z.enum(CALCULATION_LINES),
  amountOre: z.number().int(),
});

export const calculationSchema = z.object({
  config: z.object({ id: z.uuid(), version: z.number().int(), effectiveFrom: z.string() }),
  lines: z.array(line),
  hourlyCosts: z.array(
    z.object({ category: z.string(), label: z.string(), hourlyCostOre: z.number().int() }),
  ),
  staffHours: z.number(),
  totalCostOre: z.number().int(),
  vatOre: z.number().int(),
  priceOre: z.number().int(),
  participants: z.number().int(),
  pricePerParticipantOre: z.number().int(),
  roundingOre: z.number().int(),
  sensitivity: z.array(
    z.object({
      participants: z.number().int(),
      priceOre: z.number().int(),
      pricePerParticipantOre: z.number().int(),
    }),
  ),
});
export type CalculationResult = z.infer<typeof calculationSchema>;
