import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { declineInquiry } from '../../src/features/inquiries/inquiries.service.ts';
import { inquiry, inquiryEvent } from '../../src/features/inquiries/inquiries.table.ts';
import { organisation } from '../../src/features/tenancy/tenancy.table.ts';
import { tinyPng } from '../support/png.ts';
import { actorAt } from './support/commercial.ts';
import {
  chooseLanguage,
  expectHeading,
  expectNoAxeViolations,
  luppAndBrowser,
  newPage,
  signIn,
} from './support/lupp.ts';

// An HEI's administrator gives the postal address and bankgiro and uploads the logo printed on its
// proposals and agreements (in Swedish), and sets the HEI's retention rule for inquiries' contact persons.

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

  it("an HEI admin sets the retention rule, applies it, and the declined inquiry's contact person is gone", async () => {
    // an inquiry Mittlands universitet declined thirteen months ago
    const db = journey.lupp.database.db;
    const [mittland] = await db
      .select()
      .from(organisation)
      .where(eq(organisation.name, 'Mittlands universitet'));
    const [old] = await db.select().from(inquiry).where(eq(inquiry.status, 'new')).limit(1);
    if (!mittland || !old?.contactName) throw new Error('the demo data has no inquiry in the inbox');
    const karin = await actorAt(journey.lupp, 'karin.koordinator@mittland.example', mittland.id, [
      'coordinator',
    ]);
    await declineInquiry(db, karin, old.id, 'Vi har inte kapacitet det här läsåret.', undefined);
    const thirteenMonthsAgo = new Date();
    thirteenMonthsAgo.setUTCMonth(thirteenMonthsAgo.getUTCMonth() - 13);
    await db
      .update(inquiryEvent)
      .set({ at: thirteenMonthsAgo })
      .where(and(eq(inquiryEvent.inquiryId, old.id), eq(inquiryEvent.kind, 'declined')));

    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'astrid.admin@mittland.example');
    await page.getByRole('link', { name: 'Organisationsinställningar' }).click();
    const retention = page.getByRole('region', { name: 'Gallring av personuppgifter' });
    await retention.getByText('Kontaktpersoner i förfrågningar raderas bara på begäran.').waitFor();
    await retention.getByText('Deltagarnas personnummer gallras inte.').waitFor();
    await retention
      .getByText('Deltagarnas namn finns kvar som lärosätets uppgift om vem som deltog.')
      .waitFor();
    // customers' portal accounts follow the deployment's rule, which this one does not set
    await retention
      .getByText('Kundernas konton i kundportalen raderas inte för att de inte används.')
      .waitFor();
    await retention
      .getByText(/ställs in av den som driver den \(LUPP_INACTIVE_ACCOUNT_MONTHS\)\.$/)
      .waitFor();
    await expectNoAxeViolations(page);

    const months = retention.getByRole('textbox', {
      name: 'Radera kontaktpersonen i en förfrågan så här många månader efter att förfrågan avslutades',
    });
    const participantMonths = retention.getByRole('textbox', {
      name: 'Radera deltagarnas personnummer och e-postadress så här många månader efter att ärendet stängdes',
    });
    await months.fill('200');
    await participantMonths.fill('0');
    await retention.getByRole('button', { name: 'Spara gallringsregeln' }).click();
    const periodError = retention.getByText(
      'Ange ett helt antal månader från 1 till 120, eller lämna fältet tomt.',
    );
    await expect.poll(() => periodError.count()).toBe(2);
    await expectNoAxeViolations(page);
    // a participant's name may not go before their personnummer
    const nameMonths = retention.getByRole('textbox', {
      name: 'Avidentifiera deltagarna, också deras namn, så här många månader efter att ärendet stängdes',
    });
    await months.fill('12');
    await participantMonths.fill('24');
    await nameMonths.fill('12');
    await retention.getByRole('button', { name: 'Spara gallringsregeln' }).click();
    await retention
      .getByText('Ange minst lika många månader som för personnumren, eller lämna fältet tomt.')
      .waitFor();
    await expect.poll(() => periodError.count()).toBe(0);
    await nameMonths.fill('');
    await participantMonths.fill('');
    await retention.getByRole('button', { name: 'Spara gallringsregeln' }).click();
    await page.getByText('Gallringsregeln har sparats.').waitFor();
    await retention
      .getByText('Kontaktpersoner i förfrågningar raderas 12 månader efter att förfrågan avslutades.')
      .waitFor();
    await retention.getByText('1 kontaktperson är mogen för gallring och raderas i natt.').waitFor();
    await retention.getByText(/^Regeln ändrades .* av Astrid Lind\.$/).waitFor();
    await expectNoAxeViolations(page);

    await retention.getByRole('button', { name: 'Gallra nu' }).click();
    const confirm = page.getByRole('dialog', { name: 'Gallra nu?' });
    await confirm
      .getByText(
        'Det som är moget för gallring raderas nu och kan inte återställas: kontaktpersoner 1, deltagare 0, avidentifierade deltagare 0.',
      )
      .waitFor();
    await expectNoAxeViolations(page);
    await confirm.getByRole('button', { name: 'Radera' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByText('Gallrat: kontaktpersoner 1, deltagare 0, avidentifierade deltagare 0.').waitFor();
    await retention.getByText('Ingen kontaktperson är mogen för gallring just nu.').waitFor();
    await retention
      .getByText(
        /^Senast tillämpad .*\. Raderade: kontaktpersoner 1, deltagare 0, avidentifierade deltagare 0\.$/,
      )
      .waitFor();
    expect(await retention.getByRole('button', { name: 'Gallra nu' }).count()).toBe(0);

    // the inquiry says the rule erased its contact person, and when
    await page.goto(`/inquiries/${old.id}`);
    const customer = page.getByRole('region', { name: 'Kunden' });
    await customer.getByText(/^Raderade .* enligt lärosätets gallringsbeslut$/).waitFor();
    expect(await page.getByText(old.contactName).count()).toBe(0);
    await page
      .getByText('Kontaktpersonens uppgifter gallrades, 12 månader efter att förfrågan avslutades')
      .waitFor();
    await expectNoAxeViolations(page);

    // and in English; then back to Swedish, Astrid's choice being remembered
    await page.getByRole('button', { name: 'English' }).click();
    await page
      .getByRole('region', { name: 'The customer' })
      .getByText(/^Erased .* under the HEI's retention rules$/)
      .waitFor();
    await page
      .getByText(
        "The contact person's details were erased by the retention rule, 12 months after the inquiry ended",
      )
      .waitFor();
    await expectNoAxeViolations(page);
    await page.goto('/admin/organisation');
    const inEnglish = page.getByRole('region', { name: 'Retention of personal data' });
    await inEnglish
      .getByText("Inquiries' contact persons are erased 12 months after the inquiry ended.")
      .waitFor();
    await inEnglish.getByText("Participants' personal identity numbers are not erased.").waitFor();
    await inEnglish.getByText("Participants' names remain as the HEI's record of who took part.").waitFor();
    await inEnglish
      .getByRole('textbox', {
        name: 'Anonymise participants, their names too, this many months after the case closed',
      })
      .waitFor();
    await inEnglish.getByText('No contact person is due for erasure right now.').waitFor();
    await expectNoAxeViolations(page);
    await chooseLanguage(page, 'Svenska');
    await retention.waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
