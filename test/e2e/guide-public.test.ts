import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectHeading, expectNoAxeViolations, luppAndBrowser, UI_TIMEOUT } from './support/lupp.ts';

// The public process guide read as a visitor whose browser runs no JavaScript: pages, navigation, search
// in Swedish and English, the language switch and a template download all work with plain HTML. Axe then
// checks the same addresses in a browser with JavaScript (axe itself is a script; the pages have none).

const journey = luppAndBrowser();
const visited = new Set<string>();

async function visitor(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await journey.browser.newContext({
    baseURL: journey.lupp.url,
    javaScriptEnabled,
    acceptDownloads: true,
    locale: 'sv-SE',
    viewport: { width: 1280, height: 800 },
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(UI_TIMEOUT);
  const page = await context.newPage();
  page.on('load', () => visited.add(new URL(page.url()).pathname + new URL(page.url()).search));
  return { context, page };
}

describe('the public process guide without JavaScript', () => {
  it('reads, navigates, searches in both languages and downloads a template', async () => {
    const { context, page } = await visitor(false);

    await page.goto('/guide');
    await expectHeading(page, 'Processguide för uppdragsutbildning');
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');

    // Navigation by part leads to a stage page, with the decision points from the checklist.
    await page
      .getByRole('navigation', { name: 'Guidens delar' })
      .getByRole('link', { name: 'Steg 4: Utformning' })
      .click();
    await expectHeading(page, 'Steg 4: Utformning');
    expect(page.url()).toBe(`${journey.lupp.url}/guide/stage-design`);
    await expect
      .poll(() => page.locator('ol.decision-points li').allTextContents())
      .toEqual([
        'Lärandemål formulerade – obligatorisk',
        'Lärare och examinator utsedda – obligatorisk',
        'Examination och högskolepoäng beslutade – frivillig',
      ]);
    await page
      .getByRole('navigation', { name: 'Du är här' })
      .getByRole('link', { name: 'Processguiden' })
      .waitFor();
    // Printing leaves the navigation and the search out.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Guidens delar' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // A search in Swedish, with a typo, is a plain GET form.
    await page.getByRole('searchbox', { name: 'Sök i guiden' }).fill('lärarkapasitet');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await expectHeading(page, 'Sök i guiden');
    expect(page.url()).toContain('/guide/sok?q=l');
    await page.getByRole('main').locator('mark', { hasText: 'Lärarkapacitet' }).first().waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Steg 2: Kvalificering' }).click();
    await expectHeading(page, 'Steg 2: Kvalificering');

    // The language switch goes to the same page in English.
    await page.getByRole('link', { name: 'Read this page in English' }).click();
    await expectHeading(page, 'Stage 2: Qualification');
    expect(page.url()).toBe(`${journey.lupp.url}/en/guide/stage-qualification`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    // A search in English, with a typo.
    await page.getByRole('searchbox', { name: 'Search the guide' }).fill('procurment');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expectHeading(page, 'Search the guide');
    await page.getByRole('main').getByRole('link', { name: 'Public procurement' }).click();
    await expectHeading(page, 'Public procurement');

    // A template from a stage page: the Word document and the PDF.
    await page
      .getByRole('navigation', { name: 'Parts of the guide' })
      .getByRole('link', { name: 'Stage 5: Costing and proposal' })
      .click();
    await expectHeading(page, 'Stage 5: Costing and proposal');
    const [docx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Word document (DOCX, English) – Full-cost calculation sheet' }).click(),
    ]);
    expect(docx.suggestedFilename()).toBe('Full-cost calculation sheet.docx');
    const docxBytes = await readFile(await docx.path());
    expect(docxBytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(docxBytes.includes(Buffer.from('word/document.xml'))).toBe(true);
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'PDF (English) – Checklist: Costing and proposal' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toBe('Checklist - Costing and proposal.pdf');
    expect((await readFile(await pdf.path())).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // An address that does not exist gets the guide's own page, in the language of the address.
    const missing = await page.goto('/en/guide/no-such-page');
    expect(missing?.status()).toBe(404);
    await expectHeading(page, 'Page not found');
    await page.goto('/guide/sok?q=xqzvwk');
    await page.getByText('Inga träffar för ”xqzvwk”.').waitFor();
    await page.goto('/guide/andringar');
    await expectHeading(page, 'Ändringar i guiden');
    await page.goto('/guide/mallar/checklist-design');
    await expectHeading(page, 'Checklista: Utformning');
    await context.close();
  });

  it('passes axe on every page the visitor saw', async () => {
    expect(visited.size).toBeGreaterThan(8);
    const { context, page } = await visitor(true);
    for (const address of visited) {
      await page.goto(address);
      await expectNoAxeViolations(page);
    }
    await context.close();
  });
});
