import type { FastifyReply } from 'fastify';

/** A file a route sends instead of JSON: a PDF, a spreadsheet, an invoice, an upload. */
export type OutgoingFile = {
  /** The name a browser saves it as; any characters (customer names have å, ä and ö). */
  name: string;
  /** Its media type, e.g. `application/pdf` or `text/csv; charset=utf-8`. */
  type: string;
  body: string | Buffer | Uint8Array;
  /** Shown in the browser (a PDF to read) rather than saved. */
  inline?: boolean;
  /** The name for clients that do not read `filename*` (default: the name without accents). */
  asciiName?: string;
  /** The language of its content (`content-language`). */
  language?: string;
  /** Default `private, no-store`: files carry customers' and staff's data, so no shared cache keeps them. */
  cacheControl?: string;
};

/** "offert", "Växjö kommun", "v2", "pdf" → "offert-Växjö-kommun-v2.pdf": nothing a file system or header minds. */
export function fileName(parts: (string | number)[], extension: string): string {
  return `${parts.join('-')}.${extension}`.replace(/[^\p{L}\p{N}.-]+/gu, '-');
}

/** RFC 5987 encoding: `encodeURIComponent` leaves ' ( ) * ! as they are, which the header's syntax does not allow. */
const encodeExtended = (value: string) =>
  encodeURIComponent(value).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The content-disposition header (RFC 6266): a plain `filename` every client reads and, where the name is
 * not plain ASCII, the exact name as `filename*`.
 */
export function contentDisposition(file: Pick<OutgoingFile, 'name' | 'inline' | 'asciiName'>): string {
  const ascii = (file.asciiName ?? file.name.normalize('NFD'))
    .replace(/[^\x20-\x7e]+/g, '')
    .replace(/["\\]/g, '');
  const type = file.inline ? 'inline' : 'attachment';
  return ascii === file.name
    ? `${type}; filename="${ascii}"`
    : `${type}; filename="${ascii}"; filename*=UTF-8''${encodeExtended(file.name)}`;
}

/** Sends a file: its type, its name, its language, kept out of shared caches. */
export function sendFile(reply: FastifyReply, file: OutgoingFile) {
  reply
    .type(file.type)
    .header('content-disposition', contentDisposition(file))
    .header('cache-control', file.cacheControl ?? 'private, no-store');
  if (file.language) reply.header('content-language', file.language);
  // a text body goes out as it is: the route's 200 schema (a string) only documents it for OpenAPI
  if (typeof file.body === 'string') reply.serializer((payload: string) => payload);
  return reply.send(file.body);
}
