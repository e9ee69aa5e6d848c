import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { WELDING_CASE, weldingChain } from './support/commercial.ts';
import { expectHeading, expectNoAxeViolations, luppAndBrowser, newPage, signIn } from './support/lupp.ts';

// The process guide in the work: Karin (coordinator at Högskolan i Norrvik) follows the current stage's
// link from the case page into her HEI's version of the guide, finds the same decision points as on the
// case's checklist, and downloads the stage's checklist.

const journey = luppAndBrowser();
let caseId = '';
let norrvik = '';

beforeAll(async () => {
  ({ caseId, norrvik } = await weldingChain(journey.lupp, 'sent'));
}, 120_000);

describe('the guide from a case stage', () => {
  it('leads the coordinator to the stage page and checklist of her HEI’s guide', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.goto(`/cases/${caseId}`);
    await expectHeading(page, WELDING_CASE);
    const stage = ((await page.getByTestId('case-stage').textContent()) ?? '').trim();
    const checklist = page.locator('fieldset').filter({ hasText: `${stage} (nuvarande steg)` });
    const items = await checklist
      .getByRole('checkbox')
      .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).labels?.[0]?.textContent ?? ''));
    const links = page.getByTestId('stage-guide-links');
    await expectNoAxeViolations(page);

    const docx = links.getByRole('link', { name: `Checklistan för ${stage} (Word)` });
    const [download] = await Promise.all([page.waitForEvent('download'), docx.click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const bytes = await readFile((await download.path()) ?? '');
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // a DOCX is a ZIP

    await links.getByRole('link', { name: `Vägledning för steget ${stage} i processguiden` }).click();
    await page.waitForURL(new RegExp(`/guide/l/${norrvik}/stage-`));
    const heading = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
    expect(heading).toContain(stage);
    const decisionPoints = await page.getByRole('main').textContent();
    for (const item of items) {
      const label = item.replace(/\s*\((obligatorisk|frivillig)\)\s*$/, '').trim();
      expect(decisionPoints).toContain(label);
    }
    expect(items.length).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
