import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { fileName, sendFile } from '../../server/http/files.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { renderPdf } from '../../shared/pdf.ts';
import { actingCustomer, organisationParty } from '../tenancy/tenancy.service.ts';
import { credentialPdf } from './credential.pdf.ts';
import {
  caseCredentialsSchema,
  credentialSummarySchema,
  issueCredentialsBody,
  issuedCredentialsSchema,
  portalCredentialSchema,
  publicCredentialSchema,
  revokeCredentialBody,
  rotateKeyBody,
  signingKeysSchema,
  suspendCredentialBody,
  verificationSchema,
  verifyCredentialBody,
} from './credentials.contract.ts';
import {
  caseCredentials,
  credentialPath,
  customerCredentials,
  issueCredentials,
  issuerKeys,
  issuerOf,
  publicCredential,
  reinstateCredential,
  revokeCredential,
  rotateSigningKey,
  signedCredential,
  signingKeys,
  statusList,
  suspendCredential,
  verifyCredential,
} from './credentials.service.ts';
import type { StatusPurpose } from './credentials.status-list.ts';

const caseParams = z.object({ caseId: z.uuid() });
// any length: a cut-off address gets the same "no credential has this address" as a wrong one
const codeParams = z.object({ code: z.string().min(1).max(100) });

/**
 * Micro-credentials: the HEI issues one to each participant who completed a course it gave; the learner
 * shares its address; anyone reads it there, downloads its PDF or its signed Open Badges 3.0 file, and checks
 * a file against the issuing HEI's key.
 */
