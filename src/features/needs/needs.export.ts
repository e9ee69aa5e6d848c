import ExcelJS from 'exceljs';
import { toCsv } from '../../shared/csv.ts';
import type { Analysis } from './needs.contract.ts';
import { horizonLabels } from './priority.ts';

const headers = {
  sv: [
    'Kompetens',
    'Roll',
    'Tidshorisont',
    'Krävd nivå',
    'Nuvarande nivå',
    'Gap',
    'Vikt',
    'Antal personer',
    'Prioritet',
    'Beräkning',
    'Drivkraft',
    'Underlag',
    'Säkerhet',
    'Mål individ',
    'Mål organisation',
    'Indikatorer',
  ],
  en: [
    'Competence',
    'Role',
    'Horizon',
    'Required level',
    'Current level',
    'Gap',
    'Importance',
    'People',
    'Priority',
    'Calculation',
    'Driver',
    'Evidence',
    'Confidence',
    'Individual goal',
    'Organisational goal',
    'Indicators',
  ],
};

/** How sure the analysis is of a need, as the export names it. */
const confidenceLabels = {
  sv: { low: 'Låg', medium: 'Medel', high: 'Hög' },
  en: { low: 'Low', medium: 'Medium', high: 'High' },
};

/** One row per need, highest priority first, as people read the analysis. */
function rows(analysis: Analysis, language: 'sv' | 'en'): (string | number)[][] {
  const roleTitle = (id: string | null) => analysis.roles.find((r) => r.id === id)?.title ?? '';
  return analysis.needs.map((n) => [
    n.concept
      ? ((language === 'sv' ? n.concept.label.sv : n.concept.label.en) ??
        n.concept.label.sv ??
        n.concept.label.en ??
        '')
      : (n.freeText ?? ''),
    roleTitle(n.roleId),
    horizonLabels[language][n.horizon],
    n.requiredLevel,
    n.currentLevel,
    n.computed.gap,
    n.importance,
    n.people,
    n.computed.priority,
    // the computation as text, in the language's decimal mark ("3 × 2 × 2,6 × 1 = 15,6")
    language === 'sv' ? n.computed.formula.replaceAll('.', ',') : n.computed.formula,
    n.driver ?? '',
    n.evidence ?? '',
    confidenceLabels[language][n.confidence],
    n.goalIndividual ?? '',
    n.goalOrganisation ?? '',
    n.indicators ?? '',
  ]);
}

export function analysisCsv(analysis: Analysis, language: 'sv' | 'en'): string {
  return toCsv([headers[language], ...rows(analysis, language)], language === 'sv');
}

export async function analysisXlsx(analysis: Analysis, language: 'sv' | 'en'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lupp';
  const sheet = workbook.addWorksheet(language === 'sv' ? 'Kompetensbehov' : 'Competence needs');
  sheet.addRow([
    `${analysis.title} (${language === 'sv' ? 'version' : 'version'} ${analysis.version}) – ${analysis.customer.name}`,
  ]).font = { bold: true, size: 13 };
  sheet.addRow([]);
  const header = sheet.addRow(headers[language]);
  header.font = { bold: true };
  for (const r of rows(analysis, language)) sheet.addRow(r);
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 36 : i >= 9 ? 28 : 14;
  });
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
