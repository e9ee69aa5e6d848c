import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { organisation } from '../../src/features/tenancy/tenancy.table.ts';
import { importCourses } from '../support/factories.ts';
import {
  expectEnglish,
  expectHeading,
  expectNoAxeViolations,
  luppAndBrowser,
  newPage,
  openInEnglish,
  SWEDISH_SHELL_UI,
  signIn,
} from './support/lupp.ts';

// A coordinator at Mittlands universitet imports the HEI's course catalogue from a spreadsheet export
// (CSV, with a column the mapping step must be told about, and two bad rows), reads the report, keeps the
// valid rows, and then finds a course the way any HEI of the consortium can — and tags it.

const journey = luppAndBrowser();

const csv = [
  'Kurskod;Kursnamn;Antal hp;Språk;Nivå;Studieform;Beskrivning',
  'MIU101;Svetsteknik för konstruktörer;7,5;sv;first-cycle;blended;Svetsmetoder, materialval och konstruktion av svetsade förband i höghållfasta stål.',
  'MIU102;Ledarskap i förändring;5;sv;first-cycle;distance;Att leda medarbetare genom omställning, med förändringsledning i praktiken.',
  ';Kurs utan kod;3;sv;first-cycle;campus;Saknar kurskod.',
  'MIU104;Lean i underhåll;sju;sv;first-cycle;campus;Lean och förebyggande underhåll.',
].join('\n');

