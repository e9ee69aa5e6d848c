import { describe, expect, it } from 'vitest';
import {
  chooseLanguage,
  dismissNotification,
  expectHeading,
  expectNoAxeViolations,
  luppAndBrowser,
  newPage,
  signIn,
} from './support/lupp.ts';

// A case's review (återblick): Karin opens the demo's lean case at Norrvik and finds what was learned on the
// earlier PLC case with the same mining company; she writes the review of the dementia-care course, a
// second save from an old copy of the page is refused without losing her colleague's text; Nils, the
// manager, reads it in English.

const journey = luppAndBrowser();

describe("a case's review", () => {
  it("shows Karin what was learned on the HEI's earlier case with the same customer", async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.goto('/cases?view=board');
    await page.getByRole('link', { name: /Lean i underhållsarbetet/ }).click();
    await expectHeading(page, 'Lean i underhållsarbetet');
    const review = page.getByRole('region', { name: 'Återblick' });
    await review
      .getByRole('heading', { name: 'Lärdomar från tidigare ärenden med Norrlandsgruvan AB' })
      .waitFor();
    const earlier = review.getByRole('article', { name: 'Automation och PLC-programmering' });
    await earlier.getByText(/Kalkylen underskattade förberedelsetiden för labbet/).waitFor();
    await earlier.getByText(/Vunnet/).waitFor();
    await expectNoAxeViolations(page);
    // the earlier case is a link away
    await earlier.getByRole('link', { name: /Automation och PLC-programmering/ }).click();
    await expectHeading(page, 'Automation och PLC-programmering');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets Karin write the review of the course given, and keeps a colleague’s text from being overwritten', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.goto('/cases?view=board');
    await page.getByRole('link', { name: /Demensvård i hemtjänsten/ }).click();
    await expectHeading(page, 'Demensvård i hemtjänsten');
    // a second tab on the same case, opened before Karin saves (as a colleague's page would be)
    const older = await context.newPage();
    await older.goto(page.url());
    await older
      .getByRole('region', { name: 'Återblick' })
      .getByRole('textbox', { name: 'Vad fungerade?' })
      .waitFor();

    const review = page.getByRole('region', { name: 'Återblick' });
    await review.getByText('Inga tidigare ärenden med Norrviks kommun har en återblick.').waitFor();
    const save = review.getByRole('button', { name: 'Spara återblicken' });
    expect(await save.isDisabled()).toBe(true);
    await review
      .getByRole('textbox', { name: 'Vad fungerade?' })
      .fill('Fallbeskrivningarna från hemtjänsten själv gav de bästa diskussionerna.');
    await review
      .getByRole('textbox', { name: 'Vad gör vi annorlunda nästa gång?' })
      .fill('Lägg tillfällena när vikarierna finns: två deltagare missade hälften.');
    await save.click();
    await dismissNotification(page, 'Återblicken är sparad.');
    await review.getByText(/Senast sparad .* av Karin/).waitFor();
    await expectNoAxeViolations(page);

    // the older page's save is refused with the reason, and nothing Karin wrote is lost
    const stale = older.getByRole('region', { name: 'Återblick' });
    await stale.getByRole('textbox', { name: 'Vad fungerade?' }).fill('Äldre text');
    await stale.getByRole('button', { name: 'Spara återblicken' }).click();
    await stale
      .getByRole('alert')
      .filter({ hasText: 'Återblicken sparades inte' })
      .getByText(/Någon har sparat återblicken sedan du öppnade sidan/)
      .waitFor();
    await expectNoAxeViolations(older);
    await older.reload();
    expect(
      await older
        .getByRole('region', { name: 'Återblick' })
        .getByRole('textbox', { name: 'Vad fungerade?' })
        .inputValue(),
    ).toBe('Fallbeskrivningarna från hemtjänsten själv gav de bästa diskussionerna.');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads in English for Nils, who reads the review but does not write it', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'nils.chef@norrvik.example');
    await chooseLanguage(page, 'English');
    await page.goto('/cases?view=board');
    await page.getByRole('link', { name: /Demensvård i hemtjänsten/ }).click();
    await expectHeading(page, 'Demensvård i hemtjänsten');
    const review = page.getByRole('region', { name: 'Review' });
    await review.getByText('What worked?').waitFor();
    await review.getByText(/Fallbeskrivningarna från hemtjänsten/).waitFor();
    await review.getByText(/Last saved .* by Karin/).waitFor();
    expect(await review.getByRole('textbox').count()).toBe(0);
    await review.getByRole('heading', { name: 'Lessons from earlier cases with Norrviks kommun' }).waitFor();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
