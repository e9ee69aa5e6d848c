import type { Content, TableCell } from 'pdfmake/interfaces';
import type { LuppDocument } from '../../shared/pdf.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { COST_LINES, calculationLineNames } from '../costing/costing.contract.ts';
import {
  type CaseReferences,
  kronor,
  type Letterhead,
  letterhead,
  referenceRows,
} from '../proposals/proposal.pdf.ts';
import type { Outturn } from './outturn.contract.ts';

/**
 * The post-calculation (efterkalkyl) as an A4 PDF for the case's file, in Swedish or English: the calculation,
 * the outcome and the difference line by line, the result, the quantities, the teaching hours by staff category
 * (calculated, recorded and scheduled) and what the delivery recorded, with the comment and who recorded it.
 * Pure: the post-calculation in, a pdfmake definition out.
 */
const text = {
  sv: {
    heading: 'Efterkalkyl',
    customer: 'Uppdragsgivare',
    recorded: 'Registrerad',
    by: (date: string, name: string | null) => (name ? `${date} av ${name}` : date),
    surplus: (amount: string, coverage: string) =>
      `Överskott ${amount}. Intäkten täcker ${coverage} av den faktiska fulla kostnaden.`,
    deficit: (amount: string, coverage: string) =>
      `Underskott ${amount}. Intäkten täcker ${coverage} av den faktiska fulla kostnaden.`,
    costs: 'Kostnader och resultat',
    item: 'Post',
    planned: 'Kalkyl',
    actual: 'Utfall',
    difference: 'Skillnad',
    revenue: 'Intäkt (avtalets pris exkl. moms)',
    result: 'Resultat',
    samePrices:
      'Utfallet är beräknat med kalkylens timkostnader och påslag, så skillnaderna är skillnader i mängd (timmar, deltagare, kostnader), inte i pris.',
    quantities: 'Omfattning',
    participants: 'Deltagare',
    staffHours: 'Lärartimmar',
    byCategory: 'Lärartimmar per personalkategori',
    category: 'Kategori',
    scheduled: 'Schemalagt',
    others: 'Andra än kursens lärare',
    delivery: 'Vad genomförandet registrerade',
    sessions: (given: number, calledOff: number, hours: string) =>
      `${given} ${given === 1 ? 'kurstillfälle genomfört' : 'kurstillfällen genomförda'}, ${hours} schemalagda timmar${calledOff ? `; ${calledOff} ${calledOff === 1 ? 'inställt' : 'inställda'}` : ''}.`,
    designated: (n: number) => `${n} deltagare ${n === 1 ? 'anmäld' : 'anmälda'} enligt avtalet.`,
    attended: (n: number) => `${n} av dem närvarade minst en gång.`,
    noAttendance: 'Ingen närvaro är registrerad.',
    scheduledNote: 'Schemalagd undervisning är inte arbetstid: kalkylens timmar omfattar även förberedelser.',
    comment: 'Kommentar',
  },
  en: {
    heading: 'Post-calculation',
    customer: 'Customer',
    recorded: 'Recorded',
    by: (date: string, name: string | null) => (name ? `${date} by ${name}` : date),
    surplus: (amount: string, coverage: string) =>
      `Surplus ${amount}. The revenue covers ${coverage} of the actual full cost.`,
    deficit: (amount: string, coverage: string) =>
      `Deficit ${amount}. The revenue covers ${coverage} of the actual full cost.`,
    costs: 'Costs and result',
    item: 'Item',
    planned: 'Calculated',
    actual: 'Actual',
    difference: 'Difference',
    revenue: "Revenue (the agreement's price excl. VAT)",
    result: 'Result',
    samePrices:
      "The outcome is priced with the calculation's hourly costs and rates, so the differences are of quantities (hours, participants, costs), not of prices.",
    quantities: 'Volume',
    participants: 'Participants',
    staffHours: 'Staff hours',
    byCategory: 'Staff hours by staff category',
    category: 'Category',
    scheduled: 'Scheduled',
    others: "Others than the course's teachers",
    delivery: 'What the delivery recorded',
    sessions: (given: number, calledOff: number, hours: string) =>
      `${given} ${given === 1 ? 'session' : 'sessions'} given, ${hours} scheduled ${hours === '1' ? 'hour' : 'hours'}${calledOff ? `; ${calledOff} called off` : ''}.`,
    designated: (n: number) =>
      `${n} ${n === 1 ? 'participant' : 'participants'} designated under the agreement.`,
    attended: (n: number) => `${n} of them attended at least once.`,
    noAttendance: 'No attendance is recorded.',
    scheduledNote: "Scheduled teaching is not working time: the calculation's hours include preparation.",
    comment: 'Comment',
  },
} as const;

/** A post-calculation that has been recorded: the only kind printed. */
export type RecordedOutturn = Outturn & { actual: NonNullable<Outturn['actual']>; resultOre: number };

export type OutturnDocument = {
  outturn: RecordedOutturn;
  customer: string;
  references: CaseReferences | null;
  hei: Letterhead & { name: string };
};

