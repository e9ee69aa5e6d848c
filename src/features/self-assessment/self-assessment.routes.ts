import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import {
  assessmentListSchema,
  assessmentSchema,
  questionnaireSchema,
  submitSelfAssessmentBody,
} from './self-assessment.contract.ts';
import {
  getQuestionnaire,
  getSelfAssessment,
  listSelfAssessments,
  submitSelfAssessment,
} from './self-assessment.service.ts';

/** The signed-in person's own collaboration-skills self-assessments: nobody else reads them. */
export async function selfAssessmentRoutes(app: App, { database: { db } }: Deps) {
  const tags = ['self-assessment'];

  app.get(
    '/api/self-assessments/questionnaire',
    {
      schema: {
        tags,
        summary: 'The collaboration-skills questionnaire people answer now (statements per area, scale 1–5)',
        response: { 200: questionnaireSchema, ...problems(401) },
      },
    },
    async (request) => {
      actorOf(request);
      return getQuestionnaire();
    },
  );

  app.get(
    '/api/self-assessments',
    {
      schema: {
        tags,
        summary: "The signed-in person's own self-assessments (newest first) and the latest in full",
        response: { 200: assessmentListSchema, ...problems(401) },
      },
    },
    async (request) => listSelfAssessments(db, actorOf(request)),
  );

  app.post(
    '/api/self-assessments',
    {
      schema: {
        tags,
        summary:
          'Take the self-assessment (staff of HEIs): every statement answered 1–5; results per area and suggestions',
        body: submitSelfAssessmentBody,
        response: { 201: assessmentSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await submitSelfAssessment(db, actorOf(request), request.body)),
  );

  app.get(
    '/api/self-assessments/:assessmentId',
    {
      schema: {
        tags,
        summary: "One of the signed-in person's own self-assessments (anyone else's is not found)",
        params: z.object({ assessmentId: z.uuid() }),
        response: { 200: assessmentSchema, ...problems(401, 404) },
      },
    },
    async (request) => getSelfAssessment(db, actorOf(request), request.params.assessmentId),
  );
}
