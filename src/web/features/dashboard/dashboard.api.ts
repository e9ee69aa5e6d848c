import { queryOptions } from '@tanstack/react-query';
import { dashboardSchema } from '../../../features/dashboard/dashboard.contract.ts';
import type { FigurePeriod } from '../../../shared/periods.ts';
import { api } from '../../api.ts';

export type { Dashboard } from '../../../features/dashboard/dashboard.contract.ts';
export { DASHBOARD_READERS } from '../../../features/dashboard/dashboard.contract.ts';

export const dashboardQuery = (period: FigurePeriod) =>
  queryOptions({
    queryKey: ['dashboard', period],
    queryFn: ({ signal }) => api.get(`/api/dashboard?period=${period}`, dashboardSchema, signal),
  });

/** The key figures of a period as an Excel workbook, in the reader's language. */
export const keyFiguresExportUrl = (period: FigurePeriod, language: string) =>
  `/api/dashboard/export?period=${period}&lang=${language === 'en' ? 'en' : 'sv'}`;