export function outturnPdf(
  { outturn: o, customer, references, hei }: OutturnDocument,
  language: 'sv' | 'en',
): LuppDocument {
  const t = text[language];
  const actual = o.actual;
  const number = (n: number, decimals = 1) =>
    new Intl.NumberFormat(language === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: decimals }).format(
      n,
    );
  const signed = (n: number, show: (n: number) => string) =>
    n === 0 ? '–' : `${n > 0 ? '+' : '−'}${show(Math.abs(n))}`;
  const money = (ore: number) => kronor(ore, language);
  const right = (s: string, bold = false): TableCell => ({ text: s, alignment: 'right', bold });
  const amountOf = (lines: typeof actual.lines, code: string) =>
    lines.find((l) => l.code === code)?.amountOre ?? 0;
  const heading = (s: string): Content => ({ text: s, fontSize: 13, bold: true, margin: [0, 12, 0, 6] });
  const table = (widths: (string | number)[], head: string[], body: TableCell[][]): Content => ({
    table: {
      headerRows: 1,
      widths,
      body: [head.map((h, i) => ({ text: h, bold: true, alignment: i ? 'right' : 'left' })), ...body],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 6],
  });

  const plannedResult = o.revenueOre - amountOf(o.planned.lines, 'total_cost');
  const costRows: TableCell[][] = COST_LINES.map((code) => {
    const planned = amountOf(o.planned.lines, code);
    const outcome = amountOf(actual.lines, code);
    const bold = code === 'direct_total' || code === 'total_cost';
    return [
      { text: calculationLineNames[language][code], bold },
      right(money(planned), bold),
      right(money(outcome), bold),
      right(signed(outcome - planned, money), bold),
    ];
  });
  const coverage = `${number((o.coverageBp ?? 0) / 100, 0)} %`;
  const amount = money(Math.abs(o.resultOre));

  const label = new Map(o.categories.map((c) => [c.key, c.label]));
  const hoursOf = (rows: { category: string; hours: number }[], key: string) =>
    rows.filter((r) => r.category === key).reduce((sum, r) => sum + r.hours, 0);
  const plannedHours = [...o.startingPoint.teaching, ...o.startingPoint.development];
  const actualHours = [...actual.costs.teaching, ...actual.costs.development];
  const scheduled = new Map(o.delivered.byCategory.map((c) => [c.key, c.hours]));
  const categoryKeys = [
    ...new Set([...plannedHours, ...actualHours].map((r) => r.category).concat([...scheduled.keys()])),
  ];
  const d = o.delivered;

  return {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    language: language,
    info: { title: `${t.heading} – ${o.title}`, author: hei.name },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
    content: [
      ...letterhead(hei.name, hei),
      { text: `${t.heading}: ${o.title}`, fontSize: 18, bold: true, margin: [0, 12, 0, 8] },
      {
        table: {
          widths: [130, '*'],
          body: [
            [t.customer, customer],
            ...referenceRows(references, language),
            [t.recorded, t.by(stockholmDate(new Date(actual.recordedAt)), actual.recordedBy)],
          ],
        },
        layout: 'noBorders',
        margin: [0, 0, 0, 8],
      },
      { text: o.resultOre >= 0 ? t.surplus(amount, coverage) : t.deficit(amount, coverage), bold: true },

      heading(t.costs),
      table(
        ['*', 'auto', 'auto', 'auto'],
        [t.item, t.planned, t.actual, t.difference],
        [
          ...costRows,
          [t.revenue, right(money(o.revenueOre)), right(money(o.revenueOre)), right('–')],
          [
            { text: t.result, bold: true },
            right(money(plannedResult), true),
            right(money(o.resultOre), true),
            right(signed(o.resultOre - plannedResult, money), true),
          ],
        ],
      ),
      { text: t.samePrices, fontSize: 9 },

      heading(t.quantities),
      table(
        ['*', 'auto', 'auto', 'auto'],
        [t.item, t.planned, t.actual, t.difference],
        [
          [
            t.participants,
            right(String(o.planned.participants)),
            right(String(actual.participants)),
            right(signed(actual.participants - o.planned.participants, String)),
          ],
          [
            t.staffHours,
            right(number(o.planned.staffHours)),
            right(number(actual.staffHours)),
            right(signed(actual.staffHours - o.planned.staffHours, (n) => number(n))),
          ],
        ],
      ),
      ...(categoryKeys.length || d.otherTeacherHours
        ? [
            { text: t.byCategory, bold: true, margin: [0, 6, 0, 4] } satisfies Content,
            table(
              ['*', 'auto', 'auto', 'auto'],
              [t.category, t.planned, t.actual, t.scheduled],
              [
                ...categoryKeys.map((key) => [
                  label.get(key) ?? key,
                  right(number(hoursOf(plannedHours, key))),
                  right(number(hoursOf(actualHours, key))),
                  right(number(scheduled.get(key) ?? 0)),
                ]),
                ...(d.otherTeacherHours
                  ? [[t.others, right('–'), right('–'), right(number(d.otherTeacherHours))]]
                  : []),
              ],
            ),
          ]
        : []),

      heading(t.delivery),
      { text: t.sessions(d.sessionsGiven, d.sessionsCalledOff, number(d.hoursGiven)) },
      { text: t.designated(d.participants) },
      { text: d.attended === null ? t.noAttendance : t.attended(d.attended) },
      { text: t.scheduledNote, fontSize: 9, margin: [0, 4, 0, 0] },

      ...(actual.note
        ? [
            heading(t.comment),
            ...actual.note
              .split(/\n{2,}/)
              .filter(Boolean)
              .map((para): Content => ({ text: para, margin: [0, 0, 0, 6] })),
          ]
        : []),
    ],
  };
}
