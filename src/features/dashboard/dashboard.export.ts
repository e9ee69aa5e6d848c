import ExcelJS from 'exceljs';
import type { FigurePeriod } from '../../shared/periods.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { stageNames } from '../cases/stages.ts';
import type { Dashboard } from './dashboard.contract.ts';

/**
 * The key figures as a workbook, for a report to the HEI's management: the figures of each part of the page
 * on one sheet, the open cases by stage and by the person responsible, and the signed agreements by month.
 * Amounts in kronor (two decimals) without VAT; shares as percentages.
 */
type Language = 'sv' | 'en';

const words = {
  sv: {
    sheets: {
      figures: 'Nyckeltal',
      stages: 'Ärenden per läge',
      owners: 'Ärenden per ansvarig',
      months: 'Avtal per månad',
    },
    title: (hei: string) => `Nyckeltal för uppdragsutbildning – ${hei}`,
    period: 'Period',
    periods: { '12m': 'Senaste 12 månaderna', '36m': 'Senaste 3 åren', all: 'All tid' } as Record<
      FigurePeriod,
      string
    >,
    since: 'Från och med',
    until: 'Till och med',
    made: 'Hämtad',
    note: 'Belopp i kronor utan moms.',
    pipeline: 'Pågående just nu',
    open: 'Öppna ärenden',
    awaiting: 'Offerter som väntar på svar',
    awaitingValue: 'Offerter som väntar på svar, värde (kr)',
    sales: 'Försäljning under perioden',
    opened: 'Öppnade ärenden',
    won: 'Vunna',
    lost: 'Förlorade',
    declined: 'Avböjda',
    referred: 'Hänvisade',
    winRate: 'Vinstandel (vunna av vunna och förlorade)',
    sent: 'Skickade offerter',
    sentValue: 'Skickade offerter, värde (kr)',
    accepted: 'Antagna offerter',
    acceptedValue: 'Antagna offerter, värde (kr)',
    hitRate: 'Antaget värde av besvarat värde',
    agreements: 'Avtal under perioden',
    signed: 'Avtal undertecknade av båda parter',
    signedValue: 'Avtalat värde (kr)',
    leadTime: 'Median, dagar från ärende till avtal',
    dueInPeriod: 'Att fakturera enligt betalplanerna under perioden, till i dag (kr)',
    dueInPastPeriod: 'Att fakturera enligt betalplanerna under perioden (kr)',
    dueNextYear: 'Att fakturera de kommande tolv månaderna (kr)',
    volume: 'Deltagare och undervisning under perioden',
    participants: 'Deltagare i avtal undertecknade under perioden',
    creditParticipants: 'Varav behöriga som får högskolepoäng',
    credits: 'Högskolepoäng',
    fte: 'Helårsekvivalenter (60 hp)',
    sessionsGiven: 'Genomförda kurstillfällen',
    teachingHours: 'Undervisningstimmar (schemalagda)',
    credentialsIssued: 'Utfärdade mikromeriter',
    outturn: 'Efterkalkyler under perioden',
    recorded: 'Efterkalkylerade avtal',
    result: 'Resultat (kr)',
    coverage: 'Intäkt av faktisk full kostnad',
    actualCost: 'Faktisk full kostnad (kr)',
    deficits: 'Avtal med underskott',
    outturnAwaiting: 'Genomförda avtal som väntar på efterkalkyl (nu)',
    evaluations: 'Utvärderingar (alla)',
    evaluationCount: 'Utvärderingar',
    satisfaction: 'Helhetsintryck (1–5)',
    gain: 'Skattad kunskapsökning',
    results: 'Resultat för verksamheten (1–5)',
    stage: 'Läge',
    owner: 'Ansvarig',
    noOwner: 'Ingen ansvarig',
    cases: 'Ärenden',
    month: 'Månad',
    count: 'Avtal',
    value: 'Avtalat värde (kr)',
  },
  en: {
    sheets: {
      figures: 'Key figures',
      stages: 'Cases by stage',
      owners: 'Cases by owner',
      months: 'Agreements by month',
    },
    title: (hei: string) => `Contract education key figures – ${hei}`,
    period: 'Period',
    periods: { '12m': 'Last 12 months', '36m': 'Last 3 years', all: 'All time' } as Record<
      FigurePeriod,
      string
    >,
    since: 'From',
    until: 'To',
    made: 'Downloaded',
    note: 'Amounts in SEK excluding VAT.',
    pipeline: 'Under way now',
    open: 'Open cases',
    awaiting: 'Proposals awaiting an answer',
    awaitingValue: 'Proposals awaiting an answer, value (SEK)',
    sales: 'Sales in the period',
    opened: 'Cases opened',
    won: 'Won',
    lost: 'Lost',
    declined: 'Declined',
    referred: 'Referred',
    winRate: 'Win rate (won of won and lost)',
    sent: 'Proposals sent',
    sentValue: 'Proposals sent, value (SEK)',
    accepted: 'Proposals accepted',
    acceptedValue: 'Proposals accepted, value (SEK)',
    hitRate: 'Accepted value of answered value',
    agreements: 'Agreements in the period',
    signed: 'Agreements signed by both parties',
    signedValue: 'Value signed (SEK)',
    leadTime: 'Median days from case to agreement',
    dueInPeriod: 'To invoice by the billing plans in the period, up to today (SEK)',
    dueInPastPeriod: 'To invoice by the billing plans in the period (SEK)',
    dueNextYear: 'To invoice in the coming twelve months (SEK)',
    volume: 'Participants and teaching in the period',
    participants: 'Participants in agreements signed in the period',
    creditParticipants: 'Of them, eligible participants who get credits',
    credits: 'Credits (högskolepoäng)',
    fte: 'Full-time equivalents (60 credits)',
    sessionsGiven: 'Sessions given',
    teachingHours: 'Teaching hours (scheduled)',
    credentialsIssued: 'Micro-credentials issued',
    outturn: 'Post-calculations in the period',
    recorded: 'Agreements post-calculated',
    result: 'Result (SEK)',
    coverage: 'Revenue of actual full cost',
    actualCost: 'Actual full cost (SEK)',
    deficits: 'Agreements at a deficit',
    outturnAwaiting: 'Given agreements awaiting a post-calculation (now)',
    evaluations: 'Evaluations (all)',
    evaluationCount: 'Evaluations',
    satisfaction: 'Overall impression (1–5)',
    gain: 'Self-assessed knowledge gain',
    results: 'Results for the organisation (1–5)',
    stage: 'Stage',
    owner: 'Responsible',
    noOwner: 'Nobody responsible',
    cases: 'Cases',
    month: 'Month',
    count: 'Agreements',
    value: 'Value signed (SEK)',
  },
};

