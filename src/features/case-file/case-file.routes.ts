import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { sendFile } from '../../server/http/files.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { caseFileZip, caseRecord } from './case-file.service.ts';

export async function caseFileRoutes(app: App, { database: { db } }: Deps) {
  app.get(
    '/api/cases/:caseId/file.zip',
    {
      schema: {
        tags: ['cases'],
        summary:
          "The case's file (akt) for the HEI's registry and archive, as a ZIP: the proposals sent and the agreements as PDFs, the post-calculations and course reports, the documents uploaded, the review and a contents list (admins, coordinators, economists, managers)",
        description:
          "Drafts and participants' personal data are left out. The contents list and the folders are in `lang`; each download is audited.",
        params: z.object({ caseId: z.uuid() }),
        querystring: z.object({ lang: z.enum(['sv', 'en']).default('sv') }),
        response: { 200: z.string().describe('The ZIP'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { name, zip } = await caseFileZip(
        db,
        actorOf(request),
        request.params.caseId,
        request.query.lang,
      );
      return sendFile(reply, { name, type: 'application/zip', body: zip });
    },
  );

  app.get(
    '/api/cases/:caseId/record.pdf',
    {
      schema: {
        tags: ['cases'],
        summary:
          "The record of the case's handling as a PDF: its details, the need, the checklist with who ticked what and when, and the whole timeline oldest first (admins, coordinators, economists, managers)",
        description: 'The case file (file.zip) holds it too. In `lang`; each download is audited.',
        params: z.object({ caseId: z.uuid() }),
        querystring: z.object({ lang: z.enum(['sv', 'en']).default('sv') }),
        response: { 200: z.string().describe('The PDF'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { name, body } = await caseRecord(
        db,
        actorOf(request),
        request.params.caseId,
        request.query.lang,
      );
      return sendFile(reply, { name, type: 'application/pdf', body });
    },
  );
}
