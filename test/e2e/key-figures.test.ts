import ExcelJS from 'exceljs';
import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { stockholmDate } from '../../src/shared/stockholm-days.ts';
import { weldingChain } from './support/commercial.ts';
import {
  expectEnglish,
  expectHeading,
  expectNoAxeViolations,
  expectOneImage,
  luppAndBrowser,
  newPage,
  SWEDISH_SHELL_UI,
  signIn,
  switchOrganisation,
} from './support/lupp.ts';

// Högskolan i Norrvik's key figures: the welding course has been sold and its agreement signed by both
// parties, beside the demo's course that has been given (Demensvård i hemtjänsten, 52 093,66 kr), sold and
// signed when the demo was seeded: two of each, 142 407,23 kr together. Karin (coordinator) opens Analys, goes to her HEI's key figures and reads the pipeline, the sale
// and the agreement with its value; a teacher has no key figures; the page reads in English.

const journey = luppAndBrowser();

beforeAll(async () => {
  await weldingChain(journey.lupp, 'signed');
});

describe("the HEI's key figures (Analys)", () => {
  it('show the pipeline, the sale and the signed agreement of the period', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Analys', exact: true })
      .click();
    await expectHeading(page, 'Analys');
    const tabs = page.getByRole('navigation', { name: 'Analysens delar' });
    expect(await tabs.getByRole('link', { name: 'Konsortiets analys' }).getAttribute('aria-current')).toBe(
      'page',
    );
    await tabs.getByRole('link', { name: 'Vårt lärosätes nyckeltal' }).click();
    await expectHeading(page, 'Nyckeltal');
    await page.getByText(/Uppdragsutbildningen vid Högskolan i Norrvik i siffror/).waitFor();

    const stages = page.getByTestId('key-figures-stages');
    await stages.getByRole('row', { name: /^Förfrågan \d+$/ }).waitFor();
    expect(await stages.getByRole('row').count()).toBe(1 + 8);
    // Karin worked every seeded case at Norrvik
    await page
      .getByTestId('key-figures-owners')
      .getByRole('row', { name: /^Karin Berg \d+$/ })
      .waitFor();
    const sales = page.getByTestId('key-figures-sales');
    await sales.getByText('2 offerter antagna').waitFor();
    expect(await sales.getByText('142 407,23 kr').count()).toBe(2); // sent and accepted
    await sales.getByText('100 %').waitFor();
    // no tender of the demo's has been decided yet (its regional course is still out to tender)
    await page
      .getByTestId('key-figures-tenders')
      .getByText(/: 0 vunna och 0 förlorade, vinstandel –\.$/)
      .waitFor();
    const agreements = page.getByTestId('key-figures-agreements');
    await agreements.getByText('2 avtal undertecknade av båda parter').waitFor();
    // signed in the period; of the two payments (one after each course) the given course's fell due in the
    // period and the other is due in the coming twelve months
    expect(await agreements.getByText('142 407,23 kr').count()).toBe(1);
    const dueInPeriod = await figureOre(
      agreements,
      'Att fakturera enligt betalplanerna under perioden, till i dag',
    );
    const dueNextYear = await figureOre(agreements, 'Att fakturera de kommande tolv månaderna');
    expect(dueInPeriod).toBeGreaterThan(0);
    expect(dueNextYear).toBeGreaterThan(0);
    expect(dueInPeriod + dueNextYear).toBe(14_240_723);
    await page
      .getByTestId('key-figures-by-month')
      .getByRole('row', { name: /2 142 407,23 kr$/ })
      .waitFor();
    const chart = page.getByRole('img', { name: /avtalat värde per månad under 12 månader/ });
    await chart.waitFor();
    await expectOneImage(chart);
    // both courses give certificates: participants, but no credits; the demo's course has been given
    const volume = page.getByRole('region', { name: 'Deltagare och undervisning' });
    const figure = async (label: string) =>
      ((await volume.locator('.mantine-Card-root', { hasText: label }).textContent()) ?? '').replace(
        label,
        '',
      );
    expect(Number(await figure('Deltagare i avtalen'))).toBeGreaterThan(0);
    expect(await figure('Högskolepoäng för 0 behöriga deltagare')).toBe('0');
    expect(await figure('Helårsekvivalenter (60 hp)')).toBe('0');
    expect(Number(await figure('Genomförda kurstillfällen'))).toBeGreaterThan(0);
    // the given course's agreement has no post-calculation yet: it is listed, linking to its case
    const outturn = page.getByRole('region', { name: 'Efterkalkyler' });
    await outturn.getByText('0 efterkalkylerade avtal: resultat').waitFor();
    const awaiting = outturn.getByTestId('key-figures-outturn-awaiting');
    await awaiting.getByText('1 avtal vars utbildning är genomförd väntar på efterkalkyl:').waitFor();
    expect(await awaiting.getByRole('link').count()).toBe(1);
    await expectNoAxeViolations(page);

    // the same figures as a workbook for the management's report
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Hämta nyckeltalen som Excel-arbetsbok' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^nyckeltal-12m-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path()) ?? '');
    const figures = new Map(
      (workbook.getWorksheet('Nyckeltal')?.getSheetValues() ?? []).flatMap((row) =>
        Array.isArray(row) ? [[row[1], row[2]]] : [],
      ),
    );
    expect(figures.get('Avtal undertecknade av båda parter')).toBe(2);
    expect(figures.get('Avtalat värde (kr)')).toBe(142_407.23);
    expect(figures.get('Genomförda avtal som väntar på efterkalkyl (nu)')).toBe(1);

    await page.getByLabel('Period', { exact: true }).selectOption('all');
    await page.waitForURL(/period=all/);
    await agreements.getByText('2 avtal undertecknade av båda parter').waitFor();
    // a calendar year, the HEI's financial year: last year is over, so its payments are not "up to today"
    const year = Number(stockholmDate(new Date()).slice(0, 4));
    await page.getByLabel('Period', { exact: true }).selectOption({ label: `År ${year - 1}` });
    await page.waitForURL(new RegExp(`period=(%22)?${year - 1}`)); // the router may quote it
    await agreements
      .getByText('Att fakturera enligt betalplanerna under perioden', { exact: true })
      .waitFor();
    // this year holds the agreement signed today
    await page.getByLabel('Period', { exact: true }).selectOption({ label: `År ${year}` });
    await page.waitForURL(new RegExp(`period=(%22)?${year}`));
    await agreements.getByText('Att fakturera enligt betalplanerna under perioden, till i dag').waitFor();
    await agreements.getByText(/^[1-9]\d* avtal undertecknade av båda parter/).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Till ärendetavlan' }).click();
    await page.waitForURL(/\/cases\?view=board/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("are not for teachers, who see only the consortium's analysis", async () => {
    const { context, page } = await newPage(journey);
    await signIn(page, 'lars.larare@mittland.example');
    await page.goto('/analysis');
    await page.getByRole('heading', { name: 'Efterfrågade kompetenser' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Analysens delar' }).count()).toBe(0);
    await page.goto('/analysis/hei');
    await page
      .getByText('Nyckeltalen är till för lärosätets ledning, administratörer, samordnare och ekonomer.')
      .waitFor();
    await context.close();
  });

  it('read in English', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example');
    await page.getByRole('button', { name: 'English' }).click();
    await switchOrganisation(page, 'Högskolan i Norrvik');
    await page.goto('/analysis/hei');
    await expectHeading(page, 'Key figures');
    await page
      .getByTestId('key-figures-agreements')
      .getByText('2 agreements signed by both parties')
      .waitFor();
    expect(await page.getByTestId('key-figures-agreements').getByText('SEK 142,407.23').count()).toBe(1);
    const volume = page.getByRole('region', { name: 'Participants and teaching' });
    await volume.getByText('Full-time equivalents (60 credits)').waitFor();
    await volume.getByText('Credits for 0 eligible participants').waitFor();
    await expectEnglish(page, [...SWEDISH_SHELL_UI, ...SWEDISH_KEY_FIGURES_UI]);
    await expectNoAxeViolations(page);
    // last year, in English: a past year's payments are those that fell due in it
    const lastYear = Number(stockholmDate(new Date()).slice(0, 4)) - 1;
    await page.getByLabel('Period', { exact: true }).selectOption({ label: `Year ${lastYear}` });
    await page
      .getByTestId('key-figures-agreements')
      .getByText('To invoice by the billing plans in the period', { exact: true })
      .waitFor();
    await expectEnglish(page, [...SWEDISH_SHELL_UI, ...SWEDISH_KEY_FIGURES_UI]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** Interface words of the key figures that must not show in English. */
const SWEDISH_KEY_FIGURES_UI = [
  'Nyckeltal',
  'Anbud',
  'vunna',
  'Pågående ärenden',
  'Öppna ärenden',
  'Steg',
  'Ärenden',
  'Försäljning',
  'Vunnet',
  'Förlorat',
  'Vinstandel',
  'offert',
  'avtal',
  'Avtal och fakturering',
  'Mediantid',
  'dagar',
  'Utvärderingar',
  'Konsortiets analys',
];

/** A key figure's amount in öre, read from its card (found by its label). */
async function figureOre(scope: Locator, label: string) {
  const text = (await scope.locator('.mantine-Card-root', { hasText: label }).textContent()) ?? '';
  return Number(text.replace(label, '').replace(/\D/g, ''));
}
