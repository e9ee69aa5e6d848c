import { eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { authUser } from '../../src/features/auth/auth.table.ts';
import { grantRoles } from '../../src/features/tenancy/tenancy.service.ts';
import { organisation } from '../../src/features/tenancy/tenancy.table.ts';
import { addDays, stockholmDate } from '../../src/shared/stockholm-days.ts';
import {
  chooseLanguage,
  expectEnglish,
  expectHeading,
  expectNoAxeViolations,
  luppAndBrowser,
  newPage,
  SWEDISH_SHELL_UI,
  signIn,
  switchOrganisation,
} from './support/lupp.ts';

// The case pipeline at Mittlands universitet: a claimed inquiry becomes a case that moves through
// the stages behind its checklist, with a manager's override, customer dialogue, tasks, search, the
// kanban board; and the administrator's checklist and audit log.

const journey = luppAndBrowser();
let caseUrl = '';

const stage = (page: Page, name: string) =>
  page.getByTestId('case-stage').filter({ hasText: name }).waitFor();

async function karin(page: Page) {
  await signIn(page, 'karin.koordinator@mittland.example', { at: 'Mittlands universitet' });
}

/** Karin at Högskolan i Norrvik, whose demo cases she leads. */
async function karinAtNorrvik(page: Page) {
  await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
}

/** Opens the "Move to…" menu of a board card and picks `target` with the keyboard only. */
async function moveByKeyboard(page: Page, reference: string, target: string) {
  const button = page.getByTestId(`card-${reference}`).getByRole('button', { name: /Flytta till/ });
  await button.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menu').waitFor();
  // the focus moves to the menu's first item (visibly) after its opening transition; an arrow key pressed
  // before that stays on the button and goes nowhere
  await page.waitForFunction(() => document.activeElement?.closest('[role="menu"]') != null);
  expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('menuitem');
  for (let i = 0; i < 10; i++) {
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    if (focused === target) break;
    await page.keyboard.press('ArrowDown');
  }
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(target);
  await page.keyboard.press('Enter');
  await page.getByRole('menu').waitFor({ state: 'detached' });
}

describe('a case from claim to the board', () => {
  it('is refused a move with the missing items named, then moves when they are ticked; a manager overrides', async () => {
    const { context, page, errors } = await newPage(journey);
    await karin(page);
    await page.goto('/inquiries');
    await page.getByRole('link', { name: 'Stålverket i Norrvik AB' }).click();
    await page.getByRole('button', { name: 'Ta ärendet' }).click();
    await page.getByRole('link', { name: 'Öppna ärendet' }).click();
    await stage(page, 'Förfrågan');
    caseUrl = new URL(page.url()).pathname;
    await page.getByRole('navigation', { name: 'Ärendets steg' }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Flytta till nästa steg: Kvalificering' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'Ärendet kan inte flyttas än' });
    await refused.getByText('Kontakt tagen med kunden').waitFor();
    await refused.getByText('Ansvarig samordnare utsedd').waitFor();
    await expectNoAxeViolations(page);

    const inquiryStage = page.getByTestId('checklist-inquiry');
    // ticked from the keyboard: the box is disabled while it saves, and the focus comes back to it
    const contacted = inquiryStage.getByRole('checkbox', { name: /Kontakt tagen med kunden/ });
    await contacted.focus();
    await page.keyboard.press('Space');
    await inquiryStage.getByText(/Klart .* av Karin Berg/).waitFor();
    await expect.poll(() => contacted.evaluate((box) => box === document.activeElement)).toBe(true);
    await inquiryStage.getByRole('button', { name: 'Kommentera: Ansvarig samordnare utsedd' }).click();
    const comment = page.getByRole('dialog', { name: 'Kommentar till kontrollpunkt' });
    // The dialog's header is no second banner landmark (screen readers list landmarks to jump between).
    expect(await page.getByRole('banner').count()).toBe(1);
    await comment.getByRole('textbox', { name: 'Kommentar' }).fill('Karin är ansvarig.');
    await comment.getByRole('button', { name: 'Markera som klar med kommentar' }).click();
    await inquiryStage.getByText(/Karin är ansvarig\./).waitFor();
    await page.getByText('Klar, med kommentar: Ansvarig samordnare utsedd').waitFor();
    await page.getByText('Alla obligatoriska kontrollpunkter i steget är klara.').waitFor();
    await page.getByRole('button', { name: 'Flytta till nästa steg: Kvalificering' }).click();
    await stage(page, 'Kvalificering');
    await page.getByText('Flyttat från Förfrågan till Kvalificering').waitFor();
    // A coordinator is not offered the manager's override.
    expect(await page.getByRole('button', { name: /Flytta ändå/ }).count()).toBe(0);

    // Maria, manager, moves it on past the checklist, with a reason.
    const manager = await newPage(journey);
    await signIn(manager.page, 'maria.chef@mittland.example');
    await manager.page.goto(caseUrl);
    await stage(manager.page, 'Kvalificering');
    await manager.page.getByRole('button', { name: 'Flytta ändå (chef)…' }).click();
    const override = manager.page.getByRole('dialog', { name: 'Flytta förbi kontrollpunkterna' });
    await override.getByRole('textbox', { name: 'Motivering' }).fill('Kort');
    await override.getByRole('button', { name: 'Flytta med motivering' }).click();
    await override.getByText('Skriv en motivering med minst 10 tecken.').waitFor();
    await expectNoAxeViolations(manager.page);
    await override
      .getByRole('textbox', { name: 'Motivering' })
      .fill('Beslutat i ledningsgruppen: kunden har bråttom.');
    await override.getByRole('button', { name: 'Flytta med motivering' }).click();
    await stage(manager.page, 'Dialog');
    await manager.page
      .getByText('Förbi kontrollpunkterna: Beslutat i ledningsgruppen: kunden har bråttom.')
      .waitFor();
    await manager.context.close();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('records a meeting with the three questions, finds the case by a word from it, and lists it as overdue', async () => {
    const { context, page } = await newPage(journey);
    await karin(page);
    await page.goto(caseUrl);
    await stage(page, 'Dialog');

    const entry = page.getByRole('form', { name: 'Ny händelse' });
    await entry.getByRole('textbox', { name: 'Rubrik' }).fill('Första behovsmötet');
    await entry.getByRole('textbox', { name: 'Deltagare' }).fill('Sara Ståhl (kund), Karin Berg');
    await entry.getByRole('textbox', { name: 'Varför?' }).fill('Färre oplanerade stopp i valsverket.');
    await entry.getByRole('textbox', { name: 'Vad?' }).fill('Underhållsteknik för skiftledare.');
    await entry.getByRole('textbox', { name: 'Hur?' }).fill('Halvdistans, fyra träffar på bruket.');
    await entry
      .getByRole('textbox', { name: 'Anteckningar' })
      .fill('Kunden nämnde vibrationsanalys flera gånger.');
    await entry.getByRole('checkbox', { name: 'Synlig för kunden' }).check();
    await expectNoAxeViolations(page);
    await entry.getByRole('button', { name: 'Spara händelsen' }).click();
    const timeline = page.getByTestId('case-entries');
    await timeline.getByText('Första behovsmötet').waitFor();
    await timeline.getByText('Färre oplanerade stopp i valsverket.').waitFor();
    // the form is emptied in the same step as the timeline grows, but may be drawn a moment later
    await expect.poll(() => entry.getByRole('textbox', { name: 'Rubrik' }).inputValue()).toBe('');

    // A task already past its due date is marked overdue.
    const task = page.getByRole('form', { name: 'Ny uppgift' });
    await task.getByRole('textbox', { name: 'Uppgift' }).fill('Skicka utkast till upplägg');
    await task.getByLabel('Klart senast').fill('2020-01-10');
    await task.getByRole('combobox', { name: 'Ansvarig' }).selectOption({ label: 'Jag (Karin Berg)' });
    await task.getByRole('button', { name: 'Lägg till uppgift' }).click();
    const tasks = page.getByTestId('task-list');
    await tasks.getByText('Försenad').waitFor();
    await tasks.getByText('Ansvarig: Karin Berg').waitFor();
    await expectNoAxeViolations(page);

    // Full-text search finds it by a word in the meeting notes.
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Ärenden' }).click();
    await expectHeading(page, 'Ärenden');
    await page.getByRole('searchbox', { name: 'Sök i ärenden' }).fill('vibrationsanalys');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByTestId('case-total').filter({ hasText: '1 ärende' }).waitFor();
    await page.getByTestId('cases-table').getByText('Stålverket i Norrvik AB').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('searchbox', { name: 'Sök i ärenden' }).fill('finnsinteallsnågonstans');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText('Inga ärenden matchar.').waitFor();

    await page.getByRole('searchbox', { name: 'Sök i ärenden' }).fill('');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    // The filter lives in the address (so it can be shared); the box follows once the router has moved.
    const overdueOnly = page.getByRole('checkbox', { name: 'Bara med försenade uppgifter' });
    await overdueOnly.click();
    await page.getByTestId('case-total').filter({ hasText: '1 ärende' }).waitFor();
    expect(await overdueOnly.isChecked()).toBe(true);
    await page.getByTestId('cases-table').getByText('1 försenad uppgift').waitFor();

    // Her overview says what to do: the overdue task first, her open case, the inquiries still waiting.
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Översikt' }).click();
    const tasksToDo = page.getByRole('region', { name: 'Mina uppgifter' });
    await tasksToDo.getByText('1 öppen uppgift, varav 1 försenad.').waitFor();
    await tasksToDo
      .getByRole('listitem')
      .filter({ hasText: 'Skicka utkast till upplägg' })
      .getByText('Försenad')
      .waitFor();
    await page
      .getByRole('region', { name: 'Mina ärenden' })
      .getByText(/^Du är ansvarig för \d+ (öppet ärende|öppna ärenden)\.$/)
      .waitFor();
    const waiting = page.getByRole('region', { name: 'Förfrågningar som väntar på svar' });
    await waiting
      .getByText(/^\d+ förfrågningar? i inkorgen, varav (ingen försenad|\d+ försenade?)\.$/)
      .waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page
      .getByRole('region', { name: 'My tasks' })
      .getByText('1 open task, 1 of them overdue.')
      .waitFor();
    await page.getByRole('region', { name: 'Inquiries awaiting an answer' }).waitFor();
    await expectEnglish(page, [
      ...SWEDISH_SHELL_UI,
      'Att göra',
      'Mina uppgifter',
      'Försenad',
      'Svara senast',
    ]);
    await expectNoAxeViolations(page);
    await chooseLanguage(page, 'Svenska');
    await tasksToDo.getByRole('link', { name: 'Skicka utkast till upplägg' }).click();
    await page.getByTestId('task-list').getByText('Försenad').waitFor();
    await context.close();
  });

  it('shows the case in its column on the board and moves it with the keyboard, naming what is missing', async () => {
    const { context, page } = await newPage(journey);
    await karin(page);
    await page.goto('/cases?view=board');
    const reference = (
      await page
        .getByTestId('column-dialogue')
        .getByText(/UF-\d{4}-\d{5}/)
        .first()
        .textContent()
    )?.match(/UF-\d{4}-\d{5}/)?.[0];
    expect(reference).toBeDefined();
    await page.getByRole('heading', { name: 'Dialog (1)' }).waitFor();
    // eight columns do not fit 1280 pixels: the board says it scrolls sideways
    await page
      .getByTestId('board-scroll-hint')
      .getByText(
        'rulla i sidled, eller med piltangenterna när tavlan har fokus, för att se alla 8 steg från Förfrågan till Uppföljning',
        { exact: false },
      )
      .waitFor();
    await expectNoAxeViolations(page);

    // Forward: refused, with the missing items of the dialogue stage listed.
    await moveByKeyboard(page, reference ?? '', 'Utformning');
    const refused = page.getByRole('alert').filter({ hasText: 'kan inte flyttas till Utformning än' });
    await refused.getByText('Varför: vad utbildningen ska leda till för individ och organisation').waitFor();
    await expectNoAxeViolations(page);

    // Back a step: always allowed.
    await moveByKeyboard(page, reference ?? '', 'Kvalificering');
    await page.getByTestId('column-qualification').getByTestId(`card-${reference}`).waitFor();
    await page.getByRole('heading', { name: 'Dialog (0)' }).waitFor();

    // The same moves by dragging, under the same gates: back to the inquiry column, then forward again
    // (its inquiry items were ticked earlier); forward past the undone qualification items is refused.
    const card = () => page.getByTestId(`card-${reference}`);
    await card().dragTo(page.getByTestId('column-inquiry'));
    await page.getByTestId('column-inquiry').getByTestId(`card-${reference}`).waitFor();
    await card().dragTo(page.getByTestId('column-qualification'));
    await page.getByTestId('column-qualification').getByTestId(`card-${reference}`).waitFor();
    await card().dragTo(page.getByTestId('column-dialogue'));
    await page
      .getByRole('alert')
      .filter({ hasText: 'kan inte flyttas till Dialog' })
      .getByText('Examensrätt i ämnet bekräftad')
      .waitFor();
    expect(await page.getByTestId('column-qualification').getByTestId(`card-${reference}`).count()).toBe(1);
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('lists the cases of all her HEIs with their HEI named, and opens one of the other HEI as that HEI', async () => {
    const { context, page } = await newPage(journey);
    await karin(page);
    await page.goto('/cases');
    await page.getByTestId('case-total').waitFor();
    expect(await page.getByTestId('cases-table').getByText('Högskolan i Norrvik').count()).toBe(0);
    await page.getByRole('combobox', { name: 'Lärosäte' }).selectOption({ label: 'Alla mina lärosäten' });
    const table = page.getByTestId('cases-table');
    await table.getByRole('columnheader', { name: 'Lärosäte' }).waitFor();
    await table.getByText('Högskolan i Norrvik').first().waitFor();
    await table.getByText('Stålverket i Norrvik AB').first().waitFor();
    await expectNoAxeViolations(page);

    const norrvikRow = table.getByRole('row').filter({ hasText: 'Högskolan i Norrvik' }).first();
    const title = await norrvikRow.getByRole('link').textContent();
    const norrvikCase = (await norrvikRow.getByRole('link').getAttribute('href')) ?? '';
    await norrvikRow.getByRole('link').click();
    await expectHeading(page, title ?? '');
    const switcher = page.getByRole('banner').getByRole('button', { name: /Byt organisation/ });
    await switcher.filter({ hasText: 'Högskolan i Norrvik' }).waitFor();
    await expectNoAxeViolations(page);

    // a link to it (an e-mail's) opened while Mittland is active: not found there, and one switch away
    await switchOrganisation(page, 'Mittlands universitet');
    await page.goto(norrvikCase);
    await page.getByText('Ärendet finns inte, eller så hör det till ett annat lärosäte.').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Byt till Högskolan i Norrvik' }).click();
    await expectHeading(page, title ?? '');
    await switcher.filter({ hasText: 'Högskolan i Norrvik' }).waitFor();
    await context.close();
  });
});

describe('administration of the pipeline', () => {
  it("adapts the HEI's checklist: a new required item shows on the case", async () => {
    const { context, page } = await newPage(journey);
    await signIn(page, 'astrid.admin@mittland.example');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Kontrollpunkter' })
      .click();
    await expectHeading(page, 'Kontrollpunkter');
    const inquiry = page.getByTestId('admin-checklist-inquiry');
    await inquiry.getByRole('textbox', { name: 'Text på svenska' }).first().waitFor();
    await expectNoAxeViolations(page);
    await inquiry.getByRole('button', { name: 'Lägg till kontrollpunkt i Förfrågan' }).click();
    const added = inquiry.getByRole('group', { name: 'Kontrollpunkt 3 i Förfrågan' });
    await added.getByRole('textbox', { name: 'Text på svenska' }).fill('Ärendet registrerat i diariet');
    await added.getByRole('textbox', { name: 'Text på engelska' }).fill('x');
    await added.getByRole('checkbox', { name: 'Obligatorisk' }).check();
    // ticked by Lupp itself when the case's proposal is sent (the registry's copy is of the proposal)
    await added
      .getByRole('combobox', { name: 'Bockas av i Lupp' })
      .selectOption({ label: 'När offerten skickas' });
    await page.getByRole('button', { name: 'Spara kontrollpunkterna' }).click();
    await added.getByText('Skriv 3–300 tecken.').waitFor();
    await added.getByRole('textbox', { name: 'Text på engelska' }).fill('Case registered in the records');
    await added.getByRole('button', { name: 'Flytta upp: Kontrollpunkt 3 i Förfrågan' }).click();
    await page.getByRole('button', { name: 'Spara kontrollpunkterna' }).click();
    await page.getByText('Kontrollpunkterna har sparats.').waitFor();
    expect(
      await inquiry
        .getByRole('group', { name: 'Kontrollpunkt 2 i Förfrågan' })
        .getByRole('textbox', { name: 'Text på svenska' })
        .inputValue(),
    ).toBe('Ärendet registrerat i diariet');
    await expectNoAxeViolations(page);
    await context.close();

    const coordinator = await newPage(journey);
    await karin(coordinator.page);
    await coordinator.page.goto(caseUrl);
    const inquiryStage = coordinator.page.getByTestId('checklist-inquiry');
    await inquiryStage
      .getByRole('checkbox', { name: 'Ärendet registrerat i diariet (obligatorisk)' })
      .waitFor();
    await inquiryStage.getByText('Bockas av i Lupp när offerten skickas.').waitFor();
    await coordinator.context.close();
  });

  it('lists what was just done in the audit log, narrows it to a kind, a person and a record, and exports it as CSV', async () => {
    const { context, page } = await newPage(journey);
    await signIn(page, 'astrid.admin@mittland.example');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Revisionslogg' })
      .click();
    await expectHeading(page, 'Revisionslogg');
    const table = page.getByTestId('audit-table');
    // each kind of event by its name, each record by its kind
    await table.getByText('Kontrollpunkter ändrade').first().waitFor();
    await table.getByText('Ärendets steg ändrat').first().waitFor();
    await table
      .locator('td:nth-child(4)')
      .filter({ hasText: /^Ärende [0-9a-f]{8}$/ })
      .first()
      .waitFor();
    const kinds = await table.getByRole('row').locator('td:nth-child(3)').allTextContents();
    expect(kinds.filter((kind) => /^[a-z_]+\.[a-z_]+$/.test(kind))).toEqual([]); // no code without its name
    await page
      .getByRole('status')
      .filter({ hasText: /^\d+ händelser$/ })
      .waitFor();
    await expectNoAxeViolations(page);

    const action = page.getByRole('combobox', { name: 'Händelse' });
    const actor = page.getByRole('combobox', { name: 'Vem' });
    await action.selectOption({ label: 'Kontrollpunkter ändrade' });
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '1 händelse' }).waitFor();
    await table.getByRole('row').nth(1).getByText('Kontrollpunkter ändrade').waitFor();
    expect(await table.getByRole('row').count()).toBe(2);
    // its details by their names, not the stored codes (the export keeps those)
    await table
      .getByRole('row')
      .nth(1)
      .getByText(/^Kontrollpunkter: \d+$/)
      .waitFor();

    const href = (await page.getByRole('link', { name: 'Ladda ned som CSV' }).getAttribute('href')) ?? '';
    expect(href).toContain('format=csv');
    const csv = await page.request.get(href);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain('checklist.replaced'); // the export keeps the stable codes

    // what Karin did, and then the whole history of one record she changed
    await action.selectOption({ label: 'Alla händelser' });
    await actor.selectOption({ label: 'Karin Berg' });
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await table.getByText('Ärendets steg ändrat').first().waitFor();
    const actors = await table.getByRole('row').locator('td:nth-child(2)').allTextContents();
    expect(new Set(actors)).toEqual(new Set(['Karin Berg']));
    await table
      .getByRole('link', { name: /^Alla händelser om ärende / })
      .first()
      .click();
    await page.getByText(/^Visar bara händelser om /).waitFor();
    // the note follows the address at once; the previous list stays on screen until the record's has come
    await table
      .getByRole('link', { name: /^Alla händelser om / })
      .first()
      .waitFor({ state: 'detached' });
    expect(await table.getByRole('link', { name: /^Alla händelser om / }).count()).toBe(0);
    await page.getByText(/^Visar bara händelser om ärende [0-9a-f]{8}\.$/).waitFor();
    expect(await actor.inputValue()).not.toBe('');
    await expectNoAxeViolations(page);

    // back finds the log as it was; "every record" lifts the record's filter only
    await page.goBack();
    await page.getByText(/^Visar bara händelser om /).waitFor({ state: 'detached' });
    await table
      .getByRole('link', { name: /^Alla händelser om ärende / })
      .first()
      .click();
    await page.getByRole('button', { name: 'Visa alla poster' }).click();
    await page.getByText(/^Visar bara händelser om /).waitFor({ state: 'detached' });
    expect(await actor.inputValue()).not.toBe('');

    // in English, a record's history reads as such
    await table
      .getByRole('link', { name: /^Alla händelser om ärende / })
      .first()
      .click();
    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'Audit log');
    await page.getByText(/^Showing only the events about /).waitFor();
    await table
      .locator('td:nth-child(4)')
      .filter({ hasText: /^Case [0-9a-f]{8}$/ })
      .first()
      .waitFor();
    await page.getByText(/^Showing only the events about case [0-9a-f]{8}\.$/).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^\d+ events?$/ })
      .waitFor();
    await expectEnglish(page, [
      ...SWEDISH_SHELL_UI,
      'Revisionslogg',
      'Händelse',
      'Vem',
      'Alla händelser',
      'Alla personer',
      'Visa alla poster',
      'händelser',
      'Ladda ned som CSV',
    ]);
    await expectNoAxeViolations(page);
    await context.close();
  });
});

describe("a case's details and who leads it", () => {
  it('shows how a public customer buys, with the tender on the overview; the details are corrected in a dialog', async () => {
    const { context, page } = await newPage(journey);
    await karinAtNorrvik(page);
    // the demo's regional course is out to tender, due in twelve days
    const mine = page.getByRole('region', { name: 'Mina ärenden' });
    const tenders = mine.getByRole('list', { name: 'Anbud att lämna' });
    await tenders.getByText(/^UF-\d{4}-\d+ Region Mittland · senast .+ \d{4}$/).waitFor();
    await expectNoAxeViolations(page);
    await tenders.getByRole('link', { name: 'Informationssäkerhet och NIS2' }).click();
    await expectHeading(page, 'Informationssäkerhet och NIS2');
    const purchase = page.getByTestId('case-purchase');
    await purchase
      .getByText(/Annonserad upphandling · anbud senast .* \(om 12 dagar\) · RM 2026\/1187/)
      .waitFor();
    expect(
      await purchase.getByRole('link', { name: 'Processguiden: Offentlig upphandling' }).getAttribute('href'),
    ).toMatch(/^\/guide\/l\/[0-9a-f-]+\/public-procurement$/);

    const edit = page.getByRole('button', { name: 'Ändra uppgifter…' });
    const hasFocus = (element: Locator) => element.evaluate((e) => e === document.activeElement);
    await edit.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /^Ändra uppgifterna om UF-/ });
    await expectNoAxeViolations(page);
    // closed with Escape, the keyboard focus is back on the button that opened it
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => hasFocus(edit)).toBe(true);
    await page.keyboard.press('Enter');
    // a title too short is refused in the form, nothing is saved, and the focus is on the field to correct
    await dialog.getByRole('textbox', { name: 'Rubrik' }).fill('IT');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.getByText('Skriv en rubrik med minst 3 tecken.').waitFor();
    await expect.poll(() => hasFocus(dialog.getByRole('textbox', { name: 'Rubrik' }))).toBe(true);
    await dialog.getByRole('textbox', { name: 'Rubrik' }).fill('Informationssäkerhet och NIS2 för regionen');
    await dialog
      .getByRole('combobox', { name: 'Hur kunden köper' })
      .selectOption({ label: 'Avrop från ramavtal' });
    await dialog.getByLabel('Sista anbudsdag').fill(addDays(stockholmDate(new Date()), 5));
    await dialog
      .getByRole('textbox', { name: 'Kundens diarienummer eller ramavtal' })
      .fill('Ramavtal IT-utbildning 2026');
    // the number Norrvik's registry gives the case, which its proposals and agreements will carry
    await dialog.getByRole('textbox', { name: 'Lärosätets diarienummer' }).fill('HiN 2026/0815');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectHeading(page, 'Informationssäkerhet och NIS2 för regionen');
    await expect.poll(() => hasFocus(edit)).toBe(true);
    await page.getByText('Dnr HiN 2026/0815', { exact: false }).waitFor();
    await purchase
      .getByText(/Avrop från ramavtal · anbud senast .* \(om 5 dagar\) · Ramavtal IT-utbildning 2026/)
      .waitFor();
    await page
      .getByTestId('case-entries')
      .getByText(
        'Uppgifterna ändrades: rubrik, hur kunden köper, sista anbudsdag, kundens diarienummer, lärosätets diarienummer',
      )
      .waitFor();
    await expectNoAxeViolations(page);
    // the cases list finds it by that number
    await page.goto(`/cases?q=${encodeURIComponent('2026/0815')}`);
    await page
      .getByTestId('cases-table')
      .getByRole('link', { name: 'Informationssäkerhet och NIS2 för regionen' })
      .waitFor();
    await context.close();
  });

  it('is handed over to a colleague with a note; the new owner is told and reads it in English', async () => {
    // Frida, Norrvik's economist, also coordinates from now on (what an admin gives under Administration → Medlemmar)
    const db = journey.lupp.database.db;
    const [frida] = await db
      .select()
      .from(authUser)
      .where(eq(authUser.email, 'frida.ekonom@norrvik.example'));
    const [norrvik] = await db
      .select()
      .from(organisation)
      .where(eq(organisation.name, 'Högskolan i Norrvik'));
    await grantRoles(db, frida?.id ?? '', norrvik?.id ?? '', ['coordinator']);

    const { context, page } = await newPage(journey);
    await karinAtNorrvik(page);
    await page.goto('/cases?q=NIS2');
    // the list says when the tender is due
    await page
      .getByTestId('cases-table')
      .getByRole('row')
      .filter({ hasText: 'Informationssäkerhet och NIS2 för regionen' })
      .getByText(/^Anbud senast .+ \d{4}$/)
      .waitFor();
    await page.getByRole('link', { name: 'Informationssäkerhet och NIS2 för regionen' }).click();
    await page.getByRole('button', { name: 'Lämna över…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Lämna över UF-/ });
    await dialog.getByRole('button', { name: 'Lämna över' }).click();
    await dialog.getByText('Välj en samordnare på lärosätet.').waitFor();
    await dialog.getByRole('combobox', { name: 'Ny ansvarig' }).selectOption({ label: 'Frida Lund' });
    await dialog
      .getByRole('textbox', { name: 'Meddelande till den nya ansvariga' })
      .fill('Regionen vill ha anbudet på fredag. Kalkylen är klar.');
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Lämna över' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(/^UF-\d{4}-\d+ leds nu av Frida Lund\.$/).waitFor();
    await page.getByText('Ansvarig: Frida Lund').waitFor();
    const entries = page.getByTestId('case-entries');
    await entries.getByText('Lämnades över från Karin Berg till Frida Lund').waitFor();
    await entries.getByText('Regionen vill ha anbudet på fredag. Kalkylen är klar.').waitFor();
    await context.close();

    const fridasPage = await newPage(journey);
    await signIn(fridasPage.page, 'frida.ekonom@norrvik.example');
    const bell = fridasPage.page.getByRole('banner').getByRole('button', { name: /Aviseringar/ });
    await bell.click();
    await fridasPage.page
      .getByText(/Karin Berg lämnade över UF-\d{4}-\d+ till dig/)
      .first()
      .click();
    await expectHeading(fridasPage.page, 'Informationssäkerhet och NIS2 för regionen');
    await fridasPage.page.getByRole('button', { name: 'English' }).click();
    await fridasPage.page.getByText('Owner: Frida Lund').waitFor();
    await fridasPage.page
      .getByTestId('case-purchase')
      .getByText(/Call-off under a framework agreement · tender due .* \(in 5 days\)/)
      .waitFor();
    const english = fridasPage.page.getByTestId('case-entries');
    await english.getByText('Handed over from Karin Berg to Frida Lund').waitFor();
    await english
      .getByText(
        "Details changed: title, how the customer buys, tender deadline, customer's reference, the HEI's registration number",
      )
      .waitFor();
    await fridasPage.page.getByText('Reg. no. HiN 2026/0815', { exact: false }).waitFor();
    // the case's dialogue guides are the HEI's own texts, in Swedish: the interface's words are read
    await expectEnglish(fridasPage.page, [
      'Lämnades över',
      'Ändra uppgifter',
      'Lämna över',
      'Hur kunden köper',
      'Ansvarig',
      'anbud senast',
      'Uppgifterna ändrades',
    ]);
    await expectNoAxeViolations(fridasPage.page);
    // the two dialogs read in English too
    const fridas = fridasPage.page;
    const swedishDialogUi = [
      'Ändra',
      'Rubrik',
      'Behovet',
      'Hur kunden köper',
      'Sista anbudsdag',
      'Spara',
      'Avbryt',
    ];
    await fridas.getByRole('button', { name: 'Change details…' }).click();
    const edit = fridas.getByRole('dialog', { name: /^Change the details of UF-/ });
    await edit.getByRole('combobox', { name: 'How the customer buys' }).waitFor();
    await edit.getByLabel('Tender deadline').waitFor();
    expect(await edit.getByRole('textbox', { name: "The HEI's registration number" }).inputValue()).toBe(
      'HiN 2026/0815',
    );
    await expectEnglish(fridas, swedishDialogUi, edit);
    await expectNoAxeViolations(fridas);
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await edit.waitFor({ state: 'detached' });
    await fridas.getByRole('button', { name: 'Hand over…' }).click();
    const hand = fridas.getByRole('dialog', { name: /^Hand over UF-/ });
    await hand.getByRole('combobox', { name: 'New owner' }).waitFor();
    await expectEnglish(fridas, ['Lämna över', 'Ny ansvarig', 'Meddelande', 'Avbryt'], hand);
    await hand.getByRole('button', { name: 'Cancel' }).click();
    await hand.waitFor({ state: 'detached' });
    // and her overview lists the tender she now has to submit
    await fridas.goto('/');
    await fridas
      .getByRole('region', { name: 'My cases' })
      .getByRole('list', { name: 'Tenders to submit' })
      .getByRole('link', { name: 'Informationssäkerhet och NIS2 för regionen' })
      .waitFor();
    await fridasPage.context.close();
  });

  it("hands all of a colleague's open cases to another coordinator at once", async () => {
    const { context, page } = await newPage(journey);
    await signIn(page, 'nils.chef@norrvik.example');
    await page.goto('/cases');
    await page.getByRole('button', { name: 'Lämna över ärenden…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lämna över en kollegas öppna ärenden' });
    await dialog.getByRole('combobox', { name: 'Ärenden som leds av' }).selectOption({ label: 'Karin Berg' });
    await dialog.getByRole('combobox', { name: 'Ny ansvarig' }).selectOption({ label: 'Frida Lund' });
    await dialog
      .getByRole('textbox', { name: 'Meddelande till den nya ansvariga' })
      .fill('Karin arbetar på Mittland i vår.');
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Lämna över' }).click();
    await page.getByText(/^\d+ ärenden leds nu av Frida Lund\.$/).waitFor();
    await context.close();
    // Karin leads no open case at Norrvik any more
    const karinsPage = await newPage(journey);
    await karinAtNorrvik(karinsPage.page);
    await karinsPage.page
      .getByRole('region', { name: 'Mina ärenden' })
      .getByText('Du är inte ansvarig för något öppet ärende.')
      .waitFor();
    await karinsPage.context.close();
  });

  it('asks the admin who takes over the open cases of a member they remove', async () => {
    const { context, page } = await newPage(journey);
    await signIn(page, 'oskar.admin@norrvik.example');
    await page.goto('/admin/members');
    const frida = page.getByTestId('members-table').getByRole('row').filter({ hasText: 'Frida Lund' });
    const leads = (await frida.getByText(/^Leder \d+ öppna ärenden$/).textContent()) ?? '';
    const count = leads.match(/\d+/)?.[0] ?? '';
    await frida.getByRole('button', { name: 'Ta bort Frida Lund' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ta bort medlem' });
    await dialog.getByRole('button', { name: 'Ta bort' }).click();
    await dialog.getByText('Välj vem som ska ta över ärendena.').waitFor();
    await dialog
      .getByRole('combobox', { name: `Frida Lund leder ${count} öppna ärenden. Lämna över dem till` })
      .selectOption({ label: 'Karin Berg' });
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Ta bort' }).click();
    await page.getByText('Frida Lund har tagits bort.').waitFor();
    await page
      .getByTestId('members-table')
      .getByRole('row')
      .filter({ hasText: 'Karin Berg' })
      .getByText(`Leder ${count} öppna ärenden`)
      .waitFor();
    await context.close();
  });
});
