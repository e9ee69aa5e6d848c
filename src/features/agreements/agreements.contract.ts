import { z } from 'zod';

const isoDate = z.iso.date('a date as YYYY-MM-DD');
export const installmentSchema = z.strictObject({
  dueDate: isoDate,
  amountOre: z.number().int('whole öre').min(1, 'more than 0'),
  description: z.string().trim().min(1).max(200),
});

export const createAgreementBody = z.strictObject({
  proposalId: z.uuid().describe('The accepted proposal'),
  participantsDeadline: isoDate.describe('Until this day the customer may change the participants'),
});

export const updateAgreementBody = z.strictObject({
  revision: z.number().int().min(1),
  clauses: z.string().trim().min(1).max(50_000).optional(),
  participantsDeadline: isoDate.optional(),
  billingPlan: z.array(installmentSchema).min(1).max(24).optional().describe('Summing to the price'),
});

export const invoiceReferenceBody = z.strictObject({
  invoiceReference: z
    .string()
    .trim()
    .min(1, 'give the reference the customer wants on its invoices')
    .max(100)
    .describe("The customer's reference for its invoices (Peppol buyer reference)"),
});

export const invoiceMarkBody = z.strictObject({
  invoicedOn: isoDate.describe('The day the invoice was made (today or earlier)'),
  invoiceNumber: z
    .string()
    .trim()
    .min(1, "give the invoice's number in the finance system")
    .max(50)
    .describe("The invoice's number in the HEI's finance system"),
});

/** A payment of the billing plan that has been invoiced (by its number in the plan, from 1). */
export const invoicedPaymentSchema = z.object({
  number: z.number().int(),
  invoicedOn: z.string(),
  invoiceNumber: z.string(),
});

export const addendumBody = z.strictObject({ text: z.string().trim().min(3).max(20_000) });

const signature = z.object({ by: z.object({ id: z.string(), name: z.string() }), at: z.string() }).nullable();

export const addendumSchema = z.object({
  number: z.number().int(),
  text: z.string(),
  createdAt: z.string(),
  heiSignature: signature,
  customerSignature: signature,
});

export const agreementSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  proposalId: z.uuid(),
  hei: z.object({ id: z.uuid(), name: z.string() }),
  customer: z.object({ id: z.uuid(), name: z.string() }),
  language: z.enum(['sv', 'en']),
  title: z.string(),
  clauses: z.string(),
  priceOre: z.number().int(),
  participantsDeadline: z.string(),
  billingPlan: z.array(installmentSchema),
  /** The customer's reference for its invoices; Peppol invoices need one. */
  invoiceReference: z.string().nullable(),
  /** The payments recorded as invoiced, by their number in the billing plan. */
  invoices: z.array(invoicedPaymentSchema),
  /** draft: nobody has signed; signing: one party has; signed: both. */
  status: z.enum(['draft', 'signing', 'signed']),
  heiSignature: signature,
  customerSignature: signature,
  addenda: z.array(addendumSchema),
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AgreementView = z.infer<typeof agreementSchema>;
export const agreementListSchema = z.object({ agreements: z.array(agreementSchema) });
