import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { sendFile } from '../../server/http/files.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { actingCustomer } from '../tenancy/tenancy.service.ts';
import {
  addendumBody,
  agreementListSchema,
  agreementSchema,
  createAgreementBody,
  invoiceMarkBody,
  invoiceReferenceBody,
  updateAgreementBody,
} from './agreements.contract.ts';
import {
  addAddendum,
  agreementFile,
  billingCsv,
  createAgreement,
  customerAgreement,
  customerAgreements,
  getAgreement,
  listAgreements,
  markInvoiced,
  peppolInvoice,
  setInvoiceReference,
  setInvoiceReferenceAsCustomer,
  signAddendumAsCustomer,
  signAddendumAsHei,
  signAsCustomer,
  signAsHei,
  unmarkInvoiced,
  updateAgreement,
} from './agreements.service.ts';

const params = z.object({ agreementId: z.uuid() });
const addendumParams = params.extend({ number: z.coerce.number().int().min(1) });
const revision = z.strictObject({
  revision: z.number().int().min(1).describe('The revision read and signed'),
});

const pdfResponse = { 200: z.string().describe('The PDF') };

export async function agreementRoutes(app: App, { database: { db }, config }: Deps) {
  const tags = ['agreements'];
  const ok = (schema: z.ZodType) => ({ 200: schema, ...problems(400, 401, 403, 404, 409) });

  app.get(
    '/api/cases/:caseId/agreements',
    {
      schema: {
        tags,
        summary: "The case's agreements",
        params: z.object({ caseId: z.uuid() }),
        response: { 200: agreementListSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => listAgreements(db, actorOf(request), request.params.caseId),
  );
  app.post(
    '/api/cases/:caseId/agreements',
    {
      schema: {
        tags,
        summary: 'The agreement from the accepted proposal: its terms, price and a billing plan',
        params: z.object({ caseId: z.uuid() }),
        body: createAgreementBody,
        response: { 201: agreementSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createAgreement(db, actorOf(request), request.params.caseId, request.body)),
  );
  app.get(
    '/api/agreements/:agreementId',
    {
      schema: {
        tags,
        summary: 'One agreement with its signatures and addenda',
        params,
        response: { 200: agreementSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => getAgreement(db, actorOf(request), request.params.agreementId),
  );
  app.patch(
    '/api/agreements/:agreementId',
    {
      schema: {
        tags,
        summary: 'Change the clauses, deadline or billing plan before anyone signs',
        params,
        body: updateAgreementBody,
        response: ok(agreementSchema),
      },
    },
    async (request) => updateAgreement(db, actorOf(request), request.params.agreementId, request.body),
  );
  app.post(
    '/api/agreements/:agreementId/sign',
    {
      schema: {
        tags,
        summary: 'Sign for the HEI (managers, admins) the revision read',
        params,
        body: revision,
        response: ok(agreementSchema),
      },
    },
    async (request) =>
      signAsHei(db, actorOf(request), request.params.agreementId, request.body, config.publicUrl),
  );
  app.post(
    '/api/agreements/:agreementId/addenda',
    {
      schema: {
        tags,
        summary: 'An addendum to a signed agreement',
        params,
        body: addendumBody,
        response: ok(agreementSchema),
      },
    },
    async (request) => addAddendum(db, actorOf(request), request.params.agreementId, request.body),
  );
  app.post(
    '/api/agreements/:agreementId/addenda/:number/sign',
    {
      schema: {
        tags,
        summary: 'Sign an addendum for the HEI',
        params: addendumParams,
        response: ok(agreementSchema),
      },
    },
    async (request) =>
      signAddendumAsHei(
        db,
        actorOf(request),
        request.params.agreementId,
        request.params.number,
        config.publicUrl,
      ),
  );
  app.get(
    '/api/agreements/:agreementId/billing.csv',
    {
      schema: {
        tags,
        summary: "The billing plan as CSV for the HEI's finance system",
        params,
        response: { 200: z.string(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendFile(reply, {
        name: 'faktureringsplan.csv',
        type: 'text/csv; charset=utf-8',
        body: await billingCsv(db, actorOf(request), request.params.agreementId),
      }),
  );

  app.get(
    '/api/agreements/:agreementId/invoices/:number/peppol',
    {
      schema: {
        tags,
        summary: 'Payment `number` of the billing plan as a Peppol BIS Billing 3.0 UBL invoice',
        description:
          'Made from an agreement both parties signed; 409 invoice_details_missing lists what the invoice lacks ' +
          "(the customer's invoice reference, the HEI's bankgiro).",
        params: addendumParams,
        response: { 200: z.string().describe('UBL 2.1 Invoice XML'), ...problems(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { invoiceId, xml } = await peppolInvoice(
        db,
        actorOf(request),
        request.params.agreementId,
        request.params.number,
      );
      return sendFile(reply, { name: `${invoiceId}.xml`, type: 'application/xml; charset=utf-8', body: xml });
    },
  );
  app.put(
    '/api/agreements/:agreementId/invoices/:number',
    {
      schema: {
        tags,
        summary:
          'Record that payment `number` of the billing plan has been invoiced (coordinators, economists)',
        description:
          'The day and the number of the invoice in the finance system; again corrects the record. When every ' +
          "payment of the case's signed agreements is invoiced, the case's checklist item Fakturerat is ticked. " +
          '409 unless both parties have signed.',
        params: addendumParams,
        body: invoiceMarkBody,
        response: ok(agreementSchema),
      },
    },
    async (request) =>
      markInvoiced(db, actorOf(request), request.params.agreementId, request.params.number, request.body),
  );
  app.delete(
    '/api/agreements/:agreementId/invoices/:number',
    {
      schema: {
        tags,
        summary: 'Take back the record that payment `number` was invoiced (coordinators, economists)',
        description:
          "The case's checklist item Fakturerat is unticked again if Lupp ticked it (not if a person did).",
        params: addendumParams,
        response: ok(agreementSchema),
      },
    },
    async (request) =>
      unmarkInvoiced(db, actorOf(request), request.params.agreementId, request.params.number),
  );
  app.put(
    '/api/agreements/:agreementId/invoice-reference',
    {
      schema: {
        tags,
        summary: "Set the customer's reference for its invoices (also after signing: it is not a term)",
        params,
        body: invoiceReferenceBody,
        response: ok(agreementSchema),
      },
    },
    async (request) =>
      setInvoiceReference(db, actorOf(request), request.params.agreementId, request.body.invoiceReference),
  );

  app.get(
    '/api/agreements/:agreementId/pdf',
    {
      schema: {
        tags,
        summary: 'The agreement as a PDF: parties, clauses, price, billing plan, signatures and addenda',
        params,
        response: { ...pdfResponse, ...problems(401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await agreementFile(db, await getAgreement(db, actorOf(request), request.params.agreementId)),
      ),
  );

  app.get(
    '/api/portal/agreements',
    {
      schema: {
        tags,
        summary: "The customer's agreements",
        response: { 200: agreementListSchema, ...problems(401, 403) },
      },
    },
    async (request) => customerAgreements(db, actingCustomer(actorOf(request))),
  );
  app.get(
    '/api/portal/agreements/:agreementId/pdf',
    {
      schema: {
        tags,
        summary: 'The agreement as a PDF, for the customer',
        params,
        response: { ...pdfResponse, ...problems(401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await agreementFile(
          db,
          await customerAgreement(db, actingCustomer(actorOf(request)), request.params.agreementId),
        ),
      ),
  );
  app.post(
    '/api/portal/agreements/:agreementId/sign',
    {
      schema: {
        tags,
        summary: 'Sign for the customer the revision read',
        params,
        body: revision,
        response: ok(agreementSchema),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return signAsCustomer(
        db,
        actor,
        actingCustomer(actor),
        request.params.agreementId,
        request.body,
        config.publicUrl,
      );
    },
  );
  app.put(
    '/api/portal/agreements/:agreementId/invoice-reference',
    {
      schema: {
        tags,
        summary: 'Give the reference the customer wants on its invoices',
        params,
        body: invoiceReferenceBody,
        response: ok(agreementSchema),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return setInvoiceReferenceAsCustomer(
        db,
        actor,
        actingCustomer(actor),
        request.params.agreementId,
        request.body.invoiceReference,
      );
    },
  );
  app.post(
    '/api/portal/agreements/:agreementId/addenda/:number/sign',
    {
      schema: {
        tags,
        summary: 'Sign an addendum for the customer',
        params: addendumParams,
        response: ok(agreementSchema),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return signAddendumAsCustomer(
        db,
        actor,
        actingCustomer(actor),
        request.params.agreementId,
        request.params.number,
        config.publicUrl,
      );
    },
  );
}
