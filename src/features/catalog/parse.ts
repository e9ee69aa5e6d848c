import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { conceptSourceOf } from '../taxonomy/taxonomy.service.ts';

/**
 * Reading catalogue files: the JSON interchange format (docs/catalog-format.md), and CSV or XLSX sheets
 * whose columns are mapped to our fields. Everything here is pure (no database): a file becomes rows,
 * a row becomes a checked course or the reasons it is not one.
 */

import {
  type CourseFormat,
  type CourseLevel,
  courseFormats,
  courseLevels,
  type MappableField,
  mappableFields,
} from './catalog.fields.ts';

export type { CourseFormat, CourseLevel, MappableField };
export { courseFormats, courseLevels, mappableFields };
export type Mapping = Partial<Record<MappableField, string>>;

export type Occasion = {
  startDate: string;
  endDate: string | null;
  place: string | null;
  format: CourseFormat | null;
};

/** A taxonomy concept confirmed on a course, as the interchange format names it: its source and its id there. */
export type ConceptRef = { source: NonNullable<ReturnType<typeof conceptSourceOf>>; externalId: string };

/**
 * A checked course. A field that is `undefined` was not in the file (or not mapped): an import leaves
 * it as it is on an existing course. `null` means the file says it is empty.
 */
export type CourseInput = {
  code: string;
  externalId?: string | null;
  titleSv?: string | null;
  titleEn?: string | null;
  languages?: string[];
  credits?: number | null;
  creditEquivalent?: number | null;
  level?: CourseLevel | null;
  eqfLevel?: number | null;
  sunField?: string | null;
  format?: CourseFormat | null;
  description?: string | null;
  learningOutcomes?: string[];
  subjects?: string[];
  teachers?: string[];
  prerequisites?: string | null;
  priceSek?: number | null;
  syllabusUrl?: string | null;
  occasions?: Occasion[];
  /** JSON only: the concepts a person confirmed on the course (an import replaces the confirmed set). */
  concepts?: ConceptRef[];
};

export type RowProblem = {
  /** JSON: the course's position in `courses` (1 = first); CSV/XLSX: the sheet's row number (header = 1). */
  row: number | null;
  code: string;
  field: string | null;
  message: { sv: string; en: string };
};

/** A bad row (or, with row null, a bad file) with its reason in Swedish and English. */
export const problem = (
  row: number | null,
  code: string,
  field: string | null,
  sv: string,
  en: string,
): RowProblem => ({ row, code, field, message: { sv, en } });

// ------------------------------------------------------------------ files → rows

export type FileFormat = 'json' | 'csv' | 'xlsx';

/** The file's format, from its content first (XLSX is a zip; JSON starts with { or [), then its name. */
export function detectFormat(fileName: string, content: Buffer): FileFormat | null {
  if (content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  const name = fileName.toLowerCase();
  if (name.endsWith('.xlsx')) return null; // named .xlsx but not a zip: not a workbook
  const head = content
    .subarray(0, 200)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return 'json';
  if (name.endsWith('.csv') || name.endsWith('.txt') || name.endsWith('.tsv')) return 'csv';
  if (name.endsWith('.json')) return 'json';
  return head.length ? 'csv' : null;
}

export type Sheet = { columns: string[]; rows: { row: number; values: Record<string, string> }[] };
export type SheetResult = { sheet: Sheet } | { problem: RowProblem };

const cellText = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as {
      text?: unknown;
      result?: unknown;
      richText?: { text: string }[];
      hyperlink?: string;
    };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return cellText(v.text);
    if (v.result !== undefined) return cellText(v.result);
    if (v.hyperlink) return v.hyperlink;
    return '';
  }
  return String(value);
};