const KRONOR = '#,##0.00';
const PERCENT = '0.0%';
const DECIMAL = '0.0#';
type Cell = string | number | null;
type Row = [string, Cell, string?];

const kronor = (ore: number): Row[1] => ore / 100;

export async function keyFiguresXlsx(figures: Dashboard, language: Language): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lupp';
  figuresSheet(workbook, figures, language);
  stagesSheet(workbook, figures, language);
  ownersSheet(workbook, figures, language);
  monthsSheet(workbook, figures, language);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function figuresSheet(workbook: ExcelJS.Workbook, f: Dashboard, language: Language) {
  const w = words[language];
  const sheet = workbook.addWorksheet(w.sheets.figures);
  sheet.addRow([w.title(f.hei.name)]).font = { bold: true, size: 13 };
  // a calendar year is named by itself
  sheet.addRow([w.period, w.periods[f.period as FigurePeriod] ?? f.period]);
  sheet.addRow([w.since, f.since ?? '–']);
  sheet.addRow([w.until, f.until]);
  sheet.addRow([w.made, stockholmDate(new Date())]);
  sheet.addRow([w.note]);
  const part = (title: string, rows: Row[]) => {
    sheet.addRow([]);
    sheet.addRow([title]).font = { bold: true };
    for (const [label, value, format] of rows) {
      const row = sheet.addRow([label, value ?? '–']);
      if (format && value !== null) row.getCell(2).numFmt = format;
    }
  };
  part(w.pipeline, [
    [w.open, f.pipeline.open],
    [w.awaiting, f.pipeline.awaitingAnswer.count],
    [w.awaitingValue, kronor(f.pipeline.awaitingAnswer.valueOre), KRONOR],
  ]);
  part(w.sales, [
    [w.opened, f.cases.opened],
    [w.won, f.cases.won],
    [w.lost, f.cases.lost],
    [w.declined, f.cases.declined],
    [w.referred, f.cases.referred],
    [w.winRate, f.cases.winRate, PERCENT],
    [w.sent, f.proposals.sent.count],
    [w.sentValue, kronor(f.proposals.sent.valueOre), KRONOR],
    [w.accepted, f.proposals.accepted.count],
    [w.acceptedValue, kronor(f.proposals.accepted.valueOre), KRONOR],
    [w.hitRate, f.proposals.hitRate, PERCENT],
  ]);
  part(w.agreements, [
    [w.signed, f.agreements.signed.count],
    [w.signedValue, kronor(f.agreements.signed.valueOre), KRONOR],
    [w.leadTime, f.agreements.medianDaysToAgreement],
    [
      f.until < stockholmDate(new Date()) ? w.dueInPastPeriod : w.dueInPeriod,
      kronor(f.agreements.dueInPeriodOre),
      KRONOR,
    ],
    [w.dueNextYear, kronor(f.agreements.dueNextYearOre), KRONOR],
  ]);
  part(w.volume, [
    [w.participants, f.volume.participants],
    [w.creditParticipants, f.volume.creditParticipants],
    [w.credits, f.volume.credits, DECIMAL],
    [w.fte, f.volume.fullTimeEquivalents, DECIMAL],
    [w.sessionsGiven, f.volume.sessionsGiven],
    [w.teachingHours, f.volume.teachingHours, DECIMAL],
    [w.credentialsIssued, f.volume.credentialsIssued],
  ]);
  part(w.outturn, [
    [w.recorded, f.outturn.recorded],
    [w.result, kronor(f.outturn.resultOre), KRONOR],
    [w.coverage, f.outturn.coverageBp === null ? null : f.outturn.coverageBp / 10_000, PERCENT],
    [w.actualCost, kronor(f.outturn.actualCostOre), KRONOR],
    [w.deficits, f.outturn.deficits],
    [w.outturnAwaiting, f.outturn.awaiting],
  ]);
  part(w.evaluations, [
    [w.evaluationCount, f.evaluations.evaluations],
    [w.satisfaction, f.evaluations.satisfaction],
    [w.gain, f.evaluations.gain],
    [w.results, f.evaluations.results],
  ]);
  sheet.getColumn(1).width = 66;
  sheet.getColumn(2).width = 22;
}

