import { activeMembershipOf, activeOrganisationOf, hasRole, useMe } from '../../session.ts';

/**
 * HEI staff read every catalogue of the consortium, and so do its regional analysts (`canBrowse`); the HEI's
 * admins and coordinators write its own. Matching (`canRead`) is an HEI's work only.
 */
export function useCatalogAccess() {
  const me = useMe();
  const membership = activeOrganisationOf(me);
  const atHei = membership?.tenant.kind === 'hei';
  const analyst = activeMembershipOf(me)?.scope === 'consortium';
  return {
    membership,
    heiId: atHei ? (membership?.tenant.id ?? null) : null,
    canRead: atHei,
    canBrowse: atHei || analyst,
    canWrite: atHei && hasRole(membership, 'admin', 'coordinator'),
  };
}
