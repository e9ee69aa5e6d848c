import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox } from '../../src/features/mail/outbox.table.ts';
import {
  chooseLanguage,
  dismissNotification,
  expectEnglish,
  expectHeading,
  expectNoAxeViolations,
  luppAndBrowser,
  newPage,
  SWEDISH_SHELL_UI,
  signIn,
} from './support/lupp.ts';

// Working together on a case at Högskolan i Norrvik: documents (refused file type, shared and
// internal files, delete), inviting the customer's contact person, a follow-up meeting on the
// Kirkpatrick guide that @-mentions a colleague, a task for that colleague — and the colleague's
// notification bell, which leads to the case.

const journey = luppAndBrowser();
let caseId = '';

const CASE_TITLE = 'Vätgas och elektrifierade processer';

describe('collaboration on a case', () => {
  it('a coordinator shares documents, invites the contact person and mentions a colleague', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    const list = await page.request.get(`/api/cases?q=${encodeURIComponent('Vätgas')}`);
    const found = (await list.json()) as { items: { id: string; title: string }[] };
    caseId = found.items.find((c) => c.title === CASE_TITLE)?.id ?? '';
    await page.goto(`/cases/${caseId}`);
    await expectHeading(page, CASE_TITLE);

    // Invite the customer's contact person: an e-mail with an invitation link.
    await page.getByRole('button', { name: 'Bjud in kundens kontaktperson' }).click();
    const invite = page.getByRole('dialog', { name: 'Bjud in kundens kontaktperson' });
    await invite.getByRole('textbox', { name: 'E-postadress' }).fill('inte-en-adress');
    await invite.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await invite.getByText('Ange en giltig e-postadress', { exact: false }).waitFor();
    await expectNoAxeViolations(page);
    await invite.getByRole('textbox', { name: 'E-postadress' }).fill('inkop@stalverket.example');
    await invite.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await invite.waitFor({ state: 'detached' });
    const [mail] = await journey.lupp.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.toAddress, 'inkop@stalverket.example'))
      .orderBy(desc(outbox.createdAt))
      .limit(1);
    expect(mail?.textBody).toMatch(/\/invitation\/[A-Za-z0-9_-]+/);

    // Documents: a program file is refused by its content, a PDF is shared, a text file kept internal.
    const documents = page.getByRole('region', { name: 'Dokument' });
    const file = documents.getByLabel('Fil', { exact: true });
    await file.setInputFiles({
      name: 'verktyg.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]),
    });
    await documents.getByRole('button', { name: 'Ladda upp' }).click();
    await documents.getByText('Filtypen stöds inte.', { exact: false }).waitFor();
    expect(await file.getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page);

    await file.setInputFiles({
      name: 'offertunderlag.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
    });
    await documents.getByRole('checkbox', { name: 'Dela med kunden' }).check();
    await documents.getByRole('button', { name: 'Ladda upp' }).click();
    const docs = documents.getByTestId('document-list');
    await docs.getByRole('link', { name: 'offertunderlag.pdf' }).waitFor();
    await docs.getByText('Delad med kunden').waitFor();

    await file.setInputFiles({
      name: 'anteckningar.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Interna anteckningar om prissättningen.\n'),
    });
    await documents.getByRole('button', { name: 'Ladda upp' }).click();
    await docs.getByRole('link', { name: 'anteckningar.txt' }).waitFor();
    await docs.getByRole('button', { name: 'Ta bort anteckningar.txt' }).click();
    const confirm = page.getByRole('dialog', { name: 'Ta bort dokument' });
    await confirm.getByRole('button', { name: 'Ta bort' }).click();
    await docs.getByRole('link', { name: 'anteckningar.txt' }).waitFor({ state: 'detached' });
    await docs.getByRole('link', { name: 'offertunderlag.pdf' }).waitFor();

    // A follow-up meeting on the Kirkpatrick guide, mentioning Oskar.
    const entry = page.getByRole('form', { name: 'Ny händelse' });
    await entry.getByRole('textbox', { name: 'Rubrik' }).fill('Uppföljning efter första kurstillfället');
    await entry.getByRole('combobox', { name: 'Samtalsguide' }).selectOption({ index: 1 });
    const reaction = entry.getByRole('textbox', { name: /^Reaktion/ });
    await reaction.fill('Deltagarna var nöjda med de praktiska övningarna.');
    expect(await entry.getByRole('textbox', { name: 'Varför?' }).count()).toBe(0);
    await entry
      .getByRole('group', { name: 'Nämn kollegor' })
      .getByRole('checkbox', { name: 'Oskar Norén' })
      .check();
    await expectNoAxeViolations(page);
    await entry.getByRole('button', { name: 'Spara händelsen' }).click();
    const timeline = page.getByTestId('case-entries');
    await timeline.getByText('Deltagarna var nöjda med de praktiska övningarna.').waitFor();
    await timeline.getByText(/Reaktion: hur upplevde deltagarna utbildningen\?/).waitFor();

    // A task for the colleague.
    const task = page.getByRole('form', { name: 'Ny uppgift' });
    await task.getByRole('textbox', { name: 'Uppgift' }).fill('Boka lokal för nästa träff');
    await task.getByRole('combobox', { name: 'Ansvarig' }).selectOption({ label: 'Oskar Norén' });
    await task.getByRole('button', { name: 'Lägg till uppgift' }).click();
    await page.getByTestId('task-list').getByText('Ansvarig: Oskar Norén').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the mentioned colleague sees the notification and opens the case from it', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'oskar.admin@norrvik.example');
    const bell = page.getByRole('button', { name: /^Aviseringar, \d+ oläst/ });
    await bell.waitFor();
    await bell.click();
    const item = page.getByRole('menuitem', { name: /Karin Berg nämnde dig i/ });
    await item.waitFor();
    await expectNoAxeViolations(page);
    await item.click();
    await expectHeading(page, CASE_TITLE);
    expect(new URL(page.url()).pathname).toBe(`/cases/${caseId}`);

    await page.getByRole('button', { name: /^Aviseringar/ }).click();
    const markAll = page.getByRole('menuitem', { name: 'Markera alla som lästa' });
    if (await markAll.count()) await markAll.click();
    await page.getByRole('button', { name: 'Aviseringar', exact: true }).waitFor();

    // Oskar would rather have them in one e-mail in the morning than one by one
    await page.keyboard.press('Escape'); // the menu is still open when nothing was left to mark read
    // a click while the menu is still closing would toggle it shut again
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Aviseringar', exact: true }).click();
    await page.getByRole('menuitem', { name: 'E-post om aviseringar…' }).click();
    const dialog = page.getByRole('dialog', { name: 'E-post om aviseringar' });
    expect(await dialog.getByRole('radio', { name: 'Genast, en i taget' }).isChecked()).toBe(true);
    await expectNoAxeViolations(page);
    await dialog.getByRole('radio', { name: /Samlade i ett e-postmeddelande kl\. 07\.00/ }).check();
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dismissNotification(page, 'Ditt val är sparat.');
    const me = await (await page.request.get('/api/me')).json();
    expect(me.user.notificationEmail).toBe('daily');
    await page.reload();
    await page.getByRole('button', { name: 'Aviseringar', exact: true }).click();
    await page.getByRole('menuitem', { name: 'E-post om aviseringar…' }).click();
    expect(
      await page
        .getByRole('dialog', { name: 'E-post om aviseringar' })
        .getByRole('radio', { name: /Samlade i ett e-postmeddelande/ })
        .isChecked(),
    ).toBe(true);
    await page
      .getByRole('dialog', { name: 'E-post om aviseringar' })
      .getByRole('button', { name: 'Avbryt' })
      .click();

    // the same choice in English
    await chooseLanguage(page, 'English');
    await page.getByRole('button', { name: 'Notifications', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Notifications by e-mail…' }).click();
    const english = page.getByRole('dialog', { name: 'Notifications by e-mail' });
    expect(await english.getByRole('radio', { name: /Gathered in one e-mail at 07:00/ }).isChecked()).toBe(
      true,
    );
    await expectEnglish(page, [...SWEDISH_SHELL_UI, 'Aviseringar', 'Genast', 'Samlade', 'Aldrig'], english);
    await expectNoAxeViolations(page);
    await english.getByRole('button', { name: 'Cancel' }).click();
    await chooseLanguage(page, 'Svenska');
    expect(errors).toEqual([]);
    await context.close();
  });
});
