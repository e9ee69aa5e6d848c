import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Database } from '../../../src/db/client.ts';
import { createAuth } from '../../../src/features/auth/auth.ts';
import { DEMO_PASSWORD, seedDemo } from '../../../src/features/demo/demo.seed.ts';
import { buildApp } from '../../../src/server/app.ts';
import { testConfig } from '../../support/app.ts';
import { createTestDatabase } from '../../support/database.ts';
import { CHROMIUM } from './global-setup.ts';

export { DEMO_PASSWORD };

/** axe-core, evaluated in a page before its first check. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Waits for UI changes (requests, rendering) up to this long before an assertion fails. */
export const UI_TIMEOUT = 15_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type Lupp = { url: string; database: Database; close: () => Promise<void> };

/**
 * A real Lupp server on a fresh database with the demo data, listening on a free local port.
 * Call it in a hook (`beforeAll`): the test database comes from vitest's `inject`.
 */
export async function startLupp(): Promise<Lupp> {
  workerPort ??= await freePort();
  try {
    return await startLuppOn(workerPort);
  } catch (error) {
    // the port was taken after all (a previous file's server left running): another one, and new contexts
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    workerPort = await freePort();
    return startLuppOn(workerPort);
  }
}

/**
 * The port of this worker's Lupp servers: the files it runs one after another each start a server on it, so
 * that their pages share an origin and a browser context can serve one file's journeys and then the next's.
 */
let workerPort: number | undefined;

async function startLuppOn(port: number): Promise<Lupp> {
  const url = `http://127.0.0.1:${port}`;
  // better-auth checks the Origin of every sign-in against PUBLIC_URL: it must be this very address.
  const config = testConfig({ PUBLIC_URL: url });
  // the demo data is seeded once per run (global setup); seedDemo does nothing on a database that has it
  const database = await createTestDatabase('demo');
  await seedDemo(database.db, createAuth(config, database.db), config);
  // no log: requests the browser still has in flight when a file's server closes fail on its closed database
  // (harmless, and noise in every file's output); a journey sees a 500 in the page, with its request id
  const { app } = await buildApp({ config, database, logger: false });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url,
    database,
    async close() {
      // The browser contexts, kept for the next file (newPage), hold keep-alive connections to this server,
      // and the contexts' API clients (context.request) too: a close that waits for them to end waited two
      // minutes. End them with the server.
      const closing = app.close();
      app.server.closeAllConnections();
      await closing;
      await database.close();
    },
  };
}

