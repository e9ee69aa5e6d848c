import type { Content } from 'pdfmake/interfaces';
import type { LuppDocument } from '../../shared/pdf.ts';
import { formatNames } from '../credentials/credential.pdf.ts';
import { type Letterhead, letterhead } from '../proposals/proposal.pdf.ts';
import type { CourseReport } from './course-report.service.ts';

/**
 * A course's report as an A4 PDF in Swedish or English: the course, its sessions (called-off ones marked),
 * the attendance, the credentials issued and the evaluation on Kirkpatrick's four levels. Pure: the report in,
 * a pdfmake definition out.
 */
const text = {
  sv: {
    heading: 'Kursrapport',
    forMeeting: 'Sammanställning inför uppföljningsmötet med uppdragsgivaren.',
    customer: 'Uppdragsgivare',
    reference: 'Ärende',
    format: 'Form',
    formats: formatNames.sv,
    awards: 'Ger',
    credits: (n: string) => `${n} högskolepoäng`,
    certificate: 'Intyg',
    teachers: 'Lärare',
    examination: 'Examination',
    delivery: 'Genomförande',
    sessionsHeld: (held: number, cancelled: number, hours: string) =>
      `${held} tillfällen genomförda, ${hours} timmar${cancelled ? `; ${cancelled} inställda` : ''}.`,
    day: 'Dag',
    time: 'Tid',
    topic: 'Innehåll',
    teacher: 'Lärare',
    cancelled: 'Inställt',
    noSessions: 'Inga kurstillfällen är registrerade.',
    participation: 'Deltagande',
    participants: (n: number) => `${n} deltagare.`,
    attendance: (percent: string, sessions: number) =>
      `Närvaro ${percent} vid de ${sessions} tillfällen där närvaron registrerades.`,
    noAttendance: 'Ingen närvaro är registrerad.',
    credentialsIssued: (n: number) => `${n} mikromeriter utfärdade.`,
    evaluation: 'Utvärdering',
    level12: 'Deltagarnas utvärdering (nivå 1 och 2)',
    answered: (answered: number, invited: number) => `${answered} av ${invited} har svarat.`,
    tooFew: (minimum: number) =>
      `Resultaten redovisas när minst ${minimum} har svarat, så att ingen enskild kan pekas ut.`,
    noEvaluation: 'Ingen deltagarutvärdering är gjord.',
    question: 'Fråga',
    mean: 'Medel (1–5)',
    reaction: {
      overall: 'Helhetsintryck',
      relevance: 'Nytta i arbetet',
      teaching: 'Undervisning',
      arrangements: 'Upplägg och praktiska arrangemang',
    },
    recommend: (yes: number, total: number) => `${yes} av ${total} skulle rekommendera utbildningen.`,
    outcome: 'Lärandemål',
    before: 'Före',
    after: 'Efter',
    level34: 'Uppdragsgivarens uppföljning (nivå 3 och 4)',
    application: 'Tillämpning i arbetet (1–5)',
    results: 'Resultat för verksamheten (1–5)',
    again: 'Skulle köpa igen',
    yes: 'Ja',
    no: 'Nej',
    noFollowUp: 'Uppdragsgivaren har inte svarat på någon uppföljning ännu.',
  },
  en: {
    heading: 'Course report',
    forMeeting: 'A summary for the follow-up meeting with the customer.',
    customer: 'Customer',
    reference: 'Case',
    format: 'Format',
    formats: formatNames.en,
    awards: 'Awards',
    credits: (n: string) => `${n} credits (ECTS)`,
    certificate: 'Certificate',
    teachers: 'Teachers',
    examination: 'Examination',
    delivery: 'Delivery',
    sessionsHeld: (held: number, cancelled: number, hours: string) =>
      `${held} sessions given, ${hours} hours${cancelled ? `; ${cancelled} called off` : ''}.`,
    day: 'Day',
    time: 'Time',
    topic: 'Content',
    teacher: 'Teacher',
    cancelled: 'Called off',
    noSessions: 'No sessions are registered.',
    participation: 'Participation',
    participants: (n: number) => `${n} participants.`,
    attendance: (percent: string, sessions: number) =>
      `Attendance ${percent} at the ${sessions} sessions where it was recorded.`,
    noAttendance: 'No attendance is recorded.',
    credentialsIssued: (n: number) => `${n} micro-credentials issued.`,
    evaluation: 'Evaluation',
    level12: "The participants' evaluation (levels 1 and 2)",
    answered: (answered: number, invited: number) => `${answered} of ${invited} have answered.`,
    tooFew: (minimum: number) =>
      `The results are shown once at least ${minimum} have answered, so that no one can be singled out.`,
    noEvaluation: 'No participant evaluation has been made.',
    question: 'Question',
    mean: 'Mean (1–5)',
    reaction: {
      overall: 'Overall impression',
      relevance: 'Use in their work',
      teaching: 'Teaching',
      arrangements: 'Structure and arrangements',
    },
    recommend: (yes: number, total: number) => `${yes} of ${total} would recommend the course.`,
    outcome: 'Learning outcome',
    before: 'Before',
    after: 'After',
    level34: "The customer's follow-up (levels 3 and 4)",
    application: 'Use at work (1–5)',
    results: 'Results for the organisation (1–5)',
    again: 'Would buy again',
    yes: 'Yes',
    no: 'No',
    noFollowUp: 'The customer has not answered a follow-up yet.',
  },
} as const;

