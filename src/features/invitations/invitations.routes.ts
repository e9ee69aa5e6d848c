import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { organisationParams } from '../tenancy/tenancy.contract.ts';
import {
  acceptInvitationBody,
  acceptInvitationResult,
  createInvitationBody,
  invitationParams,
  invitationSchema,
  invitationTokenParams,
  publicInvitationSchema,
} from './invitations.contract.ts';
import {
  acceptInvitation,
  createInvitation,
  listInvitations,
  revokeInvitation,
  showInvitation,
} from './invitations.service.ts';

export async function invitationRoutes(app: App, { database: { db }, auth, config, mailSender }: Deps) {
  app.get(
    '/api/organisations/:organisationId/invitations',
    {
      schema: {
        tags: ['invitations'],
        summary: "The organisation's invitations, newest first (admin)",
        params: organisationParams,
        response: { 200: z.array(invitationSchema), ...problems(401, 403, 404) },
      },
    },
    async (request) => listInvitations(db, actorOf(request), request.params.organisationId),
  );

  app.post(
    '/api/organisations/:organisationId/invitations',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Invite someone by e-mail with roles (admin); the e-mail goes to the outbox',
        params: organisationParams,
        body: createInvitationBody,
        response: { 201: invitationSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const created = await createInvitation(
        db,
        actorOf(request),
        config.publicUrl,
        request.params.organisationId,
        request.body,
      );
      void mailSender?.deliverPending();
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api/organisations/:organisationId/invitations/:invitationId',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Revoke a pending invitation (admin)',
        params: invitationParams,
        response: { 204: z.null(), ...problems(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await revokeInvitation(
        db,
        actorOf(request),
        request.params.organisationId,
        request.params.invitationId,
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/invitations/:token',
    {
      config: { public: true },
      schema: {
        tags: ['invitations'],
        summary: 'What an invitation link is for (public: the token is the credential)',
        params: invitationTokenParams,
        response: { 200: publicInvitationSchema, ...problems(400, 404) },
      },
    },
    async (request) => showInvitation(db, request.params.token),
  );

  app.post(
    '/api/invitations/:token/accept',
    {
      config: { public: true },
      schema: {
        tags: ['invitations'],
        summary: 'Accept an invitation: new users give name and password; existing users must be signed in',
        params: invitationTokenParams,
        body: acceptInvitationBody,
        response: { 200: acceptInvitationResult, ...problems(400, 401, 403, 404, 410) },
      },
    },
    async (request) => acceptInvitation(db, auth, request.actor, request.params.token, request.body),
  );
}