export async function credentialRoutes(app: App, { database: { db }, config }: Deps) {
  const tags = ['credentials'];

  app.get(
    '/api/cases/:caseId/credentials',
    {
      schema: {
        tags,
        summary: "The case's micro-credentials, and the participants of each course given who may get one",
        params: caseParams,
        response: { 200: caseCredentialsSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => caseCredentials(db, actorOf(request), request.params.caseId),
  );

  app.post(
    '/api/cases/:caseId/credentials',
    {
      schema: {
        tags,
        summary:
          'Issue micro-credentials to participants who completed an approved design (409 credential_already_issued)',
        params: caseParams,
        body: issueCredentialsBody,
        response: { 201: issuedCredentialsSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await issueCredentials(db, actorOf(request), request.params.caseId, request.body, config.publicUrl),
        ),
  );

  app.post(
    '/api/credentials/:credentialId/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a micro-credential, with the reason (its address then says it was revoked)',
        params: z.object({ credentialId: z.uuid() }),
        body: revokeCredentialBody,
        response: { 200: credentialSummarySchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      revokeCredential(db, actorOf(request), request.params.credentialId, request.body.reason),
  );

  app.post(
    '/api/credentials/:credentialId/suspend',
    {
      schema: {
        tags,
        summary:
          'Suspend a micro-credential for now, with the reason (not valid, and in the suspension list, until reinstated)',
        params: z.object({ credentialId: z.uuid() }),
        body: suspendCredentialBody,
        response: { 200: credentialSummarySchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      suspendCredential(db, actorOf(request), request.params.credentialId, request.body.reason),
  );

  app.post(
    '/api/credentials/:credentialId/reinstate',
    {
      schema: {
        tags,
        summary: "Lift a micro-credential's suspension: valid again (409 if it is not suspended)",
        params: z.object({ credentialId: z.uuid() }),
        response: { 200: credentialSummarySchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => reinstateCredential(db, actorOf(request), request.params.credentialId),
  );

  app.get(
    '/api/portal/credentials',
    {
      schema: {
        tags,
        summary:
          "The micro-credentials the HEIs issued to the customer's participants (optionally one case's)",
        querystring: z.object({ caseId: z.uuid().optional() }),
        response: { 200: z.array(portalCredentialSchema), ...problems(400, 401, 403) },
      },
    },
    async (request) => customerCredentials(db, actingCustomer(actorOf(request)), request.query.caseId),
  );

  // ---------------------------------------------------------------- public: the address is what the learner shares

  app.get(
    '/api/public/credentials/:code',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'A micro-credential by its address: valid, suspended or revoked (404 credential_not_found)',
        params: codeParams,
        response: { 200: publicCredentialSchema, ...problems(400, 404) },
      },
    },
    async (request) => (await publicCredential(db, request.params.code)).credential,
  );

  app.get(
    '/api/public/credentials/:code/pdf',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'A micro-credential as a PDF with its verification address and QR code',
        params: codeParams,
        response: { 200: z.string().describe('The PDF'), ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const { credential, heiId } = await publicCredential(db, request.params.code);
      const hei = await organisationParty(db, heiId);
      return sendFile(reply, {
        name: fileName([credential.title, credential.learnerName], 'pdf'),
        type: 'application/pdf',
        inline: true,
        language: credential.language,
        body: await renderPdf(
          credentialPdf(credential, `${config.publicUrl}${credentialPath(request.params.code)}`, hei),
        ),
      });
    },
  );

  app.get(
    '/api/public/credentials/:code/signed',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'A micro-credential as an Open Badges 3.0 credential signed by its HEI (a JWT; 409 credential_revoked or credential_suspended)',
        params: codeParams,
        response: { 200: z.string().describe('The JWT'), ...problems(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const { jwt, row } = await signedCredential(
        db,
        config.personalDataKey,
        request.params.code,
        config.publicUrl,
      );
      return sendFile(reply, {
        name: fileName([row.title, row.learnerName], 'jwt'),
        type: 'application/jwt',
        body: jwt,
      });
    },
  );

  app.get(
    '/api/public/credential-issuers/:heiId',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          "An HEI's issuer profile (Open Badges 3.0) with the public key its credentials are signed with",
        params: z.object({ heiId: z.uuid() }),
        response: { 200: z.record(z.string(), z.unknown()), ...problems(400, 404) },
      },
    },
    async (request) => issuerOf(db, request.params.heiId, config.publicUrl),
  );

  app.get(
    '/api/public/credential-issuers/:heiId/revocation-list',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          "An HEI's revocation list (W3C Bitstring Status List) signed with its key: one bit per credential, set when revoked",
        params: z.object({ heiId: z.uuid() }),
        response: { 200: z.string().describe('The JWT (application/vc+jwt)'), ...problems(400, 404) },
      },
    },
    async (request, reply) => sendStatusList(reply, request.params.heiId, 'revocation'),
  );

  app.get(
    '/api/public/credential-issuers/:heiId/suspension-list',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          "An HEI's suspension list (W3C Bitstring Status List) signed with its key: one bit per credential, set while suspended",
        params: z.object({ heiId: z.uuid() }),
        response: { 200: z.string().describe('The JWT (application/vc+jwt)'), ...problems(400, 404) },
      },
    },
    async (request, reply) => sendStatusList(reply, request.params.heiId, 'suspension'),
  );

  async function sendStatusList(reply: FastifyReply, heiId: string, purpose: StatusPurpose) {
    const jwt = await statusList(db, config.personalDataKey, heiId, config.publicUrl, purpose);
    // verifiers may keep it a few minutes; a change shows in the list as soon as that has passed
    return reply.header('cache-control', 'public, max-age=300').type('application/vc+jwt').send(jwt);
  }

  app.get(
    '/api/public/credential-issuers/:heiId/keys',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          "An HEI's public keys as a JWK Set: the one in use and the retired ones that still check their files",
        params: z.object({ heiId: z.uuid() }),
        response: {
          200: z.object({ keys: z.array(z.record(z.string(), z.string())) }),
          ...problems(400, 404),
        },
      },
    },
    async (request) => issuerKeys(db, request.params.heiId, config.publicUrl),
  );

  app.get(
    '/api/organisations/:organisationId/credential-keys',
    {
      schema: {
        tags,
        summary: "The HEI's keys for signing micro-credentials, newest first (its administrators)",
        params: z.object({ organisationId: z.uuid() }),
        response: { 200: signingKeysSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => signingKeys(db, actorOf(request), request.params.organisationId),
  );

  app.post(
    '/api/organisations/:organisationId/credential-keys',
    {
      schema: {
        tags,
        summary:
          'Replace the key in use with a new one (key rotation; its administrators). The old one is retired, or withdrawn when it may have been exposed',
        params: z.object({ organisationId: z.uuid() }),
        body: rotateKeyBody,
        response: { 200: signingKeysSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      rotateSigningKey(
        db,
        actorOf(request),
        config.personalDataKey,
        request.params.organisationId,
        request.body.withdraw,
      ),
  );

  app.post(
    '/api/public/credentials/verify',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'Check a signed credential file: issued by an HEI here, its signature, and not revoked or suspended',
        body: verifyCredentialBody,
        response: { 200: verificationSchema, ...problems(400) },
      },
    },
    async (request) => verifyCredential(db, request.body.credential, config.publicUrl),
  );
}
