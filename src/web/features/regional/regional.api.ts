import { queryOptions } from '@tanstack/react-query';
import {
  contributionSchema,
  type RegionalQuery,
  regionalAnalysisSchema,
} from '../../../features/regional/regional.contract.ts';
import { api } from '../../api.ts';

export type {
  CompetenceDemand,
  InquiryFigures,
  OccupationDemand,
  RegionalAnalysis,
} from '../../../features/regional/regional.contract.ts';

const searchOf = (q: RegionalQuery) =>
  new URLSearchParams({
    period: q.period,
    ...(q.county ? { county: q.county } : {}),
    ...(q.sector ? { sector: q.sector } : {}),
  }).toString();

export const regionalAnalysisQuery = (q: RegionalQuery) =>
  queryOptions({
    queryKey: ['regional-analysis', q.period, q.county ?? null, q.sector ?? null],
    queryFn: ({ signal }) => api.get(`/api/regional-analysis?${searchOf(q)}`, regionalAnalysisSchema, signal),
  });

export const regionalExportUrl = (q: RegionalQuery, language: string, format: 'csv' | 'xlsx' = 'csv') =>
  `/api/regional-analysis/export?${searchOf(q)}&lang=${language === 'en' ? 'en' : 'sv'}&format=${format}`;

export const setContribution = (contributes: boolean) =>
  api.put('/api/regional-analysis/contribution', { contributes }, contributionSchema);
