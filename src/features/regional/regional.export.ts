import ExcelJS from 'exceljs';
import type { FigurePeriod } from '../../shared/periods.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { subjectAreas } from '../../shared/subject-areas.ts';
import type { PooledEvaluationFigures } from '../evaluation/evaluation.contract.ts';
import type { CompetenceDemand, RegionalAnalysis, RegionalTrend } from './regional.contract.ts';

/**
 * The whole pooled analysis as a workbook, for a regional report: what it is drawn from, the competences, the
 * occupations, the front door's inquiries and the course evaluations, each on a sheet, with the same anonymity as the page (only what
 * the page shows is in it).
 */

const words = {
  sv: {
    sheets: {
      about: 'Underlag',
      competences: 'Kompetenser',
      dueYears: 'När behoven ska vara mötta',
      occupations: 'Yrken',
      trend: 'År för år',
      inquiries: 'Förfrågningar',
      evaluations: 'Kursutvärderingar',
    },
    title: (consortium: string) => `Regional analys – ${consortium}`,
    dueNow: (year: number) => `Nu (${year}, och passerade år)`,
    trendRows: {
      inquiries: 'Förfrågningar via ingången',
      analyses: 'Behovsanalyser',
      organisations: 'Kundorganisationer',
    },
    trendCompetences: (min: number) =>
      `Personer som behöver kompetensen, per år (– : färre än ${min} organisationer det året)`,
    period: 'Period',
    periods: { '12m': 'Senaste 12 månaderna', '36m': 'Senaste 3 åren', all: 'All tid' },
    since: 'Från och med',
    until: 'Till och med',
    county: 'Län',
    allCounties: 'Alla län',
    sectorFilter: 'Sektor (kundens)',
    allSectors: 'Alla sektorer',
    made: 'Hämtad',
    contributors: 'Lärosäten som bidrar med behovsanalyser',
    notContributing: 'Lärosäten som inte bidrar',
    none: 'Inga',
    analyses: 'Behovsanalyser i underlaget',
    organisations: 'Kundorganisationer i underlaget',
    minOrganisations: 'Minsta antal organisationer för att en kompetens eller ett yrke ska visas',
    hiddenCompetences: 'Kompetenser som inte visas (för få organisationer)',
    freeTextNeeds: 'Behov i fritext, utan kompetens ur taxonomin (ingår inte i summorna)',
    hiddenOccupations: 'Yrken som inte visas (för få organisationer)',
    occupationHeaders: ['Yrke', 'Organisationer', 'Antal nu', 'Antal vid horisonten', 'Förändring'],
    inquiriesTotal: 'Förfrågningar via ingången',
    answered: 'Besvarade',
    answeredInTime: 'Besvarade inom målet',
    byMonth: ['Månad', 'Antal'],
    byStatus: 'Hur de besvarades',
    status: { new: 'Väntar på svar', claimed: 'Tagna', referred: 'Hänvisade', declined: 'Avböjda' },
    bySector: 'Per sektor',
    sector: { public: 'Offentlig sektor', private: 'Privat sektor', non_profit: 'Ideell sektor' },
    bySubjectArea: 'Per ämnesområde',
    noSubjectArea: 'Inget angivet',
    byCounty: 'Per län',
    count: 'Antal',
    hiddenSubjectAreas: 'Ämnesområden i kursutvärderingarna som inte visas (för få organisationer)',
    allFields: 'Alla ämnesområden',
    evaluationHeaders: [
      'Ämnesområde',
      'Kundorganisationer',
      'Utvärderingar',
      'Svar',
      'Helhetsintryck (1–5)',
      'Skattad kunskapsökning per lärandemål',
      'Skulle rekommendera kursen (andel)',
      'Kundens uppföljningar',
      'Tillämpning i arbetet (1–5)',
      'Resultat för organisationen (1–5)',
      'Skulle köpa igen (andel)',
    ],
  },
  en: {
    sheets: {
      about: 'Sources',
      competences: 'Competences',
      dueYears: 'When the needs are to be met',
      occupations: 'Occupations',
      trend: 'Year by year',
      inquiries: 'Inquiries',
      evaluations: 'Course evaluations',
    },
    title: (consortium: string) => `Regional analysis – ${consortium}`,
    dueNow: (year: number) => `Now (${year}, and years passed)`,
    trendRows: {
      inquiries: 'Inquiries through the front door',
      analyses: 'Needs analyses',
      organisations: 'Customer organisations',
    },
    trendCompetences: (min: number) =>
      `People who need the competence, by year (– : fewer than ${min} organisations that year)`,
    period: 'Period',
    periods: { '12m': 'Last 12 months', '36m': 'Last 3 years', all: 'All time' },
    since: 'From',
    until: 'To',
    county: 'County',
    allCounties: 'All counties',
    sectorFilter: "Sector (the customer's)",
    allSectors: 'All sectors',
    made: 'Downloaded',
    contributors: 'Institutions contributing their needs analyses',
    notContributing: 'Institutions not contributing',
    none: 'None',
    analyses: 'Needs analyses pooled',
    organisations: 'Customer organisations pooled',
    minOrganisations: 'Least number of organisations for a competence or an occupation to be shown',
    hiddenCompetences: 'Competences not shown (too few organisations)',
    freeTextNeeds: 'Needs in free text, with no competence of the taxonomy (not in the sums)',
    hiddenOccupations: 'Occupations not shown (too few organisations)',
    occupationHeaders: ['Occupation', 'Organisations', 'Headcount now', 'Headcount at the horizon', 'Change'],
    inquiriesTotal: 'Inquiries through the front door',
    answered: 'Answered',
    answeredInTime: 'Answered within the target',
    byMonth: ['Month', 'Count'],
    byStatus: 'How they were answered',
    status: { new: 'Awaiting an answer', claimed: 'Taken', referred: 'Referred', declined: 'Declined' },
    bySector: 'By sector',
    sector: { public: 'Public sector', private: 'Private sector', non_profit: 'Non-profit sector' },
    bySubjectArea: 'By subject area',
    noSubjectArea: 'Not given',
    byCounty: 'By county',
    count: 'Count',
    hiddenSubjectAreas: 'Subject areas of the course evaluations not shown (too few organisations)',
    allFields: 'All subject areas',
    evaluationHeaders: [
      'Subject area',
      'Customer organisations',
      'Evaluations',
      'Answers',
      'Overall impression (1–5)',
      'Self-rated knowledge gain per learning outcome',
      'Would recommend the course (share)',
      "Customers' follow-ups",
      'Application at work (1–5)',
      'Results for the organisation (1–5)',
      'Would buy again (share)',
    ],
  },
};

