import type { Content } from 'pdfmake/interfaces';
import type { LuppDocument } from '../../shared/pdf.ts';
import { stockholmDate, stockholmDateTime } from '../../shared/stockholm-days.ts';
import type { CaseDetail } from '../cases/cases.contract.ts';
import {
  type Evidence,
  type OpenStage,
  type Outcome,
  outcomeNames,
  type PurchaseRoute,
  type Stage,
  stageNames,
  stages,
} from '../cases/stages.ts';
import { type Letterhead, letterhead } from '../proposals/proposal.pdf.ts';

/** What the record of a case's handling is made from (case-file.service.ts `caseRecord`). */
export type CaseRecord = {
  hei: { name: string } & Letterhead;
  detail: CaseDetail;
  openedAt: string;
  /** The questions of the HEI's dialogue guides by key: what a meeting record's answers answered. */
  questions: Map<string, { sv: string; en: string }>;
  printedAt: Date;
};

const text = {
  sv: {
    heading: 'Ärendets handläggning',
    customer: 'Uppdragsgivare',
    reference: 'Ärende',
    registryNumber: 'Diarienummer',
    customerReference: 'Kundens referens',
    title: 'Rubrik',
    opened: 'Öppnat',
    owner: 'Ansvarig',
    stage: 'Steg',
    outcome: 'Utfall',
    purchase: 'Hur kunden köper',
    tenderDeadline: 'Sista anbudsdag',
    printed: 'Utskrivet',
    need: 'Behovet',
    checklist: 'Kontrollpunkter',
    item: 'Kontrollpunkt',
    done: 'Klar',
    required: 'obligatorisk',
    notDone: 'Inte klar',
    byLupp: (when: string) => `bockad i Lupp ${when}`,
    timeline: 'Tidslinje',
    noEntries: 'Inget är skrivet i tidslinjen.',
    internal: 'intern',
    visible: 'synlig för kunden',
    fromCustomer: 'från kunden',
    participants: 'Deltagare',
    agenda: 'Dagordning',
    notes: 'Anteckningar',
    nextSteps: 'Nästa steg',
    handOverNote: 'Meddelande',
    moved: (from: string, to: string) => `Flyttat från ${from} till ${to}`,
    closed: (outcome: string, reason: string) => `Avslutat som ${outcome.toLowerCase()}: ${reason}`,
    override: (reason: string) => `Förbi kontrollpunkterna: ${reason}`,
    changed: (fields: string) => `Uppgifterna ändrades: ${fields}`,
    handedOver: (from: string | null, to: string) =>
      from ? `Lämnades över från ${from} till ${to}` : `Lämnades över till ${to}`,
    openedFrom: (reference: string) => `Ärendet öppnades från förfrågan ${reference}`,
    designWithdrawn: (design: string) => `Utformningen ”${design}” lades åt sidan`,
    designRestored: (design: string) => `Utformningen ”${design}” togs tillbaka`,
    why: 'Varför',
    left: 'Handlingar i ärendet (offerter, avtal, efterkalkyler, kursrapporter och uppladdade dokument) finns som egna filer i akten. Personuppgifter om deltagare ingår inte.',
    kind: { meeting: 'Kundmöte', contact: 'Kontakt', note: 'Anteckning', stage: 'Steg', system: 'System' },
    route: {
      none: 'Ingen upphandling',
      direct_award: 'Direktupphandling',
      advertised: 'Annonserad upphandling',
      framework_call_off: 'Avrop från ramavtal',
      state_arrangement: 'Överenskommelse mellan statliga myndigheter',
    },
    evidence: {
      design_approved: 'när utformningen godkändes',
      calculation_approved: 'när kalkylen godkändes',
      proposal_sent: 'när offerten skickades',
      agreement_signed: 'när båda parter hade signerat avtalet',
      participants_designated: 'när kunden anmälde deltagare',
      attendance_recorded: 'när närvaro fördes',
      evaluation_done: 'när utvärderingen stängdes eller delades',
      invoiced: 'när avtalens betalningar var fakturerade',
    },
    field: {
      title: 'rubrik',
      needText: 'behovet',
      sector: 'sektor',
      subjectArea: 'ämnesområde',
      purchaseRoute: 'hur kunden köper',
      tenderDeadline: 'sista anbudsdag',
      procurementReference: 'kundens diarienummer',
      registryNumber: 'lärosätets diarienummer',
      frameworkAgreementId: 'ramavtal',
    } as Record<string, string>,
  },
  en: {
    heading: 'Case record',
    customer: 'Customer',
    reference: 'Case',
    registryNumber: 'Registration number',
    customerReference: "Customer's reference",
    title: 'Title',
    opened: 'Opened',
    owner: 'Owner',
    stage: 'Stage',
    outcome: 'Outcome',
    purchase: 'How the customer buys',
    tenderDeadline: 'Tender deadline',
    printed: 'Printed',
    need: 'The need',
    checklist: 'Checklist',
    item: 'Item',
    done: 'Done',
    required: 'required',
    notDone: 'Not done',
    byLupp: (when: string) => `ticked in Lupp ${when}`,
    timeline: 'Timeline',
    noEntries: 'Nothing is written on the timeline.',
    internal: 'internal',
    visible: 'visible to the customer',
    fromCustomer: 'from the customer',
    participants: 'Participants',
    agenda: 'Agenda',
    notes: 'Notes',
    nextSteps: 'Next steps',
    handOverNote: 'Message',
    moved: (from: string, to: string) => `Moved from ${from} to ${to}`,
    closed: (outcome: string, reason: string) => `Closed as ${outcome.toLowerCase()}: ${reason}`,
    override: (reason: string) => `Past the checklist: ${reason}`,
    changed: (fields: string) => `Details changed: ${fields}`,
    handedOver: (from: string | null, to: string) =>
      from ? `Handed over from ${from} to ${to}` : `Handed over to ${to}`,
    openedFrom: (reference: string) => `The case was opened from inquiry ${reference}`,
    designWithdrawn: (design: string) => `The design “${design}” was set aside`,
    designRestored: (design: string) => `The design “${design}” was taken back`,
    why: 'Why',
    left: "The case's documents (proposals, agreements, post-calculations, course reports and uploaded documents) are files of their own in the case file. Participants' personal data is not included.",
    kind: { meeting: 'Customer meeting', contact: 'Contact', note: 'Note', stage: 'Stage', system: 'System' },
    route: {
      none: 'No procurement',
      direct_award: 'Direct award',
      advertised: 'Advertised procurement',
      framework_call_off: 'Call-off under a framework agreement',
      state_arrangement: 'Arrangement between state agencies',
    },
    evidence: {
      design_approved: 'when the design was approved',
      calculation_approved: 'when the calculation was approved',
      proposal_sent: 'when the proposal was sent',
      agreement_signed: 'when both parties had signed the agreement',
      participants_designated: 'when the customer designated participants',
      attendance_recorded: 'when attendance was recorded',
      evaluation_done: 'when the evaluation was closed or shared',
      invoiced: "when the agreements' payments were invoiced",
    },
    field: {
      title: 'title',
      needText: 'the need',
      sector: 'sector',
      subjectArea: 'subject area',
      purchaseRoute: 'how the customer buys',
      tenderDeadline: 'tender deadline',
      procurementReference: "the customer's reference",
      registryNumber: "the HEI's registration number",
      frameworkAgreementId: 'framework agreement',
    } as Record<string, string>,
  },
} as const;

