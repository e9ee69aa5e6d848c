import { queryOptions } from '@tanstack/react-query';
import {
  boardSchema,
  caseDetailSchema,
  caseListSchema,
  heiChecklistSchema,
} from '../../../features/cases/cases.contract.ts';
import { api } from '../../api.ts';

export type CaseFilters = {
  q?: string;
  stage?: string;
  owner?: 'me';
  sector?: string;
  overdue?: boolean;
  sort?: 'updated' | 'created' | 'customer' | 'stage';
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
};

export function caseListPath(f: CaseFilters) {
  const params = new URLSearchParams();
  if (f.q) params.set('q', f.q);
  if (f.stage) params.set('stage', f.stage);
  if (f.owner) params.set('owner', f.owner);
  if (f.sector) params.set('sector', f.sector);
  if (f.overdue) params.set('overdue', 'true');
  if (f.sort) params.set('sort', f.sort);
  if (f.order) params.set('order', f.order);
  if (f.page) params.set('page', String(f.page));
  if (f.pageSize) params.set('pageSize', String(f.pageSize));
  const query = params.toString();
  return `/api/cases${query ? `?${query}` : ''}`;
}

export const casesQuery = (filters: CaseFilters) =>
  queryOptions({
    queryKey: ['cases', 'list', filters],
    queryFn: ({ signal }) => api.get(caseListPath(filters), caseListSchema, signal),
  });

export const boardQuery = queryOptions({
  queryKey: ['cases', 'board'],
  queryFn: ({ signal }) => api.get('/api/cases/board', boardSchema, signal),
});

export const caseQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['case', caseId],
    queryFn: ({ signal }) => api.get(`/api/cases/${caseId}`, caseDetailSchema, signal),
  });

/**
 * The case opened from an inquiry (they share the reference). The inquiry does not name its case,
 * so this looks through the newest cases of the HEI.
 */
export const caseForReferenceQuery = (reference: string) =>
  queryOptions({
    queryKey: ['cases', 'by-reference', reference],
    queryFn: async ({ signal }) => {
      const list = await api.get(
        caseListPath({ sort: 'created', order: 'desc', pageSize: 200 }),
        caseListSchema,
        signal,
      );
      return list.items.find((c) => c.reference === reference) ?? null;
    },
  });

export const heiChecklistQuery = (organisationId: string) =>
  queryOptions({
    queryKey: ['organisation', organisationId, 'checklist'],
    queryFn: ({ signal }) =>
      api.get(`/api/organisations/${organisationId}/checklist`, heiChecklistSchema, signal),
  });

export const moveCase = (caseId: string, to: string, overrideReason?: string) =>
  api.post(`/api/cases/${caseId}/stage`, { to, overrideReason }, caseDetailSchema);
