import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { organisation } from '../../src/features/tenancy/tenancy.table.ts';
import { peppolViolations } from '../support/peppol-rules.ts';
import { WELDING_CASE, WELDING_DESIGN, weldingChain } from './support/commercial.ts';
import { expectHeading, expectNoAxeViolations, luppAndBrowser, newPage, signIn } from './support/lupp.ts';

// Invoicing the signed welding agreement: Sara (Stålverket) gives the reference her invoices must carry in
// the portal; Karin (coordinator at Högskolan i Norrvik) is told what the e-invoice still lacks, and once
// the HEI's bankgiro is known downloads payment 1 as a Peppol BIS Billing 3.0 invoice for the finance system.

const journey = luppAndBrowser();
let caseId = '';
let norrvik = '';

beforeAll(async () => {
  ({ caseId, norrvik } = await weldingChain(journey.lupp, 'signed'));
}, 120_000);

describe('invoicing a signed agreement', () => {
  it('the customer gives the reference for its invoices in the portal', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'sara.kund@stalverket.example');
    await page.goto(`/portal/cases/${caseId}`);
    await expectHeading(page, WELDING_CASE);
    const card = page.getByRole('region', { name: 'Avtal' }).getByRole('article', { name: WELDING_DESIGN });
    const invoicing = card.getByTestId('invoicing');
    await invoicing.getByRole('heading', { name: 'Fakturering' }).waitFor();
    expect(await invoicing.getByRole('button', { name: /Peppol/ }).count()).toBe(0); // the HEI's, not hers
    await invoicing.getByLabel('Er referens på fakturorna').fill('KST 4711');
    await expectNoAxeViolations(page);
    await invoicing.getByRole('button', { name: 'Spara referensen' }).click();
    await page.getByText('Referensen är sparad.').waitFor();
    await page.reload();
    await expectHeading(page, WELDING_CASE);
    expect(await page.getByLabel('Er referens på fakturorna').inputValue()).toBe('KST 4711');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the coordinator sees what the e-invoice lacks, then downloads it', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.goto(`/cases/${caseId}`);
    await expectHeading(page, WELDING_CASE);
    const card = page.getByRole('region', { name: 'Avtal' }).getByRole('article', { name: WELDING_DESIGN });
    const invoicing = card.getByTestId('invoicing');
    expect(await invoicing.getByLabel('Kundens referens på fakturorna').inputValue()).toBe('KST 4711');
    const button = invoicing.getByRole('button', { name: /^Peppol-faktura 1:/ });
    await button.click();
    const alert = invoicing.getByRole('alert');
    await alert.getByText('Fakturan kan inte göras ännu').waitFor();
    await alert.getByText('Lärosätets bankgironummer saknas (sidan Organisation).').waitFor();
    await expectNoAxeViolations(page);

    await journey.lupp.database.db
      .update(organisation)
      .set({ bankgiro: '5402-9681' })
      .where(eq(organisation.id, norrvik));
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/-1\.xml$/);
    const xml = await readFile((await download.path()) ?? '', 'utf8');
    expect(peppolViolations(xml)).toEqual([]);
    expect(xml).toContain('<cbc:BuyerReference>KST 4711</cbc:BuyerReference>');
    await page.getByText(/-1\.xml är nedladdad\./).waitFor();
    expect(await invoicing.getByRole('alert').count()).toBe(0);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
