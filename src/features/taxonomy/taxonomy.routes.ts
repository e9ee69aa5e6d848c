import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { forbidden } from '../../server/http/problem.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { getConcept, listImports, searchConcepts, suggestConcepts } from './taxonomy.service.ts';

const conceptSchema = z
  .object({
    id: z.uuid(),
    source: z.string(),
    type: z.string(),
    code: z.string().nullable(),
    label: z.object({ sv: z.string().nullable(), en: z.string().nullable() }),
    deprecated: z.boolean(),
  })
  .meta({ id: 'Concept' });

const conceptDetailSchema = conceptSchema
  .extend({
    altLabels: z.object({ sv: z.array(z.string()), en: z.array(z.string()) }),
    description: z.object({ sv: z.string().nullable(), en: z.string().nullable() }),
    version: z.string(),
    broader: z.array(conceptSchema),
    narrower: z.array(conceptSchema),
  })
  .meta({ id: 'ConceptDetail' });

const importSchema = z
  .object({
    id: z.uuid(),
    source: z.string(),
    version: z.string(),
    language: z.string().nullable(),
    status: z.string(),
    counts: z.record(z.string(), z.number()),
    problems: z.array(z.object({ file: z.string(), row: z.number().nullable(), problem: z.string() })),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'TaxonomyImport' });

export async function taxonomyRoutes(app: App, { database: { db } }: Deps) {
  const tags = ['taxonomy'];
  // Taxonomies are shared reference data: every signed-in user may search them.
  app.get(
    '/api/taxonomy/concepts',
    {
      schema: {
        tags,
        summary:
          'Search skills, occupations and classifications in Swedish and English (prefix- and compound-aware)',
        querystring: z.object({
          q: z.string().trim().min(1).max(200),
          type: z
            .string()
            .max(200)
            .optional()
            .describe('Comma-separated concept types, e.g. skill,occupation'),
          source: z.enum(['esco', 'jobtech', 'demo']).optional(),
          includeDeprecated: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.array(conceptSchema.extend({ score: z.number() })), ...problems(400, 401) },
      },
    },
    async (request) => {
      const q = request.query;
      return searchConcepts(db, {
        q: q.q,
        types: q.type
          ?.split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        source: q.source,
        includeDeprecated: q.includeDeprecated === 'true',
        limit: q.limit,
      });
    },
  );

  app.get(
    '/api/taxonomy/concepts/:conceptId',
    {
      schema: {
        tags,
        summary: 'A concept with its labels, description, broader and narrower concepts',
        params: z.object({ conceptId: z.uuid() }),
        response: { 200: conceptDetailSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => getConcept(db, request.params.conceptId),
  );

  app.post(
    '/api/taxonomy/suggestions',
    {
      schema: {
        tags,
        summary:
          'Suggest concepts for a need in free text, each with the words that matched and a confidence; a person confirms',
        body: z.strictObject({
          text: z.string().trim().min(3).max(5000),
          type: z.string().max(200).optional(),
          limit: z.number().int().min(1).max(30).default(10),
        }),
        response: {
          200: z.array(
            z.object({
              concept: conceptSchema,
              matchedWords: z.array(z.string()),
              confidence: z.number(),
              needsConfirmation: z.boolean(),
            }),
          ),
          ...problems(400, 401),
        },
      },
    },
    async (request) =>
      suggestConcepts(db, {
        text: request.body.text,
        types: request.body.type
          ?.split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        limit: request.body.limit,
      }),
  );

  app.get(
    '/api/taxonomy/imports',
    {
      schema: {
        tags,
        summary: 'Recent taxonomy imports with their counts and problems (HEI admins)',
        response: { 200: z.array(importSchema), ...problems(401, 403) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!actor.memberships.some((m) => m.tenant.kind === 'hei' && m.roles.includes('admin'))) {
        throw forbidden('Taxonomy imports are for HEI administrators.');
      }
      return listImports(db);
    },
  );
}
