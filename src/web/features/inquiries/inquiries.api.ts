import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  frontDoorSchema,
  inquiryDetailSchema,
  inquirySummarySchema,
} from '../../../features/inquiries/inquiries.contract.ts';
import { api } from '../../api.ts';

export const inquiryViews = ['inbox', 'ours', 'referred_to_us'] as const;
export type InquiryView = (typeof inquiryViews)[number];

/**
 * The consortium whose front door and HEIs the app links to. /api/me does not name the user's
 * consortium (slug) yet, so this is the demo consortium until the API offers the HEIs of one's own.
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

export const consortiumHeisQuery = queryOptions({
  queryKey: ['public', 'consortium', CONSORTIUM_SLUG],
  queryFn: ({ signal }) => api.get(`/api/public/consortia/${CONSORTIUM_SLUG}`, frontDoorSchema, signal),
  staleTime: 5 * 60_000,
});

export const inquiryAction = (inquiryId: string, action: string, body: unknown = {}) =>
  api.post(`/api/inquiries/${inquiryId}/${action}`, body, inquiryDetailSchema);
