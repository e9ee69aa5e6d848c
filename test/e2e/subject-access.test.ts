import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  chooseLanguage,
  expectEnglish,
  expectHeading,
  expectNoAxeViolations,
  luppAndBrowser,
  newPage,
  SWEDISH_SHELL_UI,
  signIn,
} from './support/lupp.ts';

// A person asks Högskolan i Norrvik what it holds about them (registerutdrag). Oskar, the HEI's admin,
// searches by what they gave, reads the report and downloads it to send; a coordinator cannot.

const journey = luppAndBrowser();

describe('subject access report', () => {
  it('an HEI admin makes the report by e-mail, reads it in Swedish and English, and downloads it', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'oskar.admin@norrvik.example');
    await page.getByRole('link', { name: 'Registerutdrag' }).click();
    await expectHeading(page, 'Registerutdrag');
    await expectNoAxeViolations(page);

    // nothing to search by, then a personnummer with a wrong check digit: each named at its field
    const make = page.getByRole('button', { name: 'Ta fram registerutdrag' });
    await make.click();
    await page.getByText('Ange e-postadressen, personnumret eller namnet.').waitFor();
    const number = page.getByRole('textbox', { name: 'Personnummer' });
    await number.fill('19850312-1234');
    await make.click();
    await page.getByText('Personnumret har fel kontrollsiffra.').waitFor();
    await expectNoAxeViolations(page);

    // a person Lupp has nothing on at this HEI
    await number.fill('19850312-1231');
    await make.click();
    await page.getByText('Lupp har inga uppgifter om personen hos Högskolan i Norrvik.').waitFor();

    // the contact person of the demo's inquiry from Stålverket, who also uses the customer portal
    await number.fill('');
    await page.getByRole('textbox', { name: 'E-postadress' }).fill('Sara.Kund@stalverket.example');
    await make.click();
    const report = page.getByRole('region', { name: 'Registerutdrag från Högskolan i Norrvik' });
    await report.getByText(/^Framtaget .* för sara\.kund@stalverket\.example\.$/).waitFor();
    await report.getByText(/^Sara Ståhl · sara\.kund@stalverket\.example · Kontot skapades/).waitFor();
    await report.getByRole('cell', { name: 'Kundkontakt' }).waitFor();
    await report.getByRole('cell', { name: 'Stålverket i Norrvik AB' }).first().waitFor();
    await report.getByRole('cell', { name: 'Sara Ståhl, sara.kund@stalverket.example' }).waitFor();
    await report.getByText(/: Vi har tagit emot er förfrågan .*\(väntar\)$/).waitFor();
    await report.getByText('Personen är inte deltagare under något av lärosätets avtal.').waitFor();
    await expectNoAxeViolations(page);

    // the report as a file, to send to the person
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      report.getByRole('button', { name: 'Ladda ner utdraget (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^registerutdrag-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(file.hei.name).toBe('Högskolan i Norrvik');
    expect(file.accounts[0].memberships).toEqual([
      expect.objectContaining({ organisation: 'Stålverket i Norrvik AB', roles: ['customer_contact'] }),
    ]);
    expect(file.inquiryContacts.map((i: { contactName: string }) => i.contactName)).toEqual(['Sara Ståhl']);

    // in English
    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'Subject access');
    await page.getByRole('button', { name: 'Make the report' }).click();
    const inEnglish = page.getByRole('region', { name: 'Subject access report from Högskolan i Norrvik' });
    await inEnglish.getByRole('heading', { name: 'Contact person of inquiries' }).waitFor();
    await inEnglish.getByRole('cell', { name: 'Customer contact' }).waitFor();
    await inEnglish.getByText("They are not a participant under any of the HEI's agreements.").waitFor();
    await expectEnglish(page, [
      ...SWEDISH_SHELL_UI,
      'Registerutdrag',
      'Kontaktperson',
      'Deltagare',
      'Inkom',
      'väntar',
      'Kundkontakt',
      'Ladda ner',
    ]);
    await expectNoAxeViolations(page);
    await chooseLanguage(page, 'Svenska');
    await expectHeading(page, 'Registerutdrag');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('by name: the free text that names the person, each hit with the way to where it is written', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'oskar.admin@norrvik.example');
    await page.getByRole('link', { name: 'Registerutdrag' }).click();
    const name = page.getByRole('textbox', { name: 'Namn', exact: true });
    const make = page.getByRole('button', { name: 'Ta fram registerutdrag' });
    await name.fill('Ber');
    await make.click();
    await page.getByText('Ange hela namnet (minst fyra tecken).').waitFor();

    // Karin, the coordinator, led the first dialogue of each of the demo's cases at the HEI
    await name.fill('karin  berg');
    await make.click();
    const report = page.getByRole('region', { name: 'Registerutdrag från Högskolan i Norrvik' });
    await report.getByRole('heading', { name: 'Omnämnanden i fritext' }).waitFor();
    await report
      .getByText('En träff på namnet kan gälla någon annan med samma namn.', { exact: false })
      .waitFor();
    // the parts found by e-mail or personnummer say why they are empty
    await report.getByText('Söks på e-postadressen, som inte angavs.').first().waitFor();
    await report.getByText('Söks på e-postadressen eller personnumret, som inte angavs.').waitFor();
    const hits = report.getByRole('row').filter({ hasText: 'Ärendets tidslinje' });
    expect(await hits.count()).toBeGreaterThan(3);
    await hits
      .first()
      .getByRole('cell', { name: /Karin Berg, kontaktperson hos / })
      .waitFor();
    await hits.first().getByRole('cell', { name: 'namn', exact: true }).waitFor();
    await expectNoAxeViolations(page);

    // a hit leads to the case it is written in
    await hits
      .first()
      .getByRole('link', { name: /Första behovsdialogen/ })
      .click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByText('Första behovsdialogen').first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a member of the HEI's staff: their roles and the staff profile they keep", async () => {
    const { context, page } = await newPage(journey);
    await signIn(page, 'astrid.admin@mittland.example');
    await page.getByRole('link', { name: 'Registerutdrag' }).click();
    await page.getByRole('textbox', { name: 'E-postadress' }).fill('lars.larare@mittland.example');
    await page.getByRole('button', { name: 'Ta fram registerutdrag' }).click();
    const report = page.getByRole('region', { name: 'Registerutdrag från Mittlands universitet' });
    await report.getByRole('cell', { name: 'Lärare', exact: true }).waitFor();
    await report.getByRole('heading', { name: 'Personalprofil hos lärosätet' }).waitFor();
    await report.getByRole('cell', { name: 'Institutionen för elektroteknik' }).waitFor();
    await report.getByRole('cell', { name: /^Elsäkerhet, .*PLC-programmering/ }).waitFor();
    await report.getByRole('cell', { name: 'svenska, engelska' }).waitFor();
    await report.getByText('Ingen förfrågan har personen som kontaktperson.').waitFor();
    await expectNoAxeViolations(page);

    // what a person did at the HEI is in its audit log, narrowed to them: Astrid has just made a report
    await page.getByRole('textbox', { name: 'E-postadress' }).fill('astrid.admin@mittland.example');
    await page.getByRole('button', { name: 'Ta fram registerutdrag' }).click();
    await report.getByText(/^Astrid Lind · astrid\.admin@mittland\.example/).waitFor();
    await report.getByRole('link', { name: /^\d+ händelser? i lärosätets revisionslogg är gjord/ }).click();
    await expectHeading(page, 'Revisionslogg');
    const log = page.getByTestId('audit-table');
    await log.getByText('Registerutdrag framtaget').first().waitFor();
    expect(new Set(await log.getByRole('row').locator('td:nth-child(2)').allTextContents())).toEqual(
      new Set(['Astrid Lind']),
    );
    await context.close();
  });

  it('the report is audited, and a coordinator has neither the page nor the report', async () => {
    const { context, page } = await newPage(journey);
    await signIn(page, 'oskar.admin@norrvik.example');
    await page.getByRole('link', { name: 'Revisionslogg' }).click();
    await page.getByTestId('audit-table').getByText('Registerutdrag framtaget').first().waitFor();
    await context.close();

    const coordinator = await newPage(journey);
    await signIn(coordinator.page, 'karin.koordinator@mittland.example');
    expect(await coordinator.page.getByRole('link', { name: 'Registerutdrag' }).count()).toBe(0);
    await coordinator.page.goto('/admin/subject-access');
    await coordinator.page.getByText('Bara lärosätets administratörer tar fram registerutdrag.').waitFor();
    await expectNoAxeViolations(coordinator.page);
    await coordinator.context.close();
  });
});
