import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  checkCourse,
  checkMapping,
  detectFormat,
  mapRow,
  readCatalogFile,
  readCsv,
  readJson,
  readXlsx,
  suggestMapping,
} from './parse.ts';

const csv = (text: string) => Buffer.from(text, 'utf8');

describe('reading files', () => {
  it('tells JSON, CSV and XLSX apart by content', () => {
    expect(detectFormat('k.json', csv('{"courses": []}'))).toBe('json');
    expect(detectFormat('k.txt', csv('\uFEFF[ ]'))).toBe('json');
    expect(detectFormat('k.csv', csv('Kurskod;Titel\n'))).toBe('csv');
    expect(detectFormat('k.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]))).toBe('xlsx');
    expect(detectFormat('k.xlsx', csv('not a zip'))).toBeNull();
  });

  it('reads Swedish Excel CSV (BOM, semicolons, quoted newlines) with sheet row numbers', () => {
    const result = readCsv(
      csv('\uFEFFKurskod;Titel;Mål\r\nA1;"Svets; teknik";"ett\ntvå"\r\n;;\r\nB2;Ledarskap;\r\n'),
    );
    if (!('sheet' in result)) throw new Error('not read');
    expect(result.sheet.columns).toEqual(['Kurskod', 'Titel', 'Mål']);
    expect(result.sheet.rows.map((r) => r.row)).toEqual([2, 4]);
    expect(result.sheet.rows[0]?.values).toEqual({ Kurskod: 'A1', Titel: 'Svets; teknik', Mål: 'ett\ntvå' });
  });

  it('reads commas too, and refuses Latin-1', () => {
    const result = readCsv(csv('code,title\nX1,Welding\n'));
    expect('sheet' in result && result.sheet.rows[0]?.values).toEqual({ code: 'X1', title: 'Welding' });
    const latin1 = readCsv(Buffer.from([0x6b, 0x6f, 0x64, 0x3b, 0xe5, 0x0a]));
    expect('problem' in latin1 && latin1.problem.code).toBe('not_utf8');
  });

  it('reads the first worksheet of a workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Kurser');
    sheet.addRow(['Course code', 'Title', 'Credits']);
    sheet.addRow(['W1', 'Welding', 7.5]);
    const result = await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
    if (!('sheet' in result)) throw new Error('not read');
    expect(result.sheet.columns).toEqual(['Course code', 'Title', 'Credits']);
    expect(result.sheet.rows).toEqual([
      { row: 2, values: { 'Course code': 'W1', Title: 'Welding', Credits: '7.5' } },
    ]);
  });

  it('says what is wrong with a JSON file that is not a catalogue', () => {
    expect(readJson(csv('{"kurser": []}'))).toMatchObject({ problem: { code: 'not_a_catalog', row: null } });
    expect(readJson(csv('{oops'))).toMatchObject({ problem: { code: 'invalid_json' } });
  });
});

describe('column mapping', () => {
  it('guesses the mapping from Swedish and English column names', () => {
    expect(
      suggestMapping([
        'Kurskod',
        'Kursnamn',
        'Högskolepoäng',
        'Undervisningsspråk',
        'Studieform',
        'Lärandemål',
        'Pris',
      ]),
    ).toEqual({
      code: 'Kurskod',
      title: 'Kursnamn',
      credits: 'Högskolepoäng',
      language: 'Undervisningsspråk',
      format: 'Studieform',
      learningOutcomes: 'Lärandemål',
      priceSek: 'Pris',
    });
  });

  it('takes "Omfattning (hp)", as Swedish syllabi name the credits, and "Course title"', () => {
    expect(suggestMapping(['Kod', 'Course title', 'Omfattning (hp)'])).toEqual({
      code: 'Kod',
      title: 'Course title',
      credits: 'Omfattning (hp)',
    });
  });

  it('names unknown columns and fields, and a missing code or title', () => {
    expect(checkMapping({ code: 'Kod', title: 'Titel' }, ['Kod', 'Titel'])).toEqual([]);
    const errors = checkMapping({ titel: 'Titel', credits: 'HP' } as never, ['Titel']);
    expect(errors.map((e) => e.field)).toEqual([
      'body.mapping.titel',
      'body.mapping.credits',
      'body.mapping.code',
      'body.mapping.title',
    ]);
  });

  it('maps only the mapped fields and splits lists', () => {
    expect(
      mapRow(
        { K: 'A1', T: 'Svets', M: 'läsa ritningar\nvälja metod', S: 'sv, en', D: '2027-03-01' },
        { code: 'K', title: 'T', learningOutcomes: 'M', language: 'S', occasionStart: 'D' },
      ),
    ).toEqual({
      code: 'A1',
      title: 'Svets',
      learningOutcomes: ['läsa ritningar', 'välja metod'],
      languages: ['sv', 'en'],
      occasions: [{ start: '2027-03-01', end: null, place: null, format: null }],
    });
  });

  it('splits a list cell by lines, or a one-line cell by " | " and semicolons', () => {
    const lists = (cell: string) =>
      mapRow({ M: cell }, { code: 'K', learningOutcomes: 'M' }).learningOutcomes;
    expect(lists('läsa ritningar | välja metod;svetsa')).toEqual(['läsa ritningar', 'välja metod', 'svetsa']);
    // in a cell of lines, " | " and ";" belong to the item
    expect(lists('bedöma risker; välja åtgärder\r\nTIG | MIG\n')).toEqual([
      'bedöma risker; välja åtgärder',
      'TIG | MIG',
    ]);
    expect(lists('bedöma risker; välja åtgärder\n')).toEqual(['bedöma risker; välja åtgärder']);
    expect(lists('  ')).toEqual([]);
  });
});

