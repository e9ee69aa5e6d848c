import { z } from 'zod';
import { stages } from '../cases/stages.ts';
import { inquiryStatuses } from '../inquiries/inquiries.contract.ts';

// What the customer portal answers (PortalOverview, PortalCase) and accepts, for the API and the web.
// A case here holds only what the HEI shared with the customer.

const portalCaseSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  title: z.string(),
  stage: z.enum(stages),
  outcome: z.string().nullable(),
  hei: z.string(),
  updatedAt: z.iso.datetime(),
});

export const portalCaseDetailSchema = portalCaseSchema
  .extend({
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
  })
  .meta({ id: 'PortalCase' });
export type PortalCaseDetail = z.infer<typeof portalCaseDetailSchema>;

export const portalOverviewSchema = z
  .object({
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
  })
  .meta({ id: 'PortalOverview' });
export type PortalOverview = z.infer<typeof portalOverviewSchema>;

export const portalCaseParams = z.object({ caseId: z.uuid() });

export const portalMessageBody = z.strictObject({ text: z.string().trim().min(2).max(10_000) });
