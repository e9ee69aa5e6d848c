import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  assessmentListSchema,
  assessmentSchema,
  questionnaireSchema,
} from '../../../features/self-assessment/self-assessment.contract.ts';
import { api } from '../../api.ts';

export type Questionnaire = z.infer<typeof questionnaireSchema>;
export type Assessment = z.infer<typeof assessmentSchema>;
export type AssessmentList = z.infer<typeof assessmentListSchema>;

// The person's own and private: like every query but the session, dropped when someone signs in or out.
export const questionnaireQuery = queryOptions({
  queryKey: ['self-assessment', 'questionnaire'],
  queryFn: ({ signal }) => api.get('/api/self-assessments/questionnaire', questionnaireSchema, signal),
  staleTime: 60 * 60_000,
});

export const selfAssessmentsQuery = queryOptions({
  queryKey: ['self-assessment', 'mine'],
  queryFn: ({ signal }) => api.get('/api/self-assessments', assessmentListSchema, signal),
});

export const submitSelfAssessment = (questionnaire: string, answers: Record<string, number>) =>
  api.post('/api/self-assessments', { questionnaire, answers }, assessmentSchema);

/** A page of the public process guide in the interface language. */
export const guideHref = (id: string, language: string) =>
  language === 'en' ? `/en/guide/${id}` : `/guide/${id}`;
