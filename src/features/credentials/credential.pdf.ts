import type { Content } from 'pdfmake/interfaces';
import type { LuppDocument } from '../../shared/pdf.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { type Letterhead, letterhead } from '../proposals/proposal.pdf.ts';
import type { PublicCredential } from './credentials.contract.ts';

/**
 * A micro-credential as an A4 PDF in the course's language: the learner, the course, the elements of the
 * EU recommendation (issuer and country, date, learning outcomes, workload, level, assessment, form of
 * participation, quality assurance), and the address that verifies it, as text and as a QR code. Pure.
 */
/** A course's format as the PDFs name it (the credential, the course report). */
export const formatNames = {
  sv: { campus: 'På campus', distance: 'På distans', blended: 'Blandat', workplace: 'På arbetsplatsen' },
  en: { campus: 'On campus', distance: 'Online', blended: 'Blended', workplace: 'At the workplace' },
} as const;

const text = {
  sv: {
    heading: 'Mikromerit',
    certifies: (hei: string) => `${hei} intygar att`,
    completed: 'har genomfört',
    outcomes: 'Förväntade studieresultat',
    elements: 'Uppgifter',
    issuer: 'Utfärdare',
    country: 'Land',
    sweden: 'Sverige',
    issued: 'Utfärdad',
    period: 'Genomförd',
    workload: 'Omfattning',
    credits: (n: string) => `${n} högskolepoäng (ECTS)`,
    hours: (n: number) => `${n} timmar`,
    level: 'Nivå',
    levels: {
      'first-cycle': 'Grundnivå',
      'second-cycle': 'Avancerad nivå',
      'third-cycle': 'Forskarnivå',
      'non-credit': 'Ej högskolepoänggivande',
    },
    eqf: (n: number) => `EQF-nivå ${n}`,
    assessment: 'Examination',
    noAssessment: 'Ingen examination',
    format: 'Form',
    formats: formatNames.sv,
    quality: 'Kvalitetssäkring',
    qualityText:
      'Utbildningen ges som uppdragsutbildning (förordning 2002:760) och omfattas av lärosätets kvalitetssäkringssystem för utbildning enligt högskolelagen, granskat av Universitetskanslersämbetet.',
    verify: 'Kontrollera äktheten på',
    revoked: (at: string) => `ÅTERKALLAD ${at}`,
    suspended: (at: string) => `TILLFÄLLIGT SPÄRRAD SEDAN ${at}`,
  },
  en: {
    heading: 'Micro-credential',
    certifies: (hei: string) => `${hei} certifies that`,
    completed: 'has completed',
    outcomes: 'Learning outcomes',
    elements: 'Details',
    issuer: 'Issuer',
    country: 'Country',
    sweden: 'Sweden',
    issued: 'Issued',
    period: 'Completed',
    workload: 'Workload',
    credits: (n: string) => `${n} higher education credits (ECTS)`,
    hours: (n: number) => `${n} hours`,
    level: 'Level',
    levels: {
      'first-cycle': 'First cycle',
      'second-cycle': 'Second cycle',
      'third-cycle': 'Third cycle',
      'non-credit': 'Non-credit',
    },
    eqf: (n: number) => `EQF level ${n}`,
    assessment: 'Assessment',
    noAssessment: 'No assessment',
    format: 'Form of participation',
    formats: formatNames.en,
    quality: 'Quality assurance',
    qualityText:
      'The course is given as contract education (Swedish ordinance 2002:760) under the institution’s quality assurance of education required by the Higher Education Act and reviewed by the Swedish Higher Education Authority.',
    verify: 'Verify it at',
    revoked: (at: string) => `REVOKED ${at}`,
    suspended: (at: string) => `SUSPENDED SINCE ${at}`,
  },
} as const;

export function credentialPdf(c: PublicCredential, verifyUrl: string, hei?: Letterhead | null): LuppDocument {
  const t = text[c.language];
  const day = (iso: string) => stockholmDate(new Date(iso));
  const number = (n: number) => new Intl.NumberFormat(c.language === 'sv' ? 'sv-SE' : 'en-GB').format(n);
  const workload = [
    c.credits !== null ? t.credits(number(c.credits)) : null,
    c.workloadHours !== null ? t.hours(c.workloadHours) : null,
  ].filter((s): s is string => !!s);
  const rows: [string, string][] = [
    [t.issuer, [c.issuer.name, c.issuer.orgNumber].filter(Boolean).join(', ')],
    [t.country, t.sweden],
    [t.issued, day(c.issuedAt)],
    ...(c.startDate || c.endDate
      ? [[t.period, [c.startDate, c.endDate].filter(Boolean).join(' – ')] as [string, string]]
      : []),
    ...(workload.length ? [[t.workload, workload.join(', ')] as [string, string]] : []),
    [t.level, [t.levels[c.level], c.eqfLevel ? t.eqf(c.eqfLevel) : null].filter(Boolean).join(', ')],
    [t.format, t.formats[c.format]],
    [t.assessment, c.assessment || t.noAssessment],
    [t.quality, t.qualityText],
  ];
  const content: Content[] = [
    ...letterhead(c.issuer.name, hei),
    ...(c.status !== 'valid'
      ? [
          {
            text:
              c.status === 'revoked'
                ? t.revoked(day(c.revokedAt ?? c.issuedAt))
                : t.suspended(day(c.suspendedAt ?? c.issuedAt)),
            color: '#b00020',
            bold: true,
            fontSize: 14,
            margin: [0, 12, 0, 0],
          } satisfies Content,
        ]
      : []),
    { text: t.heading, fontSize: 22, bold: true, margin: [0, 24, 0, 12] },
    { text: t.certifies(c.issuer.name) },
    { text: c.learnerName, fontSize: 18, bold: true, margin: [0, 6, 0, 6] },
    { text: t.completed },
    { text: c.title, fontSize: 15, bold: true, margin: [0, 6, 0, 14] },
    ...(c.outcomes.length
      ? [
          { text: t.outcomes, fontSize: 12, bold: true, margin: [0, 4, 0, 4] } satisfies Content,
          { ul: c.outcomes, margin: [0, 0, 0, 10] } satisfies Content,
        ]
      : []),
    { text: t.elements, fontSize: 12, bold: true, margin: [0, 4, 0, 4] },
    {
      table: { widths: [130, '*'], body: rows.map(([k, v]) => [{ text: k, bold: true }, v]) },
      layout: 'lightHorizontalLines',
    },
    {
      columns: [
        { qr: verifyUrl, fit: 90, width: 100 },
        { stack: [{ text: t.verify }, { text: verifyUrl, fontSize: 9 }], margin: [0, 30, 0, 0] },
      ],
      margin: [0, 20, 0, 0],
    },
  ];
  return {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    language: c.language,
    info: { title: `${t.heading} – ${c.title} – ${c.learnerName}`, author: c.issuer.name },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
    content,
  };
}
