import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  type FrameworkDetail,
  type FrameworkSummary,
  frameworkDetailSchema,
  frameworkSummarySchema,
} from '../../../features/frameworks/frameworks.contract.ts';
import { api } from '../../api.ts';
import { activeOrganisationOf, hasRole, useMe } from '../../session.ts';

export type { FrameworkDetail, FrameworkSummary };

/** The active HEI's framework agreements with one customer (the customer page, a call-off's case). */
export const customerFrameworksQuery = (customerId: string) =>
  queryOptions({
    queryKey: ['framework-agreements', { customerId }],
    queryFn: ({ signal }) =>
      api.get(`/api/framework-agreements?customerId=${customerId}`, z.array(frameworkSummarySchema), signal),
  });

/** All of the active HEI's framework agreements: those running first, the soonest to end first. */
export const frameworksQuery = queryOptions({
  queryKey: ['framework-agreements', 'all'],
  queryFn: ({ signal }) => api.get('/api/framework-agreements', z.array(frameworkSummarySchema), signal),
});

export const frameworkQuery = (frameworkId: string) =>
  queryOptions({
    queryKey: ['framework-agreements', frameworkId],
    queryFn: ({ signal }) =>
      api.get(`/api/framework-agreements/${frameworkId}`, frameworkDetailSchema, signal),
  });

/** Who records and corrects framework agreements (the API checks the same). */
export function useFrameworkWriter() {
  const membership = activeOrganisationOf(useMe());
  return membership?.tenant.kind === 'hei' && hasRole(membership, 'coordinator', 'manager');
}
