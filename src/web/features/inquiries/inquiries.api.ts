import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { inquiryDetailSchema, inquirySummarySchema } from '../../../features/inquiries/inquiries.contract.ts';
import { api } from '../../api.ts';

export const inquiryViews = ['inbox', 'ours', 'referred_to_us'] as const;
export type InquiryView = (typeof inquiryViews)[number];

/**
 * The demo consortium's front door, linked from the public sign-in page (nobody is signed in there).
 * Signed-in pages use the active organisation's own consortium (`myConsortiumQuery`).
 */
export const CONSORTIUM_SLUG = 'kunskapsalliansen';

export const inquiriesQuery = (view: InquiryView) =>
  queryOptions({
    queryKey: ['inquiries', view],
    queryFn: ({ signal }) => api.get(`/api/inquiries?view=${view}`, z.array(inquirySummarySchema), signal),
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
