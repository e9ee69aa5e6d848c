import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chooseLanguage,
  expectHeading,
  expectNoAxeViolations,
  luppAndBrowser,
  newPage,
  signIn,
} from './support/lupp.ts';

// Swedish by default; English on request, remembered in the browser and for the user.

const journey = luppAndBrowser();

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

describe('language', () => {
  it('switches to English, keeps it after a reload and after signing in again, and back to Swedish', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'maria.chef@mittland.example');
    await expectHeading(page, 'Välkommen, Maria Sund');
    expect(await htmlLang(page)).toBe('sv');

    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'Welcome, Maria Sund');
    expect(await htmlLang(page)).toBe('en');
    expect(await page.title()).toBe('Welcome, Maria Sund – Lupp');
    const nav = page.getByRole('navigation', { name: 'Main menu' });
    for (const area of ['Overview', 'Cases', 'Inquiries', 'Needs analysis', 'Courses', 'Matching']) {
      await nav.getByRole('link', { name: area, exact: true }).waitFor();
    }
    // Role names are translated too.
    expect(await page.getByRole('main').textContent()).toContain('Manager');
    await expectNoAxeViolations(page);

    // A manager may look at the members, in English.
    await nav.getByRole('link', { name: 'Members and invitations' }).click();
    await expectHeading(page, 'Members and invitations');
    await page.getByText('only an administrator can change them').waitFor();
    await page.getByRole('cell', { name: 'astrid.admin@mittland.example' }).waitFor();
    expect(await page.getByRole('button', { name: /Change roles/ }).count()).toBe(0);
    await expectNoAxeViolations(page);

    await page.reload();
    await expectHeading(page, 'Members and invitations');
    expect(await htmlLang(page)).toBe('en');

    await page.getByRole('button', { name: 'User menu for Maria Sund' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expectHeading(page, 'Sign in');
    expect(await htmlLang(page)).toBe('en');
    await expectNoAxeViolations(page);

    await signIn(page, 'maria.chef@mittland.example', { english: true });
    await expectHeading(page, 'Welcome, Maria Sund');
    await context.close();

    // A browser that never chose starts in Swedish, and follows the user's choice once signed in.
    const other = await newPage(journey);
    await signIn(other.page, 'maria.chef@mittland.example');
    await expectHeading(other.page, 'Welcome, Maria Sund');
    expect(await htmlLang(other.page)).toBe('en');

    // the reload below must find the choice saved (a reload at once may come before the save)
    await chooseLanguage(other.page, 'Svenska');
    await expectHeading(other.page, 'Välkommen, Maria Sund');
    expect(await htmlLang(other.page)).toBe('sv');
    await other.page.reload();
    await expectHeading(other.page, 'Välkommen, Maria Sund');
    expect(errors).toEqual([]);
    await other.context.close();
  });

  it('shows the sign-in page and its error in English when chosen there', async () => {
    const { context, page } = await newPage(journey);
    await page.goto('/sign-in');
    await expectHeading(page, 'Logga in');
    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'Sign in');
    expect(await page.title()).toBe('Sign in – Lupp');
    await page.getByLabel('E-mail address').fill('lars.larare@mittland.example');
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong e-mail address or password' }).waitFor();
    await expectNoAxeViolations(page);

    await page.goto('/no-such-page');
    await expectHeading(page, 'Page not found');
    await page.getByRole('link', { name: 'Go to the start page' }).waitFor();
    await expectNoAxeViolations(page);
    await context.close();
  });
});
