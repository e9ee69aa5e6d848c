import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF made by pdfmake (pdfkit), for assertions: every content stream (inflated when
 * compressed) is read, and the glyph codes in its Tj/TJ strings are turned back into characters through
 * the fonts' ToUnicode maps. Text objects (BT … ET) on the same baseline join into one line (pdfmake
 * writes a word per text object, with its trailing space), table cells separated by a tab. Not a
 * general PDF reader.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams = new Map<number, string>();
  const dictionaries = new Map<number, string>();
  const objectPattern = /(\d+) 0 obj\s*<<([\s\S]*?)>>\s*(stream\r?\n|endobj)/g;
  for (let m = objectPattern.exec(raw); m; m = objectPattern.exec(raw)) {
    const id = Number(m[1]);
    const dictionary = m[2] ?? '';
    dictionaries.set(id, dictionary);
    if (!m[3]?.startsWith('stream')) continue;
    const length = Number(dictionary.match(/\/Length (\d+)/)?.[1]);
    const start = m.index + m[0].length;
    const bytes = pdf.subarray(start, start + length);
    const data = dictionary.includes('/FlateDecode') ? inflateSync(bytes) : bytes;
    streams.set(id, data.toString('latin1'));
    objectPattern.lastIndex = start + length;
  }

  // Font resource name (/F1) → font object → its ToUnicode map (glyph code → text).
  const fontObjects = new Map<string, number>();
  for (const dictionary of dictionaries.values())
    for (const [, name, id] of dictionary.matchAll(/\/(F\d+) (\d+) 0 R/g))
      fontObjects.set(name ?? '', Number(id));
  const cmaps = new Map<string, Map<number, string>>();
  for (const [name, id] of fontObjects) {
    const toUnicode = Number(dictionaries.get(id)?.match(/\/ToUnicode (\d+) 0 R/)?.[1]);
    cmaps.set(name, parseCmap(streams.get(toUnicode) ?? ''));
  }

  const lines: string[] = [];
  for (const content of streams.values()) {
    if (!content.includes(' Tf')) continue;
    let baseline: number | null = null;
    for (const [, block] of content.matchAll(/BT([\s\S]*?)ET/g)) {
      const y = Number((block ?? '').match(/ ([\d.-]+) Tm/)?.[1]);
      let cmap = new Map<number, string>();
      let line = '';
      for (const [, font, strings] of (block ?? '').matchAll(
        /\/(F\d+) [\d.]+ Tf|(\[[^\]]*\]\s*TJ|<[0-9a-fA-F]*>\s*Tj)/g,
      )) {
        if (font) cmap = cmaps.get(font) ?? new Map();
        for (const [, hex] of (strings ?? '').matchAll(/<([0-9a-fA-F]*)>/g))
          for (let i = 0; i + 4 <= (hex ?? '').length; i += 4)
            line += cmap.get(Number.parseInt((hex ?? '').slice(i, i + 4), 16)) ?? '';
      }
      if (!line) continue;
      if (baseline !== null && Math.abs(y - baseline) < 0.5) {
        // A word ends with its space; without one, the next text is the next cell of a table row.
        const previous = lines[lines.length - 1] ?? '';
        lines[lines.length - 1] = `${previous}${/\s$/.test(previous) ? '' : '\t'}${line}`;
      } else lines.push(line);
      baseline = y;
    }
  }
  return lines.join('\n');
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  // A ligature's target holds several code units, written with spaces between them: <0066 006c> is "fl".
  const unicode = (hex: string) =>
    String.fromCharCode(...(hex.replace(/\s/g, '').match(/.{4}/g) ?? []).map((h) => Number.parseInt(h, 16)));
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, list, first] of (body ?? '').matchAll(
      /<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(?:\[([^\]]*)\]|<([0-9a-f\s]+)>)/gi,
    )) {
      const start = Number.parseInt(from ?? '', 16);
      const end = Number.parseInt(to ?? '', 16);
      const targets = list ? [...list.matchAll(/<([0-9a-f\s]+)>/gi)].map((t) => t[1] ?? '') : [];
      for (let code = start; code <= end; code++) {
        if (list) map.set(code, unicode(targets[code - start] ?? ''));
        else map.set(code, String.fromCharCode(Number.parseInt(first ?? '', 16) + code - start));
      }
    }
  }
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code, target] of (body ?? '').matchAll(/<([0-9a-f]+)>\s*<([0-9a-f\s]+)>/gi))
      map.set(Number.parseInt(code ?? '', 16), unicode(target ?? ''));
  return map;
}
