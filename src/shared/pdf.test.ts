import { describe, expect, it } from 'vitest';
import { pdfArchiveFacts } from '../../test/support/pdf-archive.ts';
import { pdfText } from '../../test/support/pdf-text.ts';
import { renderPdf } from './pdf.ts';

describe('PDF text', () => {
  // Roboto joins "fl", "fi" and "ff" into one glyph; a link or code copied out of the PDF must still read
  // as written, which rests on the glyph's ToUnicode entry (and the tests' reader must read it the same way).
  it('reads back letters that the font joins into ligatures', async () => {
    const written = 'https://lupp.example/credentials/8gflbUkanO offline fika';
    const pdf = await renderPdf({ language: 'en', content: [{ text: written }] });
    expect(pdfText(pdf).replace(/\t/g, '')).toBe(written);
  });
});

describe('PDF for the archive', () => {
  it('is PDF/A-2b in its language, with its fonts embedded and an sRGB output intent', async () => {
    const pdf = await renderPdf({
      language: 'sv',
      info: { title: 'Avtal – Vård och omsorg', author: 'Högskolan i Gävle' },
      content: [{ text: 'Läs mer på webben', link: 'https://lupp.example/' }],
    });
    expect(pdfArchiveFacts(pdf)).toEqual({
      version: '1.7',
      pdfA: '2B',
      outputIntent: true,
      fontsEmbedded: true,
      encrypted: false,
      language: 'sv',
      info: { title: 'Avtal – Vård och omsorg', author: 'Högskolan i Gävle' },
      xmp: { title: 'Avtal – Vård och omsorg', author: 'Högskolan i Gävle' },
    });
  });

  // pdfkit writes the title into the XMP metadata unescaped: a customer called "Bygg & Montage AB" made it
  // malformed XML, and the file failed PDF/A.
  it('keeps its metadata well-formed, and the same in both places, when a title has & < or >', async () => {
    const pdf = await renderPdf({
      language: 'sv',
      info: { title: 'Offert – Bygg & Montage <Väst> AB', author: 'R&D-högskolan' },
      content: [{ text: 'Offert' }],
    });
    const facts = pdfArchiveFacts(pdf);
    expect(facts.info).toEqual({ title: 'Offert – Bygg ＆ Montage ‹Väst› AB', author: 'R＆D-högskolan' });
    expect(facts.xmp).toEqual(facts.info);
  });
});