describe('the course catalogue', () => {
  it('imports a CSV with a column mapping, reports the bad rows and keeps the valid ones only when asked', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Mittlands universitet' });
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Kurser' }).click();
    await expectHeading(page, 'Kurser');
    await page.getByRole('link', { name: 'Importera katalog…' }).click();
    await expectHeading(page, 'Importera kurskatalog');
    await page.getByRole('button', { name: 'Läs filen' }).click();
    await page.getByText('Välj en fil.').waitFor();
    await expectNoAxeViolations(page);

    await page.locator('input[type="file"]').setInputFiles({
      name: 'kurskatalog.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByRole('button', { name: 'Läs filen' }).click();
    const mapping = page.getByRole('region', { name: 'Kolumner' });
    await mapping.getByText('kurskatalog.csv: 4 rader').waitFor();
    // Guessed from the names; "Antal hp" is ours to map.
    expect(await mapping.getByRole('combobox', { name: 'Kurskod' }).inputValue()).toBe('Kurskod');
    expect(await mapping.getByRole('combobox', { name: 'Titel', exact: true }).inputValue()).toBe('Kursnamn');
    await mapping.getByRole('combobox', { name: 'Högskolepoäng' }).selectOption('Antal hp');
    await expectNoAxeViolations(page);

    await mapping.getByRole('button', { name: 'Importera' }).click();
    const report = page.getByTestId('catalog-report');
    await report.getByText('Inget sparat: rader behöver rättas').waitFor();
    await report.getByText(/4 rader: 2 giltiga, 2 felaktiga\. 0 nya/).waitFor();
    await report
      .getByRole('row')
      .filter({ hasText: 'Kurskod saknas.' })
      .getByRole('rowheader', { name: '4' })
      .waitFor();
    await report
      .getByRole('row')
      .filter({ hasText: /Högskolepoäng "sju"/ })
      .getByRole('rowheader', { name: '5' })
      .waitFor();
    await expectNoAxeViolations(page);

    await mapping.getByRole('checkbox', { name: /Spara de giltiga raderna/ }).check();
    await mapping.getByRole('button', { name: 'Importera' }).click();
    await report.getByText(/4 rader: 2 giltiga, 2 felaktiga\. 2 nya/).waitFor();

    // Any HEI of the consortium finds it; the owner confirms or rejects suggested concepts.
    await page.getByRole('link', { name: 'Tillbaka till kurserna' }).click();
    await page.getByRole('searchbox', { name: 'Sök kurser' }).fill('svetsning');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    const table = page.getByTestId('courses-table');
    await table.getByRole('link', { name: 'Svetsteknik för konstruktörer' }).click();
    await expectHeading(page, 'Svetsteknik för konstruktörer');
    await page.getByText('7,5 hp').waitFor();
    // The import suggested taxonomy concepts from the text; the coordinator confirms one.
    // (a background job suggests them after the import: reload until they are there)
    const confirm = page.getByRole('button', { name: 'Bekräfta Svetsteknik' });
    for (let attempt = 0; attempt < 10; attempt++) {
      if (
        await confirm.waitFor({ timeout: 3000 }).then(
          () => true,
          () => false,
        )
      )
        break;
      await page.reload();
    }
    await confirm.click();
    await page
      .getByTestId('course-tags')
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Svetsteknik', exact: true }) })
      .getByText('Bekräftat', { exact: true })
      .waitFor();
    expect(await page.getByTestId('course-tags').getByRole('columnheader').allTextContents()).toEqual([
      'Begrepp i taxonomin',
      'Status',
      'Ändra',
    ]);
    await expectNoAxeViolations(page);

    // The rest of the suggestions are reviewed in one list: the confirmed one is gone from it; one is rejected.
    await page.getByRole('link', { name: 'Tillbaka till kurserna' }).click();
    await page.getByRole('link', { name: 'Granska föreslagna begrepp' }).click();
    await expectHeading(page, 'Föreslagna begrepp att granska');
    await page.getByText(/kurs(er)? har förslag att granska/).waitFor();
    const review = page.getByTestId('tag-review');
    const suggestions = review.getByRole('row').filter({ has: page.getByRole('button') });
    expect(await suggestions.filter({ hasText: 'MIU101' }).filter({ hasText: 'Svetsteknik' }).count()).toBe(
      0,
    );
    const before = await suggestions.count();
    await suggestions
      .first()
      .getByRole('button', { name: /^Avvisa / })
      .click();
    await expect.poll(() => suggestions.count()).toBe(before - 1);
    await expectNoAxeViolations(page);
    // A long queue is narrowed by a course code (or title, or concept); a search that finds nothing says so.
    const search = page.getByRole('form', { name: 'Sök bland förslagen' });
    const firstCode = ((await review.getByRole('link').first().textContent()) ?? '').split(' ')[0] ?? '';
    await search.getByRole('searchbox', { name: 'Sök bland förslagen' }).fill(firstCode.toLowerCase());
    await search.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText('1 kurs har förslag att granska.').waitFor();
    for (const link of await review.getByRole('link').allTextContents()) expect(link).toMatch(firstCode);
    await search.getByRole('searchbox', { name: 'Sök bland förslagen' }).fill('kvastbinderi');
    await search.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText('Ingen kurs med förslag att granska matchar ”kvastbinderi”.').waitFor();

    // The catalogue goes out as a file in the interchange format, with the confirmed concept.
    await page.getByRole('link', { name: 'Tillbaka till kurserna' }).click();
    await page.getByRole('link', { name: 'Importera katalog…' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Ladda ner katalogen', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^kurskatalog-Mittlands-universitet-.*\.json$/);
    const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
    const welding = file.courses.find((c: { code: string }) => c.code === 'MIU101');
    expect(welding).toMatchObject({ titleSv: 'Svetsteknik för konstruktörer', credits: 7.5 });
    expect(welding.concepts).toEqual([expect.objectContaining({ label: 'Svetsteknik' })]);

    // …or as an Excel workbook, which reads back in without telling the mapping anything: nothing changed.
    const [workbook] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Ladda ner katalogen som Excel (XLSX)' }).click(),
    ]);
    expect(workbook.suggestedFilename()).toMatch(/^kurskatalog-Mittlands-universitet-.*\.xlsx$/);
    const courses = file.courses.length;
    await page.locator('input[type="file"]').setInputFiles(await workbook.path());
    await page.getByRole('button', { name: 'Läs filen' }).click();
    const columns = page.getByRole('region', { name: 'Kolumner' });
    await columns.getByText(`: ${courses} rader`).waitFor();
    expect(await columns.getByRole('combobox', { name: 'Högskolepoäng' }).inputValue()).toBe('Högskolepoäng');
    await columns.getByRole('button', { name: 'Importera' }).click();
    await page
      .getByTestId('catalog-report')
      .getByText(`0 nya, 0 ändrade, ${courses} oförändrade kurser.`)
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('in English: the mapping, the report of bad rows and a course page read in English', async () => {
    const { context, page, errors } = await newPage(journey);
    await openInEnglish(page, 'karin.koordinator@mittland.example', 'Courses', {
      at: 'Mittlands universitet',
    });
    await page.getByRole('link', { name: 'Import catalogue…' }).click();
    await expectHeading(page, 'Import a course catalogue');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'catalogue.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [
          'Kurskod;Kursnamn;Antal hp;Språk;Nivå',
          'MIU201;Maintenance planning;7,5;en;first-cycle',
          'MIU202;Safety leadership;many;en;first-cycle',
        ].join('\n'),
        'utf8',
      ),
    });
    await page.getByRole('button', { name: 'Read the file' }).click();
    const mapping = page.getByRole('region', { name: 'Columns' });
    await mapping.getByText('catalogue.csv: 2 rows').waitFor();
    await mapping.getByRole('combobox', { name: 'Credits' }).selectOption('Antal hp');
    await mapping.getByRole('button', { name: 'Import' }).click();
    const report = page.getByTestId('catalog-report');
    await report.getByText('Nothing saved: rows need fixing').waitFor();
    await report.getByText(/2 rows: 1 valid, 1 wrong\. 0 new/).waitFor();
    await report.getByRole('row').filter({ hasText: 'many' }).getByRole('rowheader', { name: '3' }).waitFor();
    const CATALOG_SWEDISH = [
      ...SWEDISH_SHELL_UI,
      'Importera',
      'Läs filen',
      'Kolumner',
      'Inget sparat',
      'rader',
      'giltiga',
      'felaktiga',
      'Felaktiga rader',
      'Rad',
      'Fält',
      'Högskolepoäng',
      'Kurskod',
    ];
    // the file's own column names are Swedish: read the report and the page outside the mapping
    await expectEnglish(page, CATALOG_SWEDISH, report);
    await expectNoAxeViolations(page);

    // A file that is no catalogue is told so in English.
    await page.locator('input[type="file"]').setInputFiles({
      name: 'courses.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"items": []}', 'utf8'),
    });
    await page.getByRole('button', { name: 'Read the file' }).click();
    await page.getByRole('alert').filter({ hasText: 'Not a course catalogue' }).waitFor();

    // The catalogue as an English workbook: its column names are the English field names, which the
    // mapping reads back without help, and re-importing it changes nothing.
    const [workbook] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the catalogue as Excel (XLSX)' }).click(),
    ]);
    expect(workbook.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.locator('input[type="file"]').setInputFiles({
      name: 'catalogue.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: readFileSync(await workbook.path()),
    });
    await page.getByRole('button', { name: 'Read the file' }).click();
    await mapping.getByText(/^catalogue\.xlsx: \d+ rows$/).waitFor();
    expect(await mapping.getByRole('combobox', { name: 'Credits' }).inputValue()).toBe('Credits');
    await mapping.getByRole('button', { name: 'Import' }).click();
    await report.getByText(/ 0 new, 0 changed, \d+ unchanged courses\./).waitFor();

    // A course of the consortium, in English: its scope, tags and the way back.
    await page.getByRole('link', { name: 'Back to the courses' }).click();
    await page.getByRole('main').getByRole('searchbox').fill('svetsning');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByTestId('courses-table').getByRole('link').first().click();
    await page.getByRole('heading', { level: 2, name: 'Taxonomy concepts' }).waitFor();
    // its Swedish title and texts are marked as Swedish on the English page (WCAG 3.1.2)
    expect(await page.getByRole('heading', { level: 1 }).getAttribute('lang')).toBe('sv');
    expect(await page.getByRole('main').locator('p[lang="sv"]').count()).toBeGreaterThan(0);
    await page
      .getByText(/\d+(\.\d)? credits/)
      .first()
      .waitFor();
    await expectEnglish(
      page,
      [...CATALOG_SWEDISH, 'Beskrivning', 'Lärandemål', 'Taxonomibegrepp', 'Bekräfta'],
      page.getByRole('main'),
    );
    await expectNoAxeViolations(page);

    // The suggestions to review, in English (course titles and concept labels may be Swedish: data).
    await page.getByRole('link', { name: 'Back to the courses' }).click();
    await page.getByRole('link', { name: 'Review suggested concepts' }).click();
    await expectHeading(page, 'Suggested concepts to review');
    await page
      .getByText(/have suggestions to review|has suggestions to review|No suggestions waiting/)
      .waitFor();
    await expectEnglish(page, [...CATALOG_SWEDISH, 'Granska', 'Föreslaget', 'Bekräfta', 'Avvisa']);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is searchable by another HEI of the consortium, which cannot change it; long lists come a page at a time', async () => {
    const { context, page } = await newPage(journey);
    await signIn(page, 'oskar.admin@norrvik.example');
    await page.goto('/courses');
    await page.getByRole('searchbox', { name: 'Sök kurser' }).fill('ledarskap');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    const row = page
      .getByTestId('courses-table')
      .getByRole('row')
      .filter({ hasText: 'Ledarskap i förändring' });
    await row.getByText('Mittlands universitet').waitFor();
    await row.getByRole('link').click();
    await expectHeading(page, 'Ledarskap i förändring');
    expect(await page.getByRole('button', { name: /^Bekräfta / }).count()).toBe(0);
    await expectNoAxeViolations(page);

    // A long list comes 50 courses at a time (Mittland's catalogue grew by 55 courses on one subject).
    const [mittland] = await journey.lupp.database.db
      .select({ id: organisation.id })
      .from(organisation)
      .where(eq(organisation.name, 'Mittlands universitet'));
    const courses = Array.from({ length: 55 }, (_, i) => ({
      code: `BRO${String(i + 1).padStart(3, '0')}`,
      title: `Brokonstruktion, del ${i + 1}`,
      language: 'sv',
      credits: 1.5,
    }));
    await importCourses(journey.lupp.database.db, mittland?.id ?? '', courses);
    await page.goto('/courses');
    await page.getByRole('searchbox', { name: 'Sök kurser' }).fill('brokonstruktion');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByTestId('course-total').getByText('55 kurser').waitFor();
    const table = page.getByTestId('courses-table');
    expect(await table.getByRole('row').count()).toBe(51); // the heading and 50
    const pages = page.getByRole('navigation', { name: 'Sidor' });
    await pages.getByText('Sida 1 av 2').waitFor();
    await pages.getByRole('button', { name: 'Nästa sida' }).click();
    await pages.getByText('Sida 2 av 2').waitFor();
    await expect.poll(() => table.getByRole('row').count()).toBe(6);
    await table.getByRole('link', { name: 'Brokonstruktion, del 55' }).waitFor();
    expect(await pages.getByRole('button', { name: 'Nästa sida' }).isDisabled()).toBe(true);
    await expectNoAxeViolations(page);
    // back from a course finds the list as it was left: the search and its page are in the address
    await table.getByRole('link', { name: 'Brokonstruktion, del 55' }).click();
    await expectHeading(page, 'Brokonstruktion, del 55');
    await page.goBack();
    await pages.getByText('Sida 2 av 2').waitFor();
    await table.getByRole('link', { name: 'Brokonstruktion, del 55' }).waitFor();
    expect(await page.getByRole('searchbox', { name: 'Sök kurser' }).inputValue()).toBe('brokonstruktion');
    // so does the course page's own link back to the list
    await table.getByRole('link', { name: 'Brokonstruktion, del 54' }).click();
    await expectHeading(page, 'Brokonstruktion, del 54');
    await page.getByRole('link', { name: 'Tillbaka till kurserna' }).click();
    await pages.getByText('Sida 2 av 2').waitFor();
    expect(await page.getByRole('searchbox', { name: 'Sök kurser' }).inputValue()).toBe('brokonstruktion');
    // a search starts on its first page
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await pages.getByText('Sida 1 av 2').waitFor();
    // so does a filter; it stays when the page is opened again from its address
    await page.getByRole('combobox', { name: 'Nivå' }).selectOption({ label: 'Grundnivå' });
    await page.getByTestId('course-total').getByText('0 kurser').waitFor();
    await page.getByRole('combobox', { name: 'Språk' }).selectOption({ label: 'Svenska' });
    await page.getByRole('combobox', { name: 'Nivå' }).selectOption({ label: 'Alla nivåer' });
    await page.reload();
    await page.getByTestId('course-total').getByText('55 kurser').waitFor();
    expect(await page.getByRole('combobox', { name: 'Språk' }).inputValue()).toBe('sv');
    expect(await page.getByRole('searchbox', { name: 'Sök kurser' }).inputValue()).toBe('brokonstruktion');
    // an address past the last page shows the last page there is
    await page.goto('/courses?q=brokonstruktion&page=9');
    await pages.getByText('Sida 2 av 2').waitFor();

    // So does the review queue; when a coordinator has decided the last page, the list is the one before it.
    const coordinator = await newPage(journey);
    await signIn(coordinator.page, 'karin.koordinator@mittland.example', { at: 'Mittlands universitet' });
    // (the English journey above left Karin's interface in English)
    const swedish = coordinator.page.getByRole('button', { name: 'Svenska' });
    if (await swedish.count()) await swedish.click();
    const welding = Array.from({ length: 53 }, (_, i) => ({
      code: `SVM${String(i + 1).padStart(3, '0')}`,
      title: `Svetsteknik för montörer, del ${i + 1}`,
      language: 'sv',
      credits: 1.5,
    }));
    await importCourses(journey.lupp.database.db, mittland?.id ?? '', welding, { suggestTags: true });
    await coordinator.page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Kurser' })
      .click();
    await coordinator.page.getByRole('link', { name: 'Granska föreslagna begrepp' }).click();
    await expectHeading(coordinator.page, 'Föreslagna begrepp att granska');
    const search = coordinator.page.getByRole('form', { name: 'Sök bland förslagen' });
    await search.getByRole('searchbox', { name: 'Sök bland förslagen' }).fill('för montörer, del');
    await search.getByRole('button', { name: 'Sök', exact: true }).click();
    await coordinator.page
      .getByText('53 kurser har förslag att granska; här visas 1–50 i kurskodsordning.')
      .waitFor();
    await coordinator.page
      .getByRole('navigation', { name: 'Sidor' })
      .getByRole('button', { name: 'Nästa sida' })
      .click();
    await coordinator.page
      .getByText('53 kurser har förslag att granska; här visas 51–53 i kurskodsordning.')
      .waitFor();
    const review = coordinator.page.getByTestId('tag-review');
    const reject = review.getByRole('button', { name: /^Avvisa / });
    for (let left = await reject.count(); left > 1; left -= 1) {
      await reject.first().click();
      await expect.poll(() => reject.count()).toBe(left - 1);
    }
    await reject.first().click(); // the last of the page
    await coordinator.page.getByText('50 kurser har förslag att granska.').waitFor();
    expect(await coordinator.page.getByRole('navigation', { name: 'Sidor' }).count()).toBe(0);
    await review.getByRole('link', { name: 'SVM050 Svetsteknik för montörer, del 50' }).waitFor();
    await expectNoAxeViolations(coordinator.page);
    await coordinator.context.close();
    await context.close();
  });
});
