import { stageNames } from '../cases/stages.ts';
import type { MeritRecord } from './staff.contract.ts';

type Evaluation = MeritRecord['evaluations'][number];

/**
 * The words of the merit record's documents (DOCX and PDF) in Swedish and English, and the helpers both
 * formats share: dates, hours, languages and concept labels as the reader's language writes them.
 */
export const meritText = {
  sv: {
    title: 'Meritförteckning: samverkan och uppdragsutbildning',
    generated: (date: string) => `Sammanställd ur Lupp ${date}.`,
    person: 'Person',
    hei: 'Lärosäte',
    department: 'Institution',
    email: 'E-post',
    expertise: 'Expertområden',
    languages: 'Undervisningsspråk',
    none: '–',
    summary: 'Sammanfattning',
    totals: (r: MeritRecord['totals'], h: (n: number) => string) => [
      `Uppdragsutbildningar (godkända eller avtalade): ${r.courses}`,
      `Planerade timmar: ${h(r.hours)} (undervisning ${h(r.teachingHours)}, utveckling ${h(r.developmentHours)})`,
      `Ärenden som ansvarig: ${r.casesOwned}`,
      `Dokumenterade möten med uppdragsgivare: ${r.meetings}`,
    ],
    totalsNote:
      'Summorna räknar de utformningar som studierektorn har godkänt eller vars avtal båda parter har undertecknat; utformningar under planering listas men räknas inte.',
    courses: 'Uppdragsutbildningar som lärare',
    coursesIntro:
      'Utformningar av uppdragsutbildning där personen är planerad lärare, med personens planerade timmar.',
    noCourses: 'Inga uppdragsutbildningar är registrerade.',
    columns: { course: 'Utbildning, uppdragsgivare och period', hours: 'Planerade timmar', status: 'Status' },
    teaching: (h: string) => `Undervisning ${h} h`,
    development: (h: string) => `Utveckling ${h} h`,
    credits: (n: string) => `${n} hp`,
    certificate: 'intyg',
    approved: (date: string) => `Godkänd av studierektor ${date}`,
    planning: 'Under planering',
    agreement: {
      none: '',
      draft: 'Avtal under arbete',
      signing: 'Avtal under undertecknande',
      signed: (date: string) => `Avtal undertecknat ${date}`,
    },
    dialogues: 'Dialoger med uppdragsgivare',
    casesOwned: 'Ärenden som ansvarig',
    noCasesOwned: 'Inga ärenden som ansvarig.',
    caseColumns: { reference: 'Ärende', customer: 'Uppdragsgivare', opened: 'Öppnat', stage: 'Läge' },
    meetings: 'Dokumenterade möten',
    noMeetings: 'Inga dokumenterade möten.',
    meetingColumns: { date: 'Datum', reference: 'Ärende', customer: 'Uppdragsgivare', meeting: 'Möte' },
    stage: stageNames.sv as Record<string, string>,
    outcome: { won: 'vunnet', lost: 'förlorat', declined: 'avböjt', referred: 'hänvisat' } as Record<
      string,
      string
    >,
    evaluations: 'Utvärderingar',
    noEvaluations:
      'Inga utvärderingar med resultat ännu (resultat redovisas när minst fem deltagare har svarat).',
    evaluationLine: (e: Evaluation, n: (x: number) => string, date: string) =>
      `${e.title} (${date}): ${e.answered} svar, helhetsintryck ${n(e.satisfaction)} av 5${e.gain === null ? '' : `, skattad kunskapsökning ${e.gain > 0 ? '+' : ''}${n(e.gain)}`}, ${e.recommended} av ${e.answered} skulle rekommendera utbildningen.`,
    file: 'Meritförteckning samverkan',
  },
  en: {
    title: 'Record of collaboration merits: contract education',
    generated: (date: string) => `Compiled from Lupp on ${date}.`,
    person: 'Person',
    hei: 'Institution',
    department: 'Department',
    email: 'E-mail',
    expertise: 'Areas of expertise',
    languages: 'Teaching languages',
    none: '–',
    summary: 'Summary',
    totals: (r: MeritRecord['totals'], h: (n: number) => string) => [
      `Contract-education courses (approved or under agreement): ${r.courses}`,
      `Planned hours: ${h(r.hours)} (teaching ${h(r.teachingHours)}, development ${h(r.developmentHours)})`,
      `Cases as the responsible person: ${r.casesOwned}`,
      `Recorded meetings with customers: ${r.meetings}`,
    ],
    totalsNote:
      'The totals count designs the study director has approved or whose agreement both parties have signed; designs still being planned are listed but not counted.',
    courses: 'Contract-education courses as a teacher',
    coursesIntro:
      "Designs of contract education in which the person is a planned teacher, with the person's planned hours.",
    noCourses: 'No contract-education courses are recorded.',
    columns: { course: 'Course, customer and period', hours: 'Planned hours', status: 'Status' },
    teaching: (h: string) => `Teaching ${h} h`,
    development: (h: string) => `Development ${h} h`,
    credits: (n: string) => `${n} credits`,
    certificate: 'certificate',
    approved: (date: string) => `Approved by the study director on ${date}`,
    planning: 'Being planned',
    agreement: {
      none: '',
      draft: 'Agreement being drafted',
      signing: 'Agreement being signed',
      signed: (date: string) => `Agreement signed on ${date}`,
    },
    dialogues: 'Dialogues with customers',
    casesOwned: 'Cases as the responsible person',
    noCasesOwned: 'No cases as the responsible person.',
    caseColumns: { reference: 'Case', customer: 'Customer', opened: 'Opened', stage: 'Stage' },
    meetings: 'Recorded meetings',
    noMeetings: 'No recorded meetings.',
    meetingColumns: { date: 'Date', reference: 'Case', customer: 'Customer', meeting: 'Meeting' },
    stage: stageNames.en as Record<string, string>,
    outcome: { won: 'won', lost: 'lost', declined: 'declined', referred: 'referred' } as Record<
      string,
      string
    >,
    evaluations: 'Evaluations',
    noEvaluations:
      'No evaluations with results yet (results are reported once at least five participants have answered).',
    evaluationLine: (e: Evaluation, n: (x: number) => string, date: string) =>
      `${e.title} (${date}): ${e.answered} answers, overall impression ${n(e.satisfaction)} of 5${e.gain === null ? '' : `, rated knowledge gain ${e.gain > 0 ? '+' : ''}${n(e.gain)}`}, ${e.recommended} of ${e.answered} would recommend the course.`,
    file: 'Collaboration merit record',
  },
} as const;

