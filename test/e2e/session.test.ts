import { describe, expect, it } from 'vitest';
import { expectHeading, expectNoAxeViolations, luppAndBrowser, newPage, signIn } from './support/lupp.ts';

// Signing in and out, switching organisation, and pages that do not exist (all in Swedish).

const journey = luppAndBrowser();

describe('signing in', () => {
  it('shows the sign-in page in Swedish, rejects a wrong password and signs in to the app shell', async () => {
    const { context, page, errors } = await newPage(journey);
    await page.goto('/');
    // Not signed in: the start page sends you to sign in, and back afterwards.
    await page.waitForURL(/\/sign-in\?redirect=/);
    await expectHeading(page, 'Logga in');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv');
    expect(await page.title()).toBe('Logga in – Lupp');
    await expectNoAxeViolations(page);

    await page.getByLabel('E-postadress').fill('lars.larare@mittland.example');
    await page.getByRole('textbox', { name: 'Lösenord', exact: true }).fill('fel-lösenord-123');
    await page.getByRole('button', { name: 'Logga in' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Fel e-postadress eller lösenord' });
    await alert.waitFor();
    // What was typed stays, so the user can correct it.
    expect(await page.getByLabel('E-postadress').inputValue()).toBe('lars.larare@mittland.example');
    await expectNoAxeViolations(page);
    // From the keyboard: a field shows its focus by an outline, and the button that shows the password is
    // in the tab order
    const password = page.getByRole('textbox', { name: 'Lösenord', exact: true });
    await password.focus();
    expect(await password.evaluate((input) => getComputedStyle(input).outlineStyle)).toBe('solid');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Visa lösenord',
    );

    await page.getByRole('textbox', { name: 'Lösenord', exact: true }).fill('lupp-demo-2026');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expectHeading(page, 'Välkommen, Lars Ek');
    expect(new URL(page.url()).pathname).toBe('/');

    const header = page.getByRole('banner');
    expect(await header.textContent()).toContain('Lupp');
    expect(await header.textContent()).toContain('Mittlands universitet');
    // One membership: no organisation switcher.
    expect(await page.getByRole('button', { name: /Byt organisation/ }).count()).toBe(0);
    const main = page.getByRole('main');
    expect(await main.getByTestId('home-organisation').textContent()).toBe('Mittlands universitet');
    expect(await main.textContent()).toContain('Lärare');

    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    for (const area of [
      'Översikt',
      'Ärenden',
      'Förfrågningar',
      'Kunder',
      'Behovsanalys',
      'Kurser',
      'Matchning',
      'Uppföljning',
      'Analys',
      'Processguide',
    ]) {
      await nav.getByRole('link', { name: area, exact: true }).waitFor();
    }
    // Administration is for admins and managers, not teachers.
    expect(await nav.getByRole('link', { name: 'Medlemmar och inbjudningar' }).count()).toBe(0);
    await expectNoAxeViolations(page);

    // The last area in the menu before the guide: the consortium's pooled analysis.
    await nav.getByRole('link', { name: 'Analys', exact: true }).click();
    await expectHeading(page, 'Analys');
    await page.getByRole('heading', { name: 'Efterfrågade kompetenser' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Analys', exact: true }).getAttribute('aria-current')).toBe(
      'page',
    );
    await expectNoAxeViolations(page);

    // The skip link is the first stop for the keyboard and moves focus to the content.
    await page.reload();
    await expectHeading(page, 'Analys');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Hoppa till huvudinnehållet' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so when Lupp is opened at another address than its own, instead of "try again later"', async () => {
    const { context, page } = await newPage(journey);
    // The same server by another name: not the address Lupp is set up with (PUBLIC_URL).
    const elsewhere = journey.lupp.url.replace('127.0.0.1', 'localhost');
    await page.goto(`${elsewhere}/sign-in`);
    await page.getByLabel('E-postadress').fill('lars.larare@mittland.example');
    await page.getByRole('textbox', { name: 'Lösenord', exact: true }).fill('lupp-demo-2026');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: `Lupp tar inte emot inloggningar på den här adressen (${elsewhere})` })
      .waitFor();
    await context.close();
  });
});

describe('switching organisation', () => {
  it('lets a member of two organisations switch; the header and the start page follow', async () => {
    const { context, page } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example');
    await expectHeading(page, 'Välkommen, Karin Berg');
    const header = page.getByRole('banner');
    const switcher = header.getByRole('button', { name: /Byt organisation/ });
    // Karin is a coordinator at both HEIs; whichever is active, switch to the other.
    const organisations = ['Mittlands universitet', 'Högskolan i Norrvik'];
    const before = (await switcher.textContent()) ?? '';
    const from = organisations.find((o) => before.includes(o)) ?? '';
    const to = organisations.find((o) => o !== from) ?? '';
    expect(from).not.toBe('');
    await page.getByTestId('home-organisation').filter({ hasText: from }).waitFor();
    await expectNoAxeViolations(page);

    await switcher.click();
    await page.getByRole('menuitem', { name: to }).click();
    await page.waitForFunction((name) => document.querySelector('header')?.textContent?.includes(name), to);
    expect(await header.textContent()).not.toContain(from);
    await page.getByTestId('home-organisation').filter({ hasText: to }).waitFor();
    await page.getByText(`Du arbetar nu i ${to}.`).waitFor();
    await expectNoAxeViolations(page);

    // The choice belongs to the session: it survives a reload.
    await page.reload();
    await expectHeading(page, 'Välkommen, Karin Berg');
    expect(await page.getByRole('banner').textContent()).toContain(to);
    await context.close();
  });
});

describe('signing out', () => {
  it('returns to the sign-in page, after which app pages ask to sign in again', async () => {
    const { context, page } = await newPage(journey);
    await signIn(page, 'eva.ekonom@mittland.example');
    await expectHeading(page, 'Välkommen, Eva Holm');

    await page.getByRole('button', { name: 'Användarmeny för Eva Holm' }).click();
    await page.getByRole('menuitem', { name: 'Logga ut' }).click();
    await page.waitForURL(/\/sign-in/);
    await expectHeading(page, 'Logga in');
    await expectNoAxeViolations(page);

    await page.goto('/courses');
    await page.waitForURL(/\/sign-in\?redirect=%2Fcourses/);
    await expectHeading(page, 'Logga in');
    // Signing in again goes back to the page that was asked for.
    await page.getByLabel('E-postadress').fill('eva.ekonom@mittland.example');
    await page.getByRole('textbox', { name: 'Lösenord', exact: true }).fill('lupp-demo-2026');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expectHeading(page, 'Kurser');
    expect(new URL(page.url()).pathname).toBe('/courses');
    await context.close();
  });
});

describe('an ended session', () => {
  it('sends the user to sign in when the server no longer knows the session', async () => {
    const { context, page } = await newPage(journey);
    await signIn(page, 'maria.chef@mittland.example');
    await expectHeading(page, 'Välkommen, Maria Sund');
    await context.clearCookies();
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Medlemmar och inbjudningar' })
      .click();
    await page.waitForURL(/\/sign-in\?redirect=%2Fadmin%2Fmembers/);
    await expectHeading(page, 'Logga in');
    await context.close();
  });
});

describe('loading the app', () => {
  it('lets the browser keep the built scripts and styles for good, and asks for the page itself each time', async () => {
    const page = await fetch(`${journey.lupp.url}/cases`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const response = await fetch(`${journey.lupp.url}${asset}`);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('cache-control'), asset).toBe('public, max-age=31536000, immutable');
    }
    expect((await fetch(`${journey.lupp.url}/`)).headers.get('cache-control')).toBe('no-cache');
  });
});

