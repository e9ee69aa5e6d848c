import { activeOrganisationOf, hasRole, useMe } from '../../session.ts';

/** Who may do what with analyses at the active HEI (the API enforces the same rules). */
export function useAnalysisAccess() {
  const membership = activeOrganisationOf(useMe());
  const atHei = membership?.tenant.kind === 'hei';
  return {
    membership,
    canRead: atHei && hasRole(membership, 'admin', 'coordinator', 'teacher', 'economist', 'manager'),
    canWrite: atHei && hasRole(membership, 'coordinator', 'teacher'),
  };
}
