import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import type { Auth } from '../../features/auth/auth.ts';
import type { MailSender } from '../../features/mail/mail.service.ts';
import type { Config } from '../config.ts';
import type { Jobs } from '../jobs.ts';
import { problemSchema } from './problem.ts';

/** The Fastify instance every feature registers its routes on (zod schemas, typed handlers). */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What features get from the composition root. */
export type Deps = {
  config: Config;
  database: Database;
  auth: Auth;
  mailSender: MailSender | null;
  /** Background jobs (pg-boss): features define their queues while registering. */
  jobs: Jobs;
};

/** Problem responses for a route's schema, so OpenAPI documents them. */
export function problems(...statuses: (400 | 401 | 403 | 404 | 409 | 410 | 413 | 429 | 503)[]) {
  return Object.fromEntries(statuses.map((s) => [s, problemSchema])) as Record<number, typeof problemSchema>;
}
