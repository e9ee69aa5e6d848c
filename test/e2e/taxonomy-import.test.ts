import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectHeading, expectNoAxeViolations, luppAndBrowser, newPage, signIn } from './support/lupp.ts';

// An administrator imports a taxonomy from the admin page (in Swedish): uploads a small real JobTech
// file, follows the background import to its end, and reads the problem report of a broken file.

const SUN_LEVELS = path.resolve('../shared/datasets/taxonomy/jobtech/sun-level-hierarchy.json');

const journey = luppAndBrowser();

async function upload(page: Page, file: string, options: { version?: string } = {}) {
  const form = page.getByRole('region', { name: 'Ny import' });
  await form.getByRole('radio', { name: 'JobTech (JSON-filer)' }).check();
  await form.getByLabel('Filer', { exact: true }).setInputFiles(file);
  await form.getByText('1 fil vald').waitFor();
  if (options.version) await form.getByRole('textbox', { name: 'Version' }).fill(options.version);
  await form.getByRole('button', { name: 'Ladda upp och importera' }).click();
}

const progressBar = (page: Page) => page.getByRole('progressbar', { name: 'Importens förlopp' });

describe('taxonomy import from the admin page', () => {
  it('uploads a real JobTech file, shows the progress reach done with the counts, and lists it', async () => {
    const { page, errors } = await newPage(journey);
    await signIn(page, 'astrid.admin@mittland.example');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Taxonomier' })
      .click();
    await expectHeading(page, 'Taxonomier');
    await page.getByText('Inga taxonomier har importerats ännu.').waitFor();
    await expectNoAxeViolations(page);

    await upload(page, SUN_LEVELS, { version: '2020' });
    const status = page.getByTestId('import-status');
    await status.getByRole('heading', { name: 'Import av JobTech 2020' }).waitFor();
    await expect.poll(() => progressBar(page).getAttribute('aria-valuenow'), { timeout: 30_000 }).toBe('100');
    expect(await status.getByTestId('import-state').textContent()).toBe('Klar');
    expect(await progressBar(page).getAttribute('aria-valuetext')).toBe('Klar (100 %)');
    const counts = status.getByTestId('import-counts');
    expect(await counts.getByRole('row', { name: /Begrepp/ }).textContent()).toBe('Begrepp71');
    expect(await counts.getByRole('row', { name: /Relationer/ }).textContent()).toBe('Relationer64');
    expect(await counts.getByRole('row', { name: /Problem/ }).textContent()).toBe('Problem0');
    const history = page.getByTestId('import-history');
    await history.getByRole('row').filter({ hasText: '2020' }).getByText('Klar').waitFor();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });

  it('shows a broken file’s problems by row, and nothing is imported', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lupp-e2e-taxonomy-'));
    const broken = path.join(dir, 'trasig.json');
    writeFileSync(
      broken,
      JSON.stringify({
        data: {
          concepts: [
            { id: 'e2e-1', type: 'skill', preferred_label: 'Svetsning i rostfritt stål' },
            { id: 'e2e-2', type: 'skill' },
          ],
        },
      }),
    );
    const { page } = await newPage(journey);
    await signIn(page, 'astrid.admin@mittland.example');
    await page.goto('/admin/taxonomies');
    await expectHeading(page, 'Taxonomier');
    await upload(page, broken);
    const status = page.getByTestId('import-status');
    await status.getByTestId('import-state').getByText('Inget importerat').waitFor({ timeout: 30_000 });
    await status.getByText('Inget importerades').waitFor();
    const problem = status.getByTestId('problem-table').getByRole('row').filter({ hasText: 'trasig.json' });
    expect(await problem.getByRole('cell').allTextContents()).toEqual([
      'trasig.json',
      '2',
      'concept #2 lacks preferred_label',
    ]);
    await expectNoAxeViolations(page);

    // The earlier import's report is one click away in the history.
    await page
      .getByTestId('import-history')
      .getByRole('row')
      .filter({ hasText: '2020' })
      .getByRole('button', { name: /Visa importen från/ })
      .click();
    await status.getByRole('heading', { name: 'Import av JobTech 2020' }).waitFor();
    expect(await status.getByTestId('import-state').textContent()).toBe('Klar');
  });
});
