import { z } from 'zod';

export const participantInput = z.strictObject({
  firstName: z.string().trim().min(1, 'write the first name').max(100),
  lastName: z.string().trim().min(1, 'write the last name').max(100),
  email: z.email('an e-mail address').max(200).nullable().default(null),
  personnummer: z.string().trim().min(1, 'write the personnummer').max(20),
  creditEligible: z.boolean().describe('Meets the entry requirements: credits; otherwise a certificate only'),
});

export const participantSchema = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  /** Masked: the date of birth, the last four hidden; null once erased under the HEI's retention rule. */
  personnummer: z.string().nullable(),
  /** When the HEI's retention rule erased the personnummer and e-mail (the name stays, unless anonymised). */
  personalDataErasedAt: z.iso.datetime().nullable(),
  /** When the HEI's retention rule anonymised the participant: the names are then empty. */
  anonymisedAt: z.iso.datetime().nullable(),
  creditEligible: z.boolean(),
  createdAt: z.string(),
});

export const participantListSchema = z.object({
  agreementId: z.uuid(),
  deadline: z.string(),
  /** Whether the customer may still add and remove participants (signed agreement, before the deadline). */
  open: z.boolean(),
  participants: z.array(participantSchema),
});

export const importParticipantsBody = z.strictObject({
  fileName: z.string().trim().min(1).max(200),
  /** The file, base64 (CSV or XLSX, at most 1 MB). */
  content: z.base64('the file as base64').max(1_400_000),
  keepValidRows: z.boolean().default(false),
});

export const importReportSchema = z.object({
  status: z.enum(['imported', 'rejected']),
  added: z.number().int(),
  problems: z.array(
    z.object({
      row: z.number().int().nullable(),
      field: z.string().nullable(),
      message: z.object({ sv: z.string(), en: z.string() }),
    }),
  ),
});

export const revealedSchema = z.object({ personnummer: z.string() });
