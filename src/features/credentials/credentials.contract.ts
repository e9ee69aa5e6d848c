import { z } from 'zod';
import { courseFormats, courseLevels } from '../catalog/catalog.fields.ts';

/**
 * Micro-credentials: the HEI certifies that a participant completed a course it gave, with the elements of
 * the EU recommendation on micro-credentials (2022/C 243/02), as a page anyone can check by its address, a
 * PDF, and an Open Badges 3.0 credential signed by the HEI (a JWT).
 */

/** EQF level of each cycle (the Swedish qualifications framework, SeQF, is referenced to the EQF). */
export const EQF_OF_LEVEL = {
  'first-cycle': 6,
  'second-cycle': 7,
  'third-cycle': 8,
  'non-credit': null,
} as const satisfies Record<(typeof courseLevels)[number], number | null>;

export const issueCredentialsBody = z.strictObject({
  /** An approved design of the case: the course that was given. */
  designId: z.uuid(),
  /** The participants (of the design's signed agreements) who completed it. */
  participantIds: z.array(z.uuid()).min(1, 'choose at least one participant').max(1_000),
  /** The learner's notional workload in hours; required when the course gives no credits. */
  workloadHours: z.number().int().min(1).max(5_000).optional(),
  /** E-mail each participant with an e-mail address the address of their credential. */
  emailParticipants: z.boolean().default(true),
});

export const revokeCredentialBody = z.strictObject({
  reason: z.string().trim().min(1, 'say why it is revoked').max(1_000),
});

export const suspendCredentialBody = z.strictObject({
  reason: z.string().trim().min(1, 'say why it is suspended').max(1_000),
});

/** What the HEI sees of a credential it issued. */
export const credentialSummarySchema = z.object({
  id: z.uuid(),
  /** Its public verification address, relative to Lupp's address: `/credentials/<code>`. */
  path: z.string(),
  designId: z.uuid().nullable(),
  participantId: z.uuid().nullable(),
  learnerName: z.string(),
  title: z.string(),
  credits: z.number().nullable(),
  workloadHours: z.number().int().nullable(),
  issuedAt: z.iso.datetime(),
  issuedBy: z.string().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  revokeReason: z.string().nullable(),
  /** Suspended for now (not valid until reinstated), with the reason; null when not. */
  suspendedAt: z.iso.datetime().nullable(),
  suspendReason: z.string().nullable(),
});
export type CredentialSummary = z.infer<typeof credentialSummarySchema>;

/** The case's credentials, and for each approved design with signed agreements, who may get one. */
export const caseCredentialsSchema = z.object({
  credentials: z.array(credentialSummarySchema),
  designs: z.array(
    z.object({
      designId: z.uuid(),
      title: z.string(),
      awards: z.enum(['credits', 'certificate']),
      credits: z.number().nullable(),
      /** Whether the design states its examination: without one it gives no micro-credential. */
      examined: z.boolean(),
      participants: z.array(
        z.object({
          participantId: z.uuid(),
          name: z.string(),
          creditEligible: z.boolean(),
          hasEmail: z.boolean(),
          /** The credits the participant gets (null: a certificate, the workload stated in hours). */
          credits: z.number().nullable(),
          /** Sessions attended of those where attendance was recorded (none recorded: null). */
          attendance: z.object({ present: z.number().int(), recorded: z.number().int() }).nullable(),
        }),
      ),
    }),
  ),
});

/** A micro-credential of one of the customer's participants, as the customer's contact people see it. */
export const portalCredentialSchema = z.object({
  caseId: z.uuid(),
  hei: z.string(),
  learnerName: z.string(),
  title: z.string(),
  issuedAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  suspendedAt: z.iso.datetime().nullable(),
  path: z.string(),
});

export const issuedCredentialsSchema = z.object({
  credentials: z.array(credentialSummarySchema),
  emailed: z.number().int(),
});

/** A credential as anyone with its address reads it: the EU's elements, the issuer, whether it is valid. */
export const publicCredentialSchema = z.object({
  status: z.enum(['valid', 'suspended', 'revoked']),
  revokedAt: z.iso.datetime().nullable(),
  suspendedAt: z.iso.datetime().nullable().describe('Since when it is suspended (null unless suspended)'),
  learnerName: z.string(),
  title: z.string(),
  language: z.enum(['sv', 'en']),
  issuer: z.object({ name: z.string(), orgNumber: z.string().nullable(), country: z.literal('SE') }),
  issuedAt: z.iso.datetime(),
  outcomes: z.array(z.string()),
  level: z.enum(courseLevels),
  eqfLevel: z.number().int().nullable(),
  credits: z.number().nullable(),
  workloadHours: z.number().int().nullable(),
  format: z.enum(courseFormats),
  assessment: z.string(),
  startDate: z.iso.date().nullable(),
  endDate: z.iso.date().nullable(),
  /** Where the signed credential and the issuer's public key are. */
  links: z.object({ pdf: z.string(), signed: z.string(), issuer: z.string() }),
});
export type PublicCredential = z.infer<typeof publicCredentialSchema>;

export const verifyCredentialBody = z.strictObject({
  /** A signed credential as Lupp issues it (the JWT's text, from a `.jwt` file). */
  credential: z.string().trim().min(1, 'paste or choose the credential file').max(100_000),
});

/**
 * Whether a signed credential file is genuine: signed by the key of an HEI on this Lupp, for a credential
 * it issued and has not revoked or suspended. `reason` says why not.
 */
export const verificationSchema = z.object({
  genuine: z.boolean(),
  reason: z.enum([
    'valid',
    'malformed',
    'unknown_issuer',
    'bad_signature',
    'key_withdrawn',
    'unknown_credential',
    'revoked',
    'suspended',
  ]),
  credential: publicCredentialSchema.extend({ path: z.string() }).nullable(),
});

/** An HEI's signing keys, as its administrators see them (never a private key). */
export const signingKeysSchema = z.array(
  z.object({
    number: z.number().int(),
    createdAt: z.iso.datetime(),
    retiredAt: z.iso.datetime().nullable().describe('Replaced by a newer key: it no longer signs'),
    withdrawnAt: z.iso
      .datetime()
      .nullable()
      .describe('Withdrawn as possibly exposed: its files fail a check'),
  }),
);

export const rotateKeyBody = z.strictObject({
  withdraw: z
    .boolean()
    .default(false)
    .describe('The key in use may have been exposed: files it signed no longer pass a check'),
});
