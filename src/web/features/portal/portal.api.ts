import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { stages } from '../../../features/cases/stages.ts';
import { inquiryStatuses } from '../../../features/inquiries/inquiries.contract.ts';
import { api } from '../../api.ts';

// The customer portal's answers (the API's PortalOverview and PortalCase).

const portalCaseSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  title: z.string(),
  stage: z.enum(stages),
  outcome: z.string().nullable(),
  hei: z.string(),
  updatedAt: z.iso.datetime(),
});
export const portalCaseDetailSchema = portalCaseSchema.extend({
  needText: z.string(),
  entries: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      occurredAt: z.iso.datetime(),
      author: z.string().nullable(),
      title: z.string(),
      body: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type PortalCaseDetail = z.infer<typeof portalCaseDetailSchema>;

export const portalOverviewSchema = z.object({
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  inquiries: z.array(
    z.object({
      reference: z.string(),
      submittedAt: z.iso.datetime(),
      status: z.enum(inquiryStatuses),
      needText: z.string(),
      handledBy: z.string().nullable(),
    }),
  ),
  cases: z.array(portalCaseSchema),
});
export type PortalOverview = z.infer<typeof portalOverviewSchema>;

export const portalQuery = queryOptions({
  queryKey: ['portal'],
  queryFn: ({ signal }) => api.get('/api/portal', portalOverviewSchema, signal),
});

export const portalCaseQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['portal', 'case', caseId],
    queryFn: ({ signal }) => api.get(`/api/portal/cases/${caseId}`, portalCaseDetailSchema, signal),
  });

export const sendPortalMessage = (caseId: string, text: string) =>
  api.post(`/api/portal/cases/${caseId}/messages`, { text }, portalCaseDetailSchema);