export function courseReportPdf(
  r: CourseReport,
  language: 'sv' | 'en',
  hei?: Letterhead | null,
): LuppDocument {
  const t = text[language];
  const locale = language === 'sv' ? 'sv-SE' : 'en-GB';
  const number = (n: number, digits = 1) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
  const heading = (s: string): Content => ({ text: s, fontSize: 13, bold: true, margin: [0, 12, 0, 6] });
  const subheading = (s: string): Content => ({ text: s, fontSize: 11, bold: true, margin: [0, 8, 0, 4] });
  const table = (widths: (string | number)[], head: string[], body: Content[][]): Content => ({
    table: { headerRows: 1, widths, body: [head.map((h) => ({ text: h, bold: true })), ...body] },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 6],
  });
  const held = r.sessions.filter((s) => !s.cancelled).length;
  const e = r.evaluation;
  const total = e ? e.recommend.yes + e.recommend.no : 0;

  const facts: [string, string][] = [
    [t.customer, r.case.customer],
    [t.reference, `${r.case.reference} · ${r.case.title}`],
    [t.format, t.formats[r.course.format]],
    [
      t.awards,
      r.course.awards === 'credits' && r.course.credits ? t.credits(number(r.course.credits)) : t.certificate,
    ],
    ...(r.course.teachers.length ? [[t.teachers, r.course.teachers.join(', ')] as [string, string]] : []),
    ...(r.course.examination ? [[t.examination, r.course.examination] as [string, string]] : []),
  ];

  const content: Content[] = [
    ...letterhead(r.hei.name, hei),
    { text: `${t.heading}: ${r.course.title}`, fontSize: 18, bold: true, margin: [0, 12, 0, 4] },
    { text: t.forMeeting, margin: [0, 0, 0, 8] },
    {
      table: { widths: [110, '*'], body: facts.map(([k, v]) => [{ text: k, bold: true }, v]) },
      layout: 'noBorders',
    },

    heading(t.delivery),
    r.sessions.length
      ? { text: t.sessionsHeld(held, r.sessions.length - held, number(r.hoursHeld)), margin: [0, 0, 0, 4] }
      : { text: t.noSessions },
    ...(r.sessions.length
      ? [
          table(
            [70, 70, '*', 'auto'],
            [t.day, t.time, t.topic, t.teacher],
            r.sessions.map((s) => [
              s.day,
              `${s.startsAt}–${s.endsAt}`,
              s.cancelled ? `${t.cancelled}${s.topic ? `: ${s.topic}` : ''}` : s.topic,
              s.teacher,
            ]),
          ),
        ]
      : []),

    heading(t.participation),
    { text: t.participants(r.participants) },
    {
      text: r.attendance.recorded
        ? t.attendance(
            `${number((100 * r.attendance.present) / r.attendance.recorded, 0)} %`,
            r.attendance.sessionsRecorded,
          )
        : t.noAttendance,
    },
    { text: t.credentialsIssued(r.credentialsIssued) },

    heading(t.evaluation),
    subheading(t.level12),
    ...(!e
      ? [{ text: t.noEvaluation } satisfies Content]
      : [
          { text: t.answered(e.answered, e.invited) } satisfies Content,
          ...(!e.shown
            ? [{ text: t.tooFew(e.minimum) } satisfies Content]
            : [
                table(
                  ['*', 80],
                  [t.question, t.mean],
                  e.reaction.map((q) => [t.reaction[q.key], { text: number(q.mean), alignment: 'right' }]),
                ),
                { text: t.recommend(e.recommend.yes, total), margin: [0, 0, 0, 6] } satisfies Content,
                ...(e.outcomes.length
                  ? [
                      table(
                        ['*', 50, 50],
                        [t.outcome, t.before, t.after],
                        e.outcomes.map((o) => [
                          o.text,
                          { text: number(o.before), alignment: 'right' },
                          { text: number(o.after), alignment: 'right' },
                        ]),
                      ),
                    ]
                  : []),
              ]),
        ]),
    subheading(t.level34),
    ...(e?.followUp
      ? [
          table(
            ['*', 80],
            [t.question, ''],
            [
              [t.application, { text: String(e.followUp.application ?? ''), alignment: 'right' }],
              [t.results, { text: String(e.followUp.results ?? ''), alignment: 'right' }],
              [t.again, { text: e.followUp.again ? t.yes : t.no, alignment: 'right' }],
            ],
          ),
          ...[e.followUp.applicationText, e.followUp.resultsText]
            .filter((s): s is string => !!s)
            .map((s) => ({ text: s, italics: true, margin: [0, 0, 0, 4] }) satisfies Content),
        ]
      : [{ text: t.noFollowUp } satisfies Content]),
  ];
  return {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    language: locale,
    info: { title: `${t.heading} – ${r.course.title}`, author: r.hei.name },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
    content,
  };
}
