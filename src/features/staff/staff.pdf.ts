import type { Content } from 'pdfmake/interfaces';
import type { LuppDocument } from '../../shared/pdf.ts';
import type { MeritRecord } from './staff.contract.ts';
import { type MeritLanguage, meritWords } from './staff.text.ts';

/**
 * The merit record as an A4 PDF in the reader's language, with the same content as the DOCX. Pure: the record
 * in, a pdfmake definition out (rendered by the shared `renderPdf`).
 */
export function meritPdf(record: MeritRecord, language: MeritLanguage): LuppDocument {
  const w = meritWords(language);
  const { t } = w;
  const r = record;
  const heading = (text: string, size = 13): Content => ({
    text,
    fontSize: size,
    bold: true,
    margin: [0, 12, 0, 6],
  });
  const note = (text: string): Content => ({ text, italics: true, color: '#444444', margin: [0, 0, 0, 6] });
  const table = (header: string[], rows: Content[][], widths: (string | number)[]): Content => ({
    table: {
      headerRows: 1,
      widths,
      body: [header.map((h) => ({ text: h, bold: true })), ...rows],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 8],
  });

  return {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    language,
    info: { title: `${t.title} – ${r.person.name}`, author: r.hei.name },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
    footer: (page, pages) => ({
      text: `${r.person.name} · ${r.hei.name} · ${page}/${pages}`,
      fontSize: 8,
      color: '#555555',
      margin: [56, 20, 56, 0],
    }),
    content: [
      { text: t.title, fontSize: 16, bold: true, margin: [0, 0, 0, 10] },
      {
        table: {
          widths: [120, '*'],
          body: [
            [t.person, r.person.name],
            [t.email, r.person.email],
            [t.hei, r.hei.name],
            [t.department, r.department ?? t.none],
            [t.expertise, r.expertise.map(w.label).join(', ') || t.none],
            [t.languages, r.languages.map(w.languageName).join(', ') || t.none],
          ],
        },
        layout: 'noBorders',
        margin: [0, 0, 0, 6],
      },
      note(t.generated(w.date(r.generatedAt))),

      heading(t.summary),
      { ul: t.totals(r.totals, w.hours), margin: [0, 0, 0, 6] },
      note(t.totalsNote),

      heading(t.courses),
      { text: t.coursesIntro, margin: [0, 0, 0, 6] },
      r.courses.length
        ? table(
            [t.columns.course, t.columns.hours, t.columns.status],
            r.courses.map((c): Content[] => {
              const [name = '', ...more] = w.courseLines(c);
              return [
                { stack: [{ text: name, bold: true }, ...more] },
                { stack: w.hourLines(c) },
                w.status(c),
              ];
            }),
            ['*', 110, 130],
          )
        : { text: t.noCourses },

      heading(t.dialogues),
      heading(t.casesOwned, 11),
      r.dialogues.casesOwned.length
        ? table(
            [t.caseColumns.reference, t.caseColumns.customer, t.caseColumns.opened, t.caseColumns.stage],
            r.dialogues.casesOwned.map((c) => [
              `${c.reference}: ${c.title}`,
              c.customer,
              w.date(c.openedAt),
              w.caseStage(c),
            ]),
            ['*', 110, 70, 80],
          )
        : { text: t.noCasesOwned },
      heading(t.meetings, 11),
      r.dialogues.meetings.length
        ? table(
            [
              t.meetingColumns.date,
              t.meetingColumns.reference,
              t.meetingColumns.customer,
              t.meetingColumns.meeting,
            ],
            r.dialogues.meetings.map((m) => [
              w.date(m.occurredAt),
              m.case.reference,
              m.case.customer,
              m.title,
            ]),
            [70, 70, 110, '*'],
          )
        : { text: t.noMeetings },

      heading(t.evaluations),
      ...(r.evaluations.length
        ? r.evaluations.map((e): Content => ({ text: w.evaluationLine(e) }))
        : [{ text: t.noEvaluations } as Content]),
    ],
  };
}
