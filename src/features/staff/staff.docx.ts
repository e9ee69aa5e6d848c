import {
  Document,
  Footer,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { MeritRecord } from './staff.contract.ts';
import { type MeritLanguage, meritWords } from './staff.text.ts';

/**
 * The merit record as a Word document (DOCX) a teacher attaches to an application for promotion or adds to a
 * teaching portfolio, and may edit: who, the summary, the courses, the dialogues, the evaluations. Pure: the
 * record in, the file out.
 */
export async function meritDocx(record: MeritRecord, language: MeritLanguage): Promise<Buffer> {
  const w = meritWords(language);
  const { t } = w;

  const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
    new Paragraph({
      heading: level,
      children: [new TextRun(text)],
      keepNext: true,
      spacing: { before: 240 },
    });
  const paragraph = (text: string, options: { italics?: boolean } = {}) =>
    new Paragraph({ children: [new TextRun({ text, ...options })], spacing: { after: 120 } });
  const cell = (text: string | string[], header = false) =>
    new TableCell({
      children: (Array.isArray(text) ? text : [text]).map(
        (line, i) =>
          new Paragraph({
            children: [new TextRun({ text: line, bold: header || (i === 0 && Array.isArray(text)) })],
          }),
      ),
      margins: { top: 60, bottom: 60, left: 80, right: 80 },
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF2F6' } } : {}),
    });
  const table = (header: string[], rows: (string | string[])[][]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
        ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
      ],
    });
  const facts = (rows: [string, string][]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: rows.map(
        ([k, v]) =>
          new TableRow({
            children: [
              new TableCell({
                children: [new Paragraph({ children: [new TextRun({ text: k, bold: true })] })],
                width: { size: 28, type: WidthType.PERCENTAGE },
                margins: { top: 40, bottom: 40, left: 80, right: 80 },
              }),
              new TableCell({
                children: [new Paragraph(v)],
                margins: { top: 40, bottom: 40, left: 80, right: 80 },
              }),
            ],
          }),
      ),
    });

  const r = record;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(t.title)] }),
    facts([
      [t.person, r.person.name],
      [t.email, r.person.email],
      [t.hei, r.hei.name],
      [t.department, r.department ?? t.none],
      [t.expertise, r.expertise.map(w.label).join(', ') || t.none],
      [t.languages, r.languages.map(w.languageName).join(', ') || t.none],
    ]),
    paragraph(t.generated(w.date(r.generatedAt)), { italics: true }),

    heading(t.summary, HeadingLevel.HEADING_1),
    ...t.totals(r.totals, w.hours).map((line) => new Paragraph({ text: line, bullet: { level: 0 } })),
    paragraph(t.totalsNote, { italics: true }),

    heading(t.courses, HeadingLevel.HEADING_1),
    paragraph(t.coursesIntro),
    r.courses.length
      ? table(
          [t.columns.course, t.columns.hours, t.columns.status],
          r.courses.map((c) => [w.courseLines(c), w.hourLines(c), w.status(c)]),
        )
      : paragraph(t.noCourses),

    heading(t.dialogues, HeadingLevel.HEADING_1),
    heading(t.casesOwned, HeadingLevel.HEADING_2),
    r.dialogues.casesOwned.length
      ? table(
          [t.caseColumns.reference, t.caseColumns.customer, t.caseColumns.opened, t.caseColumns.stage],
          r.dialogues.casesOwned.map((c) => [
            `${c.reference}: ${c.title}`,
            c.customer,
            w.date(c.openedAt),
            w.caseStage(c),
          ]),
        )
      : paragraph(t.noCasesOwned),
    heading(t.meetings, HeadingLevel.HEADING_2),
    r.dialogues.meetings.length
      ? table(
          [
            t.meetingColumns.date,
            t.meetingColumns.reference,
            t.meetingColumns.customer,
            t.meetingColumns.meeting,
          ],
          r.dialogues.meetings.map((m) => [w.date(m.occurredAt), m.case.reference, m.case.customer, m.title]),
        )
      : paragraph(t.noMeetings),

    heading(t.evaluations, HeadingLevel.HEADING_1),
    ...(r.evaluations.length
      ? r.evaluations.map((e) => paragraph(w.evaluationLine(e)))
      : [paragraph(t.noEvaluations)]),
  ];

  const document = new Document({
    creator: 'Lupp',
    title: `${t.title} – ${r.person.name}`,
    description: t.generated(w.date(r.generatedAt)),
    styles: { default: { document: { run: { font: 'Calibri', size: 21 } } } },
    sections: [
      {
        properties: {},
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                children: [
                  new TextRun({
                    text: `${r.person.name} · ${r.hei.name} · ${t.title}`,
                    size: 16,
                    color: '555555',
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
