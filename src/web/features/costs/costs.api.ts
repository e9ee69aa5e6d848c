import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  type CostConfigInput,
  type calculateBody,
  calculationSchema,
  costConfigListSchema,
  costConfigSchema,
} from '../../../features/costing/costing.contract.ts';
import type { Membership } from '../../../features/tenancy/tenancy.contract.ts';
import { api } from '../../api.ts';
import { hasRole } from '../../session.ts';

export type CostConfigVersion = z.infer<typeof costConfigSchema>;
export type Calculation = z.infer<typeof calculationSchema>;
export type CalculateInput = z.input<typeof calculateBody>;

export const costConfigsQuery = (organisationId: string) =>
  queryOptions({
    queryKey: ['organisation', organisationId, 'cost-configs'],
    queryFn: ({ signal }) =>
      api.get(`/api/organisations/${organisationId}/cost-configs`, costConfigListSchema, signal),
  });

const base = (organisationId: string) => `/api/organisations/${organisationId}/cost-configs`;

/** A new draft: a copy of the latest version, or `config` (the first version has nothing to copy). */
export const createCostConfig = (organisationId: string, effectiveFrom: string, config?: CostConfigInput) =>
  api.post(base(organisationId), { effectiveFrom, ...(config ? { config } : {}) }, costConfigSchema);

export const updateCostConfig = (
  organisationId: string,
  configId: string,
  body: { revision: number; effectiveFrom: string; note: string; config: CostConfigInput },
) => api.patch(`${base(organisationId)}/${configId}`, body, costConfigSchema);

export const approveCostConfig = (organisationId: string, configId: string, revision: number) =>
  api.post(`${base(organisationId)}/${configId}/approve`, { revision }, costConfigSchema);

export const calculateCosts = (organisationId: string, body: CalculateInput) =>
  api.post(`/api/organisations/${organisationId}/costing/calculate`, body, calculationSchema);

/** Who may do what with an HEI's cost configuration (the API decides; this only shapes the page). */
export function costAccess(membership: Membership | null) {
  const hei = membership?.scope === 'organisation' && membership.tenant.kind === 'hei';
  return {
    canRead: hei && hasRole(membership, 'admin', 'coordinator', 'economist', 'manager'),
    canEdit: hei && hasRole(membership, 'admin', 'economist'),
    canApprove: hei && hasRole(membership, 'economist'),
  };
}