describe('checking a course', () => {
  it('normalises Swedish spellings: decimal comma, distans, grundnivå, svenska, price with spaces', () => {
    const result = checkCourse(
      {
        code: ' SVT101 ',
        title: 'Svetsteknik',
        language: 'svenska',
        credits: '7,5',
        level: 'Grundnivå',
        format: 'Distans',
        priceSek: '24 500 kr',
      },
      2,
    );
    expect(result).toEqual({
      course: expect.objectContaining({
        code: 'SVT101',
        titleSv: 'Svetsteknik',
        languages: ['sv'],
        credits: 7.5,
        level: 'first-cycle',
        format: 'distance',
        priceSek: 24500,
      }),
    });
  });

  it('puts the title of an English course in titleEn, and a non-credit workload in creditEquivalent', () => {
    const result = checkCourse(
      { code: 'X', title: 'Welding', language: 'en', level: 'non-credit', credits: 3 },
      1,
    );
    expect(result).toEqual({
      course: expect.objectContaining({ titleEn: 'Welding', credits: null, creditEquivalent: 3 }),
    });
    expect('course' in result && result.course.titleSv).toBeUndefined();
  });

  it('reports every problem of a row with its row number, a code and a message in both languages', () => {
    const result = checkCourse(
      { code: '', credits: 'sju', format: 'korrespondens', syllabusUrl: 'www.hv.se', eqfLevel: 9 },
      7,
    );
    if (!('problems' in result)) throw new Error('accepted');
    expect(result.problems.map((p) => p.code).sort()).toEqual([
      'bad_credits',
      'bad_eqf_level',
      'bad_format',
      'bad_url',
      'missing_code',
      'missing_title',
    ]);
    expect(result.problems.every((p) => p.row === 7 && p.message.sv && p.message.en)).toBe(true);
  });

  it('checks occasion dates', () => {
    const result = checkCourse(
      {
        code: 'A',
        title: 'T',
        occasions: [{ start: '2027-02-30' }, { start: '2027-03-01', end: '2027-02-01' }],
      },
      1,
    );
    expect('problems' in result && result.problems.map((p) => p.field)).toEqual([
      'occasions[0].start',
      'occasions[1].end',
    ]);
  });
});

describe('a whole file', () => {
  it('reports a code used twice on its second row and keeps the first', async () => {
    const result = await readCatalogFile('csv', csv('Kurskod;Titel\nA1;Ett\nA1;Två\nB2;Tre\n'), {
      code: 'Kurskod',
      title: 'Titel',
    });
    expect(result.rows).toBe(3);
    expect(result.courses.map((c) => c.course.code)).toEqual(['A1', 'B2']);
    expect(result.problems).toMatchObject([{ row: 3, code: 'duplicate_code' }]);
  });

  it('reports a mapping to a missing column as a problem of the file', async () => {
    const result = await readCatalogFile('csv', csv('Kurskod;Titel\nA1;Ett\n'), {
      code: 'Kod',
      title: 'Titel',
    });
    expect(result.problems).toMatchObject([{ row: null, code: 'bad_mapping', field: 'mapping.code' }]);
  });
});
