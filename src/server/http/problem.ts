import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** Stable, documented error codes. Clients switch on `code`, never on `title` or `detail`. */
export const problemCodes = [
  'validation_failed',
  'invalid_json',
  'unsupported_media_type',
  'unsupported_file_type',
  'body_too_large',
  'unauthenticated',
  'forbidden',
  'untrusted_origin',
  'not_found',
  'conflict',
  'invitation_invalid',
  'self_service_link_invalid',
  'survey_link_invalid',
  'survey_already_answered',
  'evaluation_link_invalid',
  'evaluation_already_answered',
  'evaluation_closed',
  'credential_already_issued',
  'credential_revoked',
  'credential_suspended',
  'credential_not_found',
  'credential_issuer_not_found',
  'edit_conflict',
  'no_cost_config',
  'invoice_details_missing',
  'member_leads_open_cases',
  'design_withdrawn',
  'design_in_proposal',
  'rate_limited',
  'not_ready',
  'internal_error',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(problemCodes),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .describe('One entry per bad field, for validation_failed'),
    changedBy: z
      .string()
      .optional()
      .describe('For edit_conflict: who saved the change this one was refused for'),
    changedAt: z.string().optional().describe('For edit_conflict: when they saved it (ISO 8601)'),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;
export type FieldError = { field: string; message: string };

/** Thrown by use cases and routes; turned into application/problem+json by the error handler. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    message: string,
    readonly errors?: FieldError[],
    readonly changed?: { changedBy?: string; changedAt?: string },
  ) {
    super(message);
  }
}

/**
 * Someone saved `what` after the caller read it: refused, nothing overwritten. Who and when travel as fields too, so
 * a client says it in its reader's language and time zone ("Karin Berg ändrade … 6 dec. 12:24").
 */
export const editConflict = (what: string, by: string | null | undefined, at: Date | null | undefined) =>
  new AppError(
    409,
    'edit_conflict',
    `${by ?? 'Someone'} changed ${what}${at ? ` at ${at.toISOString()}` : ''} after you opened it. Reload to see their change; nothing of it was overwritten.`,
    undefined,
    { ...(by ? { changedBy: by } : {}), ...(at ? { changedAt: at.toISOString() } : {}) },
  );

export const notFound = (what = 'The resource') =>
  new AppError(404, 'not_found', `${what} does not exist or you cannot see it.`);
export const forbidden = (why = 'You do not have a role that allows this.') =>
  new AppError(403, 'forbidden', why);
export const conflict = (why: string) => new AppError(409, 'conflict', why);
export const invalid = (errors: FieldError[]) =>
  new AppError(400, 'validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: ProblemCode,
  detail: string,
  errors?: FieldError[],
  changed?: AppError['changed'],
) {
  const body: Problem = {
    type: `https://lupp.se/problems/${code.replaceAll('_', '-')}`,
    title: titles[status] ?? 'Error',
    status,
    code,
    detail,
    instance: request.url.split('?')[0],
    requestId: String(request.id),
    ...(errors ? { errors } : {}),
    ...changed,
  };
  // Bypass the route's response serializer: the problem shape is the same for every route.
  return reply.status(status).type('application/problem+json').serializer(JSON.stringify).send(body);
}

/** Maps every error to problem+json with a stable code, naming the fields at fault. */
export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return sendProblem(
        reply,
        request,
        error.status,
        error.code,
        error.message,
        error.errors,
        error.changed,
      );
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const errors = error.validation.map((v) => ({
        field: fieldName(where, v.instancePath, v.params),
        message: v.message ?? 'is invalid',
      }));
      return sendProblem(
        reply,
        request,
        400,
        'validation_failed',
        errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        errors,
      );
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
      return sendProblem(reply, request, 500, 'internal_error', 'The server produced an invalid response.');
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(
          reply,
          request,
          400,
          'invalid_json',
          `The request body is not valid JSON: ${error.message}`,
        );
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(
          reply,
          request,
          413,
          'body_too_large',
          'The request body is larger than the server accepts.',
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(
          reply,
          request,
          415,
          'unsupported_media_type',
          'Send the body as application/json.',
        );
    }
    if (error.statusCode === 429)
      return sendProblem(reply, request, 429, 'rate_limited', 'Too many requests; try again shortly.');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, request, error.statusCode, 'validation_failed', error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(
      reply,
      request,
      500,
      'internal_error',
      'Something went wrong on our side. The request id identifies it in the logs.',
    );
  });
}

function fieldName(where: string, instancePath: string, params: Record<string, unknown>): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  // Unknown keys (strict objects) name the extra field itself.
  const keys = params?.keys as string[] | undefined;
  const extra = Array.isArray(keys) && keys.length ? keys.join(',') : undefined;
  return [where, path, extra].filter(Boolean).join('.');
}
