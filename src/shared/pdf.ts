import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

/**
 * PDF rendering for every feature (needs summaries, proposals): pdfmake with its bundled Roboto, which has
 * å, ä and ö, and nothing else — no URL is fetched and no file but the four font files is read.
 */
const require = createRequire(import.meta.url);
const roboto = {
  normal: require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'),
  bold: require.resolve('pdfmake/fonts/Roboto/Roboto-Medium.ttf'),
  italics: require.resolve('pdfmake/fonts/Roboto/Roboto-Italic.ttf'),
  bolditalics: require.resolve('pdfmake/fonts/Roboto/Roboto-MediumItalic.ttf'),
};
const fontFiles = new Set(Object.values(roboto));
pdfmake.setFonts({ Roboto: roboto });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => fontFiles.has(path));

/** A document definition that says its language (BCP 47: "sv", "en-GB"), as renderPdf requires. */
export type LuppDocument = TDocumentDefinitions & { language: string };

/**
 * Renders a definition to PDF bytes, as PDF/A-2b: Lupp's documents (proposals, agreements, the case's record…) are
 * official documents that an HEI registers and archives, and PDF/A is the format archives take for them (Riksarkivet's
 * technical requirements, RA-FS 2009:2).
 * pdfkit does the format's part: the fonts are embedded, an sRGB output intent and XMP metadata are written. The
 * document's language (`/Lang`) is required, for screen readers and the archive's metadata.
 * `compress: false` leaves the content streams readable (tests).
 */
export function renderPdf(definition: LuppDocument, options: { compress?: boolean } = {}) {
  return pdfmake
    .createPdf({
      ...definition,
      info: xmpSafe({ creator: 'Lupp', ...definition.info }),
      version: '1.7',
      subset: 'PDF/A-2b',
      compress: options.compress ?? true,
    })
    .getBuffer();
}

/**
 * pdfkit writes the title and the author into the XMP metadata as they are, unescaped: "Bygg & Montage AB" would
 * make the metadata malformed XML and the file fail PDF/A. The document information and the XMP must say the same,
 * so the characters are replaced by ones that look the same (＆ ‹ ›) in both, and control characters dropped.
 */
function xmpSafe(info: TDocumentDefinitions['info']): TDocumentDefinitions['info'] {
  const safe = (value: unknown) =>
    typeof value === 'string'
      ? value
          .replace(/&/g, '＆')
          .replace(/</g, '‹')
          .replace(/>/g, '›')
          // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what is removed
          .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
      : value;
  return Object.fromEntries(Object.entries(info ?? {}).map(([key, value]) => [key, safe(value)]));
}
