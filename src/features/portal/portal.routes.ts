import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { EVERY_MORNING } from '../../server/jobs.ts';
import {
  addCustomerMessage,
  casesForCustomer,
  customerCase,
  heisOfCustomer,
} from '../cases/cases.service.ts';
import { consortiaOfOrgNumber, inquiriesForOrgNumber } from '../inquiries/inquiries.service.ts';
import { actingCustomer, frontDoorsOf, getOrganisation } from '../tenancy/tenancy.service.ts';
import {
  portalCaseDetailSchema,
  portalCaseParams,
  portalMessageBody,
  portalOverviewSchema,
} from './portal.contract.ts';
import { customerToDo, remindCustomers } from './portal.service.ts';

// The customer portal: a customer organisation's contact people follow their inquiries and cases
// across HEIs, write to the HEI and read what was shared with them — never internal notes.

/** The morning reminders of what waits for customers (07:00 Swedish time, before the working day). */
export const REMINDER_QUEUE = 'customer-reminders';

export async function portalRoutes(app: App, { database: { db }, config, jobs }: Deps) {
  const tags = ['customer portal'];
  jobs.define(REMINDER_QUEUE, EVERY_MORNING, async () => {
    const sent = await remindCustomers(db, config.publicUrl);
    app.log.info({ sent }, 'customers reminded of what waits for them');
  });
  app.get(
    '/api/portal',
    {
      schema: {
        tags,
        summary: "The customer's inquiries and cases with their status, and what waits for the customer",
        response: { 200: portalOverviewSchema, ...problems(401, 403) },
      },
    },
    async (request) => {
      const customerId = actingCustomer(actorOf(request));
      const org = await getOrganisation(db, customerId);
      const orgNumber = org.orgNumber.replace('-', '');
      return {
        organisation: { id: org.id, name: org.name, orgNumber: org.orgNumber },
        toDo: await customerToDo(db, customerId),
        inquiries: await inquiriesForOrgNumber(db, orgNumber),
        cases: await casesForCustomer(db, customerId),
        frontDoors: await frontDoorsOf(db, {
          consortiumIds: await consortiaOfOrgNumber(db, orgNumber),
          heiIds: await heisOfCustomer(db, customerId),
        }),
      };
    },
  );

  app.get(
    '/api/portal/cases/:caseId',
    {
      schema: {
        tags,
        summary: 'One of the customer’s cases: what the HEI shared, never internal notes',
        params: portalCaseParams,
        response: { 200: portalCaseDetailSchema, ...problems(401, 403, 404) },
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
        params: portalCaseParams,
        body: portalMessageBody,
        response: { 201: portalCaseDetailSchema, ...problems(400, 401, 403, 404) },
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
            config.publicUrl,
          ),
        );
    },
  );
}
