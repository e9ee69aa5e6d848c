import { describe, it } from 'vitest';
import { expectHeading, expectNoAxeViolations, luppAndBrowser, newPage, signIn } from './support/lupp.ts';

// An HEI adapts its dialogue guides: the questions a meeting record answers.

const journey = luppAndBrowser();

describe('dialogue guides', () => {
  it('an administrator adds a question, is told what is wrong, saves, and the guide keeps it', async () => {
    const { context, page } = await newPage(journey);
    await signIn(page, 'astrid.admin@mittland.example');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Samtalsguider' })
      .click();
    await expectHeading(page, 'Samtalsguider');
    const first = page.getByRole('region', { name: 'Behovsdialog (utvecklingsmodellen)' });
    await first.getByRole('textbox', { name: 'Fråga 1 på svenska' }).waitFor();
    await expectNoAxeViolations(page);

    await first
      .getByRole('button', { name: 'Lägg till en fråga i Behovsdialog (utvecklingsmodellen)' })
      .click();
    const added = first.getByRole('group', { name: 'Fråga 4 i Behovsdialog (utvecklingsmodellen)' });
    await added.getByRole('textbox', { name: 'Fråga 4 på svenska' }).fill('Ve');
    await added.getByRole('textbox', { name: 'Fråga 4 på engelska' }).fill('Who?');
    await page.getByRole('button', { name: 'Spara samtalsguiderna' }).click();
    await added.getByText('Skriv frågan med 3–500 tecken.').first().waitFor();
    await expectNoAxeViolations(page);

    await added
      .getByRole('textbox', { name: 'Fråga 4 på svenska' })
      .fill('Vem leder förändringen på arbetsplatsen?');
    await added
      .getByRole('textbox', { name: 'Fråga 4 på engelska' })
      .fill('Who leads the change at the workplace?');
    await page.getByRole('button', { name: 'Spara samtalsguiderna' }).click();
    await page.getByText('Samtalsguiderna har sparats.').waitFor();

    await page.reload();
    await expectHeading(page, 'Samtalsguider');
    await page
      .getByRole('region', { name: 'Behovsdialog (utvecklingsmodellen)' })
      .getByRole('textbox', { name: 'Fråga 4 på svenska' })
      .and(page.locator('[value="Vem leder förändringen på arbetsplatsen?"]'))
      .waitFor();
    await context.close();
  });

  it('a teacher reads the guides but cannot change them', async () => {
    const { context, page } = await newPage(journey);
    await signIn(page, 'lars.larare@mittland.example');
    await page.goto(`${journey.lupp.url}/admin/dialogue-guides`);
    await expectHeading(page, 'Samtalsguider');
    await page.getByText('Bara en administratör kan ändra samtalsguiderna.').waitFor();
    await expectNoAxeViolations(page);
    await context.close();
  });
});
