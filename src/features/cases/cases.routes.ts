import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { nextReference } from '../inquiries/inquiries.service.ts';
import { invitationSchema } from '../invitations/invitations.contract.ts';
import { issueInvitation } from '../invitations/invitations.service.ts';
import { organisationParams } from '../tenancy/tenancy.contract.ts';
import { requireOrganisationRole } from '../tenancy/tenancy.service.ts';
import {
  boardSchema,
  caseDetailSchema,
  caseListQuery,
  caseListSchema,
  caseParams,
  checklistParams,
  closeBody,
  createCaseBody,
  createEntryBody,
  createTaskBody,
  dialogueTemplateSchema,
  handOverAllBody,
  handOverBody,
  heiChecklistSchema,
  moveBody,
  putChecklistBody,
  putDialogueTemplatesBody,
  taskParams,
  tickBody,
  updateCaseBody,
  updateTaskBody,
} from './cases.contract.ts';
import {
  addEntry,
  addTask,
  caseBoard,
  closeCase,
  createCase,
  customerOfCase,
  getCase,
  getDialogueTemplates,
  getHeiChecklist,
  handOverAllCases,
  handOverCase,
  listCases,
  moveCase,
  putDialogueTemplates,
  putHeiChecklist,
  tickChecklist,
  updateCase,
  updateTask,
} from './cases.service.ts';