type Language = 'sv' | 'en';

/** The competences' columns, in the CSV and on the workbook's sheet alike. */
export const competenceHeaders = {
  sv: [
    'Kompetens',
    'Organisationer',
    'Personer',
    'Gap (nivåer)',
    'Nu',
    'Om 1 år',
    'Om 3 år',
    'Om 5 år',
    'Kurser (bekräftade)',
    'Kurser (föreslagna)',
    'Organisationer som registrerat behovet som ej tillgodosett',
  ],
  en: [
    'Competence',
    'Organisations',
    'People',
    'Gap (levels)',
    'Now',
    'In 1 year',
    'In 3 years',
    'In 5 years',
    'Courses (confirmed)',
    'Courses (suggested)',
    'Organisations that recorded the need as unmet',
  ],
};
const label = (l: { sv: string | null; en: string | null }, language: Language) =>
  l[language] ?? l[language === 'sv' ? 'en' : 'sv'] ?? '';

export const competenceRow = (c: CompetenceDemand, language: Language) => [
  label(c.concept.label, language),
  c.organisations,
  c.people,
  c.meanGap,
  c.peopleByHorizon.now,
  c.peopleByHorizon['1y'],
  c.peopleByHorizon['3y'],
  c.peopleByHorizon['5y'],
  c.courses,
  c.suggestedCourses,
  c.unmetOrganisations,
];

