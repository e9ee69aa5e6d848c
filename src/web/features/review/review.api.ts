import { queryOptions } from '@tanstack/react-query';
import { type CaseReview, caseReviewSchema } from '../../../features/review/review.contract.ts';
import { api } from '../../api.ts';

export type { CaseReview };

export const caseReviewQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['cases', caseId, 'review'],
    queryFn: ({ signal }) => api.get(`/api/cases/${caseId}/review`, caseReviewSchema, signal),
  });

export const saveCaseReview = (
  caseId: string,
  body: { wentWell: string; toImprove: string; followOn: string; revision?: number },
) => api.put(`/api/cases/${caseId}/review`, body, caseReviewSchema);
