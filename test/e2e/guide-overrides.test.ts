import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  dismissNotification,
  expectHeading,
  expectNoAxeViolations,
  luppAndBrowser,
  newPage,
  signIn,
  UI_TIMEOUT,
} from './support/lupp.ts';

// An HEI's administrator adapts a template and a page of the process guide in the administration, then
// reads the HEI's public version of the guide (plain HTML, no JavaScript) with the changed page, and
// downloads the changed template.

const journey = luppAndBrowser();
const publicPages = new Set<string>();

/** The text of one file of a ZIP archive (a DOCX is one), read with zlib alone. */
function zipEntry(zip: Buffer, wanted: string): string {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (name === wanted) {
      const local = zip.readUInt32LE(at + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + zip.readUInt32LE(at + 20));
      return (zip.readUInt16LE(at + 10) === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return '';
}

describe("an HEI's version of the process guide", () => {
  it('an administrator adapts a template and a page, and the public version shows them', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'astrid.admin@mittland.example');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Lärosätets processguide' })
      .click();
    await expectHeading(page, 'Lärosätets processguide');
    const templates = page.getByRole('region', { name: 'Mallar' });
    await templates.getByRole('link', { name: 'Anpassa: Kalkylblad för full kostnad' }).waitFor();
    await expectNoAxeViolations(page);
    const home = await page
      .getByRole('link', { name: 'Öppna er version av guiden på svenska' })
      .getAttribute('href');
    expect(home).toMatch(/^\/guide\/l\/[0-9a-f-]{36}$/);

    // The template: its own text, previewed, then saved.
    await templates.getByRole('link', { name: 'Anpassa: Kalkylblad för full kostnad' }).click();
    await expectHeading(page, 'Anpassa mallen: Kalkylblad för full kostnad');
    const body = page.getByRole('textbox', { name: 'Text (Markdown)' });
    await expect.poll(() => body.inputValue()).toContain('# Kalkylblad för full kostnad');
    await page.getByRole('textbox', { name: 'Titel' }).fill('Kalkylblad vid Mittlands universitet');
    await body.fill(
      '# Kalkylblad vid Mittlands universitet\n\nAnvänd Mittlands satser: lärartimme 1 150 kronor.\n\n| Post | Belopp |\n| --- | --- |\n| Lärartid | ________ |\n\n- [ ] Godkänd av prefekten\n',
    );
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    const preview = page.getByRole('region', { name: 'Förhandsgranskning' });
    await preview.getByText('Använd Mittlands satser: lärartimme 1 150 kronor.').waitFor();
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await dismissNotification(page, 'Sparat. Er version av guiden visar ändringen nu.');
    await page.getByTestId('guide-item-state').getByText('Anpassad').waitFor();
    await expectNoAxeViolations(page);

    // The page: a mistake is named, then put right.
    await page.getByRole('link', { name: 'Tillbaka till lärosätets processguide' }).click();
    await expectHeading(page, 'Lärosätets processguide');
    await page
      .getByRole('region', { name: 'Mallar' })
      .getByRole('row', { name: /Kalkylblad vid Mittlands universitet/ })
      .getByText('Anpassad')
      .waitFor();
    await page
      .getByRole('region', { name: 'Sidor' })
      .getByRole('link', { name: 'Anpassa: Moms på uppdragsutbildning' })
      .click();
    await expectHeading(page, 'Anpassa sidan: Moms på uppdragsutbildning');
    await expect.poll(() => body.inputValue()).toContain('# Moms på uppdragsutbildning');
    await body.fill('# Moms på uppdragsutbildning\n\nFrågor om moms besvaras av [oss](finns-inte.md).\n');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page
      .getByText(
        'link to "finns-inte.md", which is neither a page of the guide nor one of your own pages in Swedish',
      )
      .waitFor();
    await expectNoAxeViolations(page);
    await body.fill(
      '# Moms på uppdragsutbildning\n\nVid Mittlands universitet besvarar ekonomikontoret alla frågor om moms.\n\n## Kontakt\n\nSe också [full kostnadstäckning](full-cost.md).\n',
    );
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await dismissNotification(page, 'Sparat. Er version av guiden visar ändringen nu.');
    expect(errors).toEqual([]);
    await context.close();

    // The public version, read without JavaScript.
    const reader = await journey.browser.newContext({
      baseURL: journey.lupp.url,
      javaScriptEnabled: false,
      acceptDownloads: true,
      locale: 'sv-SE',
    });
    reader.setDefaultTimeout(UI_TIMEOUT);
    const visitor = await reader.newPage();
    visitor.on('load', () => publicPages.add(new URL(visitor.url()).pathname));
    await visitor.goto(home ?? '');
    await expectHeading(visitor, 'Processguide för uppdragsutbildning vid Mittlands universitet');
    expect(await visitor.locator('script').count()).toBe(0);
    await visitor
      .getByRole('navigation', { name: 'Guidens delar' })
      .getByRole('link', { name: 'Moms på uppdragsutbildning' })
      .click();
    await expectHeading(visitor, 'Moms på uppdragsutbildning');
    expect(visitor.url()).toBe(`${journey.lupp.url}${home}/vat`);
    await visitor
      .getByText('Vid Mittlands universitet besvarar ekonomikontoret alla frågor om moms.')
      .waitFor();
    await visitor
      .getByText('Mittlands universitet har anpassat den här sidan efter sitt arbetssätt.')
      .waitFor();
    // Links stay in the HEI's version; the shared page is a link away.
    await visitor.getByRole('main').getByRole('link', { name: 'full kostnadstäckning' }).click();
    await expectHeading(visitor, 'Full kostnadstäckning');
    expect(visitor.url()).toBe(`${journey.lupp.url}${home}/full-cost`);
    await visitor.goBack();
    await visitor
      .getByRole('link', { name: 'Läs den gemensamma versionen: Moms på uppdragsutbildning' })
      .click();
    await expectHeading(visitor, 'Moms på uppdragsutbildning');
    expect(visitor.url()).toBe(`${journey.lupp.url}/guide/vat`);
    expect(await visitor.getByText('ekonomikontoret').count()).toBe(0);

    // The adapted template, downloaded from the HEI's version.
    await visitor.goto(`${home}/mallar`);
    const [docx] = await Promise.all([
      visitor.waitForEvent('download'),
      visitor
        .getByRole('link', { name: 'Word-dokument (DOCX, svenska) – Kalkylblad vid Mittlands universitet' })
        .click(),
    ]);
    expect(docx.suggestedFilename()).toBe('Kalkylblad vid Mittlands universitet.docx');
    const document = zipEntry(await readFile(await docx.path()), 'word/document.xml');
    expect(document).toContain('Använd Mittlands satser: lärartimme 1 150 kronor.');
    expect(document).not.toContain('Kalkylblad för full kostnad');
    const [pdf] = await Promise.all([
      visitor.waitForEvent('download'),
      visitor.getByRole('link', { name: 'PDF (svenska) – Kalkylblad vid Mittlands universitet' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toBe('Kalkylblad vid Mittlands universitet.pdf');
    expect((await readFile(await pdf.path())).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await visitor.goto(`${home}/mallar/calculation`);
    await expectHeading(visitor, 'Kalkylblad vid Mittlands universitet');
    await visitor.getByText('Mittlands universitet har anpassat den här mallen.').waitFor();
    await reader.close();
  });

  it('passes axe on the public pages the reader saw', async () => {
    expect(publicPages.size).toBeGreaterThan(4);
    const { context, page } = await newPage(journey);
    for (const address of publicPages) {
      await page.goto(address);
      await expectNoAxeViolations(page);
    }
    await context.close();
  });
});
