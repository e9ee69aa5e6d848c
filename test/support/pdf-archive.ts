import { SaxesParser } from 'saxes';
import { expect } from 'vitest';

export type PdfArchiveFacts = {
  version: string;
  /** pdfaid:part and pdfaid:conformance of the XMP metadata ("2", "B"), null without them */
  pdfA: string | null;
  /** an output intent for PDF/A (GTS_PDFA1) with an ICC profile */
  outputIntent: boolean;
  /** every font has its font file in the document */
  fontsEmbedded: boolean;
  encrypted: boolean;
  language: string | null;
  info: { title: string | null; author: string | null };
  xmp: { title: string | null; author: string | null };
};

/**
 * What an archive checks first in a PDF that says it is PDF/A, read from a PDF made by pdfmake (pdfkit): the
 * header's version, the XMP metadata's PDF/A identification (the XMP is parsed as XML, so malformed metadata
 * throws), the output intent, embedded fonts, no encryption, the language, and the title and author as the
 * document information and the XMP say them (PDF/A requires them to agree). Not a PDF/A validator: veraPDF or
 * PDFBox's preflight is (docs/decisions/0018-case-file.md says how Lupp's documents were checked with one).
 */
export function pdfArchiveFacts(pdf: Buffer): PdfArchiveFacts {
  const raw = pdf.toString('latin1');
  // each object's text: its dictionary, and its stream when it has one
  const objects = new Map<number, string>();
  const objectPattern = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = objectPattern.exec(raw); m; m = objectPattern.exec(raw)) objects.set(Number(m[1]), m[2] ?? '');
  const reference = (dictionary: string, key: string) =>
    Number(dictionary.match(new RegExp(`/${key} (\\d+) 0 R`))?.[1]);
  const trailer = raw.slice(raw.lastIndexOf('trailer'));
  const catalog = objects.get(reference(trailer, 'Root')) ?? '';
  const info = objects.get(reference(trailer, 'Info')) ?? '';
  const infoString = (key: string) => {
    const inline = info.match(new RegExp(`/${key} (\\([\\s\\S]*?(?<!\\\\)\\))`))?.[1];
    const literal = inline ?? objects.get(reference(info, key))?.trim();
    return literal?.startsWith('(') ? pdfString(literal) : null;
  };

  const metadata = objects.get(reference(catalog, 'Metadata')) ?? '';
  const stream = metadata.match(/stream\r?\n([\s\S]*?)\r?\nendstream/)?.[1];
  const xmp = stream ? readXmp(Buffer.from(stream, 'latin1').toString('utf8')) : null;
  const intent = objects.get(Number(catalog.match(/\/OutputIntents \[(\d+) 0 R/)?.[1])) ?? '';
  const descriptors = [...objects.values()].filter((o) => o.includes('/Type /FontDescriptor'));
  return {
    version: raw.match(/^%PDF-(\d\.\d)/)?.[1] ?? '',
    pdfA: xmp?.part ? `${xmp.part}${xmp.conformance ?? ''}` : null,
    outputIntent: intent.includes('/S /GTS_PDFA1') && Number.isFinite(reference(intent, 'DestOutputProfile')),
    fontsEmbedded: descriptors.length > 0 && descriptors.every((d) => /\/FontFile[23]? \d+ 0 R/.test(d)),
    encrypted: /\/Encrypt /.test(trailer),
    language: catalog.match(/\/Lang \(([^)]*)\)/)?.[1] ?? null,
    info: { title: infoString('Title'), author: infoString('Author') },
    xmp: { title: xmp?.title ?? null, author: xmp?.author ?? null },
  };
}

/** A PDF literal string, "(…)", with its escapes; UTF-16BE when it begins with the byte order mark. */
function pdfString(literal: string): string {
  const bytes = literal
    .slice(1, -1)
    .replace(/\\([nrtbf()\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' })[c] ?? c)
    .replace(/\\([0-7]{1,3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
  const buffer = Buffer.from(bytes, 'latin1');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return buffer.subarray(2).swap16().toString('utf16le');
  return bytes;
}

function readXmp(xml: string) {
  const found: { part?: string; conformance?: string; title?: string; author?: string } = {};
  const open: string[] = [];
  const parser = new SaxesParser();
  parser.on('error', (error) => {
    throw new Error(`the XMP metadata is not well-formed XML: ${error.message}`);
  });
  parser.on('opentag', (tag) => {
    open.push(tag.name);
  });
  parser.on('closetag', () => {
    open.pop();
  });
  parser.on('text', (text) => {
    const inside = (name: string) => open.includes(name);
    if (open.at(-1) === 'pdfaid:part') found.part = text.trim();
    else if (open.at(-1) === 'pdfaid:conformance') found.conformance = text.trim();
    else if (open.at(-1) === 'rdf:li' && inside('dc:title')) found.title = text;
    else if (open.at(-1) === 'rdf:li' && inside('dc:creator')) found.author = text;
  });
  parser.write(xml).close();
  return found;
}

/** A Lupp document as archives take it: PDF/A-2b in its language, its title the same in both metadata. */
export function expectPdfA(pdf: Buffer, expected: { language: string; title: string }) {
  const facts = pdfArchiveFacts(pdf);
  expect(facts).toMatchObject({
    version: '1.7',
    pdfA: '2B',
    outputIntent: true,
    fontsEmbedded: true,
    encrypted: false,
    language: expected.language,
  });
  expect(facts.info.title).toBe(expected.title);
  expect(facts.xmp).toEqual(facts.info);
}
