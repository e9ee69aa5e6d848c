import {
  AlignmentType,
  CheckBox,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { GuideTemplate } from './guide.content.ts';
import { type Block, type Inline, onlyBlanks, onlyCheckbox, toBlocks } from './guide.document.ts';
import { guideText } from './guide.text.ts';

/**
 * A template as a Word document (DOCX) to fill in on the computer: the template's own headings, lists and
 * tables, tick boxes as Word check boxes (click to tick), blanks as underlined space to type on, and a
 * footer naming the guide and the template's version date. Made from the same token stream as the HTML.
 */

const headingLevels = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
];
const LINK_COLOUR = '0B4F8A';

/** `heiName`: the HEI whose version of the guide the template is from, named in the footer. */
export async function templateDocx(
  template: GuideTemplate,
  publicUrl: string,
  heiName?: string,
): Promise<Buffer> {
  const t = guideText[template.lang];
  const blocks = toBlocks(template.body.tokens, publicUrl);
  const orderedStarts = new Set<number>();
  let listInstance = 0;

  const runs = (content: Inline[], base: { bold?: boolean; size?: number } = {}): ParagraphChild[] =>
    content.map((c): ParagraphChild => {
      switch (c.kind) {
        case 'checkbox':
          return new CheckBox({ checked: c.checked });
        case 'blank':
          // Underlined no-break spaces: a line to type on that stays one piece.
          return new TextRun({ text: '\u00a0'.repeat(Math.max(12, c.length * 2)), underline: {} });
        case 'break':
          return new TextRun({ break: 1 });
        default: {
          const run = new TextRun({
            text: c.text,
            ...(c.bold || base.bold ? { bold: true } : {}),
            ...(c.italic ? { italics: true } : {}),
            ...(base.size ? { size: base.size } : {}),
            ...(c.code ? { font: 'Consolas' } : {}),
            ...(c.href ? { color: LINK_COLOUR, underline: {} } : {}),
          });
          return c.href ? new ExternalHyperlink({ link: c.href, children: [run] }) : run;
        }
      }
    });

  const cell = (content: Inline[], header: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          children: onlyBlanks(content) ? [] : runs(content, { bold: header }),
          alignment: onlyCheckbox(content) ? AlignmentType.CENTER : AlignmentType.LEFT,
        }),
      ],
      margins: { top: 60, bottom: 60, left: 80, right: 80 },
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF2F6' } } : {}),
    });

  const render = (list: Block[], level: number): (Paragraph | Table)[] =>
    list.flatMap((block): (Paragraph | Table)[] => {
      switch (block.kind) {
        case 'heading':
          return [
            new Paragraph({
              heading: headingLevels[Math.min(block.level, 4) - 1],
              children: runs(block.content),
              keepNext: true,
            }),
          ];
        case 'paragraph':
          return [new Paragraph({ children: runs(block.content), spacing: { after: 120 } })];
        case 'list': {
          const instance = ++listInstance;
          if (block.ordered) orderedStarts.add(block.start);
          return block.items.flatMap((item) =>
            item.flatMap((inner, i): (Paragraph | Table)[] => {
              if (inner.kind === 'paragraph' && i === 0)
                return [
                  new Paragraph({
                    children: runs(inner.content),
                    ...(block.ordered
                      ? { numbering: { reference: `ordered-${block.start}`, level, instance } }
                      : { bullet: { level } }),
                    spacing: { after: 60 },
                  }),
                ];
              if (inner.kind === 'paragraph')
                return [
                  new Paragraph({ children: runs(inner.content), indent: { left: 720 * (level + 1) } }),
                ];
              return render([inner], inner.kind === 'list' ? level + 1 : level);
            }),
          );
        }
        case 'table': {
          const columns = Math.max(block.header.length, ...block.rows.map((r) => r.length));
          const pad = (row: Inline[][]) => [
            ...row,
            ...Array.from({ length: columns - row.length }, () => []),
          ];
          return [
            new Table({
              width: { size: 100, type: WidthType.PERCENTAGE },
              rows: [
                ...(block.header.length
                  ? [
                      new TableRow({
                        tableHeader: true,
                        children: pad(block.header).map((c) => cell(c, true)),
                      }),
                    ]
                  : []),
                ...block.rows.map(
                  (r) => new TableRow({ cantSplit: true, children: pad(r).map((c) => cell(c, false)) }),
                ),
              ],
            }),
            new Paragraph({ children: [] }),
          ];
        }
        case 'quote':
          return render(block.blocks, level);
        case 'code':
          return block.text
            .split('\n')
            .map((line) => new Paragraph({ children: [new TextRun({ text: line, font: 'Consolas' })] }));
        default:
          return [new Paragraph({ thematicBreak: true, children: [] })];
      }
    });

  const children = render(blocks, 0);
  const document = new Document({
    creator: 'Lupp',
    title: template.title,
    description: template.summary,
    styles: {
      default: {
        document: {
          run: { font: 'Calibri', size: 22, language: { value: t.locale } },
          paragraph: { spacing: { line: 276 } },
        },
        heading1: { run: { size: 36, bold: true, color: '1B1F24' }, paragraph: { spacing: { after: 200 } } },
        heading2: {
          run: { size: 28, bold: true, color: '1B1F24' },
          paragraph: { spacing: { before: 280, after: 120 } },
        },
        heading3: {
          run: { size: 24, bold: true, color: '1B1F24' },
          paragraph: { spacing: { before: 200, after: 80 } },
        },
      },
    },
    numbering: {
      config: [...orderedStarts].map((start) => ({
        reference: `ordered-${start}`,
        levels: [0, 1, 2].map((level) => ({
          level,
          format: LevelFormat.DECIMAL,
          text: `%${level + 1}.`,
          start: level === 0 ? start : 1,
          alignment: AlignmentType.START,
          style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
        })),
      })),
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                children: [
                  new TextRun({
                    text: `${t.siteName} · ${t.guideName}${heiName ? ` · ${heiName}` : ''} · ${template.title} · ${template.updated}`,
                    size: 16,
                    color: '4A5360',
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