type Words = (typeof text)['sv' | 'en'];
type Entry = CaseDetail['entries'][number];

/**
 * The record of a case's handling as an A4 PDF for the HEI's registry and archive, in Swedish or English: the
 * case's references and details, the need, every checklist item with who ticked it and when (or that Lupp did,
 * on what), and the whole timeline oldest first — meetings with their dialogue questions answered, contacts,
 * notes, stage moves (with any reason for passing the checklist) and hand-overs, internal entries marked.
 * Pure: the record in, a pdfmake definition out.
 */
export function caseRecordPdf(record: CaseRecord, language: 'sv' | 'en'): LuppDocument {
  const t = text[language];
  const d = record.detail;
  const details: string[][] = [
    [t.customer, d.customer.name],
    [t.reference, d.reference],
    ...(d.registryNumber ? [[t.registryNumber, d.registryNumber]] : []),
    ...(d.procurementReference ? [[t.customerReference, d.procurementReference]] : []),
    [t.title, d.title],
    [t.opened, stockholmDate(new Date(record.openedAt))],
    ...(d.owner ? [[t.owner, d.owner.name]] : []),
    [t.stage, stageNames[language][d.stage]],
    ...(d.outcome
      ? [[t.outcome, [outcomeNames[language][d.outcome], d.outcomeReason].filter(Boolean).join(': ')]]
      : []),
    ...(d.purchaseRoute ? [[t.purchase, t.route[d.purchaseRoute as PurchaseRoute]]] : []),
    ...(d.tenderDeadline ? [[t.tenderDeadline, d.tenderDeadline]] : []),
    [t.printed, stockholmDateTime(record.printedAt)],
  ];
  return {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    language: language,
    info: { title: `${t.heading} – ${d.reference}`, author: record.hei.name },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
    footer: (page, pages) => ({
      text: `${d.reference} · ${page} / ${pages}`,
      alignment: 'center',
      fontSize: 8,
      margin: [0, 20, 0, 0],
    }),
    content: [
      ...letterhead(record.hei.name, record.hei),
      { text: `${t.heading}: ${d.reference}`, fontSize: 18, bold: true, margin: [0, 12, 0, 8] },
      { table: { widths: [130, '*'], body: details }, layout: 'noBorders', margin: [0, 0, 0, 8] },
      heading(t.need),
      ...paragraphs(d.needText),
      heading(t.checklist),
      ...checklist(d.checklist, t, language),
      heading(t.timeline),
      ...timeline(d.entries, record.questions, t, language),
      { text: t.left, fontSize: 9, margin: [0, 12, 0, 0] },
    ],
  };
}