function header(sheet: ExcelJS.Worksheet, values: string[]) {
  sheet.addRow(values).font = { bold: true };
}

/** A table's columns: the first (what each row is) wide, the figures `width`; its heading row kept in view. */
function tableColumns(sheet: ExcelJS.Worksheet, width: number, frozenHeading = true) {
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 40 : width;
  });
  if (frozenHeading) sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

function aboutSheet(workbook: ExcelJS.Workbook, a: RegionalAnalysis, language: Language) {
  const w = words[language];
  const sheet = workbook.addWorksheet(w.sheets.about);
  sheet.addRow([w.title(a.consortium.name)]).font = { bold: true, size: 13 };
  sheet.addRow([]);
  const names = (heis: { name: string }[]) => heis.map((h) => h.name).join(', ') || w.none;
  for (const row of [
    // a calendar year is named by itself
    [w.period, w.periods[a.period as FigurePeriod] ?? a.period],
    [w.since, a.since ?? '–'],
    [w.until, a.until],
    [w.county, a.county ?? w.allCounties],
    [w.sectorFilter, a.sector ? w.sector[a.sector] : w.allSectors],
    [w.made, stockholmDate(new Date())],
    [w.contributors, names(a.contributors)],
    [w.notContributing, names(a.notContributing)],
    [w.analyses, a.analyses],
    [w.organisations, a.organisations],
    [w.minOrganisations, a.minOrganisations],
    [w.hiddenCompetences, a.hiddenCompetences],
    [w.freeTextNeeds, a.freeTextNeeds],
    [w.hiddenOccupations, a.hiddenOccupations],
    [w.hiddenSubjectAreas, a.evaluations.hiddenSubjectAreas],
  ])
    sheet.addRow(row);
  sheet.getColumn(1).width = 60;
  sheet.getColumn(2).width = 50;
}

function competenceSheet(workbook: ExcelJS.Workbook, a: RegionalAnalysis, language: Language) {
  const w = words[language];
  const sheet = workbook.addWorksheet(w.sheets.competences);
  header(sheet, competenceHeaders[language]);
  for (const c of a.competences) sheet.addRow(competenceRow(c, language));
  tableColumns(sheet, 16);
}

/** The shown competences' people by the year their need is due by (the page's "När behoven ska vara mötta"). */
function dueYearSheet(workbook: ExcelJS.Workbook, a: RegionalAnalysis, language: Language) {
  const w = words[language];
  const sheet = workbook.addWorksheet(w.sheets.dueYears);
  const years = a.competences[0]?.peopleByYear.map((y) => y.year) ?? [];
  header(sheet, [
    competenceHeaders[language][0] ?? '',
    ...years.map((year, i) => (i === 0 ? w.dueNow(year) : String(year))),
  ]);
  for (const c of a.competences)
    sheet.addRow([label(c.concept.label, language), ...c.peopleByYear.map((y) => y.people)]);
  tableColumns(sheet, 16);
}

function occupationSheet(workbook: ExcelJS.Workbook, a: RegionalAnalysis, language: Language) {
  const w = words[language];
  const sheet = workbook.addWorksheet(w.sheets.occupations);
  header(sheet, w.occupationHeaders);
  for (const o of a.occupations)
    sheet.addRow([
      label(o.concept.label, language),
      o.organisations,
      o.headcountNow,
      o.headcountHorizon,
      o.headcountHorizon - o.headcountNow,
    ]);
  tableColumns(sheet, 20);
}

