import ExcelJS from 'exceljs';
import type { CourseFormat, CourseLevel } from './catalog.fields.ts';
import type { exportCatalog } from './catalog.service.ts';

type Exported = Awaited<ReturnType<typeof exportCatalog>>;
type ExportedCourse = Exported['courses'][number];
type Language = 'sv' | 'en';

/**
 * The course sheet's columns. Each header is one the import's mapping step recognises for that field
 * (parse.ts `suggestMapping`), and each value is written the way the import reads it — so an edited
 * workbook imports back without a mapping, and an unedited one changes nothing.
 */
const columns: {
  header: Record<Language, string>;
  width: number;
  value: (c: ExportedCourse, l: Language) => unknown;
}[] = [
  { header: { sv: 'Kurskod', en: 'Course code' }, width: 14, value: (c) => c.code },
  { header: { sv: 'Kursnamn (sv)', en: 'Title (sv)' }, width: 40, value: (c) => c.titleSv },
  { header: { sv: 'Kursnamn (en)', en: 'Title (en)' }, width: 40, value: (c) => c.titleEn },
  {
    header: { sv: 'Språk', en: 'Language' },
    width: 18,
    value: (c, l) => c.language.map((code) => languageNames[l][code] ?? code).join(', '),
  },
  { header: { sv: 'Högskolepoäng', en: 'Credits' }, width: 14, value: (c) => numberOrEmpty(c.credits) },
  {
    header: { sv: 'Nivå', en: 'Level' },
    width: 18,
    value: (c, l) => (c.level ? levelNames[l][c.level] : null),
  },
  { header: { sv: 'EQF-nivå', en: 'EQF level' }, width: 10, value: (c) => numberOrEmpty(c.eqfLevel) },
  { header: { sv: 'SUN 2020', en: 'SUN 2020' }, width: 10, value: (c) => c.sunField },
  {
    header: { sv: 'Studieform', en: 'Format' },
    width: 14,
    value: (c, l) => (c.format ? formatNames[l][c.format] : null),
  },
  { header: { sv: 'Beskrivning', en: 'Description' }, width: 60, value: (c) => c.description },
  {
    header: { sv: 'Lärandemål', en: 'Learning outcomes' },
    width: 60,
    value: (c) => lines(c.learningOutcomes),
  },
  { header: { sv: 'Ämnesområden', en: 'Subjects' }, width: 30, value: (c) => lines(c.subjects) },
  { header: { sv: 'Lärare', en: 'Teachers' }, width: 30, value: (c) => lines(c.teachers) },
  { header: { sv: 'Förkunskapskrav', en: 'Prerequisites' }, width: 40, value: (c) => c.prerequisites },
  { header: { sv: 'Pris (SEK)', en: 'Price (SEK)' }, width: 12, value: (c) => numberOrEmpty(c.priceSek) },
  { header: { sv: 'Kursplan', en: 'Syllabus' }, width: 40, value: (c) => c.syllabusUrl },
  { header: { sv: 'Id', en: 'Id' }, width: 14, value: (c) => c.id },
];

// Names the import reads back (parse.ts languageNames, levelNames, formatNames).
const languageNames: Record<Language, Record<string, string>> = {
  sv: { sv: 'svenska', en: 'engelska' },
  en: { sv: 'Swedish', en: 'English' },
};
const levelNames: Record<Language, Record<CourseLevel, string>> = {
  sv: {
    'first-cycle': 'grundnivå',
    'second-cycle': 'avancerad nivå',
    'third-cycle': 'forskarnivå',
    'non-credit': 'ej poänggivande',
  },
  en: {
    'first-cycle': 'first-cycle',
    'second-cycle': 'second-cycle',
    'third-cycle': 'third-cycle',
    'non-credit': 'non-credit',
  },
};
const formatNames: Record<Language, Record<CourseFormat, string>> = {
  sv: { campus: 'campus', distance: 'distans', blended: 'kombinerad', workplace: 'arbetsplats' },
  en: { campus: 'campus', distance: 'distance', blended: 'blended', workplace: 'workplace' },
};

const occasionHeaders: Record<Language, string[]> = {
  sv: ['Kurskod', 'Start', 'Slut', 'Plats', 'Studieform'],
  en: ['Course code', 'Start', 'End', 'Place', 'Format'],
};

const numberOrEmpty = (value: number | string | undefined) =>
  value === undefined || value === '' ? null : Number(value);
/**
 * A list cell: one item per line. The import splits a cell of one line on " | " and ";" too, so a single
 * item that contains one of them gets a line break after it, which keeps it whole on the way back.
 */
const lines = (items: string[]) => {
  if (items.length === 0) return null;
  const cell = items.join('\n');
  return items.length === 1 && /;| \| /.test(cell) ? `${cell}\n` : cell;
};

/**
 * The catalogue as an XLSX workbook for people who work in Excel: the courses on the first sheet (the one
 * an import reads), their planned occasions on a second one to read. Occasions and confirmed concepts are
 * not on the course sheet, so importing the workbook leaves them as they are; the JSON file carries them.
 */
export async function catalogXlsx(exported: Exported, language: Language): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lupp';
  const courses = workbook.addWorksheet(language === 'sv' ? 'Kurser' : 'Courses', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  courses.columns = columns.map((c) => ({ header: c.header[language], width: c.width }));
  for (const course of exported.courses)
    courses.addRow(columns.map((c) => c.value(course, language) ?? null));
  courses.getRow(1).font = { bold: true };

  const occasions = workbook.addWorksheet(language === 'sv' ? 'Tillfällen' : 'Occasions', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  occasions.columns = occasionHeaders[language].map((header) => ({ header, width: 16 }));
  for (const course of exported.courses)
    for (const o of course.occasions)
      occasions.addRow([
        course.code,
        o.start,
        o.end ?? null,
        o.place ?? null,
        o.format ? formatNames[language][o.format as CourseFormat] : null,
      ]);
  occasions.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