export async function caseRoutes(app: App, { database: { db }, config }: Deps) {
  const tags = ['cases'];
  const one = { 200: caseDetailSchema, ...problems(400, 401, 403, 404, 409) };

  app.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary: "The active HEI's cases: full-text search (Swedish and English), filters, sorting, pages",
        querystring: caseListQuery,
        response: { 200: caseListSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const { overdue, ...rest } = request.query;
      return listCases(db, actorOf(request), { ...rest, overdue: overdue === 'true' });
    },
  );

  app.get(
    '/api/cases/board',
    {
      schema: {
        tags,
        summary: 'The kanban board: each open stage with its total and latest cases',
        response: { 200: boardSchema, ...problems(401, 403) },
      },
    },
    async (request) => caseBoard(db, actorOf(request)),
  );

  app.post(
    '/api/cases',
    {
      schema: {
        tags,
        summary: 'Open a case directly (an inquiry that came another way) (coordinator)',
        body: createCaseBody,
        response: { 201: caseDetailSchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCase(db, actorOf(request), request.body, nextReference)),
  );

  app.get(
    '/api/cases/:caseId',
    { schema: { tags, summary: 'A case: checklist, timeline, tasks', params: caseParams, response: one } },
    async (request) => getCase(db, actorOf(request), request.params.caseId),
  );

  app.patch(
    '/api/cases/:caseId',
    {
      schema: {
        tags,
        summary:
          "Correct a case's title, need, sector or subject area, and record how the customer buys (coordinator, manager)",
        params: caseParams,
        body: updateCaseBody,
        response: one,
      },
    },
    async (request) => updateCase(db, actorOf(request), request.params.caseId, request.body),
  );

  app.put(
    '/api/cases/:caseId/owner',
    {
      schema: {
        tags,
        summary: 'Hand the case over to another coordinator at the HEI (coordinator, manager)',
        params: caseParams,
        body: handOverBody,
        response: one,
      },
    },
    async (request) =>
      handOverCase(db, actorOf(request), request.params.caseId, request.body, config.publicUrl),
  );

  app.post(
    '/api/cases/hand-over',
    {
      schema: {
        tags,
        summary:
          'Hand every open case a person owns at the active HEI over to one coordinator (someone who leaves or goes on leave) (coordinator, manager, admin)',
        body: handOverAllBody,
        response: { 200: z.object({ handedOver: z.int() }), ...problems(400, 401, 403) },
      },
    },
    async (request) => handOverAllCases(db, actorOf(request), request.body, config.publicUrl),
  );

  app.put(
    '/api/cases/:caseId/checklist/:itemId',
    {
      schema: {
        tags,
        summary: 'Tick or untick a decision point (coordinator, teacher, economist)',
        params: checklistParams,
        body: tickBody,
        response: one,
      },
    },
    async (request) =>
      tickChecklist(
        db,
        actorOf(request),
        request.params.caseId,
        request.params.itemId,
        request.body.done,
        request.body.comment,
      ),
  );

  app.post(
    '/api/cases/:caseId/stage',
    {
      schema: {
        tags,
        summary:
          'Move to another stage; forward moves need the required items (409 names the missing ones) unless a manager overrides',
        params: caseParams,
        body: moveBody,
        response: one,
      },
    },
    async (request) =>
      moveCase(db, actorOf(request), request.params.caseId, request.body.to, request.body.overrideReason),
  );

  app.post(
    '/api/cases/:caseId/close',
    {
      schema: {
        tags,
        summary: 'Close a case: won, lost, declined or referred, with a reason',
        params: caseParams,
        body: closeBody,
        response: one,
      },
    },
    async (request) =>
      closeCase(
        db,
        actorOf(request),
        request.params.caseId,
        request.body.outcome,
        request.body.reason,
        request.body.overrideReason,
      ),
  );

  app.post(
    '/api/cases/:caseId/entries',
    {
      schema: {
        tags,
        summary:
          'Record a meeting, contact or note on the timeline, with the dialogue questions (why, what, how)',
        params: caseParams,
        body: createEntryBody,
        response: { ...one, 201: caseDetailSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addEntry(db, actorOf(request), request.params.caseId, request.body, config.publicUrl)),
  );

  app.post(
    '/api/cases/:caseId/tasks',
    {
      schema: {
        tags,
        summary: 'Add a task with assignee and due date',
        params: caseParams,
        body: createTaskBody,
        response: { ...one, 201: caseDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addTask(db, actorOf(request), request.params.caseId, request.body)),
  );

  app.patch(
    '/api/cases/:caseId/tasks/:taskId',
    {
      schema: {
        tags,
        summary: 'Change or complete a task',
        params: taskParams,
        body: updateTaskBody,
        response: one,
      },
    },
    async (request) =>
      updateTask(db, actorOf(request), request.params.caseId, request.params.taskId, request.body),
  );

  app.post(
    '/api/cases/:caseId/customer-contacts',
    {
      schema: {
        tags,
        summary:
          "Invite the customer's contact person to the customer portal (coordinator of the case's HEI)",
        params: caseParams,
        body: z.strictObject({
          email: z.string().trim().toLowerCase().max(254).pipe(z.email('must be an e-mail address')),
        }),
        response: { 201: invitationSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const customerId = await customerOfCase(db, actor, request.params.caseId);
      const invited = await issueInvitation(db, actor, config.publicUrl, customerId, {
        email: request.body.email,
        roles: ['customer_contact'],
      });
      return reply.status(201).send(invited);
    },
  );

  // ------------------------------------------------------------ each HEI's dialogue guides
  app.get(
    '/api/organisations/:organisationId/dialogue-templates',
    {
      schema: {
        tags,
        summary:
          "The HEI's guides for customer dialogue (the model's why/what/how and follow-up until adapted)",
        params: organisationParams,
        response: { 200: z.array(dialogueTemplateSchema), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      requireOrganisationRole(actorOf(request), request.params.organisationId, [
        'admin',
        'coordinator',
        'teacher',
        'economist',
        'manager',
      ]);
      return getDialogueTemplates(db, request.params.organisationId);
    },
  );

  app.put(
    '/api/organisations/:organisationId/dialogue-templates',
    {
      schema: {
        tags,
        summary: "Replace the HEI's dialogue guides (admin)",
        params: organisationParams,
        body: putDialogueTemplatesBody,
        response: { 200: z.array(dialogueTemplateSchema), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireOrganisationRole(actor, request.params.organisationId, ['admin']);
      return putDialogueTemplates(db, actor, request.params.organisationId, request.body.templates);
    },
  );

  // ------------------------------------------------------------ each HEI's own checklist
  app.get(
    '/api/organisations/:organisationId/checklist',
    {
      schema: {
        tags,
        summary: "The HEI's decision points per stage (the development model's defaults until adapted)",
        params: organisationParams,
        response: { 200: heiChecklistSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      requireOrganisationRole(actorOf(request), request.params.organisationId, [
        'admin',
        'coordinator',
        'manager',
      ]);
      return getHeiChecklist(db, request.params.organisationId);
    },
  );

  app.put(
    '/api/organisations/:organisationId/checklist',
    {
      schema: {
        tags,
        summary: "Replace the HEI's checklist (admin); removed items are archived, past cases keep them",
        params: organisationParams,
        body: putChecklistBody,
        response: { 200: heiChecklistSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireOrganisationRole(actor, request.params.organisationId, ['admin']);
      return putHeiChecklist(db, actor, request.params.organisationId, request.body.items);
    },
  );
}