async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * One Chromium per test worker, shared by the journey files it runs one after another (vitest keeps a
 * worker's modules between files): each person in a test gets a context of their own, emptied before it
 * is used again (newPage). Launched again if it went away.
 */
let sharedBrowser: Promise<Browser> | undefined;

async function workerBrowser(): Promise<Browser> {
  const browser = await sharedBrowser;
  if (browser?.isConnected()) return browser;
  sharedBrowser = launchBrowser();
  return sharedBrowser;
}

/**
 * A Lupp server and Chromium for a file's journeys: both started before its tests (before the file's own
 * `beforeAll`, which may use them) and closed after them (the browser's contexts, that is: the browser
 * itself is the worker's). Read them as `journey.lupp`, `journey.browser`.
 */
export function luppAndBrowser(): { lupp: Lupp; browser: Browser } {
  const journey = {} as { lupp: Lupp; browser: Browser };
  beforeAll(async () => {
    [journey.lupp, journey.browser] = await Promise.all([startLupp(), workerBrowser()]);
  });
  beforeEach(({ onTestFailed }) => {
    apiCalls.length = 0;
    onTestFailed(() => console.error(describeApiCalls()));
  });
  afterEach(releasePages);
  afterAll(async () => {
    await releasePages();
    await journey.lupp?.close();
  });
  return journey;
}

export type PageOptions = { viewport?: { width: number; height: number } };

/** The Lupp server a page's context talks to (for signing in through the API). */
const serverOf = new WeakMap<BrowserContext, string>();

const DESKTOP = { width: 1280, height: 800 };

/**
 * A page of its own for a person in a journey: a browser context (cookies, localStorage, sessionStorage) that
 * no one else uses while the test runs and that starts empty, pointed at the journey's server.
 *
 * Contexts are kept for the worker's next tests. The test ends a person's browser with `context.close()` as
 * usual (or leaves it to the end of the test), and the context is then emptied — its other tabs closed, its
 * storage and cookies cleared, its page on about:blank — and kept. Measured here: a new context and page cost
 * Chromium about a CPU-second before Lupp's first page showed, and a kept one 0.4; the journeys open 130 of
 * them in a pass.
 */
export async function newPage(
  { browser, lupp }: { browser: Browser; lupp: Lupp },
  options: PageOptions = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  let kept = idlePages.get(lupp.url)?.pop();
  while (kept && (kept.page.isClosed() || !browser.contexts().includes(kept.context)))
    kept = idlePages.get(lupp.url)?.pop();
  kept ??= await newPooledPage(browser, lupp.url);
  pagesInUse.add(kept);
  const { context, page } = kept;
  const viewport = options.viewport ?? DESKTOP;
  const current = page.viewportSize();
  if (current?.width !== viewport.width || current.height !== viewport.height)
    await page.setViewportSize(viewport);
  // Uncaught errors in the app: a journey can assert there were none.
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  recordApiCalls(page);
  return { context, page, errors };
}

type PooledPage = { context: BrowserContext; page: Page; close: () => Promise<void> };

/** Emptied contexts (with their one page) by the server they point at, and the ones the test now uses. */
const idlePages = new Map<string, PooledPage[]>();
const pagesInUse = new Set<PooledPage>();

async function newPooledPage(browser: Browser, url: string): Promise<PooledPage> {
  // contexts of a previous server (the worker had to change ports) will not be asked for again
  for (const [server, pages] of idlePages)
    if (server !== url) {
      idlePages.delete(server);
      await Promise.all(pages.map((kept) => kept.close()));
    }
  const context = await browser.newContext({
    baseURL: url,
    viewport: DESKTOP,
    locale: 'sv-SE',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(UI_TIMEOUT);
  serverOf.set(context, url);
  const page = await context.newPage();
  const kept: PooledPage = { context, page, close: context.close.bind(context) };
  // the test's context.close() ends the person's browser: empty the context and keep it
  context.close = () => releasePage(kept, url);
  return kept;
}

async function releasePage(kept: PooledPage, url: string) {
  if (!pagesInUse.delete(kept)) return;
  const { context, page } = kept;
  const emptied = async () => {
    const others = context.pages().filter((other) => other !== page);
    await Promise.all(others.map((other) => other.close()));
    page.removeAllListeners();
    if (page.url().startsWith(url))
      await page.evaluate(() => {
        localStorage.clear();
        sessionStorage.clear();
      });
    await page.goto('about:blank');
    await context.clearCookies();
    await context.clearPermissions();
  };
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('emptying the context took too long')), 10_000);
  });
  try {
    await Promise.race([emptied(), timeUp]);
  } catch (error) {
    // a page that crashed, or a context that cannot be emptied (a dialog open, say), is not kept
    console.warn(`A browser context was closed instead of kept: ${(error as Error).message}`);
    await kept.close().catch(() => undefined);
    return;
  } finally {
    clearTimeout(timer);
  }
  idlePages.set(url, [...(idlePages.get(url) ?? []), kept]);
}

/** Ends the browsers of the test's people that the test left open. */
async function releasePages() {
  await Promise.all([...pagesInUse].map((kept) => kept.context.close()));
}

/**
 * The API requests the test's pages made, for the report of a failed test: a step that waited in vain
 * shows whether its request never ended, failed or answered with an error, and how long each took.
 */
