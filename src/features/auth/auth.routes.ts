import { fromNodeHeaders } from 'better-auth/node';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ProblemCode, sendProblem } from '../../server/http/problem.ts';
import type { App, Deps } from '../../server/http/types.ts';

/** Mounts better-auth's own endpoints (sign-in, sign-out, session) under /api/auth/. */
export async function authRoutes(app: App, { auth }: Deps) {
  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    schema: { hide: true },
    async handler(request, reply) {
      const url = new URL(request.url, 'http://lupp.internal');
      const response = await auth.handler(
        new Request(`${auth.options.baseURL}${url.pathname}${url.search}`, {
          method: request.method,
          headers: fromNodeHeaders(request.headers),
          ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        }),
      );
      if (response.status >= 400) return authProblem(request, reply, response, String(auth.options.baseURL));
      reply.status(response.status);
      response.headers.forEach((value, key) => {
        if (key !== 'set-cookie') reply.header(key, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length) reply.header('set-cookie', cookies);
      return reply.send(response.body ? await response.text() : null);
    },
  });
}

/** better-auth's errors, as problem+json like every other Lupp error. */
async function authProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  response: Response,
  baseURL: string,
) {
  const body = (await response.json().catch(() => ({}))) as { message?: string; code?: string };
  const code: ProblemCode =
    // (Lupp reached at another address than its PUBLIC_URL, or a forged request)
    response.status === 403 && body.code === 'INVALID_ORIGIN'
      ? 'untrusted_origin'
      : response.status === 401
        ? 'unauthenticated'
        : response.status === 403
          ? 'forbidden'
          : response.status === 429
            ? 'rate_limited'
            : response.status === 404
              ? 'not_found'
              : response.status >= 500
                ? 'internal_error'
                : 'validation_failed';
  for (const cookie of response.headers.getSetCookie()) reply.header('set-cookie', cookie);
  const detail =
    code === 'untrusted_origin'
      ? `Sign-ins are accepted only from ${new URL(baseURL).origin}.`
      : (body.message ?? body.code ?? 'Authentication failed.');
  return sendProblem(reply, request, response.status, code, detail);
}
