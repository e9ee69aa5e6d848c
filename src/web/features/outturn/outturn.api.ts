import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  earlierOutturnSchema,
  type Outturn,
  outturnSchema,
  type recordOutturnBody,
} from '../../../features/outturn/outturn.contract.ts';
import { api } from '../../api.ts';

export type { Outturn };

/** Under the case's key, so that a change of the case's agreements fetches it again. */
export const outturnQuery = (caseId: string, agreementId: string) =>
  queryOptions({
    queryKey: ['case', caseId, 'outturn', agreementId],
    queryFn: ({ signal }) => api.get(`/api/agreements/${agreementId}/outturn`, outturnSchema, signal),
  });

export const recordOutturn = (agreementId: string, body: z.input<typeof recordOutturnBody>) =>
  api.put(`/api/agreements/${agreementId}/outturn`, body, outturnSchema);

export const earlierOutturnsQuery = (designId: string) =>
  queryOptions({
    queryKey: ['design', designId, 'earlier-outturns'],
    queryFn: ({ signal }) =>
      api.get(`/api/designs/${designId}/earlier-outturns`, z.array(earlierOutturnSchema), signal),
  });

/** The post-calculation as a file (CSV, or PDF for the case's file), in the reader's language. */
export const outturnFilePath = (agreementId: string, kind: 'csv' | 'pdf', language: string) =>
  `/api/agreements/${agreementId}/outturn.${kind}?lang=${language === 'en' ? 'en' : 'sv'}`;
