import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  type answerEvaluationBody,
  type answerFollowUpBody,
  createdEvaluationSchema,
  type createEvaluationBody,
  evaluationResultsSchema,
  evaluationSummarySchema,
  heiEvaluationsSchema,
  portalFollowUpSchema,
  publicEvaluationSchema,
  sharedEvaluationSchema,
} from '../../../features/evaluation/evaluation.contract.ts';
import { api } from '../../api.ts';

export type EvaluationSummary = z.infer<typeof evaluationSummarySchema>;
export type EvaluationResults = z.infer<typeof evaluationResultsSchema>;
export type PublicEvaluation = z.infer<typeof publicEvaluationSchema>;
export type PortalFollowUp = z.infer<typeof portalFollowUpSchema>;
export type FollowUp = NonNullable<EvaluationSummary['followUp']>;
export type { EvaluationFigures } from '../../../features/evaluation/evaluation.contract.ts';
export type SharedEvaluation = z.infer<typeof sharedEvaluationSchema>;
export { EVALUATION_MIN_ANSWERS, reactionKeys } from '../../../features/evaluation/evaluation.contract.ts';

export const caseEvaluationsQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['case', caseId, 'evaluations'],
    queryFn: ({ signal }) =>
      api.get(
        `/api/cases/${caseId}/evaluations`,
        z.object({ evaluations: z.array(evaluationSummarySchema) }),
        signal,
      ),
  });

export const evaluationResultsQuery = (evaluationId: string) =>
  queryOptions({
    queryKey: ['evaluation', evaluationId, 'results'],
    queryFn: ({ signal }) =>
      api.get(`/api/evaluations/${evaluationId}/results`, evaluationResultsSchema, signal),
  });

export const heiEvaluationsQuery = queryOptions({
  queryKey: ['evaluations'],
  queryFn: ({ signal }) => api.get('/api/evaluations', heiEvaluationsSchema, signal),
});

export const publicEvaluationQuery = (token: string) =>
  queryOptions({
    queryKey: ['feedback', token],
    queryFn: ({ signal }) => api.get(`/api/feedback/${token}`, publicEvaluationSchema, signal),
    retry: false,
  });

export const portalFollowUpsQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['portal', 'case', caseId, 'follow-ups'],
    queryFn: ({ signal }) =>
      api.get(`/api/portal/follow-ups?caseId=${caseId}`, z.array(portalFollowUpSchema), signal),
  });

export const portalEvaluationsQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['portal', 'case', caseId, 'evaluations'],
    queryFn: ({ signal }) =>
      api.get(`/api/portal/evaluations?caseId=${caseId}`, z.array(sharedEvaluationSchema), signal),
  });

export const createEvaluation = (caseId: string, body: z.input<typeof createEvaluationBody>) =>
  api.post(`/api/cases/${caseId}/evaluations`, body, createdEvaluationSchema);
export const closeEvaluation = (evaluationId: string) =>
  api.post(`/api/evaluations/${evaluationId}/close`, {}, evaluationSummarySchema);
export const shareEvaluation = (evaluationId: string) =>
  api.post(`/api/evaluations/${evaluationId}/share`, {}, evaluationSummarySchema);
export const requestFollowUp = (evaluationId: string) =>
  api.post(`/api/evaluations/${evaluationId}/follow-up`, {}, evaluationSummarySchema);
export const answerEvaluation = (token: string, body: z.input<typeof answerEvaluationBody>) =>
  api.post(`/api/feedback/${token}`, body);
export const answerFollowUp = (followUpId: string, body: z.input<typeof answerFollowUpBody>) =>
  api.post(`/api/portal/follow-ups/${followUpId}`, body, portalFollowUpSchema);
