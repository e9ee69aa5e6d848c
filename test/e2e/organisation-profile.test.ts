import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tinyPng } from '../support/png.ts';
import { expectHeading, expectNoAxeViolations, luppAndBrowser, newPage, signIn } from './support/lupp.ts';

// An HEI's administrator gives the postal address and bankgiro and uploads the logo printed on its
// proposals and agreements (in Swedish).

const journey = luppAndBrowser();

const field = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

/** The logo preview, once the browser has loaded and decoded the image. */
async function expectLogoShown(page: Page) {
  const preview = page.getByRole('img', { name: 'Logotyp för Mittlands universitet' });
  await preview.waitFor();
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('[data-testid="logo-preview"]');
    return !!img && img.complete && img.naturalWidth === 40;
  });
}

describe('organisation profile', () => {
  it('an HEI admin gives address and bankgiro, uploads a logo, and finds them kept after a reload', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'astrid.admin@mittland.example');
    await page.getByRole('link', { name: 'Organisationsinställningar' }).click();
    await expectHeading(page, 'Organisationsinställningar');
    await page.getByText('Ingen logotyp är uppladdad.', { exact: false }).waitFor();
    await expectNoAxeViolations(page);

    await field(page, 'Gatuadress eller box').fill('Universitetsallén 1');
    await field(page, 'Postnummer').fill('8517');
    await field(page, 'Postort').fill('Sundsvall');
    await field(page, 'Bankgironummer').fill('5050-1056');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Postnumret ska ha fem siffror och skrivas NNN NN, till exempel 852 30.').waitFor();
    await page
      .getByText('Kontrollsiffran stämmer inte (den sista siffran). Kontrollera bankgironumret.')
      .waitFor();
    await expectNoAxeViolations(page);

    await field(page, 'Postnummer').fill('85170');
    await field(page, 'Bankgironummer').fill('50501055');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Organisationens uppgifter har sparats.').waitFor();
    // Stored as written on Swedish documents.
    await expect.poll(() => field(page, 'Postnummer').inputValue()).toBe('851 70');
    expect(await field(page, 'Bankgironummer').inputValue()).toBe('5050-1055');

    // A file over 200 kB is refused before it is sent.
    const logo = page.getByRole('region', { name: 'Logotyp' });
    const fileInput = logo.locator('input[type="file"]');
    await fileInput.setInputFiles({
      name: 'stor.png',
      mimeType: 'image/png',
      buffer: Buffer.concat([tinyPng(), Buffer.alloc(250_000)]),
    });
    await logo.getByText('Logotypen får vara högst 200 kB', { exact: false }).waitFor();

    await fileInput.setInputFiles({ name: 'logotyp.png', mimeType: 'image/png', buffer: tinyPng(40, 16) });
    await logo.getByRole('button', { name: 'Ladda upp logotypen' }).click();
    await page.getByText('Logotypen har sparats.').waitFor();
    await expectLogoShown(page);
    await expectNoAxeViolations(page);

    await page.reload();
    await expectHeading(page, 'Organisationsinställningar');
    await expectLogoShown(page);
    expect(await field(page, 'Gatuadress eller box').inputValue()).toBe('Universitetsallén 1');
    expect(await field(page, 'Postnummer').inputValue()).toBe('851 70');
    expect(await field(page, 'Postort').inputValue()).toBe('Sundsvall');
    expect(await field(page, 'Bankgironummer').inputValue()).toBe('5050-1055');
    await expectNoAxeViolations(page);

    await page
      .getByRole('region', { name: 'Logotyp' })
      .getByRole('button', { name: 'Ta bort logotypen' })
      .click();
    await page.getByText('Logotypen har tagits bort.').waitFor();
    await page.getByText('Ingen logotyp är uppladdad.', { exact: false }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
