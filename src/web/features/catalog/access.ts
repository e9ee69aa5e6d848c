import { activeOrganisationOf, hasRole, useMe } from '../../session.ts';

/** HEI staff read every catalogue of the consortium; the HEI's admins and coordinators write its own. */
export function useCatalogAccess() {
  const membership = activeOrganisationOf(useMe());
  const atHei = membership?.tenant.kind === 'hei';
  return {
    membership,
    heiId: atHei ? (membership?.tenant.id ?? null) : null,
    canRead: atHei,
    canWrite: atHei && hasRole(membership, 'admin', 'coordinator'),
  };
}
