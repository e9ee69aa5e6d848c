import { fromNodeHeaders } from 'better-auth/node';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { authUser } from '../../features/auth/auth.table.ts';
import type { Auth } from '../../features/auth/auth.ts';
import { type NotificationEmail, notificationEmailChoices } from '../../features/tenancy/tenancy.contract.ts';
import { type Actor, listMemberships } from '../../features/tenancy/tenancy.service.ts';
import { AppError, sendProblem } from './problem.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without signing in (health checks, the public parts of invitations, later the front door). */
    public?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Resolves the session on every request; routes that are not `public` answer 401 without one. */
export function registerAuthGuard(app: FastifyInstance, auth: Auth, db: Db, publicUrl: string) {
  const ownOrigin = new URL(publicUrl).origin;
  app.decorateRequest('actor', null);
  // onRequest, not preHandler: an unauthenticated request is refused before its body is even parsed.
  app.addHook('onRequest', async (request, reply) => {
    const url = request.routeOptions.url;
    if (!url?.startsWith('/api/') || url.startsWith('/api/auth/') || url.startsWith('/api/docs')) return;
    if (!sameOrigin(request, ownOrigin)) {
      return sendProblem(
        reply,
        request,
        403,
        'untrusted_origin',
        `Requests that change data must come from ${ownOrigin}.`,
      );
    }
    request.actor = await resolveActor(request, auth, db);
    if (!request.actor && !request.routeOptions.config.public) {
      return sendProblem(reply, request, 401, 'unauthenticated', 'Sign in to use this endpoint.');
    }
  });
}

/**
 * CSRF defence for cookie-authenticated changes (better-auth does the same for its own routes):
 * a POST/PUT/PATCH/DELETE carrying a cookie must name Lupp's own origin.
 */
function sameOrigin(request: FastifyRequest, ownOrigin: string): boolean {
  if (['GET', 'HEAD', 'OPTIONS'].includes(request.method) || !request.headers.cookie) return true;
  const claimed = request.headers.origin ?? request.headers.referer;
  if (!claimed) return false;
  try {
    return new URL(claimed).origin === ownOrigin;
  } catch {
    return false;
  }
}

async function resolveActor(request: FastifyRequest, auth: Auth, db: Db): Promise<Actor | null> {
  if (!request.headers.cookie && !request.headers.authorization) return null;
  const session = await auth.api.getSession({ headers: fromNodeHeaders(request.headers) });
  if (!session) return null;
  const { user } = session;
  await stampActivity(db, user.id, user.lastActiveAt);
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale === 'en' || user.locale === 'sv' ? user.locale : null,
    notificationEmail: (notificationEmailChoices as readonly string[]).includes(user.notificationEmail ?? '')
      ? (user.notificationEmail as NotificationEmail)
      : 'each',
    sessionId: session.session.id,
    activeMembershipId: session.session.activeMembershipId ?? null,
    memberships: await listMemberships(db, user.id),
  };
}

const DAY_MS = 86_400_000;

/** Keeps when the person last used Lupp (at most one write a day): inactive accounts are found by it. */
async function stampActivity(db: Db, userId: string, lastActiveAt: Date | string | null | undefined) {
  if (lastActiveAt && Date.now() - new Date(lastActiveAt).getTime() < DAY_MS) return;
  await db.update(authUser).set({ lastActiveAt: new Date() }).where(eq(authUser.id, userId));
}

/** The actor of a route that requires sign-in (the guard has already answered 401 otherwise). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError(401, 'unauthenticated', 'Sign in to use this endpoint.');
  return request.actor;
}
