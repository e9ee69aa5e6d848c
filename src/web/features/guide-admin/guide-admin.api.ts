import { queryOptions } from '@tanstack/react-query';
import {
  type GuideItemKind,
  guideItemSchema,
  guideItemSegments,
  guideOverviewSchema,
  guidePreviewSchema,
} from '../../../features/guide/guide.contract.ts';
import type { GuideLanguage } from '../../../features/guide/guide.text.ts';
import { api } from '../../api.ts';

// The HEI's version of the process guide: what it adapted, one item's texts, saving and previewing.

export type GuideItemRef = { kind: GuideItemKind; itemId: string; language: GuideLanguage };

const itemPath = (organisationId: string, { kind, itemId, language }: GuideItemRef) =>
  `/api/organisations/${organisationId}/guide/${guideItemSegments[kind]}/${encodeURIComponent(itemId)}/${language}`;

export const guideOverviewQuery = (organisationId: string) =>
  queryOptions({
    queryKey: ['organisation', organisationId, 'guide'],
    queryFn: ({ signal }) =>
      api.get(`/api/organisations/${organisationId}/guide`, guideOverviewSchema, signal),
  });

export const guideItemQuery = (organisationId: string, item: GuideItemRef) =>
  queryOptions({
    queryKey: ['organisation', organisationId, 'guide', item.kind, item.itemId, item.language],
    queryFn: ({ signal }) => api.get(itemPath(organisationId, item), guideItemSchema, signal),
    retry: false,
    // A refetch in the background would start the form again and lose what is being written.
    refetchOnWindowFocus: false,
  });

export const saveGuideItem = (
  organisationId: string,
  item: GuideItemRef,
  body: { title: string; body: string; revision?: number },
) => api.put(itemPath(organisationId, item), body, guideItemSchema);

export const previewGuideItem = (
  organisationId: string,
  item: GuideItemRef,
  body: { title: string; body: string },
) => api.post(`${itemPath(organisationId, item)}/preview`, body, guidePreviewSchema);

export const removeGuideItem = (organisationId: string, item: GuideItemRef, revision: number) =>
  api.delete(`${itemPath(organisationId, item)}?revision=${revision}`);

/** The editor's address segment of a kind: `/admin/guide/pages/…`, `/admin/guide/templates/…`. */
export const kindOfSegment = (segment: string): GuideItemKind | null =>
  segment === guideItemSegments.page ? 'page' : segment === guideItemSegments.template ? 'template' : null;
