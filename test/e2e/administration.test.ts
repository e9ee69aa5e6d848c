import { desc, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import { expectHeading, expectNoAxeViolations, luppAndBrowser, newPage, signIn } from './support/lupp.ts';

// An administrator invites people, manages roles and edits the organisation (in Swedish).

const journey = luppAndBrowser();

/** The invitation link from the newest e-mail to `email` in the outbox. */
async function invitationLink(email: string): Promise<string> {
  const [mail] = await journey.lupp.database.db
    .select()
    .from(outbox)
    .where(eq(outbox.toAddress, email))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  const match = mail?.textBody.match(/\/invitation\/[A-Za-z0-9_-]+/);
  if (!match) throw new Error(`no invitation link in the outbox for ${email}`);
  return match[0];
}

async function openMembers(page: Page) {
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Medlemmar och inbjudningar' })
    .click();
  await expectHeading(page, 'Medlemmar och inbjudningar');
  await page.getByTestId('members-table').waitFor();
}

const row = (page: Page, testId: string, text: string) =>
  page.getByTestId(testId).getByRole('row').filter({ hasText: text });

describe('administration', () => {
  it('invites a new user who accepts, signs in at the organisation and gets a role changed', async () => {
    const admin = await newPage(journey);
    const page = admin.page;
    await signIn(page, 'astrid.admin@mittland.example');
    await openMembers(page);
    await row(page, 'members-table', 'astrid.admin@mittland.example').getByText('Administratör').waitFor();
    await expectNoAxeViolations(page);

    const form = page.getByRole('region', { name: 'Bjud in en person' });
    await form.getByRole('textbox', { name: 'E-postadress' }).fill('nina.ny@mittland.example');
    await form.getByRole('checkbox', { name: 'Lärare' }).check();
    await form.getByRole('checkbox', { name: 'Samordnare' }).check();
    await form.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await page.getByText('En inbjudan har skickats till nina.ny@mittland.example.').waitFor();
    const invited = row(page, 'invitations-table', 'nina.ny@mittland.example');
    await invited.getByText('Väntar').waitFor();
    expect(await invited.textContent()).toContain('Lärare');
    expect(await invited.textContent()).toContain('Samordnare');
    // The form is emptied for the next invitation.
    expect(await form.getByRole('textbox', { name: 'E-postadress' }).inputValue()).toBe('');
    await expectNoAxeViolations(page);

    // The invited person opens the link from the e-mail in their own browser.
    const link = await invitationLink('nina.ny@mittland.example');
    const guest = await newPage(journey);
    await guest.page.goto(link);
    await expectHeading(guest.page, 'Du har blivit inbjuden till Mittlands universitet');
    const main = guest.page.getByRole('main');
    expect(await main.textContent()).toContain('nina.ny@mittland.example');
    expect(await main.textContent()).toContain('Lärare');
    await expectNoAxeViolations(guest.page);

    await main.getByRole('textbox', { name: 'Ditt namn' }).fill('Nina Ny');
    await main.getByRole('textbox', { name: 'Välj lösenord' }).fill('ett-bra-lösenord');
    await main.getByRole('textbox', { name: 'Upprepa lösenordet' }).fill('ett-annat-lösenord');
    await main.getByRole('button', { name: 'Skapa konto och gå med' }).click();
    await main.getByText('Lösenorden stämmer inte överens.').waitFor();
    await expectNoAxeViolations(guest.page);
    await main.getByRole('textbox', { name: 'Upprepa lösenordet' }).fill('ett-bra-lösenord');
    await main.getByRole('button', { name: 'Skapa konto och gå med' }).click();

    await expectHeading(guest.page, 'Välkommen, Nina Ny');
    expect(await guest.page.getByRole('banner').textContent()).toContain('Mittlands universitet');
    expect(await guest.page.getByTestId('home-organisation').textContent()).toBe('Mittlands universitet');
    expect(await guest.page.getByRole('main').textContent()).toContain('Samordnare');
    await expectNoAxeViolations(guest.page);

    // The link works once.
    await guest.page.goto(link);
    await expectHeading(guest.page, 'Länken fungerar inte');
    await guest.page.getByText('Den här inbjudan har redan använts').waitFor();
    await guest.context.close();

    // Back as the administrator: Nina is a member, the invitation accepted.
    await page.reload();
    await expectHeading(page, 'Medlemmar och inbjudningar');
    const nina = row(page, 'members-table', 'Nina Ny');
    await nina.getByText('Lärare').waitFor();
    await row(page, 'invitations-table', 'nina.ny@mittland.example').getByText('Accepterad').waitFor();

    await nina.getByRole('button', { name: 'Ändra roller för Nina Ny' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ändra roller för Nina Ny' });
    await dialog.waitFor();
    expect(await dialog.getByRole('checkbox', { name: 'Lärare' }).isChecked()).toBe(true);
    await expectNoAxeViolations(page);
    await dialog.getByRole('checkbox', { name: 'Samordnare' }).uncheck();
    await dialog.getByRole('checkbox', { name: 'Ekonom' }).check();
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.waitFor({ state: 'detached' });
    await nina.getByText('Ekonom').waitFor();
    expect(await nina.textContent()).not.toContain('Samordnare');
    await page.getByText('Rollerna för Nina Ny har sparats.').waitFor();

    // The last administrator cannot give up the role.
    await row(page, 'members-table', 'Astrid Lind')
      .getByRole('button', { name: /Ändra roller/ })
      .click();
    const own = page.getByRole('dialog', { name: 'Ändra roller för Astrid Lind' });
    await own.getByRole('checkbox', { name: 'Administratör' }).uncheck();
    await own.getByRole('checkbox', { name: 'Lärare' }).check();
    await own.getByRole('button', { name: 'Spara' }).click();
    await own.getByText('Organisationen måste ha minst en administratör.').waitFor();
    await expectNoAxeViolations(page);
    await own.getByRole('button', { name: 'Avbryt' }).click();
    await own.waitFor({ state: 'detached' });

    // Remove Nina again, after confirming.
    await nina.getByRole('button', { name: 'Ta bort Nina Ny' }).click();
    const confirm = page.getByRole('dialog', { name: 'Ta bort medlem' });
    await confirm.getByText('Vill du ta bort Nina Ny från Mittlands universitet?').waitFor();
    await confirm.getByRole('button', { name: 'Ta bort' }).click();
    await page.getByText('Nina Ny har tagits bort.').waitFor();
    await nina.waitFor({ state: 'detached' });
    await admin.context.close();
  });

  it('shows field errors from the server next to the fields and keeps what was typed', async () => {
    const { context, page } = await newPage(journey);
    await signIn(page, 'astrid.admin@mittland.example');
    await openMembers(page);
    const form = page.getByRole('region', { name: 'Bjud in en person' });
    const email = form.getByRole('textbox', { name: 'E-postadress' });

    await email.fill('inte-en-adress');
    await form.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await form.getByText('Ange en giltig e-postadress').waitFor();
    await form.getByText('Välj minst en roll.').waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.inputValue()).toBe('inte-en-adress');
    await expectNoAxeViolations(page);

    await form.getByRole('checkbox', { name: 'Ekonom' }).check();
    await form.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await page.waitForFunction(() => !document.body.textContent?.includes('Välj minst en roll.'));
    await form.getByText('Ange en giltig e-postadress').waitFor();
    expect(await email.inputValue()).toBe('inte-en-adress');
    expect(await form.getByRole('checkbox', { name: 'Ekonom' }).isChecked()).toBe(true);

    // Someone who is already a member cannot be invited.
    await email.fill('lars.larare@mittland.example');
    await form.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await form.getByText('Personen är redan medlem.').waitFor();

    // A pending invitation can be revoked.
    await email.fill('ola.ovan@example.se');
    await form.getByRole('button', { name: 'Skicka inbjudan' }).click();
    const invitation = row(page, 'invitations-table', 'ola.ovan@example.se');
    await invitation.getByText('Väntar').waitFor();
    await invitation.getByRole('button', { name: 'Återkalla inbjudan till ola.ovan@example.se' }).click();
    const dialog = page.getByRole('dialog', { name: 'Återkalla inbjudan' });
    await dialog.getByRole('button', { name: 'Återkalla' }).click();
    await invitation.getByText('Återkallad').waitFor();
    expect(await invitation.getByRole('button').count()).toBe(0);

    // Its link now says so.
    const guest = await newPage(journey);
    await guest.page.goto(await invitationLink('ola.ovan@example.se'));
    await guest.page.getByText('Den här inbjudan har återkallats.').waitFor();
    await guest.page.goto('/invitation/this-token-does-not-exist-at-all');
    await guest.page.getByText('Inbjudningslänken är ogiltig.').waitFor();
    await expectNoAxeViolations(guest.page);
    await guest.context.close();
    await context.close();
  });

  it("edits the organisation's name and organisationsnummer, checking the number", async () => {
    const { context, page } = await newPage(journey);
    await signIn(page, 'astrid.admin@mittland.example');
    await page.getByRole('link', { name: 'Organisationsinställningar' }).click();
    await expectHeading(page, 'Organisationsinställningar');
    const orgNumber = page.getByRole('textbox', { name: 'Organisationsnummer' });
    const valid = await orgNumber.inputValue();
    expect(valid).toMatch(/^\d{6}-\d{4}$/);
    await expectNoAxeViolations(page);

    const wrongCheckDigit = `${valid.slice(0, -1)}${(Number(valid.slice(-1)) + 1) % 10}`;
    await orgNumber.fill(wrongCheckDigit);
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Kontrollsiffran stämmer inte').waitFor();
    expect(await orgNumber.inputValue()).toBe(wrongCheckDigit);
    await expectNoAxeViolations(page);

    await orgNumber.fill(valid);
    await page.getByRole('textbox', { name: 'Namn', exact: true }).fill('Mittlands universitet i Sundsvall');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Organisationens uppgifter har sparats.').waitFor();
    await page.waitForFunction(() =>
      document.querySelector('header')?.textContent?.includes('Mittlands universitet i Sundsvall'),
    );
    await context.close();
  });
});
