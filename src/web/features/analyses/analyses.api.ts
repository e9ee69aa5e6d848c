import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  type Analysis,
  type AnalysisSummary,
  analysisListSchema,
  analysisSchema,
  comparisonSchema,
  createdSelfServiceLinkSchema,
  createdSurveySchema,
  heatmapSchema,
  publicSurveySchema,
  selfServiceLinkSchema,
  suggestionsSchema,
  surveyResultsSchema,
  surveySummarySchema,
} from '../../../features/needs/needs.contract.ts';
import { LARGEST_PAGE } from '../../../shared/pages.ts';
import { api, isApiError } from '../../api.ts';

/**
 * An analysis is reached either by an HEI user (`/api/analyses/<id>`) or by the customer through a
 * self-service link (`/api/self-service/<token>`); both expose the same sub-resources under that base,
 * so the editor takes the base and never needs to know who is working.
 */
export type AnalysisBase = { key: readonly unknown[]; path: string };

export const hei = (analysisId: string): AnalysisBase => ({
  key: ['analysis', analysisId],
  path: `/api/analyses/${analysisId}`,
});

export const analysisQuery = (base: AnalysisBase) =>
  queryOptions({
    queryKey: base.key,
    queryFn: ({ signal }) => api.get(base.path, analysisSchema, signal),
  });

/**
 * All of one case's or one customer's analyses, newest first. They are a handful, so the largest page
 * nearly always holds them; the rest, if any, are read page by page rather than cut off.
 */
export const analysesQuery = (filter: { caseId?: string; customerId?: string }) =>
  queryOptions({
    queryKey: ['analyses', filter],
    queryFn: async ({ signal }) => {
      const items: AnalysisSummary[] = [];
      for (let page = 1; ; page++) {
        const query = new URLSearchParams({ page: String(page), pageSize: String(LARGEST_PAGE) });
        for (const [name, value] of Object.entries(filter)) if (value) query.set(name, value);
        const list = await api.get(`/api/analyses?${query}`, analysisListSchema, signal);
        items.push(...list.items);
        if (list.items.length === 0 || items.length >= list.total) return items;
      }
    },
  });

/** Analyses to a page of the HEI's list. */
export const ANALYSES_PAGE = 50;

/** A page of the HEI's analyses, newest first, optionally those whose title or customer contains `q`. */
export const analysesPageQuery = (q: string | undefined, page: number) =>
  queryOptions({
    queryKey: ['analyses', { q, page }],
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ page: String(page), pageSize: String(ANALYSES_PAGE) });
      if (q) query.set('q', q);
      return api.get(`/api/analyses?${query}`, analysisListSchema, signal);
    },
  });

export const levelsSchema = z.object({
  levels: z.object({ sv: z.array(z.string()), en: z.array(z.string()) }),
  formula: z.string(),
});
export const levelsQuery = queryOptions({
  queryKey: ['analysis-levels'],
  queryFn: ({ signal }) => api.get('/api/analyses/levels', levelsSchema, signal),
  staleTime: Number.POSITIVE_INFINITY,
});

export const comparisonQuery = (fromId: string, toId: string) =>
  queryOptions({
    queryKey: ['analysis-compare', fromId, toId],
    queryFn: ({ signal }) => api.get(`/api/analyses/${fromId}/compare?to=${toId}`, comparisonSchema, signal),
  });

export const conceptResultSchema = z.object({
  id: z.uuid(),
  type: z.string(),
  code: z.string().nullable(),
  label: z.object({ sv: z.string().nullable(), en: z.string().nullable() }),
  deprecated: z.boolean(),
});
export type ConceptResult = z.infer<typeof conceptResultSchema>;

