import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { organisationParams } from '../tenancy/tenancy.contract.ts';
import {
  guideDeleteQuery,
  guideItemKinds,
  guideItemParams,
  guideItemSchema,
  guideItemSegments,
  guideOverviewSchema,
  guidePreviewSchema,
  previewGuideItemBody,
  putGuideItemBody,
} from './guide.contract.ts';
import {
  deleteGuideItem,
  guideItem,
  guideOverview,
  previewGuideItem,
  putGuideItem,
} from './guide.overrides.ts';

/**
 * An HEI's version of the process guide, for its administrators (managers may read): every shared page
 * and template with the HEI's state of it; one item's shared text and the HEI's adaptation; saving (with
 * optimistic concurrency), previewing and removing adaptations and own pages. The public version itself
 * is served by guide.routes.ts at `/guide/l/<organisationId>`.
 */
export async function guideOverrideRoutes(app: App, { database: { db } }: Deps) {
  const tags = ['guide'];

  app.get(
    '/api/organisations/:organisationId/guide',
    {
      schema: {
        tags,
        summary:
          "The HEI's version of the process guide: every shared page and template (both languages) with whether the HEI adapted it and whether the shared one changed since, and the HEI's own pages (admin, manager)",
        params: organisationParams,
        response: { 200: guideOverviewSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => guideOverview(db, actorOf(request), request.params.organisationId),
  );

  for (const kind of guideItemKinds) {
    const segment = guideItemSegments[kind];
    const url = `/api/organisations/:organisationId/guide/${segment}/:itemId/:language`;
    const what = kind === 'page' ? 'page' : 'template';

    app.get(
      url,
      {
        schema: {
          tags,
          summary: `A ${what} of the HEI's version: the shared text (Markdown) and the HEI's adaptation${kind === 'page' ? ' or own page' : ''} (admin, manager)`,
          params: guideItemParams,
          response: { 200: guideItemSchema, ...problems(401, 403, 404) },
        },
      },
      async (request) => {
        const { organisationId, itemId, language } = request.params;
        return guideItem(db, actorOf(request), organisationId, kind, itemId, language);
      },
    );

    app.put(
      url,
      {
        schema: {
          tags,
          summary:
            kind === 'page'
              ? "Save the HEI's adaptation of a shared page, or its own page (an id no shared page has: lower-case a–z, digits and hyphens) (admin)"
              : "Save the HEI's adaptation of a shared template (admin)",
          description:
            'The Markdown is checked like the shared content: it starts with "# <title>", links go to pages of the HEI\'s version, and a stage page keeps {{decision-points}}. Leave out `revision` to create; send the revision you opened to change it. A stale revision is 409 edit_conflict naming who saved.',
          params: guideItemParams,
          body: putGuideItemBody,
          response: { 200: guideItemSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const { organisationId, itemId, language } = request.params;
        return putGuideItem(db, actorOf(request), organisationId, kind, itemId, language, request.body);
      },
    );

    app.delete(
      url,
      {
        schema: {
          tags,
          summary:
            kind === 'page'
              ? "Remove the HEI's adaptation (the shared page shows again) or own page (admin); an own page other pages link to is 409"
              : "Remove the HEI's adaptation of a template: the shared one is used again (admin)",
          params: guideItemParams,
          querystring: guideDeleteQuery,
          response: { 204: z.null(), ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { organisationId, itemId, language } = request.params;
        await deleteGuideItem(
          db,
          actorOf(request),
          organisationId,
          kind,
          itemId,
          language,
          request.query.revision,
        );
        return reply.status(204).send(null);
      },
    );

    app.post(
      `${url}/preview`,
      {
        schema: {
          tags,
          summary: `The ${what} as the HEI's version would show it, checked as a save is; nothing is stored (admin)`,
          params: guideItemParams,
          body: previewGuideItemBody,
          response: { 200: guidePreviewSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const { organisationId, itemId, language } = request.params;
        return previewGuideItem(db, actorOf(request), organisationId, kind, itemId, language, request.body);
      },
    );
  }
}
