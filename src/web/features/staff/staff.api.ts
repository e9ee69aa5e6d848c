import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { designSchema } from '../../../features/design/design.contract.ts';
import {
  meritRecordSchema,
  type StaffProfileView,
  type StaffSearchResult,
  staffListSchema,
  type staffProfileBody,
  staffProfileSchema,
  type staffSearchBody,
  staffSearchSchema,
} from '../../../features/staff/staff.contract.ts';
import type { Membership } from '../../../features/tenancy/tenancy.contract.ts';
import { api } from '../../api.ts';
import { hasRole } from '../../session.ts';

export type StaffProfile = StaffProfileView;
export type SearchResult = StaffSearchResult['results'][number];
export type ProfileInput = z.input<typeof staffProfileBody>;
export type SearchInput = z.input<typeof staffSearchBody>;

const base = (heiId: string) => `/api/organisations/${heiId}/staff`;

export const staffListQuery = (heiId: string) =>
  queryOptions({
    queryKey: ['organisation', heiId, 'staff'],
    queryFn: ({ signal }) => api.get(base(heiId), staffListSchema, signal),
  });

export const staffProfileQuery = (heiId: string, userId: string) =>
  queryOptions({
    queryKey: ['organisation', heiId, 'staff', userId],
    queryFn: ({ signal }) => api.get(`${base(heiId)}/${userId}`, staffProfileSchema, signal),
  });

export const meritQuery = (heiId: string, userId: string) =>
  queryOptions({
    queryKey: ['organisation', heiId, 'staff', userId, 'merit'],
    queryFn: ({ signal }) => api.get(`${base(heiId)}/${userId}/merit`, meritRecordSchema, signal),
  });

export const staffSearchQuery = (heiId: string, body: SearchInput) =>
  queryOptions({
    queryKey: ['organisation', heiId, 'staff', 'search', body],
    queryFn: () => api.post(`${base(heiId)}/search`, body, staffSearchSchema),
  });

/** One design (to add a teacher to it as it is now). */
export const designQuery = (designId: string) =>
  queryOptions({
    queryKey: ['design', designId],
    queryFn: ({ signal }) => api.get(`/api/designs/${designId}`, designSchema, signal),
  });

export const saveProfile = (heiId: string, userId: string, body: ProfileInput) =>
  api.put(`${base(heiId)}/${userId}`, body, staffProfileSchema);

/** The merit record as a file to download (DOCX or PDF), in `language`. */
export const meritFilePath = (heiId: string, userId: string, format: 'docx' | 'pdf', language: string) =>
  `${base(heiId)}/${userId}/merit.${format}?language=${language === 'en' ? 'en' : 'sv'}`;

/** What the active membership may do with staff profiles (the API decides; this only shapes the pages). */
export function staffAccess(membership: Membership | null) {
  const hei = membership?.scope === 'organisation' && membership.tenant.kind === 'hei';
  return {
    hei,
    canFind: hei && hasRole(membership, 'admin', 'coordinator', 'manager'),
    /** Adding a teacher changes the design: for those who work on cases. */
    canChangeDesigns: hei && hasRole(membership, 'coordinator', 'teacher', 'economist'),
  };
}
