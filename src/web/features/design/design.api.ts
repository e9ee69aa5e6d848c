import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { courseListSchema } from '../../../features/catalog/catalog.contract.ts';
import {
  type createDesignBody,
  type DesignView,
  designCalculationListSchema,
  designCalculationSchema,
  designListSchema,
  designSchema,
  type updateDesignBody,
} from '../../../features/design/design.contract.ts';
import { analysisMatchesSchema } from '../../../features/matching/matching.contract.ts';
import {
  type createProposalBody,
  proposalListSchema,
  proposalSchema,
  type updateProposalBody,
} from '../../../features/proposals/proposals.contract.ts';
import { api } from '../../api.ts';

export type Design = DesignView;
export type DesignCalculation = z.infer<typeof designCalculationSchema>;
export type Proposal = z.infer<typeof proposalSchema>;
export type DesignUpdate = z.input<typeof updateDesignBody>;

export const designsQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['case', caseId, 'designs'],
    queryFn: ({ signal }) => api.get(`/api/cases/${caseId}/designs`, designListSchema, signal),
  });

export const calculationsQuery = (designId: string) =>
  queryOptions({
    queryKey: ['design', designId, 'calculations'],
    queryFn: ({ signal }) =>
      api.get(`/api/designs/${designId}/calculations`, designCalculationListSchema, signal),
  });

export const proposalsQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['case', caseId, 'proposals'],
    queryFn: ({ signal }) => api.get(`/api/cases/${caseId}/proposals`, proposalListSchema, signal),
  });

/** The courses the coordinator accepted as matches for the needs analyses (ids of the case's analyses). */
export const acceptedMatchesQuery = (analysisIds: string[]) =>
  queryOptions({
    queryKey: ['matches', 'accepted', analysisIds],
    queryFn: async ({ signal }) => {
      const all = await Promise.all(
        analysisIds.map((id) => api.get(`/api/analyses/${id}/matches?top=50`, analysisMatchesSchema, signal)),
      );
      const courses = new Map<
        string,
        { id: string; code: string; title: { sv: string | null; en: string | null }; hei: string }
      >();
      for (const result of all)
        for (const need of result.needs)
          for (const s of need.suggestions)
            if (s.decision?.decision === 'accepted')
              courses.set(s.course.id, {
                id: s.course.id,
                code: s.course.code,
                title: s.course.title,
                hei: s.course.hei.name,
              });
      return [...courses.values()];
    },
  });

export const catalogSearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['catalog', 'design-search', q],
    queryFn: ({ signal }) =>
      api.get(`/api/catalog/courses?${new URLSearchParams({ q, limit: '10' })}`, courseListSchema, signal),
  });

export const createDesign = (caseId: string, body: z.input<typeof createDesignBody>) =>
  api.post(`/api/cases/${caseId}/designs`, body, designSchema);

export const updateDesign = (designId: string, body: DesignUpdate) =>
  api.patch(`/api/designs/${designId}`, body, designSchema);

export const approveDesign = (designId: string, revision: number) =>
  api.post(`/api/designs/${designId}/approve`, { revision }, designSchema);

export const calculate = (designId: string) =>
  api.post(`/api/designs/${designId}/calculations`, undefined, designCalculationSchema);

export const approveCalculation = (designId: string, calculationId: string) =>
  api.post(
    `/api/designs/${designId}/calculations/${calculationId}/approve`,
    undefined,
    designCalculationSchema,
  );

export const createProposal = (caseId: string, body: z.input<typeof createProposalBody>) =>
  api.post(`/api/cases/${caseId}/proposals`, body, proposalSchema);

export const updateProposal = (proposalId: string, body: z.input<typeof updateProposalBody>) =>
  api.patch(`/api/proposals/${proposalId}`, body, proposalSchema);

export const sendProposal = (proposalId: string, revision: number) =>
  api.post(`/api/proposals/${proposalId}/send`, { revision }, proposalSchema);

export const cloneProposal = (proposalId: string) =>
  api.post(`/api/proposals/${proposalId}/clone`, undefined, proposalSchema);

export const proposalPdfPath = (proposalId: string) => `/api/proposals/${proposalId}/pdf`;

export const withdrawDesign = (designId: string, reason: string) =>
  api.post(`/api/designs/${designId}/withdraw`, { reason }, designSchema);

export const restoreDesign = (designId: string) =>
  api.post(`/api/designs/${designId}/restore`, undefined, designSchema);
