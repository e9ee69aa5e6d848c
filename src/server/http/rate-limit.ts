import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

/** The routes anyone may call without signing in, by address: calendar feeds, credentials, the front door. */
const isPublic = (url: string) => url.startsWith('/api/public/');

/**
 * Limits how often one address may call the public routes, per app process: a credential's PDF is drawn
 * anew on every request, and a feed or a credential address passed further than meant must not let anyone
 * keep a process busy. Counting per process is on purpose: each process guards its own CPU, and nothing is
 * shared between them (several processes together allow that many times the limit). Too many requests
 * answer 429 `rate_limited` with Retry-After. Signing in has its own limit (better-auth), and the front
 * door's inquiries theirs per hour (in the database).
 */
export async function limitPublicRequests(app: FastifyInstance, perMinute: number) {
  if (perMinute === 0) return;
  await app.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: 60_000,
    allowList: (request) => !isPublic(request.url),
    // the error handler answers it as problem+json (429 rate_limited); the headers say when to try again
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`Too many requests; try again in ${context.after}.`), { statusCode: 429 }),
  });
}
