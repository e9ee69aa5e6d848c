import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Membership } from '../../../features/tenancy/tenancy.contract.ts';
import { QueryView } from '../../ui/page.tsx';
import { NoAccess, NotInOrganisation } from './NoAccess.tsx';

/**
 * An administration page's content: only in an organisation, and only when `allowed` (the roles the
 * page needs); `children` gets the membership.
 */
export function OrganisationView({
  membership,
  allowed = true,
  children,
}: {
  membership: Membership | null;
  allowed?: boolean;
  children: (membership: Membership) => ReactNode;
}) {
  if (!membership) return <NotInOrganisation />;
  if (!allowed) return <NoAccess organisation={membership.tenant.name} />;
  return children(membership);
}

/** As OrganisationView, then the organisation's data as QueryView shows it; a 403 reads as no access. */
export function OrganisationQueryView<T>({
  membership,
  allowed,
  query,
  children,
}: {
  membership: Membership | null;
  allowed: boolean;
  query: UseQueryResult<T>;
  children: (data: T, membership: Membership) => ReactNode;
}) {
  return (
    <OrganisationView membership={membership} allowed={allowed}>
      {(member) => (
        <QueryView query={query} forbidden={<NoAccess organisation={member.tenant.name} />}>
          {(data) => children(data, member)}
        </QueryView>
      )}
    </OrganisationView>
  );
}
