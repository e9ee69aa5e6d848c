import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectHeading, expectNoAxeViolations, luppAndBrowser, newPage, signIn } from './support/lupp.ts';

// On a phone (375 × 740) the main menu folds into a burger button.

const phone = { width: 375, height: 740 };

const journey = luppAndBrowser();

/** Nothing may stick out sideways: the page scrolls vertically only. */
async function expectNoHorizontalScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(phone.width);
}

describe('on a phone', () => {
  it('navigates through the burger menu, which closes after choosing a page', async () => {
    const { context, page } = await newPage(journey, { viewport: phone });
    await page.goto('/sign-in');
    await expectHeading(page, 'Logga in');
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page);

    await signIn(page, 'karin.koordinator@mittland.example');
    await expectHeading(page, 'Välkommen, Karin Berg');
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page);

    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    const courses = nav.getByRole('link', { name: 'Kurser' });
    expect(await courses.isVisible()).toBe(false);

    const burger = page.getByRole('button', { name: 'Öppna menyn' });
    expect(await burger.getAttribute('aria-expanded')).toBe('false');
    await burger.click();
    await courses.waitFor({ state: 'visible' });
    const close = page.getByRole('button', { name: 'Stäng menyn' });
    expect(await close.getAttribute('aria-expanded')).toBe('true');
    // On a phone the organisation switcher sits in the menu.
    await nav.getByRole('button', { name: /Byt organisation/ }).waitFor();
    await expectNoAxeViolations(page);

    await courses.click();
    await expectHeading(page, 'Kurser');
    await page.getByRole('button', { name: 'Öppna menyn' }).waitFor();
    expect(await courses.isVisible()).toBe(false);
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page);

    // The keyboard works the same way: open with Enter, move to a link, follow it.
    await page.getByRole('button', { name: 'Öppna menyn' }).focus();
    await page.keyboard.press('Enter');
    const guide = nav.getByRole('link', { name: 'Processguide' });
    await guide.waitFor({ state: 'visible' });
    await guide.focus();
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Processguide');
    await context.close();
  });

  it('fits the administration pages and a consortium member on the small screen', async () => {
    const { context, page } = await newPage(journey, { viewport: phone });
    await signIn(page, 'astrid.admin@mittland.example');
    await page.getByRole('button', { name: 'Öppna menyn' }).click();
    await page.getByRole('link', { name: 'Medlemmar och inbjudningar' }).click();
    await expectHeading(page, 'Medlemmar och inbjudningar');
    await page.getByTestId('members-table').waitFor();
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page);
    await context.close();

    const analyst = await newPage(journey, { viewport: phone });
    await signIn(analyst.page, 'johan.analytiker@alliansen.example');
    await expectHeading(analyst.page, 'Välkommen, Johan Ås');
    expect(await analyst.page.getByTestId('home-organisation').textContent()).toBe('Kunskapsalliansen Mitt');
    expect(await analyst.page.getByRole('main').textContent()).toContain('Regional analytiker');
    await analyst.page.getByRole('button', { name: 'Öppna menyn' }).click();
    await analyst.page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Analys', exact: true })
      .waitFor({ state: 'visible' });
    expect(await analyst.page.getByRole('link', { name: 'Medlemmar och inbjudningar' }).count()).toBe(0);
    // an analyst works in no HEI: no cases, inquiries, needs analyses, matching or evaluations in the menu
    const menu = analyst.page.getByRole('navigation', { name: 'Huvudmeny' });
    for (const area of ['Ärenden', 'Förfrågningar', 'Kunder', 'Behovsanalys', 'Matchning', 'Uppföljning'])
      expect(await menu.getByRole('link', { name: area, exact: true }).count()).toBe(0);
    await menu.getByRole('link', { name: 'Kurser', exact: true }).waitFor({ state: 'visible' });
    await expectNoAxeViolations(analyst.page);
    await analyst.context.close();
  });

  it("keeps every button's words whole on a case's page, the longest of them wrapping", async () => {
    const { context, page, errors } = await newPage(journey, { viewport: phone });
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    // in English, whose labels are the longer
    const english = await page.request.put('/api/me/preferences', {
      data: { locale: 'en' },
      headers: { origin: journey.lupp.url },
    });
    expect(english.status()).toBe(200);
    await page.goto('/cases?q=Demensv%C3%A5rd');
    await page.getByRole('link', { name: /Demensvård i hemtjänsten/ }).click();
    await expectHeading(page, 'Demensvård i hemtjänsten');
    // too long for one line on a phone: on two, rather than cut off (which the check below reports)
    const delivery = page.getByRole('region', { name: 'Delivery' });
    const height = async (name: string) =>
      (await delivery.getByRole('button', { name, exact: true }).boundingBox())?.height ?? 0;
    expect(await height('Send the schedule to the participants…')).toBeGreaterThan(
      1.4 * (await height('Create a calendar link')),
    );
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page);
    // a Swedish compound longer than the phone is wide, in the heading: broken, not pushing the page sideways
    await page.goto('/cases?q=NIS2');
    await page.getByRole('link', { name: /Informationssäkerhet och NIS2/ }).click();
    await expectHeading(page, 'Informationssäkerhet och NIS2');
    await expectNoHorizontalScroll(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
