import { desc, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { withCheckDigit } from '../../src/features/tenancy/org-number.ts';
import { expectHeading, expectNoAxeViolations, luppAndBrowser, newPage } from './support/lupp.ts';

// An employer describes a competence need through the consortium's front door (no account), then
// follows it through the link it gets.

const journey = luppAndBrowser();

const textbox = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });
const select = (page: Page, name: string) => page.getByRole('combobox', { name, exact: true });

describe('the front door', () => {
  it('shows every field error from the server next to its field, keeps what was typed, then takes the inquiry', async () => {
    const { context, page, errors } = await newPage(journey);
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Beskriv ett kompetensbehov' }).click();
    await expectHeading(page, 'Beskriv ett kompetensbehov');
    await page.getByText('Högskolan i Norrvik').first().waitFor();
    await expectNoAxeViolations(page);

    const need = 'För kort';
    await textbox(page, 'Organisationens namn').fill('Sågverket i Mittland AB');
    await textbox(page, 'Organisationsnummer').fill('811218-9876');
    await select(page, 'Sektor').selectOption({ label: 'Privat sektor' });
    await textbox(page, 'Kommun').fill('Sundsvall');
    await select(page, 'Län').selectOption('Västernorrland');
    await textbox(page, 'Namn').fill('Petra Planka');
    await textbox(page, 'E-postadress').fill('petra@@sagverket.example');
    await textbox(page, 'Beskriv behovet').fill(need);
    await select(page, 'Ämnesområde').selectOption({ label: 'Material och tillverkning' });
    await select(page, 'Syfte med utbildningen').selectOption({
      label: 'Kompetensutveckling av egen personal',
    });
    await page.getByRole('radio', { name: 'Ja' }).check();
    await textbox(page, 'Ungefärligt antal deltagare').fill('14');
    await select(page, 'Form').selectOption({ label: 'Kombinerat' });
    await select(page, 'Undervisningsspråk').selectOption({ label: 'Svenska' });
    await select(page, 'Ungefärlig budget').selectOption({ label: 'Vet inte än' });
    await page.getByRole('button', { name: 'Skicka förfrågan' }).click();

    await page.getByText('Förfrågan kunde inte skickas.').waitFor();
    await page.getByText('Numret ser ut som ett personnummer').waitFor();
    await page.getByText('Beskriv behovet med minst 20 och högst 5 000 tecken.').waitFor();
    await page.getByText('Vi behöver ditt samtycke för att kunna ta emot förfrågan.').waitFor();
    await page.getByText('Ange en giltig e-postadress, till exempel namn@exempel.se.').waitFor();
    expect(await textbox(page, 'Organisationsnummer').getAttribute('aria-invalid')).toBe('true');
    expect(await textbox(page, 'Organisationsnummer').inputValue()).toBe('811218-9876');
    expect(await textbox(page, 'Beskriv behovet').inputValue()).toBe(need);
    expect(await textbox(page, 'Organisationens namn').inputValue()).toBe('Sågverket i Mittland AB');
    expect(await select(page, 'Form').inputValue()).toBe('blended');
    expect(await page.getByRole('radio', { name: 'Ja' }).isChecked()).toBe(true);
    await expectNoAxeViolations(page);

    await textbox(page, 'Organisationsnummer').fill(withCheckDigit('556123456'));
    await textbox(page, 'E-postadress').fill('petra@sagverket.example');
    await textbox(page, 'Beskriv behovet').fill(
      'Våra sågverksoperatörer behöver lära sig styra den nya optimeringslinjen och förstå virkeskvalitet.',
    );
    await page.getByRole('checkbox', { name: /Jag samtycker/ }).check();
    await page.getByRole('button', { name: 'Skicka förfrågan' }).click();

    await expectHeading(page, 'Tack! Vi har tagit emot er förfrågan');
    // the form is gone: the keyboard focus is on the thanks, which a screen reader then reads
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Tack! Vi har tagit emot er förfrågan',
    );
    const reference = (await page.getByTestId('inquiry-reference').textContent()) ?? '';
    expect(reference).toMatch(/^UF-\d{4}-\d{5}$/);
    await page.getByText('Vi har skickat en bekräftelse till petra@sagverket.example.').waitFor();
    await expectNoAxeViolations(page);

    // The confirmation e-mail names the reference and carries the same follow link.
    const followUrl = (await page.getByTestId('follow-link').getAttribute('href')) ?? '';
    expect(followUrl).toContain('/follow/');
    const [mail] = await journey.lupp.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.toAddress, 'petra@sagverket.example'))
      .orderBy(desc(outbox.createdAt))
      .limit(1);
    expect(mail?.subject).toContain(reference);
    expect(mail?.textBody).toContain(followUrl);

    await page.getByTestId('follow-link').click();
    await expectHeading(page, `Förfrågan ${reference}`);
    expect(await page.getByTestId('follow-status').textContent()).toBe('Ny');
    await page.getByText('Sågverket i Mittland AB').waitFor();
    await expectNoAxeViolations(page);

    await page.goto('/follow/no-such-token-anywhere-at-all');
    await page.getByText('Vi hittar ingen förfrågan för den här länken.').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works on a phone and in English', async () => {
    const { context, page } = await newPage(journey, {
      viewport: { width: 375, height: 740 },
    });
    await page.goto('/c/kunskapsalliansen/inquiry');
    await expectHeading(page, 'Beskriv ett kompetensbehov');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'Describe a competence need');
    await page.getByRole('button', { name: 'Send inquiry' }).click();
    await page.getByText('We need your consent to receive the inquiry.').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectNoAxeViolations(page);

    await page.goto('/c/finns-inte/inquiry');
    await page.getByText('There is no partnership at this address.').waitFor();
    await context.close();
  });
});
