import { z } from 'zod';
import { mentionSources } from '../../shared/mentions.ts';
import { availabilities, interests } from '../staff/staff.contract.ts';

/**
 * A subject access request (registerutdrag, GDPR art. 15): a person asks the HEI what it holds about them.
 * The HEI's admin searches by the e-mail address and/or personnummer the person gave; the report lists what
 * Lupp holds about them at this HEI. With the person's name too, free text that names them is searched. A
 * personnummer is sent in the body, never in an address.
 */
export const subjectAccessBody = z
  .strictObject({
    email: z.email('must be an e-mail address').max(254).optional(),
    personnummer: z.string().trim().max(20).optional(),
    /** The whole name, to find free text that names the person (a name alone is not unique: each hit is read). */
    name: z.string().trim().min(4, 'give the whole name (at least four characters)').max(200).optional(),
  })
  .refine((b) => b.email || b.personnummer || b.name, {
    message: 'give the e-mail address, the personnummer or the name (or several) the person asked with',
    path: ['email'],
  });
export type SubjectAccessQuery = z.infer<typeof subjectAccessBody>;

const mailSchema = z.object({
  subject: z.string(),
  createdAt: z.iso.datetime(),
  status: z.enum(['pending', 'sent', 'failed']),
});

/** An account of the person that this HEI knows of: a member of the HEI, or a contact of one of its customers. */
const accountSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  createdAt: z.iso.datetime(),
  memberships: z.array(
    z.object({
      organisation: z.string(),
      kind: z.enum(['hei', 'customer']),
      roles: z.array(z.string()),
      since: z.iso.datetime(),
    }),
  ),
  /** How many events of the HEI's audit log the person did (the log, narrowed to them, lists them). */
  auditEvents: z.int(),
  /** The staff profile the person keeps at this HEI (expertise, availability, interest), when they made one. */
  staffProfile: z
    .object({
      department: z.string().nullable(),
      languages: z.array(z.string()),
      availability: z.enum(availabilities),
      hoursPerYear: z.int().nullable(),
      interest: z.enum(interests),
      bio: z.string(),
      expertise: z.array(z.object({ sv: z.string().nullable(), en: z.string().nullable() })),
      updatedAt: z.string().nullable(),
    })
    .nullable(),
});

/** An inquiry the person is the contact person of, with the e-mails Lupp wrote to them about it. */
const inquiryContactSchema = z.object({
  inquiryId: z.uuid(),
  reference: z.string(),
  receivedAt: z.iso.datetime(),
  organisationName: z.string(),
  status: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  contactPhone: z.string().nullable(),
  mails: z.array(mailSchema),
});

/** The person as a participant under one of the HEI's agreements. */
const participantSchema = z.object({
  participantId: z.uuid(),
  agreementId: z.uuid(),
  caseId: z.uuid(),
  caseReference: z.string(),
  caseTitle: z.string(),
  customerName: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  /** Masked (the date of birth): the person knows their own number, and the report is sent on. */
  personnummer: z.string().nullable(),
  creditEligible: z.boolean(),
  designatedAt: z.iso.datetime(),
  /** The sessions they were recorded present, absent and excused (null: none recorded). */
  attendance: z
    .object({ present: z.number().int(), absent: z.number().int(), excused: z.number().int() })
    .nullable(),
  /** The micro-credentials the HEI issued them (revoked ones too), each with its public address. */
  credentials: z.array(
    z.object({
      title: z.string(),
      issuedAt: z.iso.datetime(),
      revokedAt: z.iso.datetime().nullable(),
      path: z.string(),
    }),
  ),
});

/**
 * Free text of the HEI that contains the person's e-mail address, personnummer (masked in the excerpt) or
 * name: a case's timeline, tasks and checklist comments, an inquiry's need or trail, a needs analysis, a course
 * design, a proposal, an agreement, a document's file name. A hit on a name may be someone else of that name.
 */
const mentionSchema = z.object({
  source: z.enum(mentionSources),
  caseId: z.uuid().nullable(),
  caseReference: z.string().nullable(),
  caseTitle: z.string().nullable(),
  inquiryId: z.uuid().nullable(),
  analysisId: z.uuid().nullable(),
  label: z.string(),
  excerpt: z.string(),
  /** Which of the searched terms the text holds. */
  matched: z.array(z.enum(['email', 'personnummer', 'name'])),
  at: z.iso.datetime(),
});
export type Mention = z.infer<typeof mentionSchema>;

export const subjectAccessReportSchema = z
  .object({
    generatedAt: z.iso.datetime(),
    hei: z.object({ id: z.uuid(), name: z.string() }),
    searchedFor: z.object({
      email: z.string().nullable(),
      personnummer: z.string().nullable(),
      name: z.string().nullable(),
    }),
    accounts: z.array(accountSchema),
    inquiryContacts: z.array(inquiryContactSchema),
    participants: z.array(participantSchema),
    mentions: z.array(mentionSchema),
  })
  .meta({ id: 'SubjectAccessReport' });
export type SubjectAccessReport = z.infer<typeof subjectAccessReportSchema>;
