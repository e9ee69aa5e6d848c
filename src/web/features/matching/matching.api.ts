import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  acceptanceSchema,
  analysisMatchesSchema,
  type decisionBody,
  decisionSchema,
  inquiryMatchesSchema,
  type MatchFilters,
  matchSchema,
  type subjectSchema,
  unmetDemandSchema,
  unmetListSchema,
} from '../../../features/matching/matching.contract.ts';
import { api } from '../../api.ts';

/** The filters as the page holds them: all optional, `top` and `hei` default on the server. */
export type Filters = Partial<MatchFilters>;

const queryString = (f: Filters) =>
  new URLSearchParams(
    Object.entries(f).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
  ).toString();

export const analysisMatchesQuery = (analysisId: string, f: Filters) =>
  queryOptions({
    queryKey: ['matches', 'analysis', analysisId, f],
    queryFn: ({ signal }) =>
      api.get(`/api/analyses/${analysisId}/matches?${queryString(f)}`, analysisMatchesSchema, signal),
  });

export const inquiryMatchesQuery = (inquiryId: string, f: Filters) =>
  queryOptions({
    queryKey: ['matches', 'inquiry', inquiryId, f],
    queryFn: ({ signal }) =>
      api.get(`/api/inquiries/${inquiryId}/matches?${queryString(f)}`, inquiryMatchesSchema, signal),
  });

export const textMatchQuery = (text: string, f: Filters) =>
  queryOptions({
    queryKey: ['matches', 'text', text, f],
    queryFn: () => api.post('/api/matching/search', { ...f, text }, matchSchema),
  });

export const acceptanceQuery = queryOptions({
  queryKey: ['matches', 'acceptance'],
  queryFn: ({ signal }) => api.get('/api/matching/acceptance', acceptanceSchema, signal),
});

export const decide = (body: z.input<typeof decisionBody>) =>
  api.put('/api/matching/decisions', body, decisionSchema.extend({ acceptance: acceptanceSchema }));

/** Unmet demand shown per page. */
export const UNMET_PAGE = 20;

export const unmetQuery = (page: number) =>
  queryOptions({
    queryKey: ['matches', 'unmet', page],
    queryFn: ({ signal }) =>
      api.get(`/api/matching/unmet?page=${page}&pageSize=${UNMET_PAGE}`, unmetListSchema, signal),
  });

type SubjectRef = z.infer<typeof subjectSchema>;

export const recordUnmet = (subject: SubjectRef) =>
  api.put('/api/matching/unmet', { subject }, unmetDemandSchema);

export const withdrawUnmet = (subject: SubjectRef) =>
  api.delete(`/api/matching/unmet/${subject.kind}/${subject.id}`);
