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

/** Renders a definition to PDF bytes. `compress: false` leaves the content streams readable (tests). */
export function renderPdf(definition: TDocumentDefinitions, options: { compress?: boolean } = {}) {
  return pdfmake.createPdf({ ...definition, compress: options.compress ?? true }).getBuffer();
}
