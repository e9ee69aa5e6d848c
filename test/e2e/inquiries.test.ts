import { and, eq, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { stockholmDate } from '../../src/shared/stockholm-days.ts';
import {
  chooseLanguage,
  expectHeading,
  expectNoAxeViolations,
  luppAndBrowser,
  newPage,
  signIn,
  switchOrganisation,
} from './support/lupp.ts';

// Karin, coordinator at both HEIs, works the consortium inbox: claims, refers (and accepts the
// referral at the other HEI), overrides an eligibility flag and declines with alternatives.

const journey = luppAndBrowser();

async function openInquiries(page: Page, tab = 'Inkorg') {
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Förfrågningar' })
    .click();
  await expectHeading(page, 'Förfrågningar');
  await page.getByRole('tab', { name: tab }).click();
}

async function openInquiry(page: Page, organisation: string) {
  await page.getByRole('tabpanel').getByRole('link', { name: organisation }).click();
  await expectHeading(page, organisation);
}

const status = (page: Page) => page.getByTestId('inquiry-status');

describe('the inquiry inbox', () => {
  it('claims, refers to the other HEI which accepts, overrides a flag and declines with alternatives', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Mittlands universitet' });

    await openInquiries(page);
    const inbox = page.getByTestId('inquiries-inbox');
    for (const name of [
      'Stålverket i Norrvik AB',
      'Norrviks kommun',
      'Nordisk Gruvteknik AB',
      'Region Mittland',
    ])
      await inbox.getByRole('link', { name }).waitFor();
    expect(await inbox.getByRole('columnheader', { name: 'Svara senast' }).count()).toBe(1);
    await expectNoAxeViolations(page);

    // Search by the customer's words: only that inquiry is left; a search with no hit says so.
    const search = page.getByRole('form', { name: 'Sök förfrågningar' });
    await search.getByRole('searchbox', { name: 'Sök förfrågningar' }).fill('gruvteknik');
    await search.getByRole('button', { name: 'Sök' }).click();
    await inbox.getByRole('link', { name: 'Region Mittland' }).waitFor({ state: 'detached' });
    expect(await inbox.getByRole('row').count()).toBe(2);
    await inbox.getByRole('link', { name: 'Nordisk Gruvteknik AB' }).waitFor();
    await search.getByRole('searchbox', { name: 'Sök förfrågningar' }).fill('simultantolkning');
    await search.getByRole('button', { name: 'Sök' }).click();
    await page.getByText('Inga förfrågningar här innehåller ”simultantolkning”.').waitFor();
    await expectNoAxeViolations(page);
    await search.getByRole('searchbox', { name: 'Sök förfrågningar' }).fill('');
    await search.getByRole('button', { name: 'Sök' }).click();
    await inbox.getByRole('link', { name: 'Region Mittland' }).waitFor();

    // Claim: the inquiry becomes ours and a case is opened.
    await openInquiry(page, 'Stålverket i Norrvik AB');
    await page.getByText('Lärosätet har examensrätt i ämnet').first().waitFor();
    // "answer within two working days" ends at midnight, Swedish time: the page names the last day itself,
    // whatever the browser's time zone (not the next day, not a time)
    const { dueAt } = await (
      await page.request.get(`/api/inquiries/${page.url().split('/inquiries/')[1]}`)
    ).json();
    // (stored as the next day's first moment)
    expect(stockholmDate(new Date(new Date(dueAt).getTime() - 1))).not.toBe(stockholmDate(new Date(dueAt)));
    const stored = new Date(`${stockholmDate(new Date(dueAt))}T12:00:00Z`);
    stored.setUTCDate(stored.getUTCDate() - 1);
    const lastDay = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium', timeZone: 'UTC' }).format(stored);
    await page.getByText(new RegExp(`Svara senast: ${lastDay}$`)).waitFor();
    await expectNoAxeViolations(page);
    // Mittland has had no case with the steelworks; once it claims the inquiry, it has one
    const known = page.getByTestId('known-customer');
    await known.getByText('Lärosätet har inga tidigare ärenden med organisationen.').waitFor();
    await page.getByRole('button', { name: 'Ta ärendet' }).click();
    await page.getByText('Ni har tagit förfrågan. Ett ärende har skapats.').waitFor();
    await known.getByText('Kund sedan tidigare: 1 ärende hos lärosätet (vunna: 0).').waitFor();
    await status(page).filter({ hasText: 'Tagen' }).waitFor();
    await page.getByText('Togs av Mittlands universitet').waitFor();
    await page.getByRole('link', { name: 'Öppna ärendet' }).click();
    await page.getByTestId('case-stage').filter({ hasText: 'Förfrågan' }).waitFor();
    await page.getByText('Stålverket i Norrvik AB').first().waitFor();

    await openInquiries(page, 'Våra');
    await page.getByTestId('inquiries-ours').getByRole('link', { name: 'Stålverket i Norrvik AB' }).waitFor();
    expect(await page.getByTestId('inquiries-ours').getByRole('row').count()).toBe(2);

    // Refer to the other HEI with a reason.
    await page.getByRole('tab', { name: 'Inkorg' }).click();
    await openInquiry(page, 'Region Mittland');
    await page.getByRole('button', { name: 'Hänvisa' }).click();
    const refer = page.getByRole('dialog', { name: 'Hänvisa till ett annat lärosäte' });
    await refer.getByRole('textbox', { name: 'Motivering' }).fill('Nej');
    await refer.getByRole('button', { name: 'Hänvisa' }).click();
    await refer.getByText('Välj ett annat lärosäte i samarbetet.').waitFor();
    await refer.getByText('Skriv en motivering med minst 5 tecken.').waitFor();
    await expectNoAxeViolations(page);
    await refer.getByRole('combobox', { name: 'Lärosäte' }).selectOption({ label: 'Högskolan i Norrvik' });
    await refer.getByRole('textbox', { name: 'Motivering' }).fill('Norrvik har lärare i IT-säkerhet i höst.');
    await refer.getByRole('button', { name: 'Hänvisa' }).click();
    await refer.waitFor({ state: 'detached' });
    // Referred from the inbox: Mittlands still sees it, waiting for Norrvik's answer, but it has left the inbox.
    await page.getByText('Förfrågan har hänvisats till Högskolan i Norrvik.').waitFor();
    await page.getByText('Väntar på svar från Högskolan i Norrvik.').waitFor();
    await openInquiries(page);
    await page.getByTestId('inquiries-inbox').getByRole('link', { name: 'Nordisk Gruvteknik AB' }).waitFor();
    await page
      .getByTestId('inquiries-inbox')
      .getByRole('link', { name: 'Region Mittland' })
      .waitFor({ state: 'detached' });

    // At Norrvik, it is waiting under "Referred to us".
    await switchOrganisation(page, 'Högskolan i Norrvik');
    await openInquiries(page, 'Hänvisade till oss');
    await openInquiry(page, 'Region Mittland');
    await page.getByText('Norrvik har lärare i IT-säkerhet i höst.').waitFor();
    await page.getByText('Hänvisades till Högskolan i Norrvik').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Ta emot hänvisningen' }).click();
    await status(page).filter({ hasText: 'Tagen' }).waitFor();
    await page.getByText('Högskolan i Norrvik tog emot hänvisningen').waitFor();

    // An eligibility flag, with its reason, overridden with a justification.
    await openInquiries(page);
    await openInquiry(page, 'Nordisk Gruvteknik AB');
    const flag = page.getByTestId('flag-purpose_fits_buyer');
    await flag.getByText(/bistånd/).waitFor();
    await flag.getByRole('button', { name: /Häv flaggan/ }).click();
    await flag.getByRole('textbox', { name: 'Motivering' }).fill('kort');
    await flag.getByRole('button', { name: 'Häv flaggan' }).click();
    await flag.getByText('Skriv en motivering med minst 10 tecken.').waitFor();
    await expectNoAxeViolations(page);
    await flag
      .getByRole('textbox', { name: 'Motivering' })
      .fill('Sida finansierar, köparen är en offentlig myndighet enligt avtalet.');
    await flag.getByRole('button', { name: 'Häv flaggan' }).click();
    await flag.getByText(/^Hävd av Karin Berg .*: Sida finansierar/).waitFor();
    await page.getByText('En behörighetsflagga hävdes').waitFor();

    // Decline with alternatives: the customer gets them by e-mail.
    await openInquiries(page);
    await openInquiry(page, 'Norrviks kommun');
    await page.getByRole('button', { name: 'Avböj' }).click();
    const decline = page.getByRole('dialog', { name: 'Avböj förfrågan' });
    await decline
      .getByRole('textbox', { name: 'Motivering till kunden' })
      .fill('Vi saknar lärare i ämnet i år.');
    await decline
      .getByRole('textbox', { name: 'Förslag på alternativ (valfritt)' })
      .fill('Den öppna kursen Vårdhygien 7,5 hp vid Mittlands universitet.');
    await expectNoAxeViolations(page);
    await decline.getByRole('button', { name: 'Avböj' }).click();
    await decline.waitFor({ state: 'detached' });
    await status(page).filter({ hasText: 'Avböjd' }).waitFor();
    const mails = await journey.lupp.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'inquiry_declined')));
    expect(mails.map((m) => m.textBody).join('\n')).toContain('Vårdhygien 7,5 hp');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("corrects the contact person's e-mail and then erases the contact person, on their request", async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Mittlands universitet' });
    await openInquiries(page, 'Våra');
    await page.getByTestId('inquiries-ours').getByRole('link', { name: 'Stålverket i Norrvik AB' }).click();
    await expectHeading(page, 'Stålverket i Norrvik AB');
    const customer = page.getByRole('region', { name: 'Kunden' });
    await customer.getByText('sara.kund@stalverket.example').waitFor();

    // Correct: a bad address is named in the form, a good one replaces the old; the trail names the field.
    await customer.getByRole('button', { name: 'Rätta kontaktperson' }).click();
    const correct = page.getByRole('dialog', { name: 'Rätta kontaktpersonen' });
    await correct.getByRole('textbox', { name: 'E-postadress' }).fill('sara.stahl@');
    await correct.getByRole('button', { name: 'Spara' }).click();
    await correct.getByText('Ange en giltig e-postadress, till exempel namn@exempel.se.').waitFor();
    await expectNoAxeViolations(page);
    await correct.getByRole('textbox', { name: 'E-postadress' }).fill('sara.stahl@stalverket.example');
    await correct.getByRole('button', { name: 'Spara' }).click();
    await correct.waitFor({ state: 'detached' });
    await page.getByText('Kontaktpersonen är rättad.').waitFor();
    await customer.getByText('sara.stahl@stalverket.example').waitFor();
    const trail = page.getByRole('region', { name: 'Tidslinje' });
    await trail.getByText('Kontaktpersonens uppgifter rättades').waitFor();
    await trail.getByText('E-postadress', { exact: true }).waitFor();

    // Erase: a reason is required; afterwards the details are gone, and so are the buttons.
    await customer.getByRole('button', { name: 'Radera kontaktperson' }).click();
    const erase = page.getByRole('dialog', { name: 'Radera kontaktpersonens uppgifter' });
    await erase.getByText(/Det går inte att ångra/).waitFor();
    await erase.getByRole('button', { name: 'Radera kontaktperson' }).click();
    await erase.getByText('Skriv en motivering med minst 5 tecken.').waitFor();
    await expectNoAxeViolations(page);
    await erase.getByRole('textbox', { name: 'Skäl' }).fill('Kontaktpersonen bad om det per telefon.');
    await erase.getByRole('button', { name: 'Radera kontaktperson' }).click();
    await erase.waitFor({ state: 'detached' });
    await page.getByText('Kontaktpersonens uppgifter är raderade.').waitFor();
    await customer.getByText(/^Raderade på begäran /).waitFor();
    expect(await customer.getByText('sara.stahl@stalverket.example').count()).toBe(0);
    expect(await customer.getByText('Sara Ståhl').count()).toBe(0);
    expect(await customer.getByRole('button', { name: 'Rätta kontaktperson' }).count()).toBe(0);
    await trail.getByText('Kontaktpersonens uppgifter raderades').waitFor();
    await trail.getByText('Kontaktpersonen bad om det per telefon.').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page
      .getByRole('region', { name: 'The customer' })
      .getByText(/^Erased on request /)
      .waitFor();
    await page.getByText("The contact person's details were erased").waitFor();
    await page.getByText("The contact person's details were corrected").waitFor();
    await expectNoAxeViolations(page);
    // the choice of language is Karin's, remembered: back to Swedish for the journeys after this one
    await chooseLanguage(page, 'Svenska');
    await page.getByText('Kontaktpersonens uppgifter raderades').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('pages an inbox of more than 50 inquiries, overdue counted over all of them', async () => {
    // 55 more inquiries like one in the inbox, each with a contact person of its own (the original's was
    // erased above), the oldest 52 of them overdue (written straight to the database: the front door lets
    // one sender submit only a few an hour).
    await journey.lupp.database.db.execute(sql`
      insert into inquiry (consortium_id, reference, follow_token_hash, organisation_name, org_number, sector,
        municipality, county, contact_name, contact_email, need_text, purpose, participants_work_for_buyer,
        participants, format, language, budget_range, locale, consent_at, sender_hash, due_at, created_at)
      select consortium_id, 'KOPIA-' || n, md5('kopia' || n), 'Kopia ' || n || ' AB', org_number, sector,
        municipality, county, 'Kontakt ' || n, 'kontakt' || n || '@kopia.example', need_text, purpose,
        participants_work_for_buyer, participants, format, language, budget_range, locale, consent_at, sender_hash,
        case when n <= 52 then now() - interval '1 day' else now() + interval '2 days' end,
        now() - n * interval '1 minute'
      from (select * from inquiry where organisation_name = 'Stålverket i Norrvik AB' limit 1) original,
        generate_series(1, 55) n`);
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Mittlands universitet' });
    await openInquiries(page);
    const inbox = page.getByTestId('inquiries-inbox');
    await page.getByText('52 förfrågningar är försenade – de visas först.').waitFor();
    const pages = page.getByRole('navigation', { name: 'Sidor' });
    await pages.getByText('Sida 1 av 2').waitFor();
    expect(await inbox.getByRole('row').count()).toBe(51);
    await pages.getByRole('button', { name: 'Nästa sida' }).click();
    await pages.getByText('Sida 2 av 2').waitFor();
    // The last two overdue copies, then those not yet due, newest first: the demo's inquiry left in the inbox.
    await inbox.getByRole('link', { name: 'Kopia 53 AB' }).waitFor();
    await inbox.getByRole('link', { name: 'Nordisk Gruvteknik AB' }).waitFor();
    expect(page.url()).toContain('page=2');
    await page.getByText('52 förfrågningar är försenade – de visas först.').waitFor();
    await expectNoAxeViolations(page);
    await page.goBack();
    await pages.getByText('Sida 1 av 2').waitFor();
    // an inquiry's link back to the list finds the page it was opened from
    await pages.getByRole('button', { name: 'Nästa sida' }).click();
    await inbox.getByRole('link', { name: 'Kopia 53 AB' }).click();
    await page.getByRole('link', { name: 'Till förfrågningarna' }).click();
    await pages.getByText('Sida 2 av 2').waitFor();
    // An address past the last page (a bookmark, or inquiries claimed since) shows the last page there is.
    await page.goto('/inquiries?page=9');
    await pages.getByText('Sida 2 av 2').waitFor();
    await inbox.getByRole('link', { name: 'Nordisk Gruvteknik AB' }).waitFor();
    expect(page.url()).toContain('page=2');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('tells a teacher plainly that inquiries are not for their role', async () => {
    const { context, page } = await newPage(journey);
    await signIn(page, 'lars.larare@mittland.example');
    await page.goto('/inquiries');
    await expectHeading(page, 'Förfrågningar');
    await page.getByText('Du saknar behörighet').waitFor();
    await expectNoAxeViolations(page);
    await context.close();
  });
});
