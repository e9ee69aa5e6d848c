import { queryOptions } from '@tanstack/react-query';
import { portalCaseDetailSchema, portalOverviewSchema } from '../../../features/portal/portal.contract.ts';
import { api } from '../../api.ts';

export const portalQuery = queryOptions({
  queryKey: ['portal'],
  queryFn: ({ signal }) => api.get('/api/portal', portalOverviewSchema, signal),
});

export const portalCaseQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['portal', 'case', caseId],
    queryFn: ({ signal }) => api.get(`/api/portal/cases/${caseId}`, portalCaseDetailSchema, signal),
  });

export const sendPortalMessage = (caseId: string, text: string) =>
  api.post(`/api/portal/cases/${caseId}/messages`, { text }, portalCaseDetailSchema);
