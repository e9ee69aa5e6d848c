import { queryOptions } from '@tanstack/react-query';
import { dashboardSchema } from '../../../features/dashboard/dashboard.contract.ts';
import type { KeyFigurePeriod } from '../../../shared/periods.ts';
import { api } from '../../api.ts';

export type { Dashboard } from '../../../features/dashboard/dashboard.contract.ts';
export { DASHBOARD_READERS } from '../../../features/dashboard/dashboard.contract.ts';

export const dashboardQuery = (period: KeyFigurePeriod) =>
  queryOptions({
    queryKey: ['dashboard', period],
    queryFn: ({ signal }) => api.get(`/api/dashboard?period=${period}`, dashboardSchema, signal),
  });

/** The key figures of a period as an Excel workbook, in the reader's language. */
export const keyFiguresExportUrl = (period: KeyFigurePeriod, language: string) =>
  `/api/dashboard/export?period=${period}&lang=${language === 'en' ? 'en' : 'sv'}`;
