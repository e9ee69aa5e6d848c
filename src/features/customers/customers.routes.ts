import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { fileName, sendFile } from '../../server/http/files.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { customerDetailSchema, customerListQuery, customerListSchema } from './customers.contract.ts';
import { customersCsv, getCustomer, listCustomers } from './customers.service.ts';

/** The HEI's customer register (Kunder): the organisations it has had cases with, and its history with each. */
export async function customerRoutes(app: App, { database: { db } }: Deps) {
  const tags = ['customers'];

  app.get(
    '/api/customers',
    {
      schema: {
        tags,
        summary:
          "The active HEI's customers: the organisations it has had cases with, with what came of them",
        querystring: customerListQuery,
        response: { 200: customerListSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => listCustomers(db, actorOf(request), request.query),
  );

  app.get(
    '/api/customers/export',
    {
      schema: {
        tags,
        summary: "The active HEI's customers as CSV (semicolons, UTF-8 with BOM), in Swedish or English",
        querystring: z.object({ lang: z.enum(['sv', 'en']).default('sv') }),
        response: { 200: z.string().describe('The file'), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { lang } = request.query;
      return sendFile(reply, {
        name: fileName([lang === 'sv' ? 'kunder' : 'customers', stockholmDate(new Date())], 'csv'),
        type: 'text/csv; charset=utf-8',
        body: await customersCsv(db, actorOf(request), lang),
      });
    },
  );

  app.get(
    '/api/customers/:customerId',
    {
      schema: {
        tags,
        summary:
          'One customer as the active HEI knows it: contact people, and its cases with them (404 if none)',
        params: z.object({ customerId: z.uuid() }),
        response: { 200: customerDetailSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getCustomer(db, actorOf(request), request.params.customerId),
  );
}