function table(
  workbook: ExcelJS.Workbook,
  name: string,
  headers: string[],
  rows: Cell[][],
  formats: string[] = [],
) {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow(headers).font = { bold: true };
  for (const values of rows) {
    const row = sheet.addRow(values);
    formats.forEach((format, i) => {
      if (format) row.getCell(i + 1).numFmt = format;
    });
  }
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 36 : 18;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

function stagesSheet(workbook: ExcelJS.Workbook, f: Dashboard, language: Language) {
  const w = words[language];
  const rows = f.pipeline.byStage.map((s) => [stageNames[language][s.stage], s.count]);
  table(workbook, w.sheets.stages, [w.stage, w.cases], rows);
}

function ownersSheet(workbook: ExcelJS.Workbook, f: Dashboard, language: Language) {
  const w = words[language];
  const rows = f.pipeline.byOwner.map((o) => [o.owner ?? w.noOwner, o.count]);
  table(workbook, w.sheets.owners, [w.owner, w.cases], rows);
}

function monthsSheet(workbook: ExcelJS.Workbook, f: Dashboard, language: Language) {
  const w = words[language];
  const rows = f.agreements.byMonth.map((m) => [m.key, m.count, kronor(m.valueOre)]);
  table(workbook, w.sheets.months, [w.month, w.count, w.value], rows, ['', '', KRONOR]);
}
