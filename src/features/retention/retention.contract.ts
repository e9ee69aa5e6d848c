import { z } from 'zod';

/** The longest retention period an HEI may set, in months (ten years). */
export const MAX_RETENTION_MONTHS = 120;

/**
 * What the rule erases, each counted: inquiries' contact persons, participants' personnummer and e-mail, and
 * participants anonymised (their names too).
 */
const counts = z.object({ inquiryContacts: z.int(), participants: z.int(), participantNames: z.int() });

/** An HEI's retention rule, and what it means today. */
export const retentionSchema = z.object({
  /** Months after an inquiry ended (declined, or its case closed) that its contact person is erased; null: only on request. */
  inquiryContactMonths: z.int().nullable(),
  /** Months after a case closed that its participants' personnummer and e-mail are erased; null: kept. */
  participantMonths: z.int().nullable(),
  /** Months after a case closed that its participants are anonymised (names too; attendance and awards stay counted); null: names kept. */
  participantNameMonths: z.int().nullable(),
  /** What the rule would erase if it ran now. */
  due: counts,
  lastRunAt: z.iso.datetime().nullable(),
  lastRunErased: counts.nullable(),
  updatedAt: z.iso.datetime().nullable(),
  updatedBy: z.string().nullable(),
  /**
   * The deployment's rule for customers' portal accounts, which belong to no single HEI
   * (LUPP_INACTIVE_ACCOUNT_MONTHS): months unused before one is warned and erased; null: kept.
   */
  customerAccountMonths: z.int().nullable(),
});
export type Retention = z.infer<typeof retentionSchema>;
/** The HEI's own rule, as the HEI's retention service knows it (the deployment's part is added at the edge). */
export type HeiRetention = Omit<Retention, 'customerAccountMonths'>;

const months = z
  .int('must be a whole number of months')
  .min(1, 'must be at least 1 month')
  .max(MAX_RETENTION_MONTHS, `must be at most ${MAX_RETENTION_MONTHS} months (ten years)`)
  .nullable();

export const retentionBody = z
  .strictObject({
    inquiryContactMonths: months,
    participantMonths: months,
    participantNameMonths: months.default(null),
  })
  .refine(
    (r) =>
      r.participantNameMonths === null ||
      r.participantMonths === null ||
      r.participantNameMonths >= r.participantMonths,
    {
      path: ['participantNameMonths'],
      message: 'must be at least the months after which the personnummer is erased (a name goes last)',
    },
  );
export type RetentionChange = z.infer<typeof retentionBody>;

/** A run of the rule started by an admin: what it erased, and the rule as it is after it. */
export const retentionRunSchema = z.object({ erased: counts, retention: retentionSchema });