/** The items by stage, in the pipeline's order: each done with when and by whom (or by what in Lupp). */
function checklist(items: CaseDetail['checklist'], t: Words, language: 'sv' | 'en'): Content[] {
  const byStage = new Map<OpenStage, CaseDetail['checklist']>();
  for (const item of items) byStage.set(item.stage, [...(byStage.get(item.stage) ?? []), item]);
  return stages
    .filter((stage): stage is OpenStage => byStage.has(stage as OpenStage))
    .flatMap((stage): Content[] => [
      { text: stageNames[language][stage], bold: true, margin: [0, 6, 0, 2] },
      {
        table: {
          widths: ['*', 190],
          headerRows: 1,
          body: [
            [
              { text: t.item, bold: true },
              { text: t.done, bold: true },
            ],
            ...(byStage.get(stage) ?? []).map((item) => [
              item.required ? `${item.label[language]} (${t.required})` : item.label[language],
              item.done ? doneText(item.done, t) : t.notDone,
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
      },
    ]);
}

function doneText(done: NonNullable<CaseDetail['checklist'][number]['done']>, t: Words) {
  const when = [stockholmDate(new Date(done.at)), done.by].filter(Boolean).join(', ');
  const how = done.evidence ? t.byLupp(t.evidence[done.evidence as Evidence]) : null;
  return [when, how, done.comment].filter(Boolean).join('\n');
}

/** The timeline oldest first, as a registry reads it: when, what kind, who, and everything written. */
function timeline(
  entries: Entry[],
  questions: CaseRecord['questions'],
  t: Words,
  language: 'sv' | 'en',
): Content[] {
  if (!entries.length) return [{ text: t.noEntries }];
  const oldestFirst = [...entries].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  return oldestFirst.map((entry): Content => {
    const body = entry.body;
    const written = (key: string) =>
      typeof body[key] === 'string' && body[key] ? (body[key] as string) : null;
    const answers = Object.entries((body.answers ?? {}) as Record<string, unknown>).flatMap(([key, value]) =>
      typeof value === 'string' && value ? [[questions.get(key)?.[language] || key, value] as const] : [],
    );
    const blocks: (readonly [string, string | null])[] = [
      [t.participants, written('participants')],
      [t.agenda, written('agenda')],
      ...answers,
      [t.notes, written('notes')],
      [t.nextSteps, written('nextSteps')],
      [t.handOverNote, entry.kind === 'system' ? written('note') : null],
      [t.why, entry.kind === 'system' ? written('reason') : null],
    ];
    const marks = [
      t.kind[entry.kind],
      entry.author,
      body.fromCustomer ? t.fromCustomer : null,
      entry.kind === 'stage' || entry.kind === 'system' ? null : entry.internal ? t.internal : t.visible,
    ].filter(Boolean);
    return {
      stack: [
        { text: `${stockholmDateTime(new Date(entry.occurredAt))} · ${marks.join(' · ')}`, fontSize: 9 },
        { text: entryTitle(entry, t, language), bold: true },
        ...(entry.kind === 'stage' && written('overrideReason')
          ? [{ text: t.override(written('overrideReason') ?? '') }]
          : []),
        ...blocks.flatMap(([label, value]): Content[] =>
          value ? [{ text: [{ text: `${label} `, bold: true }, value], margin: [0, 2, 0, 0] }] : [],
        ),
      ],
      margin: [0, 0, 0, 10],
      unbreakable: blocks.every(([, value]) => !value || value.length < 400),
    };
  });
}

/** A stage move or a system entry says what happened in the document's language; others keep their title. */
function entryTitle(entry: Entry, t: Words, language: 'sv' | 'en') {
  const body = entry.body;
  const word = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
  const stage = (key: string) => stageNames[language][body[key] as Stage] ?? word(key);
  if (entry.kind === 'stage') {
    return body.to === 'closed'
      ? t.closed(outcomeNames[language][body.outcome as Outcome] ?? word('outcome'), word('reason'))
      : t.moved(stage('from'), stage('to'));
  }
  if (entry.kind !== 'system') return entry.title;
  switch (body.event) {
    case 'details_changed': {
      const fields = Array.isArray(body.fields) ? (body.fields as string[]) : [];
      return t.changed(fields.map((f) => t.field[f] ?? f).join(', '));
    }
    case 'owner_changed':
      return t.handedOver(word('from') || null, word('to'));
    case 'opened_from_inquiry':
      return t.openedFrom(word('reference'));
    case 'design_withdrawn':
      return t.designWithdrawn(word('design'));
    case 'design_restored':
      return t.designRestored(word('design'));
    default:
      return entry.title;
  }
}

const heading = (title: string): Content => ({
  text: title,
  fontSize: 13,
  bold: true,
  margin: [0, 14, 0, 6],
});

const paragraphs = (s: string): Content[] =>
  s
    .split(/\n{2,}/)
    .filter(Boolean)
    .map((para) => ({ text: para, margin: [0, 0, 0, 6] }));
