import { z } from 'zod';
import { ApiError, type Problem } from '../../api.ts';

export const taxonomyImportSchema = z.object({
  id: z.uuid(),
  source: z.string(),
  version: z.string(),
  language: z.string().nullable(),
  status: z.enum(['queued', 'running', 'succeeded', 'needs_decision', 'failed']),
  keepValidRows: z.boolean(),
  progress: z
    .object({ phase: z.enum(['reading', 'writing', 'linking', 'done']), done: z.number(), total: z.number() })
    .nullable(),
  counts: z.record(z.string(), z.number()),
  problems: z.array(z.object({ file: z.string(), row: z.number().nullable(), problem: z.string() })),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TaxonomyImport = z.infer<typeof taxonomyImportSchema>;
export const taxonomyImportListSchema = z.array(taxonomyImportSchema);

export const isRunning = (status: TaxonomyImport['status']) => status === 'queued' || status === 'running';

/** How far an import has come, 0–100: reading the files is the first 30 %, writing 60 %, linking the rest. */
export function percentDone(view: TaxonomyImport): number {
  if (!isRunning(view.status)) return 100;
  const p = view.progress;
  if (!p || view.status === 'queued') return 0;
  const share = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  const spans: Record<typeof p.phase, { from: number; width: number }> = {
    reading: { from: 0, width: 30 },
    writing: { from: 30, width: 60 },
    linking: { from: 90, width: 10 },
    done: { from: 100, width: 0 },
  };
  const { from, width } = spans[p.phase];
  return Math.round(from + share * width);
}

export type ImportForm = {
  format: 'esco' | 'jobtech';
  version: string;
  language: string;
  keepValidRows: boolean;
  files: File[];
};

/**
 * Uploads the files with the options as multipart/form-data (fields first, as the API reads them), with
 * XMLHttpRequest rather than fetch so the page can show how much of a large package has been sent.
 */
export function uploadTaxonomy(
  form: ImportForm,
  onUploadProgress: (sent: number, total: number) => void,
): Promise<TaxonomyImport> {
  const body = new FormData();
  body.append('format', form.format);
  if (form.version.trim()) body.append('version', form.version.trim());
  if (form.format === 'esco' && form.language.trim()) body.append('language', form.language.trim());
  body.append('keepValidRows', String(form.keepValidRows));
  for (const file of form.files) body.append('files', file, file.name);

  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/taxonomy/imports');
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onUploadProgress(event.loaded, event.total);
    };
    xhr.onerror = () =>
      reject(new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error' }));
    xhr.onload = () => {
      let json: unknown;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        json = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(taxonomyImportSchema.parse(json));
        return;
      }
      const problem = (json ?? {}) as Partial<Problem>;
      reject(
        new ApiError({
          type: problem.type ?? 'about:blank',
          title: problem.title ?? 'Error',
          status: xhr.status,
          code: problem.code ?? 'error',
          detail: problem.detail,
          requestId: problem.requestId,
          errors: Array.isArray(problem.errors) ? problem.errors : undefined,
        }),
      );
    };
    xhr.send(body);
  });
}
