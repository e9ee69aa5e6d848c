import { activeOrganisationOf, hasRole, useMe } from '../../session.ts';

/** Who reads the customer register: everyone at the HEI who reads its cases (the API checks the same). */
export function useCustomerAccess() {
  const membership = activeOrganisationOf(useMe());
  const canRead =
    membership?.tenant.kind === 'hei' &&
    hasRole(membership, 'admin', 'coordinator', 'teacher', 'economist', 'manager');
  return { membership, canRead };
}
