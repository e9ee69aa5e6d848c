import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { fileName, sendFile } from '../../server/http/files.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import {
  contributionBody,
  contributionSchema,
  regionalAnalysisSchema,
  regionalExportQuery,
  regionalQuery,
  regionalTrendQuery,
  regionalTrendSchema,
} from './regional.contract.ts';
import { regionalXlsx } from './regional.export.ts';
import { regionalAnalysis, regionalCsv, regionalTrend, setContribution } from './regional.service.ts';

/**
 * Pooled regional competence intelligence: the consortium's front-door inquiries and the competence needs
 * its HEIs found, summed across them for the region's analysts and the HEIs' planning. Anonymous sums only.
 */
export async function regionalRoutes(app: App, { database: { db } }: Deps) {
  const tags = ['regional analysis'];

  app.get(
    '/api/regional-analysis',
    {
      schema: {
        tags,
        summary:
          "The consortium's pooled analysis for a period and county: inquiries, competences and occupations " +
          'in demand, and the courses that teach them (for its HEIs and analysts)',
        querystring: regionalQuery,
        response: { 200: regionalAnalysisSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => regionalAnalysis(db, actorOf(request), request.query),
  );

  app.get(
    '/api/regional-analysis/trend',
    {
      schema: {
        tags,
        summary:
          'The pooled figures of the last five calendar years, year by year, for a county and sector: inquiries, ' +
          'analyses and organisations, and the competences most organisations named (each year from three)',
        querystring: regionalTrendQuery,
        response: { 200: regionalTrendSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => regionalTrend(db, actorOf(request), request.query),
  );

  app.get(
    '/api/regional-analysis/export',
    {
      schema: {
        tags,
        summary:
          'The pooled competences as CSV (semicolons, UTF-8 with BOM), or the whole analysis as an Excel ' +
          'workbook (sources, competences and when they are due, occupations, inquiries, course evaluations, the last five years), in Swedish or English',
        querystring: regionalExportQuery,
        response: { 200: z.string().describe('The file'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { lang, format, ...query } = request.query;
      const actor = actorOf(request);
      if (format === 'xlsx')
        return sendFile(reply, {
          name: fileName(
            [lang === 'sv' ? 'regional-analys' : 'regional-analysis', stockholmDate(new Date())],
            'xlsx',
          ),
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          body: await regionalXlsx(
            await regionalAnalysis(db, actor, query),
            await regionalTrend(db, actor, query),
            lang,
          ),
        });
      return sendFile(reply, {
        name: fileName(
          [
            lang === 'sv' ? 'kompetensbehov-regionalt' : 'regional-competence-needs',
            stockholmDate(new Date()),
          ],
          'csv',
        ),
        type: 'text/csv; charset=utf-8',
        body: await regionalCsv(db, actor, query, lang),
      });
    },
  );

  app.put(
    '/api/regional-analysis/contribution',
    {
      schema: {
        tags,
        summary:
          "Start or stop contributing the active HEI's needs analyses and unmet demand, as anonymous sums, " +
          "to the consortium's pooled analysis (its administrators)",
        body: contributionBody,
        response: { 200: contributionSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => setContribution(db, actorOf(request), request.body.contributes),
  );
}
