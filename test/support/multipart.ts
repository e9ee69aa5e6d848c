import { TEST_ORIGIN, type TestApp } from './app.ts';

export type MultipartFields = Record<string, string | { name: string; content: Buffer; type?: string }>;

/** A real multipart body, as a browser's FormData would send it. */
export async function multipart(fields: MultipartFields) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') form.append(key, value);
    else
      form.append(
        key,
        new Blob([new Uint8Array(value.content)], { type: value.type ?? 'application/octet-stream' }),
        value.name,
      );
  }
  const request = new Request('http://x/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') ?? '',
  };
}

/** POSTs a multipart form as a signed-in user's browser would. */
export async function uploadForm(t: TestApp, url: string, cookie: string, fields: MultipartFields) {
  const { payload, contentType } = await multipart(fields);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie, origin: TEST_ORIGIN, 'content-type': contentType },
    payload,
  });
}

/** The smallest file that file-type recognises as a PDF. */
export const MINIMAL_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
