import { queryOptions } from '@tanstack/react-query';
import { followedInquirySchema, frontDoorSchema } from '../../../features/inquiries/inquiries.contract.ts';
import { api } from '../../api.ts';

export const frontDoorQuery = (slug: string) =>
  queryOptions({
    queryKey: ['public', 'consortium', slug],
    queryFn: ({ signal }) =>
      api.get(`/api/public/consortia/${encodeURIComponent(slug)}`, frontDoorSchema, signal),
    staleTime: 5 * 60_000,
  });

export const followQuery = (token: string) =>
  queryOptions({
    queryKey: ['public', 'follow', token],
    queryFn: ({ signal }) =>
      api.get(`/api/public/inquiries/${encodeURIComponent(token)}`, followedInquirySchema, signal),
  });
