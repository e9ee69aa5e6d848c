import { z } from 'zod';
import { bankgiroMessages, checkBankgiro } from './bankgiro.ts';
import { checkOrgNumber, orgNumberMessages } from './org-number.ts';

// Shared by the API (request/response schemas) and the web app (types and form validation).

export const heiRoles = ['admin', 'coordinator', 'teacher', 'economist', 'manager'] as const;
export const customerRoles = ['customer_contact'] as const;
export const consortiumRoles = ['analyst'] as const;
export const allRoles = [...heiRoles, ...customerRoles, ...consortiumRoles] as const;
export type Role = (typeof allRoles)[number];
export type HeiRole = (typeof heiRoles)[number];

export const organisationKinds = ['hei', 'customer'] as const;

export const roleSchema = z.enum(allRoles);
export const heiRoleSchema = z.enum(heiRoles);

export const orgNumberSchema = z.string().transform((input, ctx) => {
  const result = checkOrgNumber(input);
  if (result.ok) return result.value;
  ctx.addIssue({ code: 'custom', message: orgNumberMessages[result.reason] });
  return z.NEVER;
});

/** A Swedish postcode, "12345" or "123 45", stored "123 45"; an empty string clears it. */
export const postalCodeMessage = 'must be five digits, written NNN NN (for example 852 30)';
export const postalCodeSchema = z.string().transform((input, ctx) => {
  const compact = input.trim().replace(/\s+/g, '');
  if (compact === '') return null;
  if (/^[1-9]\d{4}$/.test(compact)) return `${compact.slice(0, 3)} ${compact.slice(3)}`;
  ctx.addIssue({ code: 'custom', message: postalCodeMessage });
  return z.NEVER;
});

/** A bankgiro number, seven or eight digits with a check digit, stored NNN-NNNN / NNNN-NNNN; empty clears it. */
export const bankgiroSchema = z.string().transform((input, ctx) => {
  if (input.trim() === '') return null;
  const result = checkBankgiro(input);
  if (result.ok) return result.value;
  ctx.addIssue({ code: 'custom', message: bankgiroMessages[result.reason] });
  return z.NEVER;
});

/** Free text of an address line: trimmed, an empty string clears it. */
const addressText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s));

export const organisationSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(organisationKinds),
    name: z.string(),
    orgNumber: z.string().describe('Ten digits, formatted NNNNNN-NNNN'),
    consortium: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    streetAddress: z.string().nullable().describe('Postal address: street and number, or box'),
    postalCode: z.string().nullable().describe('Swedish postcode, formatted NNN NN'),
    city: z.string().nullable(),
    bankgiro: z
      .string()
      .nullable()
      .describe('HEIs: the bankgiro customers pay invoices to, formatted NNN-NNNN or NNNN-NNNN'),
    hasLogo: z.boolean().describe('HEIs: whether a logo is set (GET …/logo returns it)'),
  })
  .meta({ id: 'Organisation' });
export type Organisation = z.infer<typeof organisationSchema>;

export const membershipSchema = z
  .object({
    id: z.uuid(),
    scope: z.enum(['organisation', 'consortium']),
    /** The organisation or consortium the membership is in. */
    tenant: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['hei', 'customer', 'consortium']) }),
    roles: z.array(roleSchema),
  })
  .meta({ id: 'Membership' });
export type Membership = z.infer<typeof membershipSchema>;

export const localeSchema = z.enum(['sv', 'en']);

/** How a person wants notifications by e-mail: each at once, in one e-mail every morning, or only in Lupp. */
export const notificationEmailChoices = ['each', 'daily', 'none'] as const;
export type NotificationEmail = (typeof notificationEmailChoices)[number];

export const meSchema = z
  .object({
    user: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      locale: localeSchema.nullable(),
      notificationEmail: z.enum(notificationEmailChoices),
    }),
    memberships: z.array(membershipSchema),
    activeMembershipId: z.uuid().nullable(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

export const setActiveMembershipBody = z.strictObject({ membershipId: z.uuid() });
export const setPreferencesBody = z
  .strictObject({
    locale: localeSchema.optional(),
    notificationEmail: z
      .enum(notificationEmailChoices)
      .optional()
      .describe(
        'each: an e-mail per notification; daily: one e-mail at 07:00 of those unread; none: only in Lupp',
      ),
  })
  .refine((b) => b.locale !== undefined || b.notificationEmail !== undefined, {
    message: 'give locale or notificationEmail',
    path: ['locale'],
  });

/** Fields of an organisation's postal address; a customer's contact people may change these too. */
export const addressFields = ['streetAddress', 'postalCode', 'city'] as const;

export const updateOrganisationBody = z
  .strictObject({
    name: z.string().trim().min(2).max(200).optional(),
    orgNumber: orgNumberSchema.optional(),
    streetAddress: addressText(200).nullable().optional(),
    postalCode: postalCodeSchema.nullable().optional(),
    city: addressText(100).nullable().optional(),
    bankgiro: bankgiroSchema.nullable().optional().describe('HEIs only'),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'give at least one of name, orgNumber, streetAddress, postalCode, city, bankgiro',
  });
export type UpdateOrganisation = z.output<typeof updateOrganisationBody>;

/** The largest logo, decoded: the web app checks it before uploading, the API again (logo.ts). */
export const LOGO_MAX_BYTES = 200_000;

/** A logo as a data URL: PNG or JPEG, at most 200 kB decoded (checked by the service, with reasons). */
export const setLogoBody = z.strictObject({
  dataUrl: z
    .string()
    .describe('data:image/png;base64,… or data:image/jpeg;base64,… (at most 200 kB decoded)'),
});

export const memberSchema = z
  .object({
    membershipId: z.uuid(),
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    roles: z.array(roleSchema),
    since: z.iso.datetime(),
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof memberSchema>;

/** A member as the members list shows them: with the open cases they lead (an HEI's; 0 elsewhere). */
export const listedMemberSchema = memberSchema
  .extend({
    openCases: z
      .int()
      .describe('Open cases the member leads at the organisation: hand them over before removal'),
  })
  .meta({ id: 'ListedMember' });
export type ListedMember = z.infer<typeof listedMemberSchema>;

export const setRolesBody = z.strictObject({
  roles: z.array(roleSchema).min(1, 'give at least one role').max(allRoles.length),
});

export const organisationParams = z.object({ organisationId: z.uuid() });
export const memberParams = organisationParams.extend({ membershipId: z.uuid() });
