import { z } from 'zod';
import { api } from '../../api.ts';

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

/** Uploads one file; `sharedWithCustomer` goes before the file, as the API reads it. */
export async function uploadDocument(
  path: string,
  file: File,
  options: { sharedWithCustomer?: boolean } = {},
): Promise<CaseDocument> {
  const form = new FormData();
  if (options.sharedWithCustomer) form.append('sharedWithCustomer', 'true');
  form.append('file', file, file.name);
  return api.upload(path, form, documentSchema);
}

/** File sizes in kB/MB, in the interface language's number format. */
export function formatSize(bytes: number, language: string) {
  const locale = language === 'en' ? 'en-GB' : 'sv-SE';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024)
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(bytes / 1024)} kB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
}
