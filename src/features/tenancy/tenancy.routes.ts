import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../server/http/auth-guard.ts';
import { AppError } from '../../server/http/problem.ts';
import { type App, type Deps, problems } from '../../server/http/types.ts';
import { handOverOpenCases, openCasesPerOwner } from '../cases/cases.service.ts';
import {
  listedMemberSchema,
  type Me,
  memberParams,
  memberSchema,
  meSchema,
  organisationParams,
  organisationSchema,
  roleSchema,
  setActiveMembershipBody,
  setLogoBody,
  setPreferencesBody,
  setRolesBody,
  updateOrganisationBody,
} from './tenancy.contract.ts';
import {
  type Actor,
  activeMembership,
  colleagues,
  getLogo,
  getOrganisation,
  listMembers,
  listMemberships,
  myConsortium,
  removeLogo,
  removeMember,
  requireOrganisationRole,
  setActiveMembership,
  setLogo,
  setMemberRoles,
  setPreferences,
  updateOrganisation,
} from './tenancy.service.ts';

export async function tenancyRoutes(app: App, { database: { db }, config }: Deps) {
  const me = async (actor: Actor): Promise<Me> => {
    const memberships = await listMemberships(db, actor.userId);
    const fresh = { ...actor, memberships };
    return {
      user: {
        id: actor.userId,
        name: actor.name,
        email: actor.email,
        locale: actor.locale,
        notificationEmail: actor.notificationEmail,
      },
      memberships,
      activeMembershipId: activeMembership(fresh)?.id ?? null,
    };
  };

  app.get(
    '/api/me',
    {
      schema: {
        tags: ['account'],
        summary: 'The signed-in user, their memberships and the active one',
        response: { 200: meSchema, ...problems(401) },
      },
    },
    async (request) => me(actorOf(request)),
  );

  app.put(
    '/api/me/active-membership',
    {
      schema: {
        tags: ['account'],
        summary: 'Switch the organisation (or consortium) this session acts in',
        body: setActiveMembershipBody,
        response: { 200: meSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await setActiveMembership(db, actor, request.body.membershipId);
      return me({ ...actor, activeMembershipId: request.body.membershipId });
    },
  );

  app.put(
    '/api/me/preferences',
    {
      schema: {
        tags: ['account'],
        summary: "Remember the user's interface language, and how they want notifications by e-mail",
        body: setPreferencesBody,
        response: { 200: meSchema, ...problems(400, 401) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { locale = actor.locale, notificationEmail = actor.notificationEmail } = request.body;
      await setPreferences(db, actor, request.body);
      return me({ ...actor, locale, notificationEmail });
    },
  );

  app.get(
    '/api/consortium',
    {
      schema: {
        tags: ['organisations'],
        summary: 'The consortium of the active organisation, with its member HEIs (for referrals)',
        response: {
          200: z.object({
            consortium: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }),
            heis: z.array(z.object({ id: z.uuid(), name: z.string() })),
          }),
          ...problems(401, 404),
        },
      },
    },
    async (request) => myConsortium(db, actorOf(request)),
  );

  app.get(
    '/api/colleagues',
    {
      schema: {
        tags: ['organisations'],
        summary: 'People in the active organisation: names and roles, for assigning tasks and @-mentions',
        response: {
          200: z.array(z.object({ userId: z.string(), name: z.string(), roles: z.array(roleSchema) })),
          ...problems(401),
        },
      },
    },
    async (request) => colleagues(db, actorOf(request)),
  );

  app.get(
    '/api/organisations/:organisationId',
    {
      schema: {
        tags: ['organisations'],
        summary: 'An organisation the user is a member of',
        params: organisationParams,
        response: { 200: organisationSchema, ...problems(401, 404) },
      },
    },
    async (request) => {
      requireOrganisationRole(actorOf(request), request.params.organisationId, []);
      return getOrganisation(db, request.params.organisationId);
    },
  );

  app.patch(
    '/api/organisations/:organisationId',
    {
      schema: {
        tags: ['organisations'],
        summary:
          "Change the organisation's name, organisationsnummer, bankgiro (HEIs) or postal address (admin; " +
          "a customer organisation's contact people may change its postal address)",
        params: organisationParams,
        body: updateOrganisationBody,
        response: { 200: organisationSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => updateOrganisation(db, actorOf(request), request.params.organisationId, request.body),
  );

  app.get(
    '/api/organisations/:organisationId/logo',
    {
      schema: {
        tags: ['organisations'],
        summary: "The organisation's logo (PNG or JPEG), for its members",
        params: organisationParams,
        response: { 200: z.string().describe('The image'), ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      const logo = await getLogo(db, actorOf(request), request.params.organisationId);
      // Bytes, not the JSON the schema's serializer is for (the schema documents the route).
      return (reply as FastifyReply)
        .type(logo.type)
        .header('cache-control', 'private, no-cache')
        .send(logo.bytes);
    },
  );

  app.put(
    '/api/organisations/:organisationId/logo',
    {
      schema: {
        tags: ['organisations'],
        summary:
          "Set the HEI's logo, printed on its proposals and agreements (admin): a PNG or JPEG data URL, at most 200 kB",
        params: organisationParams,
        body: setLogoBody,
        response: { 200: organisationSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => setLogo(db, actorOf(request), request.params.organisationId, request.body.dataUrl),
  );

  app.delete(
    '/api/organisations/:organisationId/logo',
    {
      schema: {
        tags: ['organisations'],
        summary: "Remove the organisation's logo (admin)",
        params: organisationParams,
        response: { 204: z.null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeLogo(db, actorOf(request), request.params.organisationId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/organisations/:organisationId/members',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Members of the organisation and their roles (admin, manager)',
        params: organisationParams,
        response: { 200: z.array(listedMemberSchema), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const members = await listMembers(db, actorOf(request), request.params.organisationId);
      const leading = await openCasesPerOwner(db, request.params.organisationId);
      return members.map((member) => ({ ...member, openCases: leading.get(member.userId) ?? 0 }));
    },
  );

  app.put(
    '/api/organisations/:organisationId/members/:membershipId/roles',
    {
      schema: {
        tags: ['organisations'],
        summary: "Set a member's roles (admin); the last admin cannot lose the admin role",
        params: memberParams,
        body: setRolesBody,
        response: { 200: memberSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      setMemberRoles(
        db,
        actorOf(request),
        request.params.organisationId,
        request.params.membershipId,
        request.body.roles,
      ),
  );

  app.delete(
    '/api/organisations/:organisationId/members/:membershipId',
    {
      schema: {
        tags: ['organisations'],
        summary:
          'Remove a member from the organisation (admin). A member who leads open cases at the HEI is removed only with a `successor`, a coordinator who takes the cases over in the same step (409 member_leads_open_cases without)',
        params: memberParams,
        querystring: z.object({
          successor: z
            .string()
            .min(1)
            .max(100)
            .optional()
            .describe("The user id of the coordinator who takes over the member's open cases"),
        }),
        response: { 204: z.null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { organisationId, membershipId } = request.params;
      const { successor } = request.query;
      await removeMember(db, actor, organisationId, membershipId, async (tx, userId) => {
        // the leaver's open cases never stay with someone who is no longer here
        const leading = (await openCasesPerOwner(tx, organisationId)).get(userId) ?? 0;
        if (!leading) return;
        if (!successor || successor === userId)
          throw new AppError(
            409,
            'member_leads_open_cases',
            `The member leads ${leading} open cases here: name the coordinator who takes them over (successor).`,
          );
        const handOver = { fromUserId: userId, ownerUserId: successor };
        await handOverOpenCases(tx, actor, organisationId, handOver, config.publicUrl, 'query.successor');
      });
      return reply.status(204).send(null);
    },
  );
}