function inquirySheet(workbook: ExcelJS.Workbook, a: RegionalAnalysis, language: Language) {
  const w = words[language];
  const f = a.inquiries;
  const sheet = workbook.addWorksheet(w.sheets.inquiries);
  for (const row of [
    [w.inquiriesTotal, f.total],
    [w.answered, f.answered],
    [w.answeredInTime, f.answeredInTime],
  ])
    sheet.addRow(row);
  const table = (title: string[], rows: (string | number)[][]) => {
    sheet.addRow([]);
    header(sheet, title);
    for (const row of rows) sheet.addRow(row);
  };
  table(
    w.byMonth,
    f.byMonth.map((m) => [m.key, m.count]),
  );
  table(
    [w.byStatus, w.count],
    (['new', 'claimed', 'referred', 'declined'] as const).map((s) => [w.status[s], f.byStatus[s]]),
  );
  table(
    [w.bySector, w.count],
    (['public', 'private', 'non_profit'] as const).map((s) => [w.sector[s], f.bySector[s]]),
  );
  table(
    [w.bySubjectArea, w.count],
    f.bySubjectArea.map((s) => [
      s.key
        ? label(subjectAreas.find((area) => area.code === s.key) ?? { sv: s.key, en: s.key }, language)
        : w.noSubjectArea,
      s.count,
    ]),
  );
  table(
    [w.byCounty, w.count],
    f.byCounty.map((c) => [c.key, c.count]),
  );
  sheet.getColumn(1).width = 48;
  sheet.getColumn(2).width = 12;
}

/** The pooled course evaluations: all of them first, then each subject area shown (shares as percentages). */
function evaluationSheet(workbook: ExcelJS.Workbook, a: RegionalAnalysis, language: Language) {
  const w = words[language];
  const sheet = workbook.addWorksheet(w.sheets.evaluations);
  header(sheet, w.evaluationHeaders);
  const row = (name: string, f: PooledEvaluationFigures) => {
    const added = sheet.addRow([
      name,
      f.organisations,
      f.evaluations,
      f.answers,
      f.satisfaction,
      f.gain ?? '–',
      f.recommendShare,
      f.followUps?.answered ?? 0,
      f.followUps?.application ?? '–',
      f.followUps?.results ?? '–',
      f.followUps?.againShare ?? '–',
    ]);
    for (const column of [7, 11]) added.getCell(column).numFmt = '0%';
  };
  const { all, bySubjectArea } = a.evaluations;
  if (all) row(w.allFields, all);
  for (const f of bySubjectArea)
    row(
      f.subjectArea
        ? label(
            subjectAreas.find((area) => area.code === f.subjectArea) ?? {
              sv: f.subjectArea,
              en: f.subjectArea,
            },
            language,
          )
        : w.noSubjectArea,
      f,
    );
  tableColumns(sheet, 18);
}

/** The last five calendar years side by side (the page's "År för år"). */
function trendSheet(workbook: ExcelJS.Workbook, trend: RegionalTrend, language: Language) {
  const w = words[language];
  const sheet = workbook.addWorksheet(w.sheets.trend);
  header(sheet, ['', ...trend.years.map(String)]);
  for (const figure of ['inquiries', 'analyses', 'organisations'] as const)
    sheet.addRow([w.trendRows[figure], ...trend.byYear.map((y) => y[figure])]);
  sheet.addRow([]);
  sheet.addRow([w.trendCompetences(trend.minOrganisations)]).font = { bold: true };
  for (const c of trend.competences)
    sheet.addRow([label(c.concept.label, language), ...c.byYear.map((y) => y.people ?? '–')]);
  // a sheet of two tables: no single heading row to keep in view
  tableColumns(sheet, 12, false);
}

export async function regionalXlsx(
  analysis: RegionalAnalysis,
  trend: RegionalTrend,
  language: Language,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lupp';
  aboutSheet(workbook, analysis, language);
  competenceSheet(workbook, analysis, language);
  dueYearSheet(workbook, analysis, language);
  occupationSheet(workbook, analysis, language);
  inquirySheet(workbook, analysis, language);
  evaluationSheet(workbook, analysis, language);
  trendSheet(workbook, trend, language);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
