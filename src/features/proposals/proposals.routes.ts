import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { sendFile } from '../../server/http/files.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { actingCustomer } from '../tenancy/tenancy.service.ts';
import {
  createProposalBody,
  declineBody,
  proposalListSchema,
  proposalSchema,
  revisionBody,
  templateBody,
  templateParams,
  templateSchema,
  updateProposalBody,
} from './proposals.contract.ts';
import {
  acceptProposal,
  cloneProposal,
  createProposal,
  customerProposal,
  customerProposals,
  declineProposal,
  getProposal,
  getTemplate,
  listProposals,
  proposalFile,
  proposalForPdf,
  putTemplate,
  sendProposal,
  updateProposal,
} from './proposals.service.ts';

const params = z.object({ proposalId: z.uuid() });
const pdfResponse = { 200: z.string().describe('The PDF') };

export async function proposalRoutes(app: App, { database: { db }, config }: Deps) {
  const tags = ['proposals'];

  app.get(
    '/api/organisations/:organisationId/proposal-templates/:language',
    {
      schema: {
        tags,
        summary: "The HEI's proposal texts (introduction, terms) in a language, or Lupp's default",
        params: templateParams,
        response: { 200: templateSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) =>
      getTemplate(db, actorOf(request), request.params.organisationId, request.params.language),
  );

  app.put(
    '/api/organisations/:organisationId/proposal-templates/:language',
    {
      schema: {
        tags,
        summary: "The HEI's own proposal texts in a language (admins and coordinators)",
        params: templateParams,
        body: templateBody,
        response: { 200: templateSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      putTemplate(db, actorOf(request), request.params.organisationId, request.params.language, request.body),
  );

  app.get(
    '/api/cases/:caseId/proposals',
    {
      schema: {
        tags,
        summary: "The case's proposals, newest version first",
        params: z.object({ caseId: z.uuid() }),
        response: { 200: proposalListSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => listProposals(db, actorOf(request), request.params.caseId),
  );

  app.post(
    '/api/cases/:caseId/proposals',
    {
      schema: {
        tags,
        summary: 'A draft proposal from an approved design and its approved calculation',
        params: z.object({ caseId: z.uuid() }),
        body: createProposalBody,
        response: { 201: proposalSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createProposal(db, actorOf(request), request.params.caseId, request.body)),
  );

  app.get(
    '/api/proposals/:proposalId',
    {
      schema: {
        tags,
        summary: 'One proposal',
        params,
        response: { 200: proposalSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => getProposal(db, actorOf(request), request.params.proposalId),
  );

  app.patch(
    '/api/proposals/:proposalId',
    {
      schema: {
        tags,
        summary: 'Change a draft (refused once sent, or when changed by someone since it was read)',
        params,
        body: updateProposalBody,
        response: { 200: proposalSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateProposal(db, actorOf(request), request.params.proposalId, request.body),
  );

  app.post(
    '/api/proposals/:proposalId/send',
    {
      schema: {
        tags,
        summary: "Send the draft to the customer's portal; from then on it does not change",
        params,
        body: revisionBody,
        response: { 200: proposalSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      sendProposal(db, actorOf(request), request.params.proposalId, request.body, config.publicUrl),
  );

  app.post(
    '/api/proposals/:proposalId/clone',
    {
      schema: {
        tags,
        summary: "A new draft version with this one's texts, priced by the design's approved calculation now",
        params,
        response: { 201: proposalSchema, ...problems(401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await cloneProposal(db, actorOf(request), request.params.proposalId)),
  );

  app.get(
    '/api/proposals/:proposalId/pdf',
    {
      schema: {
        tags,
        summary: 'The proposal as a PDF',
        params,
        response: { ...pdfResponse, ...problems(401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await proposalFile(db, await proposalForPdf(db, actorOf(request), request.params.proposalId)),
      ),
  );

  // ---------------------------------------------------------------- the customer, in the portal

  app.get(
    '/api/portal/proposals',
    {
      schema: {
        tags,
        summary: "The customer's proposals from HEIs (sent and decided)",
        response: { 200: proposalListSchema, ...problems(401, 403) },
      },
    },
    async (request) => customerProposals(db, actingCustomer(actorOf(request))),
  );

  app.get(
    '/api/portal/proposals/:proposalId',
    {
      schema: {
        tags,
        summary: 'One proposal to the customer',
        params,
        response: { 200: proposalSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => customerProposal(db, actingCustomer(actorOf(request)), request.params.proposalId),
  );

  app.get(
    '/api/portal/proposals/:proposalId/pdf',
    {
      schema: {
        tags,
        summary: 'The proposal as a PDF',
        params,
        response: { ...pdfResponse, ...problems(401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await proposalFile(
          db,
          await customerProposal(db, actingCustomer(actorOf(request)), request.params.proposalId),
        ),
      ),
  );

  app.post(
    '/api/portal/proposals/:proposalId/accept',
    {
      schema: {
        tags,
        summary: 'Accept the proposal (while it is valid); other open versions are withdrawn',
        params,
        response: { 200: proposalSchema, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return acceptProposal(db, actor, actingCustomer(actor), request.params.proposalId, config.publicUrl);
    },
  );

  app.post(
    '/api/portal/proposals/:proposalId/decline',
    {
      schema: {
        tags,
        summary: 'Decline the proposal, with a reason for the HEI',
        params,
        body: declineBody,
        response: { 200: proposalSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return declineProposal(
        db,
        actor,
        actingCustomer(actor),
        request.params.proposalId,
        request.body,
        config.publicUrl,
      );
    },
  );
}
