import { queryOptions } from '@tanstack/react-query';
import {
  contributionSchema,
  type RegionalQuery,
  type RegionalTrendQuery,
  regionalAnalysisSchema,
  regionalTrendSchema,
} from '../../../features/regional/regional.contract.ts';
import { api } from '../../api.ts';

export type {
  CompetenceDemand,
  InquiryFigures,
  OccupationDemand,
  RegionalAnalysis,
  RegionalTrend,
  RegionalTrendQuery,
} from '../../../features/regional/regional.contract.ts';

const searchOf = (q: RegionalQuery | RegionalTrendQuery) =>
  new URLSearchParams({
    ...('period' in q ? { period: q.period } : {}),
    ...(q.county ? { county: q.county } : {}),
    ...(q.sector ? { sector: q.sector } : {}),
  }).toString();

export const regionalAnalysisQuery = (q: RegionalQuery) =>
  queryOptions({
    queryKey: ['regional-analysis', q.period, q.county ?? null, q.sector ?? null],
    queryFn: ({ signal }) => api.get(`/api/regional-analysis?${searchOf(q)}`, regionalAnalysisSchema, signal),
  });

/** The last five calendar years side by side, for a county and sector (the page's period does not apply). */
export const regionalTrendQuery = (q: RegionalTrendQuery) =>
  queryOptions({
    queryKey: ['regional-analysis', 'trend', q.county ?? null, q.sector ?? null],
    queryFn: ({ signal }) =>
      api.get(`/api/regional-analysis/trend?${searchOf(q)}`, regionalTrendSchema, signal),
  });

export const regionalExportUrl = (q: RegionalQuery, language: string, format: 'csv' | 'xlsx' = 'csv') =>
  `/api/regional-analysis/export?${searchOf(q)}&lang=${language === 'en' ? 'en' : 'sv'}&format=${format}`;

export const setContribution = (contributes: boolean) =>
  api.put('/api/regional-analysis/contribution', { contributes }, contributionSchema);
