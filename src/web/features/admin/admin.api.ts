import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { invitationSchema } from '../../../features/invitations/invitations.contract.ts';
import {
  customerRoles,
  heiRoles,
  listedMemberSchema,
  type Membership,
  organisationSchema,
  type Role,
} from '../../../features/tenancy/tenancy.contract.ts';
import { api } from '../../api.ts';

export const organisationQuery = (organisationId: string) =>
  queryOptions({
    queryKey: ['organisation', organisationId],
    queryFn: ({ signal }) => api.get(`/api/organisations/${organisationId}`, organisationSchema, signal),
  });

export const membersQuery = (organisationId: string) =>
  queryOptions({
    queryKey: ['organisation', organisationId, 'members'],
    queryFn: ({ signal }) =>
      api.get(`/api/organisations/${organisationId}/members`, z.array(listedMemberSchema), signal),
  });

export const invitationsQuery = (organisationId: string) =>
  queryOptions({
    queryKey: ['organisation', organisationId, 'invitations'],
    queryFn: ({ signal }) =>
      api.get(`/api/organisations/${organisationId}/invitations`, z.array(invitationSchema), signal),
  });

/** The roles a member of this kind of organisation can have. */
export const rolesFor = (membership: Membership): readonly Role[] =>
  membership.tenant.kind === 'customer' ? customerRoles : heiRoles;
