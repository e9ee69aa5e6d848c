import { describe, expect, it } from 'vitest';
import { pdfText } from '../../test/support/pdf-text.ts';
import { renderPdf } from './pdf.ts';

describe('PDF text', () => {
  // Roboto joins "fl", "fi" and "ff" into one glyph; a link or code copied out of the PDF must still read
  // as written, which rests on the glyph's ToUnicode entry (and the tests' reader must read it the same way).
  it('reads back letters that the font joins into ligatures', async () => {
    const written = 'https://lupp.example/credentials/8gflbUkanO offline fika';
    const pdf = await renderPdf({ content: [{ text: written }] });
    expect(pdfText(pdf).replace(/\t/g, '')).toBe(written);
  });
});
