import type { Content } from 'pdfmake/interfaces';
import type { LuppDocument } from '../../shared/pdf.ts';
import type { GuideTemplate } from './guide.content.ts';
import { type Block, type Inline, onlyBlanks, onlyCheckbox, toBlocks } from './guide.document.ts';
import { guideText } from './guide.text.ts';

/**
 * A template as an A4 PDF to print and fill in by hand: the template's own headings, lists and tables,
 * tick boxes as ○ (pdfmake's bundled Roboto has no empty square), blanks as lines to write on, empty table
 * cells with room to write, and a footer naming the guide, the template's version date and the page. Made
 * from the same token stream as the HTML and the DOCX; rendered with the shared `renderPdf`.
 */

const LINK_COLOUR = '#0b4f8a';
const headingSizes = [18, 13, 11.5, 10.5];

type TextPart = Exclude<Content, string> & { text: string };

/** `heiName`: the HEI whose version of the guide the template is from, named in the footer. */
export function templatePdf(template: GuideTemplate, publicUrl: string, heiName?: string): LuppDocument {
  const t = guideText[template.lang];
  const blocks = toBlocks(template.body.tokens, publicUrl);

  const parts = (content: Inline[]): (TextPart | string)[] =>
    content.map((c): TextPart | string => {
      switch (c.kind) {
        case 'checkbox':
          return { text: c.checked ? '●' : '○', fontSize: 12 } as TextPart;
        case 'blank':
          return { text: '_'.repeat(Math.max(12, c.length * 2)), color: '#4a5360' } as TextPart;
        case 'break':
          return '\n';
        default:
          return {
            text: c.text,
            ...(c.bold ? { bold: true } : {}),
            ...(c.italic ? { italics: true } : {}),
            ...(c.code ? { background: '#eef2f6' } : {}),
            ...(c.href ? { link: c.href, color: LINK_COLOUR, decoration: 'underline' } : {}),
          } as TextPart;
      }
    });

  const cell = (content: Inline[], header: boolean): Content => {
    if (onlyBlanks(content)) return { text: ' ', margin: [0, 5, 0, 5] };
    return {
      text: parts(content),
      ...(header ? { bold: true, fillColor: '#eef2f6' } : {}),
      ...(onlyCheckbox(content) ? { alignment: 'center' as const } : {}),
    };
  };

  const render = (list: Block[]): Content[] =>
    list.map((block): Content => {
      switch (block.kind) {
        case 'heading': {
          const size = headingSizes[Math.min(block.level, 4) - 1] ?? 10.5;
          return {
            text: parts(block.content),
            fontSize: size,
            bold: true,
            margin: [0, block.level === 1 ? 0 : 10, 0, block.level === 1 ? 10 : 5],
            headlineLevel: block.level,
          } as Content;
        }
        case 'paragraph':
          return { text: parts(block.content), margin: [0, 0, 0, 6] };
        case 'list': {
          const items = block.items.map((item) => ({ stack: render(item) }));
          return block.ordered
            ? { ol: items, start: block.start, margin: [0, 0, 0, 6] }
            : { ul: items, margin: [0, 0, 0, 6] };
        }
        case 'table': {
          const columns = Math.max(block.header.length, ...block.rows.map((r) => r.length));
          const pad = (row: Inline[][]) => [
            ...row,
            ...Array.from({ length: columns - row.length }, () => []),
          ];
          // Short columns (numbers, yes/no, tick boxes) take what they need, columns to write in a fixed
          // width when other columns have text, and the text columns share the rest.
          const length = (c: Inline[]) => c.reduce((n, x) => n + (x.kind === 'text' ? x.text.length : 1), 0);
          const kinds = Array.from({ length: columns }, (_, i) => {
            const cells = block.rows.map((r) => r[i] ?? []);
            if (cells.every(onlyBlanks)) return 'write';
            if (cells.every((c) => !onlyBlanks(c) && length(c) <= 4) && length(block.header[i] ?? []) <= 14)
              return 'short';
            return 'text';
          });
          const widths = kinds.map((kind) =>
            kind === 'short' ? 'auto' : kind === 'write' && kinds.includes('text') ? 70 : '*',
          );
          return {
            table: {
              headerRows: block.header.length ? 1 : 0,
              dontBreakRows: true,
              widths,
              body: [
                ...(block.header.length ? [pad(block.header).map((c) => cell(c, true))] : []),
                ...block.rows.map((r) => pad(r).map((c) => cell(c, false))),
              ],
            },
            layout: {
              hLineWidth: () => 0.5,
              vLineWidth: () => 0.5,
              hLineColor: () => '#9aa5b1',
              vLineColor: () => '#9aa5b1',
            },
            margin: [0, 2, 0, 10],
            fontSize: 9,
          };
        }
        case 'quote':
          return { stack: render(block.blocks), margin: [12, 0, 0, 6], color: '#4a5360' };
        case 'code':
          return { text: block.text, margin: [0, 0, 0, 6], background: '#eef2f6' };
        default:
          return {
            canvas: [{ type: 'line', x1: 0, y1: 4, x2: 483, y2: 4, lineWidth: 0.5, lineColor: '#9aa5b1' }],
            margin: [0, 4, 0, 8],
          };
      }
    });

  const updated = new Date(`${template.updated}T00:00:00Z`);
  return {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    language: t.locale,
    info: {
      title: template.title,
      author: 'Lupp',
      subject: template.summary,
      creator: `${t.siteName} – ${t.guideName}`,
      creationDate: updated,
      modDate: updated,
    },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
    content: render(blocks),
    footer: (page: number, pages: number) => ({
      columns: [
        {
          text: `${t.siteName} · ${t.guideName}${heiName ? ` · ${heiName}` : ''} · ${template.title} · ${template.updated}`,
        },
        { text: `${page} / ${pages}`, alignment: 'right', width: 40 },
      ],
      margin: [56, 20, 56, 0],
      fontSize: 8,
      color: '#4a5360',
    }),
  };
}
