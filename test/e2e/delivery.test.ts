import { readFile } from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSession, deleteSession } from '../../src/features/delivery/delivery.service.ts';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { addDays, stockholmDate } from '../../src/shared/stockholm-days.ts';
import { designateWelders, WELDING_CASE, WELDING_DESIGN, weldingChain } from './support/commercial.ts';
import {
  expectEnglish,
  expectHeading,
  expectNoAxeViolations,
  expectSectionAtTop,
  luppAndBrowser,
  newPage,
  openInEnglish,
  signIn,
} from './support/lupp.ts';

// The welding course is under way. Karin (coordinator at Norrvik) schedules its two sessions, records who came
// to the first, and shares the attendance with Stålverket, whose Sara reads the schedule and the attendance in
// the portal; issuing micro-credentials, Karin sees who attended.

const journey = luppAndBrowser();
let chain: Awaited<ReturnType<typeof weldingChain>>;
const year = new Date().getUTCFullYear() + 1;

beforeAll(async () => {
  chain = await weldingChain(journey.lupp, 'signed', {
    examination: 'Provsvetsning',
    karinLectures: true,
    larsProfesses: true,
  });
  await designateWelders(journey.lupp, chain, [
    ['Anna', 'anna.svetsare@stalverket.example', '19850312-1231'],
    ['Bo', null, '19780501-0050'],
  ]);
}, 120_000);

