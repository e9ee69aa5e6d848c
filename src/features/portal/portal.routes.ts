import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { addCustomerMessage, casesForCustomer, customerCase } from '../cases/cases.service.ts';
import { stages } from '../cases/stages.ts';
import { inquiryStatuses } from '../inquiries/inquiries.contract.ts';
import { inquiriesForOrgNumber } from '../inquiries/inquiries.service.ts';
import { actingCustomer, getOrganisation } from '../tenancy/tenancy.service.ts';

// The customer portal: a customer organisation's contact people follow their inquiries and cases
// across HEIs, write to the HEI and read what was shared with them — never internal notes.

const portalCase = z.object({
  id: z.uuid(),
  reference: z.string(),
  title: z.string(),
  stage: z.enum(stages),
  outcome: z.string().nullable(),
  hei: z.string(),
  updatedAt: z.iso.datetime(),
});
const portalCaseDetail = portalCase
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
const portalOverview = z
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
    cases: z.array(portalCase),
  })
  .meta({ id: 'PortalOverview' });

export async function portalRoutes(app: App, { database: { db } }: Deps) {
  const tags = ['customer portal'];
  app.get(
    '/api/portal',
    {
      schema: {
        tags,
        summary: "The customer's inquiries and cases with their status",
        response: { 200: portalOverview, ...problems(401, 403) },
      },
    },
    async (request) => {
      const customerId = actingCustomer(actorOf(request));
      const org = await getOrganisation(db, customerId);
      return {
        organisation: { id: org.id, name: org.name },
        inquiries: await inquiriesForOrgNumber(db, org.orgNumber.replace('-', '')),
        cases: await casesForCustomer(db, customerId),
      };
    },
  );

  const params = z.object({ caseId: z.uuid() });
  app.get(
    '/api/portal/cases/:caseId',
    {
      schema: {
        tags,
        summary: 'One of the customer’s cases: what the HEI shared, never internal notes',
        params,
        response: { 200: portalCaseDetail, ...problems(401, 403, 404) },
      },
    },
    async (request) => customerCase(db, actingCustomer(actorOf(request)), request.params.caseId),
  );

  app.post(
    '/api/portal/cases/:caseId/messages',
    {
      schema: {
        tags,
        summary: 'Write to the HEI on a case (answers, information); the case owner is e-mailed',
        params,
        body: z.strictObject({ text: z.string().trim().min(2).max(10_000) }),
        response: { 201: portalCaseDetail, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply
        .status(201)
        .send(
          await addCustomerMessage(
            db,
            actor,
            actingCustomer(actor),
            request.params.caseId,
            request.body.text,
          ),
        );
    },
  );
}
