import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, stockholmDate } from '../../src/shared/stockholm-days.ts';
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

/** Fills in the new-case dialog of a known customer, creates the case and waits for its page. */
async function openCase(dialog: Locator, c: { title: string; sector: string; need: string }) {
  await dialog.getByRole('textbox', { name: 'Rubrik' }).fill(c.title);
  await dialog.getByRole('combobox', { name: 'Sektor' }).selectOption({ label: c.sector });
  await dialog.getByRole('textbox', { name: 'Behovet med kundens ord' }).fill(c.need);
  await dialog.getByRole('button', { name: 'Skapa ärendet' }).click();
  await expectHeading(dialog.page(), c.title);
}

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
    await openCase(dialog, {
      title: 'Felsökning av hydraulik',
      sector: 'Privat sektor',
      need: 'Underhållet vill lära sig felsöka hydrauliken i de nya borriggarna.',
    });
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

  it("keeps the HEI's framework agreements with a customer, with what has been called off under each", async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.goto('/customers');
    await page.getByTestId('customers-table').getByRole('link', { name: 'Norrviks kommun' }).click();
    await expectHeading(page, 'Norrviks kommun');
    // the demo's agreement from the municipality's procurement: two call-offs, one given and signed
    const frameworks = page.getByRole('region', { name: 'Ramavtal' });
    const care = frameworks.getByRole('row').filter({ hasText: 'Ramavtal vård- och omsorgsutbildning' });
    await care.getByText('KS 2024/512').waitFor();
    await care.getByText(/^Gäller, \d+ dagar kvar$/).waitFor();
    await care.getByText(/^[\d\s]+(,\d\d)?\skr av 3\s000\s000\skr$/).waitFor();
    await expectNoAxeViolations(page);

    // a new agreement: the form says what is wrong, and nothing is saved until it is right
    await frameworks.getByRole('button', { name: 'Nytt ramavtal…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nytt ramavtal med Norrviks kommun' });
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.getByText('Skriv ett namn på minst 3 tecken.').waitFor();
    expect(await dialog.getByText('Ange ett datum.').count()).toBe(2);
    await dialog.getByRole('textbox', { name: 'Ramavtalets namn' }).fill('Ramavtal ledarskapsutbildning');
    await dialog.getByRole('textbox', { name: 'Kundens diarienummer' }).fill('KS 2026/88');
    const today = stockholmDate(new Date());
    await dialog.getByLabel('Gäller från').fill(today);
    await dialog.getByLabel('Gäller till och med').fill(addDays(today, -1));
    await dialog.getByRole('textbox', { name: /^Takbelopp/ }).fill('en halv miljon');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.getByText('Sista dagen kan inte vara före den första.').waitFor();
    await dialog.getByText('Ange ett belopp i kronor, till exempel 2 000 000.').waitFor();
    await dialog.getByLabel('Gäller till och med').fill(addDays(today, 60));
    await dialog.getByRole('textbox', { name: /^Takbelopp/ }).fill('500 000');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await expectHeading(page, 'Ramavtal ledarskapsutbildning');
    await page
      .getByTestId('framework-identity')
      .getByText(/Löper ut om 60 dagar/)
      .waitFor();
    const figures = page.getByTestId('framework-figures');
    await figures.getByText('500 000 kr').first().waitFor();
    await figures.getByText('Fakturerat', { exact: true }).waitFor(); // of the call-offs' signed agreements: none yet
    await page.getByText(/^Inga ärenden är avrop under ramavtalet ännu/).waitFor();
    await expectNoAxeViolations(page);

    // ending within 90 days, it is on the overview of those who record agreements
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Översikt' }).click();
    await page
      .getByRole('list', { name: 'Ramavtal som löper ut' })
      .getByText(/^Norrviks kommun · gäller till .+ \(60 dagar kvar\)$/)
      .waitFor();
    await expectNoAxeViolations(page);

    // a case of the municipality's becomes a call-off under it
    await page.goto('/cases?q=Digitalt ledarskap');
    await page
      .getByTestId('cases-table')
      .getByRole('link', { name: 'Digitalt ledarskap för enhetschefer' })
      .click();
    await expectHeading(page, 'Digitalt ledarskap för enhetschefer');
    await page.getByRole('button', { name: 'Ändra uppgifter…' }).click();
    const edit = page.getByRole('dialog', { name: /^Ändra uppgifterna om UF-/ });
    await edit
      .getByRole('combobox', { name: 'Hur kunden köper' })
      .selectOption({ label: 'Avrop från ramavtal' });
    await edit
      .getByRole('combobox', { name: 'Ramavtal' })
      .selectOption({ label: 'Ramavtal ledarskapsutbildning (KS 2026/88)' });
    await expectNoAxeViolations(page);
    await edit.getByRole('button', { name: 'Spara' }).click();
    await edit.waitFor({ state: 'detached' });
    await page
      .getByTestId('case-entries')
      .getByText('Uppgifterna ändrades: hur kunden köper, ramavtal')
      .waitFor();
    await page
      .getByTestId('case-purchase')
      .getByRole('link', { name: 'Ramavtal ledarskapsutbildning' })
      .click();
    await expectHeading(page, 'Ramavtal ledarskapsutbildning');
    await page
      .getByTestId('framework-call-offs')
      .getByRole('row')
      .filter({ hasText: 'Digitalt ledarskap för enhetschefer' })
      .waitFor();

    // the municipality calls off again: a new case, opened from the agreement as a call-off under it
    await page.getByRole('button', { name: 'Nytt avrop…' }).click();
    const callOff = page.getByRole('dialog', { name: 'Nytt avrop under Ramavtal ledarskapsutbildning' });
    await expectNoAxeViolations(page);
    await openCase(callOff, {
      title: 'Arbetsmiljö för nya chefer',
      sector: 'Offentlig sektor',
      need: 'Nya enhetschefer behöver kunna sitt arbetsmiljöansvar.',
    });
    await page
      .getByTestId('case-purchase')
      .getByText(/^Hur kunden köper: Avrop från ramavtal · KS 2026\/88/)
      .waitFor();
    await page
      .getByTestId('case-purchase')
      .getByRole('link', { name: 'Ramavtal ledarskapsutbildning' })
      .click();
    await expectHeading(page, 'Ramavtal ledarskapsutbildning');
    await page.getByTestId('framework-figures').getByText('2', { exact: true }).waitFor();

    // extended by a year: a new last day
    await page.getByRole('button', { name: 'Ändra ramavtalet…' }).click();
    const change = page.getByRole('dialog', { name: 'Ändra ramavtalet' });
    await change.getByLabel('Gäller till och med').fill(addDays(today, 425));
    await change.getByRole('button', { name: 'Spara' }).click();
    await change.waitFor({ state: 'detached' });
    await page.getByTestId('framework-identity').getByText('Gäller, 425 dagar kvar').waitFor();
    await expectNoAxeViolations(page);

    // all of the HEI's agreements, from the register, with their customers
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Kunder' }).click();
    await page.getByRole('link', { name: 'Alla lärosätets ramavtal' }).click();
    await expectHeading(page, 'Ramavtal');
    const all = page.getByTestId('frameworks-table');
    for (const name of ['Ramavtal vård- och omsorgsutbildning', 'Ramavtal ledarskapsutbildning'])
      await all
        .getByRole('row')
        .filter({ hasText: name })
        .getByRole('link', { name: 'Norrviks kommun' })
        .waitFor();
    await expectNoAxeViolations(page);
    await all.getByRole('link', { name: 'Ramavtal ledarskapsutbildning' }).click();
    await expectHeading(page, 'Ramavtal ledarskapsutbildning');

    // and in English
    await chooseLanguage(page, 'English');
    await page.getByRole('region', { name: 'Call-offs under the agreement' }).waitFor();
    await page.getByTestId('framework-identity').getByText('Running, 425 days left').waitFor();
    // the agreement's own name (the customer's words) says Ramavtal; the interface does not
    await expectEnglish(page, [
      ...SWEDISH_SHELL_UI,
      'Till kunden',
      'Avropat',
      'Takbelopp',
      'Avrop',
      'Gäller',
      'Kund',
    ]);
    await page.getByRole('button', { name: 'Change the agreement…' }).click();
    const english = page.getByRole('dialog', { name: 'Change the framework agreement' });
    await expectEnglish(page, ['Ramavtalets namn', 'Gäller från', 'Takbelopp', 'Spara', 'Avbryt'], english);
    await english.getByRole('button', { name: 'Cancel' }).click();
    await chooseLanguage(page, 'Svenska');
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
    // a framework agreement: what its call-offs are worth, and how much of that has been invoiced
    await page.goto('/framework-agreements');
    await page.getByRole('link', { name: 'Ramavtal vård- och omsorgsutbildning' }).click();
    await expectHeading(page, 'Ramavtal vård- och omsorgsutbildning');
    const figures = page.getByTestId('framework-figures');
    for (const label of ['Called off', 'Invoiced']) await figures.getByText(label, { exact: true }).waitFor();
    await page
      .getByText(/Invoiced is the payments of the agreements' billing plans marked as invoiced\.$/)
      .waitFor();
    await expectEnglish(page, [
      ...SWEDISH_SHELL_UI,
      'Avropat',
      'Fakturerat',
      'Takbelopp',
      'Kvar av takbeloppet',
      'Avrop under',
    ]);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