describe('unknown pages', () => {
  it('shows a not-found page with a way home, signed out and signed in', async () => {
    const { context, page } = await newPage(journey);
    const response = await page.goto('/finns-inte');
    expect(response?.status()).toBe(200);
    await expectHeading(page, 'Sidan hittades inte');
    expect(await page.title()).toBe('Sidan hittades inte – Lupp');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Till startsidan' }).click();
    await page.waitForURL(/\/sign-in/);

    await signIn(page, 'maria.chef@mittland.example');
    await page.goto('/admin/finns-inte/heller');
    await expectHeading(page, 'Sidan hittades inte');
    // Signed in, the page sits in the app shell.
    await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('main').getByRole('link', { name: 'Till startsidan' }).click();
    await expectHeading(page, 'Välkommen, Maria Sund');
    // a link cut off or mistyped names no case: it is not found, not an error in the API's words
    await page.goto('/cases/3690a8a3-cut-off');
    await page.getByText('Ärendet finns inte, eller så hör det till ett annat lärosäte.').waitFor();
    expect(await page.getByRole('main').textContent()).not.toContain('params.');
    await context.close();
  });
});

describe('the accessibility check itself', () => {
  /** What the check says of a page of `body`, or '' when it passes. */
  async function failureOn(body: string) {
    const { context, page } = await newPage(journey);
    await page.setContent(
      `<!doctype html><html lang="sv"><head><title>Fel</title></head><body><main>${body}</main></body></html>`,
    );
    const failure = await expectNoAxeViolations(page, { always: true }).then(
      () => '',
      (error: Error) => error.message,
    );
    await context.close();
    return failure;
  }

  it('fails on a page with an image without alt text, low contrast and an unnamed button', async () => {
    const failure = await failureOn(
      '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#bbb">Ljusgrå text</p><button></button>',
    );
    expect(failure).toContain('image-alt');
    expect(failure).toContain('color-contrast');
    expect(failure).toContain('button-name');
  });

  it('fails on a button whose word is cut off by its neighbour', async () => {
    const failure = await failureOn(`<h1>Checklista</h1><div style="display:flex;width:220px">
      <label style="flex:1 1 auto"><input type="checkbox"> En lång punkt i checklistan som tar platsen</label>
      <button style="overflow:hidden;white-space:nowrap;flex:0 1 auto;min-width:0">Kommentera</button></div>`);
    expect(failure).toContain('labels cut short');
    expect(failure).toContain('button "Kommentera"');
  });
});
