import { z } from 'zod';
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

export const organisationSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(organisationKinds),
    name: z.string(),
    orgNumber: z.string().describe('Ten digits, formatted NNNNNN-NNNN'),
    consortium: z.object({ id: z.uuid(), name: z.string() }).nullable(),
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

export const meSchema = z
  .object({
    user: z.object({ id: z.string(), name: z.string(), email: z.string(), locale: localeSchema.nullable() }),
    memberships: z.array(membershipSchema),
    activeMembershipId: z.uuid().nullable(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

export const setActiveMembershipBody = z.strictObject({ membershipId: z.uuid() });
export const setPreferencesBody = z.strictObject({ locale: localeSchema });

export const updateOrganisationBody = z
  .strictObject({ name: z.string().trim().min(2).max(200).optional(), orgNumber: orgNumberSchema.optional() })
  .refine((b) => b.name !== undefined || b.orgNumber !== undefined, { message: 'give name or orgNumber' });

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

export const setRolesBody = z.strictObject({
  roles: z.array(roleSchema).min(1, 'give at least one role').max(allRoles.length),
});

export const organisationParams = z.object({ organisationId: z.uuid() });
export const memberParams = organisationParams.extend({ membershipId: z.uuid() });
