import { z } from 'zod';
import { stages } from '../cases/stages.ts';
import { guideLanguages, guideParts } from './guide.text.ts';

/**
 * The API of an HEI's version of the process guide: its adaptations of shared pages and templates and its
 * own pages (`/api/organisations/:organisationId/guide…`). Shared by the routes and the web app.
 */

export const guideItemKinds = ['page', 'template'] as const;
export type GuideItemKind = (typeof guideItemKinds)[number];

/** `pages` and `templates` in the addresses. */
export const guideItemSegments = { page: 'pages', template: 'templates' } as const;

export const guideItemParams = z.object({
  organisationId: z.uuid(),
  itemId: z.string().min(1).max(100).describe("The shared page's or template's id, or the own page's"),
  language: z.enum(guideLanguages),
});

export const guideDeleteQuery = z.object({
  revision: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe('The revision being removed: another save in between is a conflict (409)'),
});

export const putGuideItemBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  body: z
    .string()
    .max(100_000)
    .refine((s) => s.trim().length > 0, 'must not be empty')
    .describe('Markdown, as in the shared guide: starts with "# <title>"; links to pages as "<id>.md"'),
  revision: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe(
      'The revision the change is based on; leave out to create. A stale (or missing) one is a conflict (409)',
    ),
});
export type PutGuideItemBody = z.infer<typeof putGuideItemBody>;

export const previewGuideItemBody = putGuideItemBody.omit({ revision: true });

const change = z.object({ date: z.string(), note: z.string() });

/** The saved adaptation or own page, when there is one. */
export const guideOverrideSchema = z.object({
  title: z.string(),
  body: z.string(),
  revision: z.number().int(),
  /** The shared item's `updated` date when the adaptation was saved (null for own pages). */
  basedOn: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});

const sharedItem = z.object({
  title: z.string(),
  updated: z.string(),
  /** Newest first. */
  changes: z.array(change),
  /** The shared page's or template's address in the shared guide. */
  path: z.string(),
});

/** The state of a page or template in the HEI's version. */
export const guideItemStates = ['shared', 'adapted', 'own'] as const;

export const guideItemSummarySchema = z.object({
  kind: z.enum(guideItemKinds),
  id: z.string(),
  language: z.enum(guideLanguages),
  /** The title in the HEI's version. */
  title: z.string(),
  state: z.enum(guideItemStates),
  /** The shared guide's part (pages), `own` for the HEI's own pages; null for templates. */
  part: z.enum([...guideParts, 'own']).nullable(),
  stage: z.enum(stages).nullable(),
  /** The shared item now, or null for an own page. */
  shared: sharedItem.omit({ changes: true }).nullable(),
  override: guideOverrideSchema.omit({ body: true }).nullable(),
  /** The shared item has changed since the adaptation was saved (its `updated` is after `basedOn`). */
  sharedChangedSince: z.boolean(),
  /** The shared item's changes since then, newest first. */
  changesSince: z.array(change),
  /** The address in the HEI's version of the guide. */
  path: z.string(),
});
export type GuideItemSummary = z.infer<typeof guideItemSummarySchema>;

export const guideOverviewSchema = z
  .object({
    organisation: z.object({ id: z.uuid(), name: z.string() }),
    /** The start page of the HEI's version, per language. */
    home: z.object({ sv: z.string(), en: z.string() }),
    items: z.array(guideItemSummarySchema),
  })
  .meta({ id: 'GuideOverview' });
export type GuideOverview = z.infer<typeof guideOverviewSchema>;

export const guideItemSchema = guideItemSummarySchema
  .extend({
    shared: sharedItem.extend({ body: z.string().describe('Markdown, without the front matter') }).nullable(),
    override: guideOverrideSchema.nullable(),
  })
  .meta({ id: 'GuideItem' });
export type GuideItem = z.infer<typeof guideItemSchema>;

export const guidePreviewSchema = z.object({
  title: z.string(),
  /** The text as the guide renders it, without its first heading (escaped: raw HTML is never passed on). */
  html: z.string(),
});
export type GuidePreview = z.infer<typeof guidePreviewSchema>;