function uniqueColumns(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, i) => {
    const name = raw.trim() || `Column ${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n > 1 ? `${name} (${n})` : name;
  });
}

/** CSV in UTF-8 (with or without BOM), separated by semicolons (Swedish Excel), commas or tabs. */
export function readCsv(content: Buffer): SheetResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '');
  } catch {
    return {
      problem: problem(
        null,
        'not_utf8',
        null,
        'Filen är inte UTF-8-kodad; spara den som CSV UTF-8.',
        'The file is not UTF-8 encoded; save it as CSV UTF-8.',
      ),
    };
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => firstLine.split(c).length - 1;
  const delimiter = [';', ',', '\t'].sort((a, b) => count(b) - count(a))[0] ?? ';';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? null;
    return {
      problem: problem(
        line,
        'broken_csv',
        null,
        `CSV-filen är trasig här: ${(error as Error).message}`,
        `The CSV is broken here: ${(error as Error).message}`,
      ),
    };
  }
  const [header, ...body] = records;
  if (!header?.some((h) => h.trim()))
    return { problem: problem(null, 'empty_file', null, 'Filen är tom.', 'The file is empty.') };
  const columns = uniqueColumns(header);
  const rows: Sheet['rows'] = [];
  for (const [i, record] of body.entries()) {
    if (record.every((v) => !v.trim())) continue;
    rows.push({ row: i + 2, values: Object.fromEntries(columns.map((c, j) => [c, record[j] ?? ''])) });
  }
  return { sheet: { columns, rows } };
}

/** The first worksheet of an XLSX workbook; its first non-empty row is the header. */
export async function readXlsx(content: Buffer): Promise<SheetResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (error) {
    return {
      problem: problem(
        null,
        'broken_xlsx',
        null,
        `Arbetsboken kan inte läsas: ${(error as Error).message}`,
        `The workbook cannot be read: ${(error as Error).message}`,
      ),
    };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { problem: problem(null, 'empty_file', null, 'Filen är tom.', 'The file is empty.') };
  let columns: string[] | null = null;
  const rows: Sheet['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      // trimmed when mapped: a list cell's line breaks are how its items are told apart (`splitList`)
      values[col - 1] = cellText(cell.value);
    });
    if (!columns) {
      columns = uniqueColumns(Array.from(values, (v) => v ?? ''));
      return;
    }
    const cols = columns;
    if (values.every((v) => !v?.trim())) return;
    rows.push({ row: rowNumber, values: Object.fromEntries(cols.map((c, j) => [c, values[j] ?? ''])) });
  });
  if (!columns) return { problem: problem(null, 'empty_file', null, 'Filen är tom.', 'The file is empty.') };
  return { sheet: { columns, rows } };
}

export type JsonResult = { records: { row: number; value: unknown }[] } | { problem: RowProblem };

/** The interchange format: `{"courses": [...]}` (or a bare array of courses). */
export function readJson(content: Buffer): JsonResult {
  let document: unknown;
  try {
    document = JSON.parse(content.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    return {
      problem: problem(
        null,
        'invalid_json',
        null,
        `Filen är inte giltig JSON: ${(error as Error).message}`,
        `The file is not valid JSON: ${(error as Error).message}`,
      ),
    };
  }
  const courses = Array.isArray(document) ? document : (document as { courses?: unknown })?.courses;
  if (!Array.isArray(courses))
    return {
      problem: problem(
        null,
        'not_a_catalog',
        null,
        'Inte en kurskatalog: förväntade {"courses": [...]}.',
        'Not a course catalogue: expected {"courses": [...]}.',
      ),
    };
  return { records: courses.map((value, i) => ({ row: i + 1, value })) };
}

// ------------------------------------------------------------------ column mapping

/** Column names (lower case, without spaces, dashes and underscores) we recognise for each field. */
const synonyms: Record<MappableField, string[]> = {
  code: ['code', 'kurskod', 'coursecode', 'kod'],
  externalId: ['id', 'externalid'],
  title: [
    'title',
    'titel',
    'kursnamn',
    'namn',
    'name',
    'coursename',
    'coursetitle',
    'kurstitel',
    'benämning',
  ],
  titleSv: ['titlesv', 'titelsv', 'svensktitel', 'kursnamnsv', 'svensktnamn', 'swedishtitle'],
  titleEn: ['titleen', 'titelen', 'engelsktitel', 'kursnamnen', 'engelsktnamn', 'englishtitle'],
  language: ['language', 'languages', 'språk', 'undervisningsspråk'],
  // "Omfattning" is how Swedish syllabi and Ladok name a course's credits ("Omfattning: 7,5 hp")
  credits: ['credits', 'hp', 'högskolepoäng', 'poäng', 'ects', 'ectscredits', 'omfattning', 'omfattninghp'],
  level: ['level', 'nivå', 'cycle', 'utbildningsnivå'],
  eqfLevel: ['eqf', 'eqflevel', 'eqfnivå', 'seqf'],
  sunField: ['sun', 'sunfield', 'sun2020', 'suninriktning', 'inriktning'],
  format: ['format', 'form', 'studieform', 'undervisningsform', 'mode'],
  description: ['description', 'beskrivning', 'kursbeskrivning'],
  learningOutcomes: ['learningoutcomes', 'lärandemål', 'outcomes', 'mål'],
  subjects: ['subjects', 'subject', 'ämne', 'ämnen', 'ämnesområde', 'ämnesområden'],
  teachers: ['teachers', 'teacher', 'lärare', 'kursansvarig'],
  prerequisites: ['prerequisites', 'förkunskaper', 'förkunskapskrav', 'behörighet'],
  priceSek: ['price', 'pricesek', 'pris', 'prissek', 'kostnad'],
  syllabusUrl: ['syllabus', 'syllabusurl', 'kursplan', 'url', 'länk'],
  occasionStart: ['start', 'startdate', 'startdatum', 'kursstart'],
  occasionEnd: ['end', 'enddate', 'slutdatum', 'kursslut'],
  occasionPlace: ['place', 'plats', 'studieort', 'ort'],
  occasionFormat: ['occasionformat', 'tillfällesform'],
};
const normaliseName = (name: string) => name.toLowerCase().replace(/[\s_\-()]+/g, '');

/** A first guess at the mapping from the sheet's column names; the person checks and changes it. */
export function suggestMapping(columns: string[]): Mapping {
  const mapping: Mapping = {};
  const used = new Set<string>();
  for (const field of mappableFields) {
    const column = columns.find(
      (c) =>
        !used.has(c) &&
        (normaliseName(c) === field.toLowerCase() || synonyms[field].includes(normaliseName(c))),
    );
    if (column) {
      mapping[field] = column;
      used.add(column);
    }
  }
  return mapping;
}

/** Problems with the mapping itself (not the rows): unknown columns, no code, no title. */
export function checkMapping(mapping: Mapping, columns: string[]): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  for (const [field, column] of Object.entries(mapping)) {
    if (!(mappableFields as readonly string[]).includes(field))
      errors.push({
        field: `body.mapping.${field}`,
        message: `is not one of our fields (${mappableFields.join(', ')})`,
      });
    else if (column && !columns.includes(column))
      errors.push({ field: `body.mapping.${field}`, message: `the file has no column "${column}"` });
  }
  if (!mapping.code)
    errors.push({ field: 'body.mapping.code', message: 'map the column with the course code' });
  if (!mapping.title && !mapping.titleSv && !mapping.titleEn)
    errors.push({ field: 'body.mapping.title', message: 'map a title column (title, titleSv or titleEn)' });
  return errors;
}

/**
 * A list cell: one item per line. A cell of one line may instead separate its items with " | " or
 * semicolons, as people type them; in a cell of several lines those are part of the item (Lupp's own
 * workbook writes an item containing one on a line of its own: see `catalog.sheet.ts`).
 */
const splitList = (value: string) =>
  value
    .split(/\r?\n/.test(value) ? /\r?\n/ : / \| |;/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Turns a sheet row into the interchange shape, with only the mapped fields present. */
export function mapRow(values: Record<string, string>, mapping: Mapping): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const cell = (field: MappableField) => {
    const column = mapping[field];
    return column === undefined ? undefined : (values[column] ?? '');
  };
  const get = (field: MappableField) => cell(field)?.trim();
  for (const field of mappableFields) {
    const value = get(field);
    if (value === undefined || field.startsWith('occasion')) continue;
    if (field === 'learningOutcomes' || field === 'subjects' || field === 'teachers')
      out[field] = splitList(cell(field) ?? '');
    else if (field === 'language') out.languages = value ? value.split(/[,;/|\s]+/).filter(Boolean) : [];
    else out[field] = value === '' ? null : value;
  }
  const start = get('occasionStart');
  if (start !== undefined) {
    out.occasions = start
      ? [
          {
            start,
            end: get('occasionEnd') || null,
            place: get('occasionPlace') || null,
            format: get('occasionFormat') || null,
          },
        ]
      : [];
  }
  return out;
}

// ------------------------------------------------------------------ one record → a checked course

const languageNames: Record<string, string> = {
  sv: 'sv',
  swe: 'sv',
  svenska: 'sv',
  swedish: 'sv',
  en: 'en',
  eng: 'en',
  engelska: 'en',
  english: 'en',
};
const levelNames: Record<string, CourseLevel> = {
  'first-cycle': 'first-cycle',
  firstcycle: 'first-cycle',
  grundnivå: 'first-cycle',
  grund: 'first-cycle',
  g1n: 'first-cycle',
  g1f: 'first-cycle',
  g2f: 'first-cycle',
  'second-cycle': 'second-cycle',
  secondcycle: 'second-cycle',
  'avancerad nivå': 'second-cycle',
  avancerad: 'second-cycle',
  a1n: 'second-cycle',
  a1f: 'second-cycle',
  'third-cycle': 'third-cycle',
  forskarnivå: 'third-cycle',
  'non-credit': 'non-credit',
  noncredit: 'non-credit',
  'ej poänggivande': 'non-credit',
  'utan poäng': 'non-credit',
};
const formatNames: Record<string, CourseFormat> = {
  campus: 'campus',
  'på campus': 'campus',
  distance: 'distance',
  distans: 'distance',
  online: 'distance',
  blended: 'blended',
  hybrid: 'blended',
  flex: 'blended',
  kombinerad: 'blended',
  workplace: 'workplace',
  arbetsplats: 'workplace',
  'på arbetsplatsen': 'workplace',
  'at the workplace': 'workplace',
};

const LIMITS = { code: 40, title: 300, text: 20_000, item: 1000, items: 50 };

/**
 * Checks one course record (interchange shape) and normalises it. Returns the course, or every
 * problem found in it (a row is either written whole or not at all).
 */
export function checkCourse(
  record: unknown,
  row: number,
): { course: CourseInput } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const bad = (code: string, field: string, sv: string, en: string) =>
    problems.push(problem(row, code, field, sv, en));
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    bad('not_an_object', 'course', 'Kursen är inte ett JSON-objekt.', 'The course is not a JSON object.');
    return { problems };
  }
  const r = record as Record<string, unknown>;
  const has = (key: string) => key in r && r[key] !== undefined;
  const str = (key: string, max = LIMITS.text): string | null | undefined => {
    if (!has(key)) return undefined;
    const v = r[key];
    if (v === null) return null;
    if (typeof v !== 'string' && typeof v !== 'number') {
      bad('not_text', key, `${key} ska vara text.`, `${key} must be text.`);
      return undefined;
    }
    const s = String(v).trim();
    if (s.length > max) {
      bad('too_long', key, `${key} är längre än ${max} tecken.`, `${key} is longer than ${max} characters.`);
      return undefined;
    }
    return s || null;
  };
  const list = (key: string): string[] | undefined => {
    if (!has(key)) return undefined;
    const v = r[key];
    if (v === null) return [];
    const items = typeof v === 'string' ? splitList(v) : Array.isArray(v) ? v : null;
    if (!items || items.some((x) => typeof x !== 'string')) {
      bad('not_a_list', key, `${key} ska vara en lista med texter.`, `${key} must be a list of texts.`);
      return undefined;
    }
    const clean = (items as string[]).map((x) => x.trim()).filter(Boolean);
    if (clean.length > LIMITS.items || clean.some((x) => x.length > LIMITS.item)) {
      bad(
        'too_long',
        key,
        `${key} har för många eller för långa rader (högst ${LIMITS.items} à ${LIMITS.item} tecken).`,
        `${key} has too many or too long items (at most ${LIMITS.items} of ${LIMITS.item} characters).`,
      );
      return undefined;
    }
    return clean;
  };
  const num = (value: unknown): number | null | undefined => {
    if (value === undefined) return undefined;
    if (value === null || value === '') return null;
    if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
    if (typeof value !== 'string') return Number.NaN;
    const cleaned = value
      .replace(/[\s\u00a0]/g, '')
      .replace(/(kr|sek|hp)$/i, '')
      .replace(',', '.');
    return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
  };

  const course: CourseInput = { code: '' };
  const code = str('code', LIMITS.code);
  if (!code) bad('missing_code', 'code', 'Kurskod saknas.', 'The course code is missing.');
  else course.code = code;
  course.externalId = str('externalId', 100) ?? (has('id') ? str('id', 100) : undefined);

  // Languages: `languages` (list) or `language` (one, or several separated by commas).
  let languages: string[] | undefined;
  const rawLanguages = has('languages') ? r.languages : has('language') ? r.language : undefined;
  if (rawLanguages !== undefined) {
    const items =
      rawLanguages === null
        ? []
        : Array.isArray(rawLanguages)
          ? rawLanguages
          : typeof rawLanguages === 'string'
            ? rawLanguages.split(/[,;/|\s]+/).filter(Boolean)
            : null;
    const codes = items?.map((x) =>
      typeof x === 'string' ? languageNames[x.trim().toLowerCase()] : undefined,
    );
    if (!codes || codes.some((c) => !c))
      bad(
        'bad_language',
        'language',
        `Okänt språk "${String(rawLanguages)}"; ange sv eller en.`,
        `Unknown language "${String(rawLanguages)}"; use sv or en.`,
      );
    else languages = [...new Set(codes as string[])];
  }
  course.languages = languages;

  // Titles: titleSv/titleEn, a {sv, en} object, or one `title` in the course's (first) language.
  const title = r.title;
  if (title && typeof title === 'object' && !Array.isArray(title)) {
    const t = title as Record<string, unknown>;
    r.titleSv ??= t.sv;
    r.titleEn ??= t.en;
  } else if (has('title')) {
    const t = str('title', LIMITS.title);
    if (t !== undefined) {
      if (languages?.[0] === 'en') r.titleEn ??= t;
      else r.titleSv ??= t;
    }
  }
  course.titleSv = str('titleSv', LIMITS.title);
  course.titleEn = str('titleEn', LIMITS.title);
  if (!course.titleSv && !course.titleEn)
    bad('missing_title', 'title', 'Kursen saknar titel.', 'The course has no title.');

  if (has('level')) {
    const raw = r.level;
    if (raw === null || raw === '') course.level = null;
    else {
      const level = typeof raw === 'string' ? levelNames[raw.trim().toLowerCase()] : undefined;
      if (!level)
        bad(
          'bad_level',
          'level',
          `Okänd nivå "${String(raw)}"; ange first-cycle, second-cycle, third-cycle eller non-credit.`,
          `Unknown level "${String(raw)}"; use first-cycle, second-cycle, third-cycle or non-credit.`,
        );
      else course.level = level;
    }
  }

  const credits = num(has('credits') ? r.credits : undefined);
  if (credits !== undefined) {
    if (credits !== null && (Number.isNaN(credits) || credits <= 0 || credits > 999))
      bad(
        'bad_credits',
        'credits',
        `Högskolepoäng "${String(r.credits)}" är inte ett tal över 0 (t.ex. 7,5).`,
        `Credits "${String(r.credits)}" is not a number above 0 (e.g. 7.5).`,
      );
    else {
      const value = credits === null ? null : Math.round(credits * 10) / 10;
      // A non-credit course awards none: the number is its workload in credit equivalents.
      if (course.level === 'non-credit') {
        course.credits = null;
        course.creditEquivalent = value;
      } else {
        course.credits = value;
        if (course.level) course.creditEquivalent = null;
      }
    }
  }
  if (course.level && course.level !== 'non-credit' && credits === null)
    bad(
      'missing_credits',
      'credits',
      'En kurs på grund-, avancerad eller forskarnivå ska ha högskolepoäng.',
      'A first-, second- or third-cycle course must have credits.',
    );

  const eqf = num(has('eqfLevel') ? r.eqfLevel : undefined);
  if (eqf !== undefined) {
    if (eqf !== null && (!Number.isInteger(eqf) || eqf < 1 || eqf > 8))
      bad('bad_eqf_level', 'eqfLevel', 'EQF-nivå ska vara 1–8.', 'The EQF level must be 1–8.');
    else course.eqfLevel = eqf;
  }

  const sun = str('sunField', 10);
  if (sun !== undefined) {
    if (sun !== null && !/^\d{1,3}[a-z]?$/i.test(sun))
      bad(
        'bad_sun_field',
        'sunField',
        `"${sun}" är ingen SUN 2020-inriktning (t.ex. 52 eller 521).`,
        `"${sun}" is not a SUN 2020 field (e.g. 52 or 521).`,
      );
    else course.sunField = sun?.toLowerCase() ?? null;
  }

  const format = (key: string, raw: unknown): CourseFormat | null | undefined => {
    if (raw === undefined) return undefined;
    if (raw === null || raw === '') return null;
    const value = typeof raw === 'string' ? formatNames[raw.trim().toLowerCase()] : undefined;
    if (!value)
      bad(
        'bad_format',
        key,
        `Okänd form "${String(raw)}"; ange campus, distance, blended eller workplace.`,
        `Unknown format "${String(raw)}"; use campus, distance, blended or workplace.`,
      );
    return value;
  };
  course.format = format('format', has('format') ? r.format : undefined);

  course.description = str('description');
  course.prerequisites = str('prerequisites');
  course.learningOutcomes = list('learningOutcomes');
  course.subjects = list('subjects');
  course.teachers = list('teachers');

  const price = num(has('priceSek') ? r.priceSek : has('price') ? r.price : undefined);
  if (price !== undefined) {
    if (price !== null && (Number.isNaN(price) || price < 0 || price > 100_000_000))
      bad(
        'bad_price',
        'priceSek',
        'Priset ska vara ett belopp i kronor (t.ex. 24 500).',
        'The price must be an amount in SEK (e.g. 24500).',
      );
    else course.priceSek = price === null ? null : Math.round(price);
  }

  const url = str('syllabusUrl', 2000);
  if (url !== undefined) {
    if (url !== null && !/^https?:\/\/\S+$/i.test(url))
      bad(
        'bad_url',
        'syllabusUrl',
        'Länken till kursplanen ska börja med https://.',
        'The syllabus link must start with https://.',
      );
    else course.syllabusUrl = url;
  }

  if (has('occasions')) {
    const raw = r.occasions;
    if (raw !== null && !Array.isArray(raw))
      bad('bad_occasions', 'occasions', 'occasions ska vara en lista.', 'occasions must be a list.');
    else {
      const occasions: Occasion[] = [];
      for (const [i, o] of ((raw as unknown[] | null) ?? []).entries()) {
        const field = `occasions[${i}]`;
        const x = (o ?? {}) as Record<string, unknown>;
        const start = isoDate(x.start ?? x.startDate);
        const end = x.end ?? x.endDate;
        const endDate = end === null || end === undefined || end === '' ? null : isoDate(end);
        if (!start)
          bad(
            'bad_date',
            `${field}.start`,
            `Startdatum "${String(x.start ?? '')}" ska skrivas ÅÅÅÅ-MM-DD.`,
            `Start date "${String(x.start ?? '')}" must be written YYYY-MM-DD.`,
          );
        else if (endDate === undefined || (endDate && endDate < start))
          bad(
            'bad_date',
            `${field}.end`,
            'Slutdatum ska skrivas ÅÅÅÅ-MM-DD och komma efter startdatum.',
            'The end date must be written YYYY-MM-DD and come after the start date.',
          );
        else {
          const f = format(`${field}.format`, x.format ?? null);
          occasions.push({
            startDate: start,
            endDate: endDate ?? null,
            place: typeof x.place === 'string' && x.place.trim() ? x.place.trim().slice(0, 300) : null,
            format: f ?? null,
          });
        }
      }
      course.occasions = occasions;
    }
  }

  if (has('concepts')) {
    const raw = r.concepts;
    if (raw !== null && !Array.isArray(raw))
      bad('bad_concept', 'concepts', 'concepts ska vara en lista.', 'concepts must be a list.');
    else {
      const concepts = new Map<string, ConceptRef>();
      for (const [i, c] of ((raw as unknown[] | null) ?? []).entries()) {
        const x = (c ?? {}) as Record<string, unknown>;
        const source = conceptSourceOf(x.source);
        const id = typeof x.id === 'string' ? x.id.trim() : '';
        if (!source || !id || id.length > LIMITS.item)
          bad(
            'bad_concept',
            `concepts[${i}]`,
            'Ett begrepp skrivs {"source": "esco", "jobtech" eller "demo", "id": begreppets id i den källan}.',
            'A concept is written {"source": "esco", "jobtech" or "demo", "id": its id in that source}.',
          );
        else concepts.set(`${source}|${id}`, { source, externalId: id });
      }
      course.concepts = [...concepts.values()];
    }
  }

  return problems.length ? { problems } : { course };
}

/** YYYY-MM-DD (a real date), or undefined. */
function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? v : undefined;
}

/**
 * Reads a whole file into checked courses and the problems of the bad rows. A code that appears twice
 * is a problem on its second row. CSV and XLSX need a mapping; JSON does not.
 */
/** A file read and checked: its rows, the checked courses with their row numbers, and the bad rows. */
export type CatalogRead = {
  rows: number;
  courses: { row: number; course: CourseInput }[];
  problems: RowProblem[];
};

export async function readCatalogFile(
  format: FileFormat,
  content: Buffer,
  mapping: Mapping | null,
): Promise<CatalogRead> {
  const out = {
    rows: 0,
    courses: [] as { row: number; course: CourseInput }[],
    problems: [] as RowProblem[],
  };
  let records: { row: number; value: unknown }[];
  if (format === 'json') {
    const json = readJson(content);
    if ('problem' in json) return { ...out, problems: [json.problem] };
    records = json.records;
  } else {
    const sheet = format === 'csv' ? readCsv(content) : await readXlsx(content);
    if ('problem' in sheet) return { ...out, problems: [sheet.problem] };
    const map = mapping ?? suggestMapping(sheet.sheet.columns);
    const mappingErrors = checkMapping(map, sheet.sheet.columns);
    if (mappingErrors.length)
      return {
        ...out,
        problems: mappingErrors.map((e) =>
          problem(
            null,
            'bad_mapping',
            e.field.replace(/^body\./, ''),
            `Kolumnmappningen: ${e.message}`,
            `The column mapping: ${e.message}`,
          ),
        ),
      };
    records = sheet.sheet.rows.map((r) => ({ row: r.row, value: mapRow(r.values, map) }));
  }
  out.rows = records.length;
  const seen = new Map<string, number>();
  for (const record of records) {
    const checked = checkCourse(record.value, record.row);
    if ('problems' in checked) {
      out.problems.push(...checked.problems);
      continue;
    }
    const first = seen.get(checked.course.code);
    if (first !== undefined) {
      out.problems.push(
        problem(
          record.row,
          'duplicate_code',
          'code',
          `Kurskoden ${checked.course.code} finns redan på rad ${first}.`,
          `The course code ${checked.course.code} is already on row ${first}.`,
        ),
      );
      continue;
    }
    seen.set(checked.course.code, record.row);
    out.courses.push({ row: record.row, course: checked.course });
  }
  return out;
}