export type MeritLanguage = keyof typeof meritText;

/** What the documents write: dates, numbers, languages, concept labels and row texts in the reader's language. */
export function meritWords(language: MeritLanguage) {
  const t = meritText[language];
  const locale = language === 'sv' ? 'sv-SE' : 'en-GB';
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Europe/Stockholm' });
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const languageNames = new Intl.DisplayNames([language], { type: 'language' });
  const date = (iso: string) => dates.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));
  const hours = (n: number) => numbers.format(n);
  const label = (c: { label: { sv: string | null; en: string | null } }) =>
    (language === 'en' ? (c.label.en ?? c.label.sv) : (c.label.sv ?? c.label.en)) ?? '';
  const languageName = (code: string) => {
    try {
      return languageNames.of(code) ?? code;
    } catch {
      return code;
    }
  };
  type Course = MeritRecord['courses'][number];
  return {
    t,
    date,
    hours,
    label,
    languageName,
    /** One evaluation's key figures as a sentence. */
    evaluationLine: (e: Evaluation) => t.evaluationLine(e, hours, date(e.closesOn)),
    /** The lines of a course's first cell: name, customer (case), period. */
    courseLines: (c: Course) => [
      `${c.title} (${c.awards === 'credits' && c.credits ? t.credits(numbers.format(c.credits)) : c.awards === 'certificate' ? t.certificate : t.none})`,
      `${c.case.customer} (${c.case.reference})`,
      ...(c.startDate || c.endDate
        ? [`${c.startDate ? date(c.startDate) : '…'} – ${c.endDate ? date(c.endDate) : '…'}`]
        : []),
    ],
    hourLines: (c: Course) => [
      t.teaching(numbers.format(c.teachingHours)),
      t.development(numbers.format(c.developmentHours)),
    ],
    status: (c: Course) =>
      [
        c.approved && c.approvedAt ? t.approved(date(c.approvedAt)) : t.planning,
        c.agreement === 'signed'
          ? t.agreement.signed(c.agreementSignedAt ? date(c.agreementSignedAt) : '')
          : t.agreement[c.agreement],
      ]
        .filter(Boolean)
        .join('. '),
    caseStage: (c: { stage: string; outcome: string | null }) =>
      `${t.stage[c.stage] ?? c.stage}${c.outcome ? ` (${t.outcome[c.outcome] ?? c.outcome})` : ''}`,
  };
}

/** "Meritförteckning samverkan - Lars Ek.docx" (characters file systems refuse become "-"). */
export function meritFileName(record: MeritRecord, language: MeritLanguage, format: 'docx' | 'pdf') {
  return `${meritText[language].file} - ${record.person.name}.${format}`.replace(/[\\/:*?"<>|]+/g, '-');
}
