import { describe, expect, it } from 'vitest';
import {
  chooseLanguage,
  expectEnglish,
  expectHeading,
  expectNoAxeViolations,
  luppAndBrowser,
  newPage,
  openInEnglish,
  SWEDISH_SHELL_UI,
  signIn,
} from './support/lupp.ts';

// The customer register (Kunder): before meeting the mining company again, Karin looks it up at Norrvik —
// the cases the HEI has had with it and what came of them, the signed value, its needs analysis and whom
// to contact — and goes on to a case from there; a case's customer name leads back. Nils reads it in English.

const journey = luppAndBrowser();

describe('the customer register', () => {
  it("shows Karin the HEI's customers and its history with one of them", async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Kunder' }).click();
    await expectHeading(page, 'Kunder');
    const table = page.getByTestId('customers-table');
    await table.getByRole('rowheader', { name: 'Norrlandsgruvan AB' }).waitFor();
    await table.getByRole('rowheader', { name: 'Norrviks kommun' }).waitFor();
    await expectNoAxeViolations(page);

    // by a part of the name or the organisationsnummer
    const form = page.getByRole('form', { name: 'Sök kund' });
    const search = async (text: string) => {
      await form.getByRole('searchbox', { name: 'Sök kund' }).fill(text);
      await form.getByRole('button', { name: 'Sök', exact: true }).click();
    };
    await search('gruvan');
    await page.getByText('1 kund', { exact: true }).waitFor();
    expect(await table.getByRole('row').count()).toBe(2); // the heading and Norrlandsgruvan
    await search('Finns inte AB');
    await page.getByText('Ingen kund matchar ”Finns inte AB”.').waitFor();
    await search('');
    await table.getByRole('rowheader', { name: 'Norrviks kommun' }).waitFor();

    // the whole register as CSV
    const csv = await context.request.get('/api/customers/export');
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('"Norrlandsgruvan AB"');

    await page.getByTestId('customers-table').getByRole('link', { name: 'Norrlandsgruvan AB' }).click();
    await expectHeading(page, 'Norrlandsgruvan AB');
    const identity = page.getByTestId('customer-identity');
    await identity.getByText(/Organisationsnummer \d{6}-\d{4}/).waitFor();
    const figures = page.getByTestId('customer-figures');
    await figures.getByText('Ärenden', { exact: true }).waitFor();
    const cases = page.getByRole('region', { name: 'Ärenden med kunden' });
    const plc = cases.getByRole('row').filter({ hasText: 'Automation och PLC-programmering' });
    await plc.getByText(/Vunnet/).waitFor();
    await cases.getByRole('row').filter({ hasText: 'Lean i underhållsarbetet' }).waitFor();
    await page.getByRole('region', { name: 'Behovsanalys' }).getByRole('link').first().waitFor();
    await page.getByRole('region', { name: 'Kontaktpersoner i portalen' }).waitFor();
    // what the HEI learned on the earlier case, from its review
    await page
      .getByRole('region', { name: 'Lärdomar från ärendena' })
      .getByRole('article', { name: 'Automation och PLC-programmering' })
      .getByText(/Kalkylen underskattade förberedelsetiden för labbet/)
      .waitFor();
    await expectNoAxeViolations(page);

    // on to a case, and from the case's customer back to the customer
    await plc.getByRole('link').click();
    await expectHeading(page, 'Automation och PLC-programmering');
    await page.getByRole('main').getByRole('link', { name: 'Norrlandsgruvan AB', exact: true }).click();
    await expectHeading(page, 'Norrlandsgruvan AB');
    await page.getByRole('link', { name: 'Till kundregistret' }).click();
    await expectHeading(page, 'Kunder');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens a case for a customer who called directly, from the register and from the cases list', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.goto('/customers?sort=name');
    await page.getByTestId('customers-table').getByRole('link', { name: 'Norrlandsgruvan AB' }).click();
    await expectHeading(page, 'Norrlandsgruvan AB');
    await page.getByRole('button', { name: 'Nytt ärende med kunden' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nytt ärende med Norrlandsgruvan AB' });
    await dialog.getByRole('button', { name: 'Skapa ärendet' }).click();
    await dialog.getByText('Skriv en rubrik med minst 3 tecken.').waitFor();
    await dialog.getByText('Välj kundens sektor.').waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByRole('textbox', { name: 'Rubrik' }).fill('Felsökning av hydraulik');
    await dialog.getByRole('combobox', { name: 'Sektor' }).selectOption({ label: 'Privat sektor' });
    await dialog
      .getByRole('textbox', { name: 'Behovet med kundens ord' })
      .fill('Underhållet vill lära sig felsöka hydrauliken i de nya borriggarna.');
    await dialog.getByRole('button', { name: 'Skapa ärendet' }).click();
    await expectHeading(page, 'Felsökning av hydraulik');
    await page.getByTestId('case-stage').filter({ hasText: 'Förfrågan' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Norrlandsgruvan AB', exact: true }).click();
    await page
      .getByRole('region', { name: 'Ärenden med kunden' })
      .getByRole('row')
      .filter({ hasText: 'Felsökning av hydraulik' })
      .waitFor();
    await page.getByTestId('customer-figures').getByText('3', { exact: true }).waitFor();

    // a new customer, from the cases list: a mistyped organisationsnummer is named before anything is saved
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Ärenden' }).click();
    await page.getByRole('button', { name: 'Nytt ärende', exact: true }).click();
    const fresh = page.getByRole('dialog', { name: 'Nytt ärende' });
    await fresh.getByRole('textbox', { name: 'Rubrik' }).fill('Språkstöd för nyanställda');
    await fresh.getByRole('textbox', { name: 'Kundens namn' }).fill('Norrviks Bageri AB');
    await fresh.getByRole('textbox', { name: 'Organisationsnummer' }).fill('556036-0794');
    await fresh.getByRole('combobox', { name: 'Sektor' }).selectOption({ label: 'Privat sektor' });
    await fresh
      .getByRole('textbox', { name: 'Behovet med kundens ord' })
      .fill('Nyanställda bagare behöver yrkessvenska för hygienregler och recept.');
    await fresh.getByRole('button', { name: 'Skapa ärendet' }).click();
    await fresh.getByText('Kontrollsiffran stämmer inte (den sista siffran). Kontrollera numret.').waitFor();
    await fresh.getByRole('textbox', { name: 'Organisationsnummer' }).fill('556036-0793');
    await fresh.getByRole('button', { name: 'Skapa ärendet' }).click();
    await expectHeading(page, 'Språkstöd för nyanställda');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Kunder' }).click();
    await page
      .getByTestId('customers-table')
      .getByRole('rowheader', { name: 'Norrviks Bageri AB' })
      .waitFor();

    // the form in English
    await chooseLanguage(page, 'English');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('button', { name: 'New case', exact: true }).click();
    const english = page.getByRole('dialog', { name: 'New case' });
    await english.getByRole('button', { name: 'Create the case' }).click();
    await english.getByText('Write a title of at least 3 characters.').waitFor();
    await expectEnglish(
      page,
      [...SWEDISH_SHELL_UI, 'Nytt ärende', 'Rubrik', 'Kundens namn', 'Sektor', 'Skapa'],
      english,
    );
    await expectNoAxeViolations(page);
    await english.getByRole('button', { name: 'Cancel' }).click();
    await chooseLanguage(page, 'Svenska');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("finds the customer, its cases and the consortium's courses from the header's search", async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    const box = page.getByRole('banner').getByRole('searchbox', { name: 'Sök i Lupp' });
    await box.fill('Norrlandsgruvan');
    await box.press('Enter');
    await expectHeading(page, 'Sök i Lupp');
    const results = page.getByTestId('search-results');
    await results
      .getByRole('region', { name: /^Kunder/ })
      .getByRole('link', { name: 'Norrlandsgruvan AB' })
      .waitFor();
    await results
      .getByRole('region', { name: /^Ärenden/ })
      .getByRole('link', { name: 'Lean i underhållsarbetet' })
      .waitFor();
    await results.getByRole('region', { name: /^Förfrågningar/ }).waitFor();
    await expectNoAxeViolations(page);

    // a subject: the courses of the consortium are there, a kind with nothing says so
    const again = page.getByRole('main').getByRole('searchbox', { name: 'Sök i Lupp' });
    await again.fill('svetsning');
    await page.getByRole('main').getByRole('button', { name: 'Sök', exact: true }).click();
    const courses = results.getByRole('region', { name: /^Kurser i samarbetet/ });
    await courses.getByRole('link').first().waitFor();
    await results
      .getByRole('region', { name: /^Kunder/ })
      .getByText('Inget hittades.')
      .waitFor();
    await courses.getByRole('link').first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/courses\//);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a phone: the register and a customer scroll vertically only', async () => {
    const phone = { width: 375, height: 740 };
    const { context, page, errors } = await newPage(journey, { viewport: phone });
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.goto('/customers');
    await page.getByTestId('customers-table').getByRole('link', { name: 'Norrlandsgruvan AB' }).waitFor();
    const width = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await width()).toBeLessThanOrEqual(phone.width);
    await expectNoAxeViolations(page);
    await page.getByTestId('customers-table').getByRole('link', { name: 'Norrlandsgruvan AB' }).click();
    await page.getByRole('region', { name: 'Ärenden med kunden' }).waitFor();
    expect(await width()).toBeLessThanOrEqual(phone.width);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads in English', async () => {
    const { context, page, errors } = await newPage(journey);
    await openInEnglish(page, 'nils.chef@norrvik.example', 'Customers');
    await expectHeading(page, 'Customers');
    await page.getByRole('combobox', { name: 'Order' }).click();
    await page.getByRole('option', { name: 'Largest signed value first' }).click();
    await page.getByText(/^\d+ customers?$/).waitFor();
    await expectEnglish(page, [
      ...SWEDISH_SHELL_UI,
      'Kunder',
      'Kund',
      'Sök',
      'Ärenden',
      'Avtalat värde',
      'Län',
    ]);
    await page.getByTestId('customers-table').getByRole('link').first().click();
    await page.getByRole('region', { name: 'Cases with the customer' }).waitFor();
    await expectEnglish(page, [
      ...SWEDISH_SHELL_UI,
      'Kund',
      'Ärenden',
      'Avtalat värde',
      'Organisationsnummer',
    ]);
    await expectNoAxeViolations(page);
    // and the search
    const box = page.getByRole('banner').getByRole('searchbox', { name: 'Search Lupp' });
    await box.fill('Norrlandsgruvan');
    await box.press('Enter');
    await expectHeading(page, 'Search Lupp');
    await page.getByRole('region', { name: /^Customers \(1\)/ }).waitFor();
    await expectEnglish(page, [
      ...SWEDISH_SHELL_UI,
      'Sök',
      'Kunder',
      'Ärenden',
      'Behovsanalyser',
      'Inget hittades',
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
