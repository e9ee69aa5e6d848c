import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../auth/auth-rules.ts';
import { roleSchema } from '../tenancy/tenancy.contract.ts';

export const invitationStatuses = ['pending', 'accepted', 'revoked', 'expired'] as const;

export const createInvitationBody = z.strictObject({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email('must be an e-mail address')),
  roles: z.array(roleSchema).min(1, 'give at least one role'),
});

export const invitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    roles: z.array(roleSchema),
    status: z.enum(invitationStatuses),
    invitedBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof invitationSchema>;

/** What the invitation link shows before anyone signs in: nothing beyond what the e-mail already said. */
export const publicInvitationSchema = z
  .object({
    organisationName: z.string(),
    email: z.string(),
    roles: z.array(roleSchema),
    status: z.enum(invitationStatuses),
    accountExists: z.boolean(),
  })
  .meta({ id: 'PublicInvitation' });
export type PublicInvitation = z.infer<typeof publicInvitationSchema>;

export const acceptInvitationBody = z.strictObject({
  name: z.string().trim().min(2, 'write your name').max(200).optional(),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(128)
    .optional(),
});

export const acceptInvitationResult = z.object({
  organisationId: z.uuid(),
  membershipId: z.uuid(),
  /** True when a new account was created: the client signs in with the chosen password next. */
  accountCreated: z.boolean(),
});

export const invitationTokenParams = z.object({ token: z.string().min(20).max(100) });
export const invitationParams = z.object({ organisationId: z.uuid(), invitationId: z.uuid() });