type ApiCall = { page: number; method: string; path: string; start: number; end?: number; outcome?: string };
const apiCalls: ApiCall[] = [];
let pagesOpened = 0;

function recordApiCalls(page: Page) {
  const pageNumber = ++pagesOpened;
  const calls = new WeakMap<object, ApiCall>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/api/')) return;
    const call: ApiCall = {
      page: pageNumber,
      method: request.method(),
      path: url.pathname,
      start: Date.now(),
    };
    calls.set(request, call);
    apiCalls.push(call);
  });
  const ended = (request: object, outcome: string) => {
    const call = calls.get(request);
    if (call && !call.end) Object.assign(call, { end: Date.now(), outcome });
  };
  page.on('response', (response) => ended(response.request(), String(response.status())));
  page.on('requestfailed', (request) => ended(request, request.failure()?.errorText ?? 'failed'));
}

function describeApiCalls(): string {
  const now = Date.now();
  const lines = apiCalls.slice(-40).map((call) => {
    const outcome = call.end
      ? `${call.outcome} in ${call.end - call.start} ms`
      : `no answer after ${now - call.start} ms`;
    return `  page ${call.page}: ${call.method} ${call.path} → ${outcome}`;
  });
  return `The test's last API requests (oldest first):\n${lines.join('\n') || '  none'}`;
}

/**
 * Fails listing every WCAG 2.1 A/AA violation axe finds on the page as it is now.
 *
 * LUPP_AXE=off skips the check: CI runs every journey on both databases, and runs axe in one of the two
 * passes only (.ci/run), since what a page renders does not depend on the database it was read from; axe
 * was a sixth to a quarter of a pass's work. `always` checks all the same (the test that shows the check can fail).
 */
export async function expectNoAxeViolations(page: Page, options: { always?: boolean } = {}) {
  if (process.env.LUPP_AXE === 'off' && !options.always) return;
  // A notification or menu in the middle of a fade has blended colours and half-built markup:
  // let transitions settle first, so axe judges what the user will actually see. A notification the
  // last click caused may mount a moment later, so wait a beat, then for every transition to end.
  await page.waitForTimeout(250);
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every(
            (a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY,
          ) &&
        [...document.querySelectorAll('.mantine-Notification-root, .mantine-Menu-dropdown')].every((el) => {
          for (let node: Element | null = el; node; node = node.parentElement)
            if (getComputedStyle(node).opacity !== '1') return false;
          return true;
        }),
      undefined,
      { timeout: 3000 },
    )
    .catch(() => undefined);
  // axe.run in the page itself: the source is evaluated once per page load (the SPA keeps it across
  // its own navigations), not at every check as @axe-core/playwright does; Lupp has no frames to merge.
  // Only violations are collected, of the WCAG 2.0/2.1 A and AA rules.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (options) => (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, options),
    {
      runOnly: { type: 'tag' as const, values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations' as const],
    },
  );
  const violations = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replaceAll('\n', ' ')}`)
        .join('\n')}`,
  );
  expect(violations, `axe found violations on ${page.url()}:\n${violations.join('\n')}`).toEqual([]);
  const clipped = await clippedLabels(page);
  expect(clipped, `labels cut short on ${page.url()}:\n${clipped.join('\n')}`).toEqual([]);
}

/**
 * Buttons, links, badges and form labels whose own text does not fit them and is cut off (a button squeezed by a
 * long neighbour, a badge ellipsised on a phone): axe does not see it, and the reader loses the words (WCAG 1.4.10).
 */
function clippedLabels(page: Page) {
  return page.evaluate(() => {
    const cut: string[] = [];
    for (const element of document.querySelectorAll('button, a, label, .mantine-Badge-root')) {
      if (!element.getBoundingClientRect().width) continue;
      const text = element.querySelector('.mantine-Button-label, .mantine-Badge-label') ?? element;
      if (getComputedStyle(text).overflow === 'visible') continue;
      if (text.scrollWidth > text.clientWidth + 1)
        cut.push(`${element.tagName.toLowerCase()} "${element.textContent?.trim().slice(0, 60)}"`);
    }
    return cut;
  });
}

