import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, luppAndBrowser, newPage, signIn } from './support/lupp.ts';

// Course design, calculation and proposal on a case at Mittlands universitet. Karin, coordinator, claims
// the demo inquiry from Stålverket, builds a design from a catalogue course (past an edit conflict), plans
// two teachers and four trips; Maria, manager (study director), approves it; Karin calculates; Eva,
// economist, approves the calculation; Karin makes the proposal, edits its introduction and sends it.

const journey = luppAndBrowser();

/** Text with every kind of space (the thousands separator is a no-break space) as a plain one. */
const textOf = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s/g, ' ');

const section = (page: Page) => page.getByRole('region', { name: 'Utformning och offert' });

describe('course design, calculation and proposal', () => {
  it('goes from a catalogue course to a sent proposal with approvals on the way', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Mittlands universitet' });
    await page.goto('/inquiries');
    await page.getByRole('link', { name: 'Stålverket i Norrvik AB' }).click();
    await page.getByRole('button', { name: 'Ta ärendet' }).click();
    await page.getByRole('link', { name: 'Öppna ärendet' }).click();
    await page.getByTestId('case-stage').filter({ hasText: 'Förfrågan' }).waitFor();
    const caseUrl = new URL(page.url()).pathname;
    const caseId = caseUrl.split('/').at(-1) ?? '';

    // A new design from a course found in the catalogue.
    const design = section(page);
    await design.getByText('Ärendet har ingen utformning än.').waitFor();
    await design.getByRole('button', { name: 'Ny utformning' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ny utformning' });
    await dialog.getByRole('textbox', { name: 'Titel' }).fill('Underhåll i stålverket');
    await dialog.getByRole('textbox', { name: 'Deltagare', exact: true }).fill('20');
    await dialog.getByText('Inga godtagna matchningar för ärendets behovsanalyser.').waitFor();
    await dialog.getByRole('textbox', { name: 'Sök i kurskatalogen' }).fill('tillståndsbaserat underhåll');
    await dialog.getByRole('button', { name: 'Sök', exact: true }).click();
    await dialog
      .getByRole('checkbox', { name: /^UH101 Förebyggande och tillståndsbaserat underhåll/ })
      .check();
    await dialog.getByText('1 kurs vald').waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Skapa utformning' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The course's credits need a SUN field for the degree-powers check: that blocks approval.
    const form = page.getByRole('form', { name: 'Utformningens uppgifter' });
    expect(await form.getByRole('textbox', { name: 'Modulens titel (modul 1)' }).inputValue()).toBe(
      'Förebyggande och tillståndsbaserat underhåll',
    );
    expect(await form.getByRole('textbox', { name: 'Lärandemål 1 (modul 1)' }).inputValue()).toContain(
      'stopptidsstatistik',
    );
    await design
      .getByTestId('design-blocking')
      .getByText(/saknar SUN-inriktning/)
      .waitFor();
    await design.getByTestId('design-status').getByText('Utkast').waitFor();
    await expectNoAxeViolations(page);

    // Someone else saves the design meanwhile: Karin's save is refused with the reason, her input stays.
    const sun = form.getByRole('textbox', { name: 'SUN-inriktning' });
    await sun.fill('52');
    const otherSave = await page.evaluate(async (id) => {
      const list = await (await fetch(`/api/cases/${id}/designs`)).json();
      const d = list.designs[0];
      const saved = await fetch(`/api/designs/${d.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ revision: d.revision, schedule: 'Fyra heldagar under hösten' }),
      });
      return saved.status;
    }, caseId);
    expect(otherSave).toBe(200);
    await form.getByRole('button', { name: 'Spara', exact: true }).click();
    const conflict = page.getByTestId('edit-conflict');
    // who saved in between and when, in Swedish (the API's detail is English, with a UTC time)
    await conflict
      .getByText(/Karin Berg sparade en ändring \d+ .+ \d{4} \d\d:\d\d, efter att du öppnade sidan\./)
      .waitFor();
    expect(await sun.inputValue()).toBe('52');
    await expectNoAxeViolations(page);
    await conflict.getByRole('button', { name: 'Läs in den senaste versionen' }).click();
    await conflict.waitFor({ state: 'detached' });
    expect(await form.getByRole('textbox', { name: 'Upplägg och schema' }).inputValue()).toBe(
      'Fyra heldagar under hösten',
    );

    // Teachers, participants and trips; saved.
    await sun.fill('52');
    await form.getByRole('textbox', { name: 'Deltagare', exact: true }).fill('20');
    await form.getByRole('button', { name: 'Lägg till lärare' }).click();
    await form.getByRole('textbox', { name: 'Namn, lärare 1' }).fill('Lektor i underhållsteknik');
    await form
      .getByRole('combobox', { name: 'Personalkategori, lärare 1' })
      .selectOption({ label: 'Lektor' });
    await form.getByRole('textbox', { name: 'Undervisning (timmar), lärare 1' }).fill('40');
    await form.getByRole('textbox', { name: 'Kursutveckling (timmar), lärare 1' }).fill('20');
    await form.getByRole('button', { name: 'Lägg till lärare' }).click();
    await form.getByRole('textbox', { name: 'Namn, lärare 2' }).fill('Professor i materialteknik');
    await form
      .getByRole('combobox', { name: 'Personalkategori, lärare 2' })
      .selectOption({ label: 'Professor' });
    await form.getByRole('textbox', { name: 'Undervisning (timmar), lärare 2' }).fill('8');
    await form.getByRole('textbox', { name: 'Antal resor' }).fill('4');
    await form.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Utformningen är sparad.').waitFor();
    await design.getByTestId('design-blocking').waitFor({ state: 'detached' });
    expect(await form.getByRole('textbox', { name: 'Undervisning (timmar), lärare 1' }).inputValue()).toBe(
      '40',
    );
    // A coordinator does not approve designs, and a proposal needs the approvals first.
    expect(await design.getByRole('button', { name: 'Godkänn utformning' }).count()).toBe(0);
    await design.getByRole('button', { name: 'Skapa offert' }).click();
    await design
      .getByRole('alert')
      .getByText(/has not approved the design/)
      .waitFor();
    await expectNoAxeViolations(page);

    // Maria, the study director, approves the design.
    const maria = await newPage(journey);
    await signIn(maria.page, 'maria.chef@mittland.example');
    await maria.page.goto(caseUrl);
    await section(maria.page).getByRole('button', { name: 'Godkänn utformning' }).click();
    await section(maria.page)
      .getByTestId('design-status')
      .getByText(/Godkänd av Maria Sund/)
      .waitFor();
    expect(await section(maria.page).getByRole('button', { name: 'Beräkna' }).count()).toBe(0);
    await expectNoAxeViolations(maria.page);
    expect(maria.errors).toEqual([]);
    await maria.context.close();

    // Karin calculates: version 1, a draft — also when she clicks before the list of calculations has come:
    // here it is read at once and delivered 1.5 s later (a slow connection), before the new version exists.
    await page.route(
      '**/api/designs/*/calculations',
      async (route) => {
        const response = await route.fetch();
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.fulfill({ response });
      },
      { times: 1 },
    );
    await page.reload();
    await section(page)
      .getByTestId('design-status')
      .getByText(/Godkänd av Maria Sund/)
      .waitFor();
    // the form says what saving a change to the approved design does, before she saves one
    const notice = section(page).getByTestId('approved-design-notice');
    await notice.getByText(/blir den ett utkast igen och behöver godkännas på nytt/).waitFor();
    // a standing notice, not an alert a screen reader breaks in with each time the form is drawn
    expect(await notice.getAttribute('role')).toBe('status');
    await section(page).getByRole('button', { name: 'Beräkna' }).click();
    const version = section(page).getByTestId('calc-version');
    await version.getByText('Utkast').waitFor();
    expect(await textOf(version)).toContain('90 313,57 kr');
    expect(await textOf(version)).toContain('4 516 kr');
    const lines = await textOf(section(page).getByTestId('calc-lines'));
    for (const line of ['Undervisning', 'Kursutveckling', 'Resor', 'Full kostnad'])
      expect(lines).toContain(line);
    expect(lines).toContain('6 000 kr'); // four trips at 1 500 kr
    expect(
      await section(page)
        .getByRole('button', { name: /Godkänn kalkyl/ })
        .count(),
    ).toBe(0);
    await expectNoAxeViolations(page);

    // Eva, economist, approves the calculation.
    const eva = await newPage(journey);
    await signIn(eva.page, 'eva.ekonom@mittland.example');
    await eva.page.goto(caseUrl);
    await section(eva.page).getByRole('button', { name: 'Godkänn kalkyl (version 1)' }).click();
    await section(eva.page).getByTestId('calc-version').getByText('Godkänd', { exact: true }).waitFor();
    expect(await textOf(section(eva.page).getByTestId('calc-version'))).toContain('av Eva Holm');
    await expectNoAxeViolations(eva.page);
    expect(eva.errors).toEqual([]);
    await eva.context.close();

    // Karin makes the proposal, edits its introduction and sends it.
    await page.reload();
    await section(page).getByTestId('calc-version').getByText('Godkänd', { exact: true }).waitFor();
    await section(page).getByRole('button', { name: 'Skapa offert' }).click();
    const proposal = section(page).getByTestId('proposal');
    await proposal.getByTestId('proposal-status').getByText('Utkast').waitFor();
    expect(await textOf(proposal)).toContain('4 516 kr per deltagare');
    const edit = page.getByRole('form', { name: 'Offert version 1' });
    const intro = edit.getByRole('textbox', { name: 'Inledning' });
    await intro.fill('Tack för ett givande möte. Här är vårt förslag på utbildning i underhåll.');
    // a validity that has passed is said beside the field, before anything is sent
    const validUntil = edit.getByLabel('Giltig till');
    const valid = await validUntil.inputValue();
    await validUntil.fill('2020-01-31');
    await edit.getByText('Välj i dag eller ett senare datum.').waitFor();
    await validUntil.fill(valid);
    await expectNoAxeViolations(page);
    await edit.getByRole('button', { name: 'Spara offerten' }).click();
    await page.getByText('Offerten är sparad.').waitFor();
    await proposal.getByText('Spara ändringarna innan du skickar offerten.').waitFor({ state: 'detached' });
    await edit.getByRole('button', { name: 'Skicka till kunden' }).click();
    await proposal.getByTestId('proposal-status').getByText('Skickad').waitFor();
    await proposal.getByText('Tack för ett givande möte.', { exact: false }).waitFor();
    await proposal.getByRole('button', { name: 'Ny version' }).waitFor();
    await expectNoAxeViolations(page);

    // The PDF link answers with the PDF.
    const href = await proposal
      .getByRole('link', { name: 'Öppna offert version 1 som PDF' })
      .getAttribute('href');
    expect(href).toBeTruthy();
    const pdf = await context.request.get(href ?? '');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');

    expect(errors).toEqual([]);
    await context.close();
  });
});
