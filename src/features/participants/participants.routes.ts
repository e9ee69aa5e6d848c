import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { fileName, sendFile } from '../../server/http/files.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { actingCustomer } from '../tenancy/tenancy.service.ts';
import {
  importParticipantsBody,
  importReportSchema,
  participantInput,
  participantListSchema,
  revealedSchema,
} from './participants.contract.ts';
import { ladokRegistrationXlsx } from './participants.ladok.ts';
import {
  addParticipant,
  customerParticipants,
  heiParticipants,
  importParticipants,
  removeParticipant,
  revealPersonnummer,
} from './participants.service.ts';

const params = z.object({ agreementId: z.uuid() });
const one = params.extend({ participantId: z.uuid() });

export async function participantRoutes(app: App, { database: { db }, config }: Deps) {
  const tags = ['participants'];
  const key = config.personalDataKey;

  app.get(
    '/api/portal/agreements/:agreementId/participants',
    {
      schema: {
        tags,
        summary: 'The participants the customer has designated (personnummer masked)',
        params,
        response: { 200: participantListSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => customerParticipants(db, actingCustomer(actorOf(request)), request.params.agreementId),
  );
  app.post(
    '/api/portal/agreements/:agreementId/participants',
    {
      schema: {
        tags,
        summary: 'Designate a participant (signed agreement, until its deadline)',
        params,
        body: participantInput,
        response: { 200: participantListSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return addParticipant(db, key, actor, actingCustomer(actor), request.params.agreementId, request.body);
    },
  );
  app.delete(
    '/api/portal/agreements/:agreementId/participants/:participantId',
    {
      schema: {
        tags,
        summary: 'Take a participant off (until the deadline)',
        params: one,
        response: { 200: participantListSchema, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return removeParticipant(
        db,
        actor,
        actingCustomer(actor),
        request.params.agreementId,
        request.params.participantId,
      );
    },
  );
  app.post(
    '/api/portal/agreements/:agreementId/participants/import',
    {
      schema: {
        tags,
        summary: 'Participants from a CSV or XLSX file, with a report of every bad row',
        params,
        body: importParticipantsBody,
        response: { 200: importReportSchema, ...problems(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return importParticipants(
        db,
        key,
        actor,
        actingCustomer(actor),
        request.params.agreementId,
        request.body,
      );
    },
  );

  app.get(
    '/api/agreements/:agreementId/participants',
    {
      schema: {
        tags,
        summary: "The agreement's participants for the HEI (personnummer masked)",
        params,
        response: { 200: participantListSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => heiParticipants(db, actorOf(request), request.params.agreementId),
  );
  app.get(
    '/api/agreements/:agreementId/participants/:participantId/personnummer',
    {
      schema: {
        tags,
        summary: "A participant's whole personnummer (coordinators and admins; every view audited)",
        params: one,
        response: { 200: revealedSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) =>
      revealPersonnummer(db, key, actorOf(request), request.params.agreementId, request.params.participantId),
  );
  app.get(
    '/api/agreements/:agreementId/participants/ladok.xlsx',
    {
      schema: {
        tags,
        summary:
          'The participants who get credits, with whole personnummer, per course, for registering them in Ladok (coordinators and admins; audited)',
        description:
          "An Excel workbook: one row per participant and catalogue course of the approved design, and the agreement's details. 409 before both parties have signed, or when the course gives a certificate only.",
        params,
        querystring: z.object({ lang: z.enum(['sv', 'en']).default('sv') }),
        response: { 200: z.string().describe('The workbook'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { title, xlsx } = await ladokRegistrationXlsx(
        db,
        key,
        actorOf(request),
        request.params.agreementId,
        request.query.lang,
      );
      return sendFile(reply, {
        name: fileName([request.query.lang === 'sv' ? 'ladok-underlag' : 'ladok-list', title], 'xlsx'),
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: xlsx,
      });
    },
  );
}
