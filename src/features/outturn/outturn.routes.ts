import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { fileName, sendFile } from '../../server/http/files.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { renderPdf } from '../../shared/pdf.ts';
import { earlierOutturnSchema, outturnSchema, recordOutturnBody } from './outturn.contract.ts';
import { outturnPdf } from './outturn.pdf.ts';
import {
  earlierOutturns,
  getOutturn,
  outturnCsv,
  outturnDocument,
  recordOutturn,
} from './outturn.service.ts';

const params = z.object({ agreementId: z.uuid() });

/** The post-calculation (efterkalkyl) of a signed agreement: what the delivery used against what was calculated. */
export async function outturnRoutes(app: App, { database: { db } }: Deps) {
  const tags = ['post-calculation'];

  app.get(
    '/api/agreements/:agreementId/outturn',
    {
      schema: {
        tags,
        summary:
          "An agreement's post-calculation beside its calculation, and the result (admins, coordinators, economists, managers)",
        description: '409 until both parties have signed the agreement. Never shown to the customer.',
        params,
        response: { 200: outturnSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => getOutturn(db, actorOf(request), request.params.agreementId),
  );

  app.get(
    '/api/designs/:designId/earlier-outturns',
    {
      schema: {
        tags,
        summary:
          "The HEI's post-calculations of other deliveries built from the same catalogue courses as the design, newest first",
        description:
          'What such courses actually took against their calculations, for whoever calculates this one (admins, coordinators, economists, managers; at most 10).',
        params: z.object({ designId: z.uuid() }),
        response: { 200: z.array(earlierOutturnSchema), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => earlierOutturns(db, actorOf(request), request.params.designId),
  );

  app.get(
    '/api/agreements/:agreementId/outturn.csv',
    {
      schema: {
        tags,
        summary: 'The post-calculation as CSV for the HEI’s file, in Swedish or English (its readers)',
        description: '409 before one is recorded.',
        params,
        querystring: z.object({ lang: z.enum(['sv', 'en']).default('sv') }),
        response: { 200: z.string().describe('The CSV'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { title, csv } = await outturnCsv(
        db,
        actorOf(request),
        request.params.agreementId,
        request.query.lang,
      );
      return sendFile(reply, {
        name: fileName([request.query.lang === 'sv' ? 'efterkalkyl' : 'post-calculation', title], 'csv'),
        type: 'text/csv; charset=utf-8',
        body: csv,
      });
    },
  );

  app.get(
    '/api/agreements/:agreementId/outturn.pdf',
    {
      schema: {
        tags,
        summary:
          "The post-calculation as a PDF for the case's file, in Swedish or English, with the HEI's letterhead and the case's registration number (its readers)",
        description: '409 before one is recorded.',
        params,
        querystring: z.object({ lang: z.enum(['sv', 'en']).default('sv') }),
        response: { 200: z.string().describe('The PDF'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { lang } = request.query;
      const document = await outturnDocument(db, actorOf(request), request.params.agreementId);
      return sendFile(reply, {
        name: fileName([lang === 'sv' ? 'efterkalkyl' : 'post-calculation', document.outturn.title], 'pdf'),
        type: 'application/pdf',
        inline: true,
        body: await renderPdf(outturnPdf(document, lang)),
      });
    },
  );

  app.put(
    '/api/agreements/:agreementId/outturn',
    {
      schema: {
        tags,
        summary: 'Record or correct the post-calculation (coordinators, economists)',
        description:
          "What the delivery used, in the form of a design's costs, priced with the cost configuration version " +
          'of the calculation the agreement was priced by. `revision` 0 records the first; a later one names the ' +
          'revision read (409 edit_conflict if someone recorded it meanwhile).',
        params,
        body: recordOutturnBody,
        response: { 200: outturnSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => recordOutturn(db, actorOf(request), request.params.agreementId, request.body),
  );
}