export const suggestionSchema = z.object({
  concept: conceptResultSchema,
  matchedWords: z.array(z.string()),
  confidence: z.number(),
  needsConfirmation: z.boolean(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

export type NeedInput = {
  roleId: string | null;
  conceptId: string | null;
  freeText: string | null;
  requiredLevel: number;
  currentLevel: number;
  importance: number;
  people: number;
  horizon: Analysis['needs'][number]['horizon'];
  driver: string | null;
  evidence: string | null;
  confidence: 'low' | 'medium' | 'high';
  goalIndividual: string | null;
  goalOrganisation: string | null;
  indicators: string | null;
};

export type RoleInput = {
  title: string;
  occupationConceptId: string | null;
  headcountNow: number;
  headcountHorizon: number;
};

export const analysisApi = (base: AnalysisBase) => ({
  update: (body: { title?: string; strategy?: string; drivers?: string[] }) =>
    api.patch(base.path, body, analysisSchema),
  addRole: (body: RoleInput) => api.post(`${base.path}/roles`, body, analysisSchema),
  updateRole: (roleId: string, body: RoleInput) =>
    api.put(`${base.path}/roles/${roleId}`, body, analysisSchema),
  deleteRole: (roleId: string) => api.delete(`${base.path}/roles/${roleId}`),
  addNeed: (body: NeedInput) => api.post(`${base.path}/needs`, body, analysisSchema),
  updateNeed: (needId: string, body: NeedInput) =>
    api.put(`${base.path}/needs/${needId}`, body, analysisSchema),
  deleteNeed: (needId: string) => api.delete(`${base.path}/needs/${needId}`),
});

export type Heatmap = z.infer<typeof heatmapSchema>;

export const heatmapQuery = (base: AnalysisBase) =>
  queryOptions({
    queryKey: [...base.key, 'heatmap'],
    queryFn: ({ signal }) => api.get(`${base.path}/heatmap`, heatmapSchema, signal),
  });

/**
 * Concept search and suggestions for the pickers. An HEI user calls the taxonomy API; the customer's
 * self-service link has one endpoint of its own that answers both.
 */
export type TaxonomyAccess = {
  search: (q: string, types: string, signal?: AbortSignal) => Promise<ConceptResult[]>;
  suggest: (text: string, types: string) => Promise<Suggestion[]>;
};

export const heiTaxonomy: TaxonomyAccess = {
  search: (q, type, signal) =>
    api.get(
      `/api/taxonomy/concepts?${new URLSearchParams({ q, type, limit: '12' })}`,
      z.array(conceptResultSchema),
      signal,
    ),
  suggest: (text, type) =>
    api.post('/api/taxonomy/suggestions', { text, type, limit: 5 }, z.array(suggestionSchema)),
};

export const linkTaxonomy = (token: string): TaxonomyAccess => {
  const ask = (text: string, type: string, signal?: AbortSignal) =>
    api.get(
      `/api/self-service/${token}/suggestions?${new URLSearchParams({ text, type })}`,
      suggestionsSchema,
      signal,
    );
  return {
    search: async (q, type, signal) => (await ask(q, type, signal)).concepts,
    suggest: async (text, type) => (await ask(text, type)).suggestions.slice(0, 5),
  };
};

export const selfService = (token: string): AnalysisBase => ({
  key: ['self-service', token],
  path: `/api/self-service/${token}`,
});

export const surveysQuery = (base: AnalysisBase) =>
  queryOptions({
    queryKey: [...base.key, 'surveys'],
    queryFn: ({ signal }) => api.get(`${base.path}/surveys`, z.array(surveySummarySchema), signal),
  });

export const surveyResultsQuery = (base: AnalysisBase, surveyId: string) =>
  queryOptions({
    queryKey: [...base.key, 'surveys', surveyId],
    queryFn: ({ signal }) => api.get(`${base.path}/surveys/${surveyId}/results`, surveyResultsSchema, signal),
  });

export const createSurvey = (base: AnalysisBase, respondents: number) =>
  api.post(`${base.path}/surveys`, { respondents }, createdSurveySchema);

export const linksQuery = (analysisId: string) =>
  queryOptions({
    queryKey: ['analysis', analysisId, 'links'],
    queryFn: ({ signal }) =>
      api.get(`/api/analyses/${analysisId}/self-service-links`, z.array(selfServiceLinkSchema), signal),
  });

export const createLink = (analysisId: string, sendTo?: string) =>
  api.post(
    `/api/analyses/${analysisId}/self-service-links`,
    sendTo ? { sendTo } : {},
    createdSelfServiceLinkSchema,
  );

export const publicSurveyQuery = (token: string) =>
  queryOptions({
    queryKey: ['survey', token],
    queryFn: ({ signal }) => api.get(`/api/survey/${token}`, publicSurveySchema, signal),
    retry: retryUnlessGone,
  });

/** A path from the API (`/s/…`, `/survey/…`) as the full address to hand to someone. */
export const absolute = (path: string) => new URL(path, window.location.origin).toString();

/** A link that is unknown, expired or revoked stays so: say it at once; other failures get retries. */
export const retryUnlessGone = (failures: number, error: unknown) => !isApiError(error, 404) && failures < 3;