/**
 * Swedish words of the app shell (skip link, header, main menu, user menu, the common buttons) that must not
 * show once the interface is in English. Spread into a feature's own list for `expectEnglish`.
 */
export const SWEDISH_SHELL_UI = [
  'Hoppa till huvudinnehållet',
  'Huvudmeny',
  'Översikt',
  'Ärenden',
  'Förfrågningar',
  'Kunder',
  'Behovsanalys',
  'Kurser',
  'Matchning',
  'Uppföljning',
  'Processguide',
  'Byt organisation',
  'Användarmeny',
  'Logga ut',
  'Välkommen',
  'Spara',
  'Avbryt',
  'Stäng',
];

/**
 * The page is in English: `<html lang>` is "en", and none of `swedishUi` — Swedish interface words and
 * phrases, matched as whole words (case matters) — shows in the visible text, in the names and hints given as
 * attributes (aria-label, placeholder, title) or, for the whole page, in its title. With `within`, only that
 * part of the page is read (the rest may be other features' business).
 *
 * The data on a page is often Swedish — people, courses, organisations, cases, dialogue guides, staff
 * categories — and that is fine: choose words and phrases of the interface that the page's data does not
 * contain.
 */
export async function expectEnglish(page: Page, swedishUi: readonly string[], within?: Locator) {
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  const words = swedishUi.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const swedish = new RegExp(`(?<!\\p{L})(${words.join('|')})(?!\\p{L})`, 'u');
  const texts = await (within ?? page.locator('body')).evaluate((root: HTMLElement) => [
    ...(root === document.body ? [document.title] : []),
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered visible, line by line
    ...root.innerText.split('\n'),
    ...[root, ...root.querySelectorAll('[aria-label], [placeholder], [title]')].flatMap((el) =>
      ['aria-label', 'placeholder', 'title'].map((name) => el.getAttribute(name) ?? ''),
    ),
  ]);
  const leaks = texts.filter((text) => swedish.test(text)).map((text) => text.trim());
  expect(leaks, `Swedish interface text on ${page.url()}`).toEqual([]);
}

/**
 * Signs in and waits for the app shell, then makes the organisation named `at` the active one when given.
 *
 * Through the API, as the sign-in page does it, then opens the start page: the sign-in page itself is the
 * journey of session.test.ts, and going through it in every journey cost about a second each, a hundred
 * times a run. `english` (or `viaPage`) signs in through the page, with its English or Swedish labels, for
 * journeys about what that page shows.
 */
export async function signIn(
  page: Page,
  email: string,
  options: { english?: boolean; password?: string; at?: string; viaPage?: boolean } = {},
) {
  const password = options.password ?? DEMO_PASSWORD;
  const server = serverOf.get(page.context());
  if (options.english || options.viaPage || !server) {
    await signInOnPage(page, email, password, options.english ?? false);
    if (options.at) await switchOrganisation(page, options.at);
    return;
  }
  const request = page.context().request;
  const headers = { origin: server };
  const signedIn = await request.post('/api/auth/sign-in/email', { data: { email, password }, headers });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  if (options.at) {
    const me = (await (await request.get('/api/me')).json()) as {
      memberships: { id: string; tenant: { name: string } }[];
    };
    const membership = me.memberships.find((m) => m.tenant.name === options.at);
    if (!membership) throw new Error(`${email} is not a member of ${options.at}`);
    const switched = await request.put('/api/me/active-membership', {
      data: { membershipId: membership.id },
      headers,
    });
    expect(switched.status(), await switched.text()).toBe(200);
  }
  await page.goto('/');
  await page.getByRole('banner').waitFor();
  // The main menu is there (though folded away on a phone).
  await page.locator('nav#main-menu').waitFor({ state: 'attached' });
  if (options.at)
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="active-organisation"]')?.textContent?.includes(n),
      options.at,
    );
}

