import { describe, expect, it } from 'vitest';
import { expectHeading, expectNoAxeViolations, luppAndBrowser, newPage, signIn } from './support/lupp.ts';

// The customer portal: Sara at Stålverket i Norrvik AB follows her company's cases at Högskolan i
// Norrvik, writes to the HEI and shares a document; the coordinator sees the message in the case,
// and the coordinator's internal notes never reach the customer.

const journey = luppAndBrowser();
let caseId = '';

const CASE_TITLE = 'Vätgas och elektrifierade processer';
const SECRET = 'Kunden verkar priskänslig – håll marginalen.';
const MESSAGE = 'Vi kan ta emot tolv deltagare i mars. Vår kompetensplan bifogas.';

describe('the customer portal', () => {
  it('a coordinator writes an internal note on the Stålverket case', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    const list = await page.request.get(`/api/cases?q=${encodeURIComponent('Vätgas')}`);
    const found = (await list.json()) as { items: { id: string; title: string }[] };
    caseId = found.items.find((c) => c.title === CASE_TITLE)?.id ?? '';
    expect(caseId).not.toBe('');
    await page.goto(`/cases/${caseId}`);
    await expectHeading(page, CASE_TITLE);
    await page.getByLabel('Typ av händelse').selectOption({ label: 'Anteckning' });
    await page.getByRole('textbox', { name: 'Rubrik', exact: true }).fill('Intern bedömning');
    await page.getByRole('textbox', { name: 'Anteckningar' }).fill(SECRET);
    await page.getByRole('button', { name: 'Spara händelsen' }).click();
    await page.getByTestId('case-entries').getByText(SECRET).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the customer sees her cases, writes to the HEI and uploads a document, without internal notes', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'sara.kund@stalverket.example');
    const menu = page.getByRole('navigation', { name: 'Huvudmeny' });
    await menu.getByRole('link', { name: 'Mina ärenden' }).waitFor();
    expect(await menu.getByRole('link', { name: 'Ärenden', exact: true }).count()).toBe(0);
    expect(await menu.getByRole('link', { name: 'Förfrågningar' }).count()).toBe(0);
    await expectNoAxeViolations(page);

    await menu.getByRole('link', { name: 'Mina ärenden' }).click();
    await expectHeading(page, 'Mina ärenden');
    await page
      .getByText('Här följer ni Stålverket i Norrvik AB:s förfrågningar och ärenden hos lärosätena.')
      .waitFor();
    const cases = page.getByTestId('portal-cases');
    await cases.getByRole('link', { name: 'Svetsteknik för höga temperaturer' }).waitFor();
    await expectNoAxeViolations(page);

    await cases.getByRole('link', { name: CASE_TITLE }).click();
    await expectHeading(page, CASE_TITLE);
    await page.getByTestId('portal-case-stage').filter({ hasText: 'Förfrågan' }).waitFor();
    await expectNoAxeViolations(page);

    // An empty message is refused in words.
    await page.getByRole('button', { name: 'Skicka meddelandet' }).click();
    await page.getByText('Skriv ett meddelande med minst två tecken.').waitFor();
    await page.getByRole('textbox', { name: 'Meddelande' }).fill(MESSAGE);
    await page.getByRole('button', { name: 'Skicka meddelandet' }).click();
    await page.getByTestId('portal-entries').getByText(MESSAGE).waitFor();

    await page.getByLabel('Fil', { exact: true }).setInputFiles({
      name: 'kompetensplan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(
        '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
      ),
    });
    await page.getByRole('button', { name: 'Ladda upp' }).click();
    const download = page.getByTestId('document-list').getByRole('link', { name: 'kompetensplan.pdf' });
    await download.waitFor();
    const href = await download.getAttribute('href');
    const file = await page.request.get(href ?? '');
    expect(file.status()).toBe(200);
    expect((await file.body()).subarray(0, 8).toString()).toBe('%PDF-1.4');
    await expectNoAxeViolations(page);

    // The coordinator's internal note is not there, nor in what the API sends.
    expect(await page.getByText(SECRET).count()).toBe(0);
    const detail = await page.request.get(`/api/portal/cases/${caseId}`);
    expect(await detail.text()).not.toContain('priskänslig');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('works on a phone without sideways scrolling', async () => {
    const { context, page, errors } = await newPage(journey, {
      viewport: { width: 375, height: 740 },
    });
    await signIn(page, 'sara.kund@stalverket.example');
    // a case that is not her organisation's: she is told so in a customer's terms
    await page.goto('/portal/cases/00000000-0000-4000-8000-000000000000');
    await page.getByText('Ärendet finns inte, eller så hör det till en annan organisation än er.').waitFor();
    await page.goto(`/portal/cases/${caseId}`);
    await expectHeading(page, CASE_TITLE);
    await page.getByTestId('portal-entries').getByText(MESSAGE).waitFor();
    await page.getByTestId('document-list').getByRole('link', { name: 'kompetensplan.pdf' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the customer describes a new need from the portal: her organisation and she are filled in, and it is listed', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'sara.kund@stalverket.example');
    await page.goto('/portal');
    await expectHeading(page, 'Mina ärenden');
    const newNeed = page.getByRole('region', { name: 'Ett nytt behov?' });
    await newNeed.getByRole('link', { name: /^Beskriv ett nytt behov för / }).click();
    await expectHeading(page, 'Beskriv ett kompetensbehov');
    await page
      .getByTestId('prefilled')
      .getByText(/^Uppgifterna om Stålverket i Norrvik AB och dig/)
      .waitFor();
    const textbox = (name: string) => page.getByRole('textbox', { name, exact: true });
    const select = (name: string) => page.getByRole('combobox', { name, exact: true });
    expect(await textbox('Organisationens namn').inputValue()).toBe('Stålverket i Norrvik AB');
    expect(await textbox('Organisationsnummer').inputValue()).toMatch(/^\d{6}-\d{4}$/);
    expect(await textbox('E-postadress').inputValue()).toBe('sara.kund@stalverket.example');
    expect(await textbox('Namn').inputValue()).not.toBe('');
    await expectNoAxeViolations(page);

    await select('Sektor').selectOption({ label: 'Privat sektor' });
    await textbox('Kommun').fill('Norrvik');
    await select('Län').selectOption('Västernorrland');
    await textbox('Beskriv behovet').fill(
      'Våra skiftledare behöver leda förbättringsarbete och coacha sina team i den nya organisationen.',
    );
    await select('Syfte med utbildningen').selectOption({ label: 'Kompetensutveckling av egen personal' });
    await page.getByRole('radio', { name: 'Ja' }).check();
    await textbox('Ungefärligt antal deltagare').fill('12');
    await select('Form').selectOption({ label: 'Kombinerat' });
    await select('Undervisningsspråk').selectOption({ label: 'Svenska' });
    await select('Ungefärlig budget').selectOption({ label: 'Vet inte än' });
    await page.getByRole('checkbox', { name: /Jag samtycker/ }).check();
    await page.getByRole('button', { name: 'Skicka förfrågan' }).click();
    await expectHeading(page, 'Tack! Vi har tagit emot er förfrågan');
    const reference = (await page.getByTestId('inquiry-reference').textContent()) ?? '';
    expect(reference).toMatch(/^UF-\d{4}-\d{5}$/);

    // back in the portal it is among her organisation's inquiries
    await page.getByRole('link', { name: 'Tillbaka till kundportalen' }).click();
    await expectHeading(page, 'Mina ärenden');
    await page.getByRole('region', { name: 'Förfrågningar' }).getByText(reference).waitFor();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the coordinator sees the customer's message in the case timeline", async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.goto(`/cases/${caseId}`);
    await expectHeading(page, CASE_TITLE);
    const entries = page.getByTestId('case-entries');
    await entries.getByText('Meddelande från kunden').waitFor();
    await entries.getByText(MESSAGE).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
