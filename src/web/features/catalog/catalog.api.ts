import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  courseListSchema,
  courseSchema,
  importReportSchema,
  tagReviewSchema,
  uploadSchema,
} from '../../../features/catalog/catalog.contract.ts';
import type { CourseFormat, CourseLevel } from '../../../features/catalog/catalog.fields.ts';
import { api } from '../../api.ts';

export type CourseFilters = {
  q?: string;
  hei?: string;
  language?: 'sv' | 'en';
  format?: CourseFormat;
  level?: CourseLevel;
};

/** Courses the course list shows at a time. */
export const COURSES_PAGE = 50;

export const coursesQuery = (f: CourseFilters, offset = 0) =>
  queryOptions({
    queryKey: ['courses', f, offset],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams(
        Object.entries(f).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
      );
      params.set('limit', String(COURSES_PAGE));
      params.set('offset', String(offset));
      return api.get(`/api/catalog/courses?${params}`, courseListSchema, signal);
    },
  });

export const courseQuery = (courseId: string) =>
  queryOptions({
    queryKey: ['course', courseId],
    queryFn: ({ signal }) => api.get(`/api/catalog/courses/${courseId}`, courseSchema, signal),
  });

export const catalogImportsQuery = (heiId: string) =>
  queryOptions({
    queryKey: ['catalog-imports', heiId],
    queryFn: ({ signal }) =>
      api.get(`/api/organisations/${heiId}/catalog/imports`, z.array(importReportSchema), signal),
  });

/** Courses the review list shows at a time. */
export const TAG_REVIEW_PAGE = 50;

export const tagReviewQuery = (heiId: string, { q, offset }: { q?: string; offset: number }) =>
  queryOptions({
    queryKey: ['tag-review', heiId, { q, offset }],
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ limit: String(TAG_REVIEW_PAGE), offset: String(offset) });
      if (q) query.set('q', q);
      return api.get(`/api/organisations/${heiId}/catalog/tag-review?${query}`, tagReviewSchema, signal);
    },
  });

export function uploadCatalog(heiId: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload(`/api/organisations/${heiId}/catalog/uploads`, form, uploadSchema);
}

export const importCatalog = (
  heiId: string,
  body: { uploadId: string; mapping?: Record<string, string>; keepValidRows: boolean },
) => api.post(`/api/organisations/${heiId}/catalog/imports`, body, importReportSchema);

export const decideTag = (
  heiId: string,
  courseId: string,
  conceptId: string,
  status: 'confirmed' | 'rejected',
) =>
  api.put(
    `/api/organisations/${heiId}/catalog/courses/${courseId}/tags/${conceptId}`,
    { status },
    courseSchema,
  );
