import { z } from 'zod';
import { ApiError, type Problem } from '../../api.ts';

export const documentSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.iso.datetime(),
  uploadedBy: z.string().nullable(),
  sharedWithCustomer: z.boolean(),
  fromCustomer: z.boolean(),
});
export type CaseDocument = z.infer<typeof documentSchema>;
export const documentListSchema = z.array(documentSchema);

/**
 * Uploads one file as multipart/form-data. The browser sets the boundary, so this does not go
 * through `api` (which sends JSON). `sharedWithCustomer` goes before the file, as the API reads it.
 */
export async function uploadDocument(
  path: string,
  file: File,
  options: { sharedWithCustomer?: boolean } = {},
): Promise<CaseDocument> {
  const form = new FormData();
  if (options.sharedWithCustomer) form.append('sharedWithCustomer', 'true');
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json, application/problem+json' },
      body: form,
    });
  } catch {
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error' });
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const body = (json ?? {}) as Partial<Problem>;
    throw new ApiError({
      type: body.type ?? 'about:blank',
      title: body.title ?? 'Error',
      status: response.status,
      code: body.code ?? 'error',
      detail: body.detail,
      requestId: body.requestId,
      errors: Array.isArray(body.errors) ? body.errors : undefined,
    });
  }
  return documentSchema.parse(json);
}

/** File sizes in kB/MB, in the interface language's number format. */
export function formatSize(bytes: number, language: string) {
  const locale = language === 'en' ? 'en-GB' : 'sv-SE';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024)
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(bytes / 1024)} kB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
}