describe('delivery: sessions and attendance', () => {
  it('Karin schedules two sessions, records who came to the first, and shares the attendance', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.goto(`/cases/${chain.caseId}#case-delivery`);
    await expectHeading(page, WELDING_CASE);
    const section = page.getByRole('region', { name: 'Genomförande' });
    await section.getByText('Inga kurstillfällen ännu.').waitFor();

    const add = async (day: string, topic: string, teacher = '') => {
      await section.getByRole('button', { name: 'Lägg till kurstillfälle…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Lägg till kurstillfälle' });
      if (day) await dialog.getByLabel('Dag').fill(day);
      await dialog.getByRole('combobox', { name: 'Plats' }).fill('Svetslabbet, hus B');
      await dialog.getByRole('textbox', { name: 'Innehåll' }).fill(topic);
      if (teacher) await dialog.getByRole('combobox', { name: 'Lärare' }).fill(teacher);
      await dialog.getByRole('button', { name: 'Spara' }).click();
      return dialog;
    };
    const refused = await add('', 'Introduktion');
    await refused.getByText('Välj dagen.').waitFor();
    await expectNoAxeViolations(page);
    await refused.getByLabel('Dag').fill(`${year}-02-03`);
    await refused.getByRole('button', { name: 'Spara' }).click();
    await refused.waitFor({ state: 'detached' });
    await (await add(`${year}-02-10`, 'Provsvetsning', 'Lektor i svetsteknik')).waitFor({
      state: 'detached',
    });

    const sessions = section.getByRole('table', { name: `Kurstillfällen i ${WELDING_DESIGN}` });
    // a session entered twice by mistake: the lecturer (Karin's own account) would teach both at once
    await (await add(`${year}-02-10`, 'Dubblett', 'Lektor i svetsteknik')).waitFor({ state: 'detached' });
    const clash =
      'Krock: Lektor i svetsteknik undervisar samtidigt, 09:00–16:00, i ett annat tillfälle av den här kursen.';
    await sessions
      .getByRole('row', { name: /Dubblett/ })
      .getByText(clash)
      .waitFor();
    await sessions
      .getByRole('row', { name: /Provsvetsning/ })
      .getByText(clash)
      .waitFor();
    // and the welding lab would be booked twice
    await sessions
      .getByRole('row', { name: /Dubblett/ })
      .getByText('Krock: lokalen är bokad samtidigt, 09:00–16:00, för ett annat tillfälle av den här kursen.')
      .waitFor();
    await expectNoAxeViolations(page);
    // so it is removed after a question, and the clash goes with it
    await sessions
      .getByRole('row', { name: /Dubblett/ })
      .getByRole('button', { name: /^Ta bort kurstillfället/ })
      .click();
    const confirm = page.getByRole('dialog', { name: /^Ta bort kurstillfället/ });
    await confirm.getByText('Närvaron som registrerats för tillfället tas bort med det.').waitFor();
    await expectNoAxeViolations(page);
    await confirm.getByRole('button', { name: 'Ta bort' }).click();
    await sessions.getByRole('row', { name: /Dubblett/ }).waitFor({ state: 'detached' });
    expect(await sessions.getByText(/^Krock:/).count()).toBe(0);
    await sessions
      .getByRole('row', { name: /09:00–16:00 Svetslabbet, hus B Introduktion Inte registrerad/ })
      .waitFor();
    // a session the teacher cannot give is called off: it stays, marked, with why
    await (await add(`${year}-02-24`, 'Repetition')).waitFor({ state: 'detached' });
    await sessions
      .getByRole('row', { name: /Repetition/ })
      .getByRole('button', { name: /^Ställ in kurstillfället/ })
      .click();
    const cancel = page.getByRole('dialog', { name: /^Ställ in kurstillfället/ });
    await cancel.getByRole('textbox', { name: /^Orsak/ }).fill('Läraren är sjuk; ny tid kommer.');
    await cancel.getByRole('checkbox', { name: 'Meddela deltagarna och kunden' }).waitFor();
    await expectNoAxeViolations(page);
    await cancel.getByRole('button', { name: 'Ställ in' }).click();
    // Anna has an e-mail address, Bo has none
    await page.getByText('Tillfället är inställt. 1 deltagare fick e-post.').first().waitFor();
    const cancelled = sessions.getByRole('row', {
      name: /Repetition Inställt: Läraren är sjuk; ny tid kommer\. Inställt/,
    });
    await cancelled.getByRole('button', { name: /^Ge kurstillfället .* ändå$/ }).waitFor();
    expect(await cancelled.getByRole('button', { name: /^Registrera närvaro/ }).count()).toBe(0);
    await expectNoAxeViolations(page);
    expect(await sessions.getByRole('row').count()).toBe(4);

    await sessions
      .getByRole('button', { name: /^Registrera närvaro/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: /^Närvaro/ });
    await dialog.getByRole('button', { name: 'Alla närvarande' }).click();
    await dialog
      .getByRole('radiogroup', { name: 'Bo Svetsare' })
      .getByRole('radio', { name: 'Anmäld frånvaro' })
      .check();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await sessions.getByRole('row', { name: /Introduktion 1 av 2 närvarande/ }).waitFor();
    const summary = section.getByRole('table', { name: 'Närvaro per deltagare (antal tillfällen)' });
    await summary.getByRole('row', { name: 'Anna Svetsare 1 0 0' }).waitFor();
    await summary.getByRole('row', { name: 'Bo Svetsare 0 0 1' }).waitFor();

    // the schedule for calendars: a file to download, and a link for the participants' calendar apps
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section
        .getByRole('link', { name: `Ladda ned schemat för ${WELDING_DESIGN} till kalendern (.ics)` })
        .click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${WELDING_DESIGN.replaceAll(' ', '-')}-schema.ics`);
    const ics = await readFile(await download.path(), 'utf8');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    // (long lines are folded: a line break and a space continue one)
    expect(ics.replaceAll('\r\n ', '')).toContain(
      `SUMMARY:INSTÄLLT / CANCELLED: ${WELDING_DESIGN}: Repetition`,
    );
    expect(ics).toContain(`DTSTART;TZID=Europe/Stockholm:${year}0203T090000`);
    await section.getByRole('button', { name: 'Skapa kalenderlänk' }).click();
    await page.getByText('Kalenderlänken är skapad.').first().waitFor();
    await section.getByRole('textbox', { name: `Kalenderlänk för ${WELDING_DESIGN}` }).waitFor();
    await expectNoAxeViolations(page);

    // the kallelse: the schedule to the participants by e-mail, with a file for their calendars
    const notice = section.getByTestId('schedule-notice');
    await notice
      .getByText('Schemat har inte skickats till deltagarna. 1 deltagare saknar e-postadress och får inget.')
      .waitFor();
    await notice.getByRole('button', { name: 'Skicka schemat till deltagarna…' }).click();
    const send = page.getByRole('dialog', { name: 'Skicka schemat till deltagarna' });
    expect(await send.getByRole('radio', { name: 'De som inte har fått schemat (1)' }).isChecked()).toBe(
      true,
    );
    await expectNoAxeViolations(page);
    await send.getByRole('button', { name: 'Skicka' }).click();
    await page.getByText('Schemat skickades till 1 deltagare.').first().waitFor();
    await notice
      .getByText(/^Schemat skickades senast .*\. Alla deltagare med e-postadress har fått det\./)
      .waitFor();
    const [mail] = await journey.lupp.database.db
      .select()
      .from(outbox)
      .where(
        and(eq(outbox.kind, 'schedule_notice'), eq(outbox.toAddress, 'anna.svetsare@stalverket.example')),
      );
    // the two sessions ahead, not the cancelled one; the calendar link too
    expect(mail?.calendar?.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(mail?.textBody).toContain('/api/public/course-calendars/');
    // again, to everyone: the one with nobody left to send to is not offered
    await notice.getByRole('button', { name: 'Skicka schemat till deltagarna…' }).click();
    expect(await send.getByRole('radio', { name: 'De som inte har fått schemat (0)' }).isDisabled()).toBe(
      true,
    );
    expect(await send.getByRole('radio', { name: /^Alla med e-postadress \(1\)/ }).isChecked()).toBe(true);
    await send.getByRole('button', { name: 'Avbryt' }).click();
    await send.waitFor({ state: 'detached' });

    // the test welding moves to another hall, starts earlier and gets its teacher (one of the design's, offered
    // as she types): the welders and Stålverket are told
    await sessions
      .getByRole('row', { name: /Provsvetsning/ })
      .getByRole('button', { name: /^Ändra kurstillfället/ })
      .click();
    const edit = page.getByRole('dialog', { name: 'Ändra kurstillfälle' });
    await edit.getByLabel('Börjar').fill('08:00');
    const offered = async (input: Locator) =>
      edit
        .locator(`datalist#${await input.getAttribute('list')} option`)
        .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    // the HEI's places are offered, the most used first, so the hall is written as before
    const place = edit.getByRole('combobox', { name: 'Plats' });
    expect((await offered(place))[0]).toBe('Svetslabbet, hus B');
    await place.fill('Svetslabbet, hus C');
    const teacher = edit.getByRole('combobox', { name: 'Lärare' });
    expect(await offered(teacher)).toEqual(['Lektor i svetsteknik', 'Professor i materialteknik']);
    await teacher.fill('Lektor i svetsteknik');
    expect(await edit.getByRole('checkbox', { name: 'Meddela deltagarna och kunden' }).isChecked()).toBe(
      true,
    );
    await expectNoAxeViolations(page);
    await edit.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Kurstillfället är ändrat. 1 deltagare fick e-post.').first().waitFor();
    await sessions
      .getByRole('row', { name: /08:00–16:00 Svetslabbet, hus C Provsvetsning Lärare: Lektor i svetsteknik/ })
      .waitFor();

    // the box follows the saved choice: it is ticked once the server has it
    const share = section.getByRole('checkbox', { name: 'Dela närvaron med kunden' });
    await share.click();
    await page.getByText('Närvaron är delad med kunden.').first().waitFor();
    await expect.poll(() => share.isChecked()).toBe(true);
    // and the welders are reminded by e-mail the day before each session
    await section
      .getByRole('checkbox', { name: 'Påminn deltagarna med e-post dagen före varje tillfälle' })
      .click();
    await page.getByText('Deltagarna påminns dagen före varje tillfälle.').first().waitFor();
    await expectNoAxeViolations(page);

    // issuing micro-credentials, she sees who attended
    const credentials = page.getByRole('region', { name: 'Mikromeriter' });
    await credentials.getByRole('row', { name: /Anna Svetsare .* 1 av 1 tillfällen/ }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("Karin's overview names the sessions of her case whose room is booked twice in the coming weeks", async () => {
    const db = journey.lupp.database.db;
    const day = addDays(stockholmDate(new Date()), 14);
    const session = (startsAt: string, endsAt: string, topic: string) =>
      createSession(
        db,
        chain.actors.karin,
        chain.caseId,
        {
          designId: chain.designId,
          day,
          startsAt,
          endsAt,
          place: 'Svetshallen',
          topic,
          teacher: '',
          occurrences: 1,
        },
        null,
      );
    const made = [
      await session('09:00', '12:00', 'Förmiddag'),
      await session('11:00', '15:00', 'Eftermiddag'),
    ];
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    const card = page.getByRole('region', { name: 'Krockar i schemat' });
    await card
      .getByText('2 kurstillfällen i dina ärenden de närmaste åtta veckorna krockar med andra.')
      .waitFor();
    expect(await card.getByText('Svetshallen är bokad samtidigt för ett annat tillfälle.').count()).toBe(2);
    await expectNoAxeViolations(page);
    await card.getByRole('link', { name: /09:00–12:00/ }).click();
    await expectHeading(page, WELDING_CASE);
    await page
      .getByRole('region', { name: 'Genomförande' })
      .getByRole('row', { name: /Förmiddag/ })
      .getByText('Krock: lokalen är bokad samtidigt, 11:00–15:00, för ett annat tillfälle av den här kursen.')
      .waitFor();
    for (const { id } of made) await deleteSession(db, chain.actors.karin, id, null);
    await context.close();
    expect(errors).toEqual([]);
  });

  it('Sara reads the schedule and the attendance in the portal, on her phone', async () => {
    const { context, page, errors } = await newPage(journey, { viewport: { width: 375, height: 800 } });
    await signIn(page, 'sara.kund@stalverket.example');
    await page.goto(`/portal/cases/${chain.caseId}#portal-delivery`);
    await expectHeading(page, WELDING_CASE);
    const section = page.getByRole('region', { name: 'Schema och närvaro' });
    const schedule = section.getByRole('table', { name: `Kurstillfällen i ${WELDING_DESIGN}` });
    await schedule
      .getByRole('row', { name: /08:00–16:00 Svetslabbet, hus C Provsvetsning Lärare: Lektor i svetsteknik/ })
      .waitFor();
    await schedule
      .getByRole('row', { name: /Repetition Inställt: Läraren är sjuk; ny tid kommer\./ })
      .waitFor();
    // the calendar link Karin made, to pass on to the welders: their calendar apps read it without signing in
    const link = await section
      .getByRole('textbox', { name: `Kalenderlänk för ${WELDING_DESIGN}` })
      .inputValue();
    expect(link).toMatch(new RegExp(`^${journey.lupp.url}/api/public/course-calendars/[\\w-]+\\.ics$`));
    const feed = await context.request.get(link);
    expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    expect(await feed.text()).toContain(`SUMMARY:${WELDING_DESIGN}: Provsvetsning`);
    await section.getByRole('button', { name: 'Byt länk' }).waitFor();
    const attendance = section.getByRole('table', { name: /Närvaro per deltagare, som Högskolan i Norrvik/ });
    await attendance.getByRole('row', { name: 'Bo Svetsare 0 0 1' }).waitFor();
    // the tables scroll within themselves; the page does not scroll sideways
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Karin reads the delivery and the micro-credentials in English', async () => {
    const { context, page, errors } = await newPage(journey);
    await openInEnglish(page, 'karin.koordinator@mittland.example', 'Cases', { at: 'Högskolan i Norrvik' });
    await page.goto(`/cases/${chain.caseId}#case-delivery`);
    await expectHeading(page, WELDING_CASE);
    const delivery = page.getByRole('region', { name: 'Delivery' });
    await delivery
      .getByRole('table', { name: `Sessions of ${WELDING_DESIGN}` })
      .getByRole('row', { name: /Introduktion 1 of 2 present/ })
      .waitFor();
    await delivery
      .getByRole('row', { name: /Repetition Cancelled: Läraren är sjuk; ny tid kommer\. Cancelled/ })
      .getByRole('button', { name: /^Give the session of .* after all$/ })
      .waitFor();
    await delivery.getByRole('checkbox', { name: 'Share the attendance with the customer' }).waitFor();
    await delivery.getByRole('textbox', { name: `Calendar link for ${WELDING_DESIGN}` }).waitFor();
    // the course report for the follow-up meeting, offered in either language
    await delivery
      .getByRole('link', { name: `The course report for ${WELDING_DESIGN} in English (PDF)` })
      .waitFor();
    await delivery
      .getByTestId('schedule-notice')
      .getByText(/^The schedule was last sent .*\. Every participant with an e-mail address has had it\./)
      .waitFor();
    await delivery.getByRole('button', { name: 'Send the schedule to the participants…' }).waitFor();
    expect(
      await delivery
        .getByRole('checkbox', { name: 'Remind the participants by e-mail the day before each session' })
        .isChecked(),
    ).toBe(true);
    const credentials = page.getByRole('region', { name: 'Micro-credentials' });
    await credentials
      .getByRole('row', { name: /Anna Svetsare Certificate without credits 1 of 1 sessions/ })
      .waitFor();
    for (const section of [delivery, credentials]) await expectEnglish(page, SWEDISH_DELIVERY_UI, section);
    await expectNoAxeViolations(page);
    // the agreement was written in Swedish: its words are marked so, for a screen reader to read them in Swedish
    expect(await page.getByTestId('agreement-clauses').getAttribute('lang')).toBe('sv');
    expect(await page.getByTestId('billing-plan').locator('td[lang="sv"]').count()).toBeGreaterThan(0);

    // a weekly series in one go: four Thursdays of 2030, two holidays passed over, the series a fortnight longer
    await delivery.getByRole('button', { name: 'Add a session…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a session' });
    await dialog.getByLabel('Day').fill('2030-05-16');
    await dialog.getByRole('textbox', { name: 'Content' }).fill('Weekly practice');
    await dialog.getByRole('textbox', { name: 'Number of sessions, one a week' }).fill('4');
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page
      .getByText(
        '4 sessions are added, one a week. Holidays passed over: Ascension Day 30 May 2030, National Day 6 Jun 2030.',
      )
      .waitFor();
    const weekly = delivery
      .getByRole('table', { name: `Sessions of ${WELDING_DESIGN}` })
      .getByRole('row', { name: /Weekly practice/ });
    await expect.poll(() => weekly.count()).toBe(4);

    // a session she teaches herself in two days: on her overview, with the way to the course
    await delivery.getByRole('button', { name: 'Add a session…' }).click();
    const soon = page.getByRole('dialog', { name: 'Add a session' });
    await soon.getByLabel('Day').fill(addDays(stockholmDate(new Date()), 2));
    await soon.getByRole('textbox', { name: 'Content' }).fill('Extra practice');
    await soon.getByRole('combobox', { name: 'Teacher' }).fill('Lektor i svetsteknik');
    await soon.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The session is added.').first().waitFor();
    await page.goto('/');
    const mine = page.getByRole('region', { name: 'Your sessions in the next two weeks' });
    await mine.getByText(`${WELDING_DESIGN} · Extra practice`, { exact: true }).waitFor();
    // and in her own calendar, from a feed of the sessions she teaches
    await mine.getByRole('button', { name: 'Create a calendar link' }).click();
    await page.getByText('The calendar link is created.').first().waitFor();
    const teaching = await mine
      .getByRole('textbox', { name: 'Calendar link for your teaching' })
      .inputValue();
    const feed = await context.request.get(teaching);
    expect(await feed.text()).toContain(`SUMMARY:${WELDING_DESIGN}: Extra practice`);
    await expectNoAxeViolations(page);
    await mine.getByRole('link', { name: /09:00–16:00/ }).click();
    await expectHeading(page, WELDING_CASE);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Lars, who teaches the materials part, is told by the bell that Karin scheduled and moved his session', async () => {
    // Karin reads Lupp in English since the journey before
    const karin = await newPage(journey);
    await signIn(karin.page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await karin.page.goto(`/cases/${chain.caseId}#case-delivery`);
    const section = karin.page.getByRole('region', { name: 'Delivery' });
    await section.getByRole('button', { name: 'Add a session…' }).click();
    const add = karin.page.getByRole('dialog', { name: 'Add a session' });
    await add.getByLabel('Day').fill(`${year}-03-03`);
    await add.getByRole('combobox', { name: 'Place' }).fill('Materiallabbet');
    await add.getByRole('textbox', { name: 'Content' }).fill('Materiallära');
    await add.getByRole('combobox', { name: 'Teacher' }).fill('Professor i materialteknik');
    await add.getByRole('button', { name: 'Save' }).click();
    await add.waitFor({ state: 'detached' });
    const row = section
      .getByRole('table', { name: `Sessions of ${WELDING_DESIGN}` })
      .getByRole('row', { name: /Materiallära/ });
    await row.getByRole('button', { name: /^Change the session/ }).click();
    const edit = karin.page.getByRole('dialog', { name: 'Change the session' });
    await edit.getByLabel('Starts').fill('10:00');
    await edit.getByRole('checkbox', { name: 'Tell the participants and the customer' }).uncheck();
    await edit.getByRole('button', { name: 'Save' }).click();
    await karin.page.getByText('The session is changed.').first().waitFor();
    expect(karin.errors).toEqual([]);
    await karin.context.close();

    // Lars works at Mittlands universitet too, and is signed in there: the notice still leads to Norrvik's case
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'lars.larare@mittland.example');
    await page.getByRole('button', { name: /^Aviseringar, 2 olästa$/ }).click();
    // (the course's title and the case's reference say what it is about, in the reader's language)
    await page.getByRole('menuitem', { name: `Du undervisar: ${WELDING_DESIGN} (` }).waitFor();
    const moved = page.getByRole('menuitem', { name: `Ändrat tillfälle: ${WELDING_DESIGN} (` });
    await moved.waitFor();
    expect(
      await page
        .getByRole('menu')
        .getByText(/You teach|Session changed/)
        .count(),
    ).toBe(0);
    await expectNoAxeViolations(page);
    await moved.click();
    await expectHeading(page, WELDING_CASE);
    // the notice leads to the delivery: its heading in view below the header once the whole page has loaded
    await expectSectionAtTop(page, 'Genomförande');
    await page
      .getByRole('region', { name: 'Genomförande' })
      .getByRole('row', {
        name: /10:00–16:00 Materiallabbet Materiallära Lärare: Professor i materialteknik/,
      })
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** Swedish interface words of the two sections (the welders' names and the session's content are data). */
const SWEDISH_DELIVERY_UI = [
  'Genomförande',
  'Kurstillfällen',
  'Närvaro',
  'närvarande',
  'Anmäld frånvaro',
  'Mikromeriter',
  'Deltagare',
  'Utfärda',
  'Ingen ännu',
  'Ej registrerad',
  'Intyg utan högskolepoäng',
  'Lägg till',
  'Kalenderlänk',
  'Ladda ned',
  'Kopiera',
  'Byt länk',
  'Påminn',
  'Inställt',
  'Ställ in',
  'Ge ändå',
  'Skicka schemat',
  'Schemat skickades',
];
