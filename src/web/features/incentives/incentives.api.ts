import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  type CreateIncentiveModel,
  caseIncentivesSchema,
  incentiveModelListSchema,
  incentiveModelSchema,
} from '../../../features/incentives/incentives.contract.ts';
import type { Membership } from '../../../features/tenancy/tenancy.contract.ts';
import { api } from '../../api.ts';
import { hasRole } from '../../session.ts';

export type IncentiveModel = z.infer<typeof incentiveModelSchema>;
export type CaseIncentives = z.infer<typeof caseIncentivesSchema>;

export const incentiveModelsQuery = (organisationId: string) =>
  queryOptions({
    queryKey: ['organisation', organisationId, 'incentive-models'],
    queryFn: ({ signal }) =>
      api.get(`/api/organisations/${organisationId}/incentive-models`, incentiveModelListSchema, signal),
  });

export const createIncentiveModel = (organisationId: string, body: CreateIncentiveModel) =>
  api.post(`/api/organisations/${organisationId}/incentive-models`, body, incentiveModelSchema);

export const caseIncentivesQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['cases', caseId, 'incentives'],
    queryFn: ({ signal }) => api.get(`/api/cases/${caseId}/incentives`, caseIncentivesSchema, signal),
  });

/** Who may do what with the HEI's incentive model (the API decides; this only shapes the page). */
export function incentiveAccess(membership: Membership | null) {
  const hei = membership?.scope === 'organisation' && membership.tenant.kind === 'hei';
  return { canRead: hei, canEdit: hei && hasRole(membership, 'admin', 'economist') };
}

/** A factor in basis points as people read it: 12 500 → 1,25 (sv) or 1.25 (en). */
export const factorText = (basisPoints: number, language: string) =>
  new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 4 }).format(
    basisPoints / 10_000,
  );

/** Hours to at most two decimals, as the interface language writes them: 9,66 / 9.66. */
export const hoursText = (hours: number, language: string) =>
  new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 2 }).format(hours);

/** "1,25" or "1.25" → 12 500 basis points; null unless a number with at most four decimals. */
export function parseFactor(text: string): number | null {
  const match = text.replace(/[\s\u00a0\u202f]/g, '').match(/^(\d{1,2})(?:[.,](\d{0,4}))?$/);
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  return Number(whole) * 10_000 + Number(fraction.padEnd(4, '0'));
}
