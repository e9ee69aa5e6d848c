import type { z } from 'zod';

/** One bad field of a request, as the API names it (`body.email`, `body.roles`, …). */
export type FieldError = { field: string; message: string };

/** What every Lupp API error looks like (application/problem+json). */
export type Problem = {
  type: string;
  title: string;
  status: number;
  /** Stable: switch on this, never on `title` or `detail`. */
  code: string;
  detail?: string;
  requestId?: string;
  errors?: FieldError[];
  /** For edit_conflict: who saved in between, and when (ISO 8601). */
  changedBy?: string;
  changedAt?: string;
};

/**
 * A failed API call. `status` 0 with code `network_error` means the server could not be reached;
 * otherwise the fields come from the server's problem+json body.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  readonly errors: FieldError[];
  readonly changedBy: string | undefined;
  readonly changedAt: string | undefined;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.requestId = problem.requestId;
    this.errors = problem.errors ?? [];
    this.changedBy = problem.changedBy;
    this.changedAt = problem.changedAt;
  }

  /**
   * Field errors keyed by field name without the location prefix: `body.email` → `email`.
   * Only the first message per field is kept (that is what a form shows).
   */
  fieldErrors(location = 'body'): Record<string, string> {
    const result: Record<string, string> = {};
    for (const { field, message } of this.errors) {
      const name = field.startsWith(`${location}.`) ? field.slice(location.length + 1) : field;
      if (!(name in result)) result[name] = message;
    }
    return result;
  }
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Calls the Lupp API with the session cookie and JSON bodies. Resolves with the parsed body
 * (checked against `schema` when given), or `undefined` for 204; rejects with an `ApiError`.
 */
export async function request<T>(
  method: Method,
  path: string,
  options: { body?: unknown; schema?: z.ZodType<T>; signal?: AbortSignal } = {},
): Promise<T> {
  const multipart = options.body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json, application/problem+json',
        ...(options.body !== undefined && !multipart ? { 'content-type': 'application/json' } : {}),
      },
      // A FormData body goes as multipart/form-data, with the boundary the browser chooses.
      body: multipart
        ? (options.body as FormData)
        : options.body !== undefined
          ? JSON.stringify(options.body)
          : undefined,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error' });
  }
  const text = await response.text();
  const json: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) throw new ApiError(toProblem(response.status, json));
  if (response.status === 204 || json === undefined) return undefined as T;
  return options.schema ? options.schema.parse(json) : (json as T);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toProblem(status: number, body: unknown): Problem {
  if (body && typeof body === 'object' && 'code' in body && typeof body.code === 'string') {
    const b = body as Partial<Problem>;
    return {
      type: b.type ?? 'about:blank',
      title: b.title ?? 'Error',
      status: typeof b.status === 'number' ? b.status : status,
      code: b.code ?? 'internal_error',
      detail: b.detail,
      requestId: b.requestId,
      errors: Array.isArray(b.errors) ? b.errors : undefined,
      changedBy: typeof b.changedBy === 'string' ? b.changedBy : undefined,
      changedAt: typeof b.changedAt === 'string' ? b.changedAt : undefined,
    };
  }
  return { type: 'about:blank', title: 'Error', status, code: status >= 500 ? 'internal_error' : 'error' };
}

/** Shorthands: `api.get('/api/me', meSchema)`, `api.post(path, body)`, … */
export const api = {
  get: <T>(path: string, schema?: z.ZodType<T>, signal?: AbortSignal) =>
    request<T>('GET', path, { schema, signal }),
  post: <T>(path: string, body: unknown = {}, schema?: z.ZodType<T>) =>
    request<T>('POST', path, { body, schema }),
  put: <T>(path: string, body: unknown, schema?: z.ZodType<T>) => request<T>('PUT', path, { body, schema }),
  patch: <T>(path: string, body: unknown, schema?: z.ZodType<T>) =>
    request<T>('PATCH', path, { body, schema }),
  delete: (path: string) => request<undefined>('DELETE', path),
  /** Files and fields as multipart/form-data (fields first: the API reads them before the file). */
  upload: <T>(path: string, form: FormData, schema?: z.ZodType<T>) =>
    request<T>('POST', path, { body: form, schema }),
};

/**
 * The record a page asked for is not there: not found (404), or an address that cannot name one (a 400 that
 * refuses only the path's parameters, such as a mistyped or cut-off link), which the page says as "not found"
 * rather than as an error with the API's words ("params.caseId: Invalid UUID").
 */
export const isNoSuchRecord = (error: unknown) =>
  isApiError(error, 404) ||
  (isApiError(error, 400) &&
    error.errors.length > 0 &&
    error.errors.every((e) => e.field.startsWith('params.')));