async function signInOnPage(page: Page, email: string, password: string, english: boolean) {
  await page.goto('/sign-in');
  await page.getByLabel(english ? 'E-mail address' : 'E-postadress').fill(email);
  await page.getByRole('textbox', { name: english ? 'Password' : 'Lösenord', exact: true }).fill(password);
  await page.getByRole('button', { name: english ? 'Sign in' : 'Logga in' }).click();
  await page.getByRole('banner').waitFor();
  await page.locator('nav#main-menu').waitFor({ state: 'attached' });
}

/**
 * Signs in, switches the interface to English and, when `at` is given, to that organisation, then opens
 * `menu` from the main menu: how the journeys that read a page in English start.
 */
export async function openInEnglish(page: Page, email: string, menu: string, options: { at?: string } = {}) {
  await signIn(page, email);
  await page.getByRole('button', { name: 'English' }).click();
  if (options.at) await switchOrganisation(page, options.at);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: menu }).click();
}

/**
 * Switches a signed-in user's interface language with the header's button and waits until the choice is
 * saved: the user's next sign-in (often the next journey's) starts in the language saved last, and a context
 * closed at once could leave the save undone.
 */
export async function chooseLanguage(page: Page, language: 'Svenska' | 'English') {
  await Promise.all([
    page.waitForResponse(
      (r) => r.url().endsWith('/api/me/preferences') && r.request().method() === 'PUT' && r.ok(),
    ),
    page.getByRole('button', { name: language }).click(),
  ]);
}

/** Waits until the section heading `name` (h2) has come into view just below the fixed header, as a link to it brings it. */
export async function expectSectionAtTop(page: Page, name: string) {
  const header = (await page.getByRole('banner').boundingBox())?.height ?? 0;
  const heading = page.getByRole('heading', { level: 2, name, exact: true });
  await expect
    .poll(async () => {
      const y = (await heading.boundingBox())?.y ?? -1;
      return y >= header && y < header + 100;
    })
    .toBe(true);
}

/** Waits until the h1 reads `text`. */
/**
 * A chart is one image to a screen reader, named by its text alternative (the table beside it has every figure):
 * no keyboard stop in it, and its drawing's parts hidden.
 */
export async function expectOneImage(chart: Locator) {
  await chart.waitFor();
  expect(await chart.locator('[tabindex="0"], [role="application"]').count()).toBe(0);
  expect(
    await chart
      .locator('svg')
      .evaluateAll((svgs) => svgs.every((svg) => svg.closest('[aria-hidden="true"]'))),
  ).toBe(true);
}

export async function expectHeading(page: Page, text: string | RegExp) {
  await page.getByRole('heading', { level: 1, name: text }).waitFor();
}

/** Makes `name` the active organisation (desktop header switcher), unless it already is. */
export async function switchOrganisation(page: Page, name: string) {
  const switcher = page
    .getByRole('banner')
    .getByRole('button', { name: /Byt organisation|Switch organisation/ });
  if (((await switcher.textContent()) ?? '').includes(name)) return;
  await switcher.click();
  await page.getByRole('menuitem', { name }).click();
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid="active-organisation"]')?.textContent?.includes(n),
    name,
  );
}

/**
 * Waits for the notification that reads `text` and closes it, so a later notification with the same
 * text (a second save) cannot be mistaken for this one.
 */
export async function dismissNotification(page: Page, text: string) {
  const notification = page.getByRole('alert').filter({ hasText: text });
  await notification.waitFor();
  await notification.getByRole('button', { name: /^(Stäng|Close)$/ }).click();
  await notification.waitFor({ state: 'detached' });
}
