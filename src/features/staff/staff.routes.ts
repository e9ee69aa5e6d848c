import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { sendFile } from '../../server/http/files.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import {
  meritExportQuery,
  meritRecordSchema,
  staffListSchema,
  staffProfileBody,
  staffProfileSchema,
  staffSearchBody,
  staffSearchSchema,
} from './staff.contract.ts';
import {
  exportMeritRecord,
  getStaffProfile,
  listStaff,
  meritRecord,
  saveStaffProfile,
  searchStaff,
} from './staff.service.ts';

const hei = z.object({ organisationId: z.uuid() });
const person = hei.extend({ userId: z.string().min(1).max(100) });

export async function staffRoutes(app: App, { database: { db } }: Deps) {
  const tags = ['staff profiles'];

  app.get(
    '/api/organisations/:organisationId/staff',
    {
      schema: {
        tags,
        summary: "The HEI's members with their staff profiles (coordinators, managers, admins)",
        params: hei,
        response: { 200: staffListSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => listStaff(db, actorOf(request), request.params.organisationId),
  );

  app.post(
    '/api/organisations/:organisationId/staff/search',
    {
      schema: {
        tags,
        summary:
          "Find teachers: the HEI's staff ranked by expertise in the concepts (or a design's needs), then availability and interest",
        params: hei,
        body: staffSearchBody,
        response: { 200: staffSearchSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => searchStaff(db, actorOf(request), request.params.organisationId, request.body),
  );

  app.get(
    '/api/organisations/:organisationId/staff/:userId',
    {
      schema: {
        tags,
        summary: "A person's staff profile: their own, or anyone's for coordinators, managers and admins",
        params: person,
        response: { 200: staffProfileSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) =>
      getStaffProfile(db, actorOf(request), request.params.organisationId, request.params.userId),
  );

  app.put(
    '/api/organisations/:organisationId/staff/:userId',
    {
      schema: {
        tags,
        summary: "Save a staff profile: the person their own, an admin anyone's at the HEI (audited)",
        params: person,
        body: staffProfileBody,
        response: { 200: staffProfileSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      saveStaffProfile(
        db,
        actorOf(request),
        request.params.organisationId,
        request.params.userId,
        request.body,
      ),
  );

  app.get(
    '/api/organisations/:organisationId/staff/:userId/merit',
    {
      schema: {
        tags,
        summary:
          "A person's record of collaboration merits: courses designed and taught, dialogues led, hours, evaluations",
        params: person,
        response: { 200: meritRecordSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) =>
      meritRecord(db, actorOf(request), request.params.organisationId, request.params.userId),
  );

  for (const format of ['docx', 'pdf'] as const)
    app.get(
      `/api/organisations/:organisationId/staff/:userId/merit.${format}`,
      {
        schema: {
          tags,
          summary: `The merit record as ${format === 'docx' ? 'a Word document (DOCX)' : 'a PDF'}, in Swedish or English (an export of someone else's is audited)`,
          params: person,
          querystring: meritExportQuery,
          response: {
            200: z.string().describe(`The ${format.toUpperCase()} file`),
            ...problems(400, 401, 403, 404),
          },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const language = request.query.language ?? actor.locale ?? 'sv';
        const file = await exportMeritRecord(
          db,
          actor,
          request.params.organisationId,
          request.params.userId,
          format,
          language,
        );
        return sendFile(reply as FastifyReply, {
          name: file.fileName,
          type: file.contentType,
          body: file.bytes,
          language,
        });
      },
    );
}
