import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  boardSchema,
  caseDetailSchema,
  caseListSchema,
  dialogueTemplateSchema,
  heiChecklistSchema,
} from '../../../features/cases/cases.contract.ts';
import { api } from '../../api.ts';
import { refetchAfterChange } from '../../ui/refetch.ts';

export type CaseFilters = {
  hei?: string;
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
  if (f.hei) params.set('hei', f.hei);
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

export const heiChecklistQuery = (organisationId: string) =>
  queryOptions({
    queryKey: ['organisation', organisationId, 'checklist'],
    queryFn: ({ signal }) =>
      api.get(`/api/organisations/${organisationId}/checklist`, heiChecklistSchema, signal),
  });

/**
 * Every change to a case answers with the whole case: put it in the cache, and refresh the lists and the
 * overview (its tasks, its tenders).
 */
export function useCaseUpdate(caseId: string) {
  const queryClient = useQueryClient();
  return async (updated: z.infer<typeof caseDetailSchema>) => {
    queryClient.setQueryData(caseQuery(caseId).queryKey, updated);
    await refetchAfterChange(queryClient, ['cases']);
    await refetchAfterChange(queryClient, ['overview']);
    await refetchAfterChange(queryClient, ['framework-agreements']);
  };
}

export const moveCase = (caseId: string, to: string, overrideReason?: string) =>
  api.post(`/api/cases/${caseId}/stage`, { to, overrideReason }, caseDetailSchema);

export const colleagueSchema = z.object({ userId: z.string(), name: z.string(), roles: z.array(z.string()) });
export type Colleague = z.infer<typeof colleagueSchema>;

/** The people of the active organisation: task assignees and @-mentions. */
export const colleaguesQuery = queryOptions({
  queryKey: ['colleagues'],
  queryFn: ({ signal }) => api.get('/api/colleagues', z.array(colleagueSchema), signal),
  staleTime: 60_000,
});

export type DialogueTemplate = z.infer<typeof dialogueTemplateSchema>;

/** The HEI's dialogue guides (the model's why/what/how first, by default). */
export const dialogueTemplatesQuery = (organisationId: string) =>
  queryOptions({
    queryKey: ['organisation', organisationId, 'dialogue-templates'],
    queryFn: ({ signal }) =>
      api.get(
        `/api/organisations/${organisationId}/dialogue-templates`,
        z.array(dialogueTemplateSchema),
        signal,
      ),
    staleTime: 5 * 60_000,
  });
