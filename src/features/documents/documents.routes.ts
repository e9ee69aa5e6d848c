import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { sendFile } from '../../server/http/files.ts';
import { AppError, invalid } from '../../server/http/problem.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { actingCustomer } from '../tenancy/tenancy.service.ts';
import {
  addCaseDocument,
  addCustomerDocument,
  deleteCaseDocument,
  downloadCaseDocument,
  downloadCustomerDocument,
  listCaseDocuments,
  listCustomerDocuments,
  MAX_DOCUMENT_BYTES,
} from './documents.service.ts';

const documentSchema = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    mediaType: z.string(),
    sizeBytes: z.number().int(),
    uploadedAt: z.iso.datetime(),
    uploadedBy: z.string().nullable(),
    sharedWithCustomer: z.boolean(),
    fromCustomer: z.boolean(),
  })
  .meta({ id: 'CaseDocument' });
const caseParams = z.object({ caseId: z.uuid() });
const documentParams = caseParams.extend({ documentId: z.uuid() });
const uploadDescription =
  'multipart/form-data with one `file` (at most 10 MB: PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG or text, checked by content) and optionally `sharedWithCustomer=true`';

/** Reads the single uploaded file of a multipart request, refusing a missing or oversize one by name. */
async function readUpload(request: FastifyRequest) {
  if (!request.isMultipart())
    throw new AppError(415, 'unsupported_media_type', 'Send the file as multipart/form-data.');
  const file: MultipartFile | undefined = await request.file({
    limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1 },
  });
  if (!file) throw invalid([{ field: 'file', message: 'attach a file' }]);
  const content = await file.toBuffer().catch((error: { code?: string }) => {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, 'body_too_large', 'The file is larger than 10 MB.', [
        { field: 'file', message: 'is larger than 10 MB' },
      ]);
    }
    throw error;
  });
  const shared = file.fields.sharedWithCustomer;
  const sharedValue = shared && !Array.isArray(shared) && 'value' in shared ? String(shared.value) : 'false';
  return { fileName: file.filename, content, sharedWithCustomer: sharedValue === 'true' };
}

/** A stored document as the file it was uploaded as. */
function sendDocument(reply: FastifyReply, doc: { fileName: string; mediaType: string; content: Buffer }) {
  return sendFile(reply, { name: doc.fileName, type: doc.mediaType, body: doc.content });
}

export async function documentRoutes(app: App, { database: { db } }: Deps) {
  const tags = ['documents'];

  app.get(
    '/api/cases/:caseId/documents',
    {
      schema: {
        tags,
        summary: "The case's documents",
        params: caseParams,
        response: { 200: z.array(documentSchema), ...problems(401, 403, 404) },
      },
    },
    async (request) => listCaseDocuments(db, actorOf(request), request.params.caseId),
  );

  app.post(
    '/api/cases/:caseId/documents',
    {
      schema: {
        tags,
        summary: 'Attach a document to the case (coordinator, teacher, economist)',
        description: uploadDescription,
        params: caseParams,
        consumes: ['multipart/form-data'],
        response: { 201: documentSchema, ...problems(400, 401, 403, 404, 413), 415: problems(400)[400] },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const upload = await readUpload(request);
      return reply.status(201).send(await addCaseDocument(db, actor, request.params.caseId, upload));
    },
  );

  app.get(
    '/api/cases/:caseId/documents/:documentId',
    {
      schema: {
        tags,
        summary: 'Download a document',
        params: documentParams,
        response: { 200: z.string().describe('The file'), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendDocument(
        reply,
        await downloadCaseDocument(db, actorOf(request), request.params.caseId, request.params.documentId),
      ),
  );

  app.delete(
    '/api/cases/:caseId/documents/:documentId',
    {
      schema: {
        tags,
        summary: 'Remove a document',
        params: documentParams,
        response: { 204: z.null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteCaseDocument(db, actorOf(request), request.params.caseId, request.params.documentId);
      return reply.status(204).send(null);
    },
  );

  // The customer portal: the customer's uploads, and what the HEI shared with them.
  app.get(
    '/api/portal/cases/:caseId/documents',
    {
      schema: {
        tags: ['customer portal'],
        summary: 'Documents shared with the customer, and their own uploads',
        params: caseParams,
        response: { 200: z.array(documentSchema), ...problems(401, 403, 404) },
      },
    },
    async (request) => listCustomerDocuments(db, actingCustomer(actorOf(request)), request.params.caseId),
  );

  app.post(
    '/api/portal/cases/:caseId/documents',
    {
      schema: {
        tags: ['customer portal'],
        summary: 'Upload a document to the case (customer contact)',
        description: uploadDescription,
        params: caseParams,
        consumes: ['multipart/form-data'],
        response: { 201: documentSchema, ...problems(400, 401, 403, 404, 413), 415: problems(400)[400] },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const customerId = actingCustomer(actor);
      const upload = await readUpload(request);
      return reply
        .status(201)
        .send(await addCustomerDocument(db, actor, customerId, request.params.caseId, upload));
    },
  );

  app.get(
    '/api/portal/cases/:caseId/documents/:documentId',
    {
      schema: {
        tags: ['customer portal'],
        summary: 'Download a shared document',
        params: documentParams,
        response: { 200: z.string().describe('The file'), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendDocument(
        reply,
        await downloadCustomerDocument(
          db,
          actingCustomer(actorOf(request)),
          request.params.caseId,
          request.params.documentId,
        ),
      ),
  );
}
