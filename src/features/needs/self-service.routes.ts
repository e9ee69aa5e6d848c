import { z } from 'zod';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { heatmap, heatmapSummary } from './heatmap.service.ts';
import {
  analysisSchema,
  answerSurveyBody,
  createdSurveySchema,
  createSurveyBody,
  heatmapSchema,
  needBody,
  organisationLevelBody,
  publicSurveySchema,
  roleBody,
  suggestionsQuery,
  suggestionsSchema,
  surveyResultsSchema,
  surveySummarySchema,
} from './needs.contract.ts';
import {
  addNeed,
  addRole,
  authorizeAnalysis,
  deleteNeed,
  deleteRole,
  getAnalysis,
  updateAnalysis,
  updateNeed,
  updateRole,
} from './needs.service.ts';
import { conceptSuggestions, selfServiceActor } from './self-service.service.ts';
import { answerSurvey, createSurvey, listSurveys, publicSurvey, surveyResults } from './survey.service.ts';

const tokenParams = z.object({ token: z.string().min(20).max(100) });
const roleParams = tokenParams.extend({ roleId: z.uuid() });
const needParams = tokenParams.extend({ needId: z.uuid() });
const surveyParams = tokenParams.extend({ surveyId: z.uuid() });

/**
 * Public routes: no sign-in, the token in the path is the credential.
 * - /api/self-service/:token — the customer works on the one analysis its link was made for
 *   (404 `self_service_link_invalid` when the link is unknown, revoked or expired).
 * - /api/survey/:token — one respondent of an anonymous self-assessment (404 `survey_link_invalid`).
 */
export async function selfServiceRoutes(app: App, { database: { db } }: Deps) {
  const tags = ['competence needs: customer self-service'];
  const config = { public: true };
  const one = { 200: analysisSchema, ...problems(400, 404) };
  const access = async <M extends 'read' | 'write'>(token: string, mode: M) => {
    const actor = await selfServiceActor(db, token);
    if (actor.kind !== 'self_service') throw new Error('unreachable');
    return authorizeAnalysis(db, actor, actor.analysisId, mode);
  };

  app.get(
    '/api/self-service/:token',
    {
      config,
      schema: {
        tags,
        summary: 'The analysis the link was made for (without person level)',
        params: tokenParams,
        response: one,
      },
    },
    async (request) => getAnalysis(db, await access(request.params.token, 'read')),
  );

  app.patch(
    '/api/self-service/:token',
    {
      config,
      schema: {
        tags,
        summary: 'Change the organisation level: strategy and drivers of change',
        params: tokenParams,
        body: organisationLevelBody,
        response: one,
      },
    },
    async (request) => updateAnalysis(db, await access(request.params.token, 'write'), request.body),
  );

  app.post(
    '/api/self-service/:token/roles',
    {
      config,
      schema: {
        tags,
        summary: 'Add a role',
        params: tokenParams,
        body: roleBody,
        response: { ...one, 201: analysisSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addRole(db, await access(request.params.token, 'write'), request.body)),
  );

  app.put(
    '/api/self-service/:token/roles/:roleId',
    { config, schema: { tags, summary: 'Revise a role', params: roleParams, body: roleBody, response: one } },
    async (request) =>
      updateRole(db, await access(request.params.token, 'write'), request.params.roleId, request.body),
  );

  app.delete(
    '/api/self-service/:token/roles/:roleId',
    { config, schema: { tags, summary: 'Remove a role and its needs', params: roleParams, response: one } },
    async (request) => deleteRole(db, await access(request.params.token, 'write'), request.params.roleId),
  );

  app.post(
    '/api/self-service/:token/needs',
    {
      config,
      schema: {
        tags,
        summary: 'Add a competence need (a concept or words; levels 0–5; importance 1–3)',
        params: tokenParams,
        body: needBody,
        response: { ...one, 201: analysisSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addNeed(db, await access(request.params.token, 'write'), request.body)),
  );

  app.put(
    '/api/self-service/:token/needs/:needId',
    {
      config,
      schema: {
        tags,
        summary: 'Revise a competence need',
        params: needParams,
        body: needBody,
        response: one,
      },
    },
    async (request) =>
      updateNeed(db, await access(request.params.token, 'write'), request.params.needId, request.body),
  );

  app.delete(
    '/api/self-service/:token/needs/:needId',
    { config, schema: { tags, summary: 'Remove a competence need', params: needParams, response: one } },
    async (request) => deleteNeed(db, await access(request.params.token, 'write'), request.params.needId),
  );

  app.get(
    '/api/self-service/:token/suggestions',
    {
      config,
      schema: {
        tags,
        summary:
          'Concepts for a picker: explained suggestions for the words and a concept search (text not stored)',
        params: tokenParams,
        querystring: suggestionsQuery,
        response: { 200: suggestionsSchema, ...problems(400, 404) },
      },
    },
    async (request) => {
      await selfServiceActor(db, request.params.token);
      return conceptSuggestions(db, {
        text: request.query.text,
        types: request.query.type
          ?.split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      });
    },
  );

  app.post(
    '/api/self-service/:token/surveys',
    {
      config,
      schema: {
        tags,
        summary: 'Make an anonymous self-assessment for your staff: one link per respondent, shown only now',
        params: tokenParams,
        body: createSurveyBody,
        response: { 201: createdSurveySchema, ...problems(400, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createSurvey(db, await access(request.params.token, 'write'), request.body)),
  );

  app.get(
    '/api/self-service/:token/surveys',
    {
      config,
      schema: {
        tags,
        summary: "The analysis' surveys with how many were invited and have answered",
        params: tokenParams,
        response: { 200: z.array(surveySummarySchema), ...problems(400, 404) },
      },
    },
    async (request) => listSurveys(db, await access(request.params.token, 'read')),
  );

  app.get(
    '/api/self-service/:token/surveys/:surveyId/results',
    {
      config,
      schema: {
        tags,
        summary:
          'Survey results: mean and distribution per question from 5 answers, per role from 5 answers in it',
        params: surveyParams,
        response: { 200: surveyResultsSchema, ...problems(400, 404) },
      },
    },
    async (request) => surveyResults(db, await access(request.params.token, 'read'), request.params.surveyId),
  );

  app.get(
    '/api/self-service/:token/heatmap',
    {
      config,
      schema: {
        tags,
        summary: heatmapSummary,
        params: tokenParams,
        response: { 200: heatmapSchema, ...problems(400, 404) },
      },
    },
    async (request) => heatmap(db, await access(request.params.token, 'read')),
  );

  // ------------------------------------------------------------ one respondent of a survey

  app.get(
    '/api/survey/:token',
    {
      config,
      schema: {
        tags: ['competence needs: self-assessment'],
        summary: 'The questions of an anonymous self-assessment, the roles to choose from and the levels 0–5',
        params: tokenParams,
        response: { 200: publicSurveySchema, ...problems(400, 404) },
      },
    },
    async (request) => publicSurvey(db, request.params.token),
  );

  app.post(
    '/api/survey/:token',
    {
      config,
      schema: {
        tags: ['competence needs: self-assessment'],
        summary:
          'Answer anonymously, once per link (409 survey_already_answered after that); every question, levels 0–5',
        params: tokenParams,
        body: answerSurveyBody,
        response: { 201: z.object({ answered: z.literal(true) }), ...problems(400, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await answerSurvey(db, request.params.token, request.body)),
  );
}
