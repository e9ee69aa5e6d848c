import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { fileName, sendFile } from '../../server/http/files.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { renderPdf } from '../../shared/pdf.ts';
import { courseReportPdf } from './course-report.pdf.ts';
import { courseReport } from './course-report.service.ts';

export async function courseReportRoutes(app: App, { database: { db } }: Deps) {
  app.get(
    '/api/cases/:caseId/designs/:designId/report',
    {
      schema: {
        tags: ['evaluation'],
        summary:
          "A course's report for the follow-up meeting, as a PDF: sessions, attendance, credentials, evaluation on levels 1–4",
        params: z.object({ caseId: z.uuid(), designId: z.uuid() }),
        querystring: z.object({
          /** The report's language; by default the course's. */
          language: z.enum(['sv', 'en']).optional(),
        }),
        response: { 200: z.string().describe('The PDF'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { caseId, designId } = request.params;
      const report = await courseReport(db, actorOf(request), caseId, designId);
      const language = request.query.language ?? report.course.language;
      return sendFile(reply, {
        name: fileName([language === 'sv' ? 'kursrapport' : 'course-report', report.course.title], 'pdf'),
        type: 'application/pdf',
        inline: true,
        body: await renderPdf(courseReportPdf(report, language, report.hei)),
      });
    },
  );
}
