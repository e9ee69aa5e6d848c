import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  type ContactCorrection,
  inquiryDetailSchema,
  inquiryListSchema,
} from '../../../features/inquiries/inquiries.contract.ts';
import { api } from '../../api.ts';

export const inquiryViews = ['inbox', 'ours', 'referred_to_us'] as const;
export type InquiryView = (typeof inquiryViews)[number];

/**
 * The demo consortium's front door, linked from the public sign-in page (nobody is signed in there).
 * Signed-in pages use the active organisation's own consortium (`myConsortiumQuery`).
 */
export const CONSORTIUM_SLUG = 'kunskapsalliansen';

/** Inquiries shown per page of a view. */
export const INQUIRIES_PAGE = 50;

export const inquiriesQuery = (view: InquiryView, q: string | undefined, page: number) =>
  queryOptions({
    queryKey: ['inquiries', view, q ?? '', page],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ view, page: String(page), pageSize: String(INQUIRIES_PAGE) });
      if (q) params.set('q', q);
      return api.get(`/api/inquiries?${params}`, inquiryListSchema, signal);
    },
  });

/** The first page of every inquiry the HEI sees (all views) containing `q`, newest first: for Lupp's search. */
export const inquirySearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['inquiries', 'all', q],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ view: 'all', q, page: '1', pageSize: '5' });
      return api.get(`/api/inquiries?${params}`, inquiryListSchema, signal);
    },
  });

export const inquiryQuery = (inquiryId: string) =>
  queryOptions({
    queryKey: ['inquiry', inquiryId],
    queryFn: ({ signal }) => api.get(`/api/inquiries/${inquiryId}`, inquiryDetailSchema, signal),
  });

const myConsortiumSchema = z.object({
  consortium: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }),
  heis: z.array(z.object({ id: z.uuid(), name: z.string() })),
});

/** The active organisation's consortium and its member HEIs (referral targets). */
export const myConsortiumQuery = queryOptions({
  queryKey: ['consortium'],
  queryFn: ({ signal }) => api.get('/api/consortium', myConsortiumSchema, signal),
  staleTime: 5 * 60_000,
});

export const inquiryAction = (inquiryId: string, action: string, body: unknown = {}) =>
  api.post(`/api/inquiries/${inquiryId}/${action}`, body, inquiryDetailSchema);

/** Corrects an inquiry's contact person (PUT: the whole of name, e-mail and phone). */
export const correctInquiryContact = (inquiryId: string, contact: ContactCorrection) =>
  api.put(`/api/inquiries/${inquiryId}/contact`, contact, inquiryDetailSchema);
