import { and, eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseFile } from '../../src/features/cases/cases.table.ts';
import { course } from '../../src/features/catalog/catalog.table.ts';
import { createDesign } from '../../src/features/design/design.service.ts';
import { organisation } from '../../src/features/tenancy/tenancy.table.ts';
import { actorAt } from './support/commercial.ts';
import { chooseLanguage, expectNoAxeViolations, luppAndBrowser, newPage, signIn } from './support/lupp.ts';

// The design editor's links from learning outcomes to needs, other direct costs and parts given by other
// HEIs, on the seeded "Lean i underhållsarbetet" case at Högskolan i Norrvik (its needs analysis has four
// needs). A design built from the catalogue course UH120 is made the way the page makes it; Karin
// (coordinator) links an outcome to a need, adds a licence and a part given by Mittlands universitet,
// saves, reloads and calculates; then, in English, removes the licence past an edit conflict.

const LEAN_CASE = 'Lean i underhållsarbetet';
const DESIGN_TITLE = 'Lean i underhållet';

const journey = luppAndBrowser();
let caseId = '';

beforeAll(async () => {
  const db = journey.lupp.database.db;
  const [norrvik] = await db
    .select({ id: organisation.id })
    .from(organisation)
    .where(eq(organisation.name, 'Högskolan i Norrvik'));
  const [theCase] = await db
    .select({ id: caseFile.id })
    .from(caseFile)
    .where(and(eq(caseFile.heiId, norrvik?.id ?? ''), eq(caseFile.title, LEAN_CASE)));
  const [uh120] = await db.select({ id: course.id }).from(course).where(eq(course.code, 'UH120'));
  caseId = theCase?.id ?? '';
  const karin = await actorAt(journey.lupp, 'karin.koordinator@mittland.example', norrvik?.id ?? '', [
    'coordinator',
  ]);
  // Maria, manager at Mittlands universitet, is the study director at Norrvik too
  await actorAt(journey.lupp, 'maria.chef@mittland.example', norrvik?.id ?? '', ['manager']);
  await createDesign(db, karin, caseId, {
    title: DESIGN_TITLE,
    fromCourseIds: [uh120?.id ?? ''],
    language: 'sv',
    format: 'blended',
    participants: 12,
  });
});

/** Text with every kind of space (the thousands separator is a no-break space) as a plain one. */
const textOf = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s/g, ' ');

/** "90 313,57 kr" or "SEK 90,313.57" in the calculation's line `name` → öre. */
async function lineOre(page: Page, name: string, decimalMark: ',' | '.' = ','): Promise<number> {
  const row = page.getByTestId('calc-lines').getByRole('row', { name: new RegExp(`^${name}`) });
  const amount = (await row.getByRole('cell').nth(1).textContent()) ?? '';
  const [whole = '0', fraction = '0'] = amount
    .replace(new RegExp(`[^\\d${decimalMark}]`, 'g'), '')
    .split(decimalMark);
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

describe('design editor: needs, other direct costs and other HEIs', () => {
  it('links an outcome to a need, adds costs, keeps them and calculates them; works in English', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.goto(`/cases/${caseId}`);
    const section = page.getByRole('region', { name: 'Utformning och offert' });
    const form = page.getByRole('form', { name: 'Utformningens uppgifter' });
    expect(await form.getByRole('textbox', { name: 'Lärandemål 1 (modul 1)' }).inputValue()).toContain(
      'lean produktion',
    );

    // The calculation as the design is: version 1 (once the page shows there is none yet, as Karin sees it).
    await section.getByText('Utformningen har ingen kalkyl än.').waitFor();
    await section.getByRole('button', { name: 'Beräkna' }).click();
    await section.getByTestId('calc-version').getByText('Utkast').waitFor();
    const before = await lineOre(page, 'Full kostnad');
    expect(before).toBeGreaterThan(0);

    // Every need of the case's analysis is unanswered: the study director would see four gaps.
    const needs = section.getByTestId('design-needs');
    await needs.getByTestId('need-gaps').getByText('4 av 4 behov saknar lärandemål.').waitFor();
    expect(await needs.getByTestId('need-unanswered').count()).toBe(4);

    // The first outcome answers the need for lean production.
    const outcomeNeeds = form.getByRole('group', { name: 'Behov som lärandemål 1 (modul 1) svarar mot' });
    for (const need of [
      'Förebyggande underhåll',
      'Lean produktion',
      'PLC-programmering',
      'Förändringsledning',
    ])
      await outcomeNeeds.getByRole('checkbox', { name: need }).waitFor();
    await outcomeNeeds.getByRole('checkbox', { name: 'Lean produktion' }).check();
    await needs.getByTestId('need-gaps').getByText('3 av 4 behov saknar lärandemål.').waitFor();
    const leanRow = needs.getByTestId('need-coverage-row').filter({ hasText: 'Lean produktion' });
    await leanRow.getByText(/^Modul 1, lärandemål 1: förklara principerna/).waitFor();
    expect(await leanRow.getByTestId('need-unanswered').count()).toBe(0);

    // An other direct cost: a description is required.
    await form.getByRole('button', { name: 'Lägg till direkt kostnad' }).click();
    await form.getByRole('textbox', { name: 'Belopp (kr), kostnad 1' }).fill('2 500');
    await form.getByRole('button', { name: 'Spara', exact: true }).click();
    await form.getByText('Beskriv kostnaden.').waitFor();
    await form.getByRole('textbox', { name: 'Beskrivning, kostnad 1' }).fill('Licens för underhållssystem');

    // A part given by Mittlands universitet at its direct costs and 40 % OH: 14 000 kr in the calculation.
    await form.getByRole('button', { name: 'Lägg till leverans från annat lärosäte' }).click();
    const heiChoice = form.getByRole('combobox', { name: 'Lärosäte, leverans 1' });
    const offered = await heiChoice.locator('option').allTextContents();
    expect(offered).toContain('Mittlands universitet');
    expect(offered).not.toContain('Högskolan i Norrvik');
    await heiChoice.selectOption({ label: 'Mittlands universitet' });
    await form.getByRole('textbox', { name: 'Direkta kostnader (kr), leverans 1' }).fill('10 000');
    await form.getByRole('textbox', { name: 'OH-påslag (%), leverans 1' }).fill('40');
    expect(await textOf(form.getByTestId('delivery-cost'))).toBe('14 000 kr');
    await expectNoAxeViolations(page);

    // Leaving with the changes unsaved asks first; staying keeps everything typed
    const url = page.url();
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Ärenden' }).click();
    const unsaved = page.getByRole('dialog', { name: 'Ändringarna är inte sparade' });
    await unsaved
      .getByText('Lämnar du sidan nu försvinner det du har ändrat sedan du sparade senast.')
      .waitFor();
    await expectNoAxeViolations(page);
    await unsaved.getByRole('button', { name: 'Stanna kvar' }).click();
    await unsaved.waitFor({ state: 'detached' });
    expect(page.url()).toBe(url);
    expect(await form.getByRole('textbox', { name: 'Direkta kostnader (kr), leverans 1' }).inputValue()).toBe(
      '10 000',
    );

    await form.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Utformningen är sparad.').waitFor();
    await form.getByText('Beskriv kostnaden.').waitFor({ state: 'detached' });

    // Kept: after a reload the link, the cost and the delivery are there.
    await page.reload();
    const kept = page.getByRole('form', { name: 'Utformningens uppgifter' });
    await kept.getByRole('textbox', { name: 'Beskrivning, kostnad 1' }).waitFor();
    expect(
      await kept
        .getByRole('group', { name: 'Behov som lärandemål 1 (modul 1) svarar mot' })
        .getByRole('checkbox', { name: 'Lean produktion' })
        .isChecked(),
    ).toBe(true);
    expect(
      await kept
        .getByRole('group', { name: 'Behov som lärandemål 2 (modul 1) svarar mot' })
        .getByRole('checkbox', { name: 'Lean produktion' })
        .isChecked(),
    ).toBe(false);
    expect(await kept.getByRole('textbox', { name: 'Beskrivning, kostnad 1' }).inputValue()).toBe(
      'Licens för underhållssystem',
    );
    expect(await kept.getByRole('textbox', { name: 'Belopp (kr), kostnad 1' }).inputValue()).toBe('2500');
    expect(await kept.getByRole('combobox', { name: 'Lärosäte, leverans 1' }).inputValue()).toBe(
      'Mittlands universitet',
    );
    expect(await kept.getByRole('textbox', { name: 'Direkta kostnader (kr), leverans 1' }).inputValue()).toBe(
      '10000',
    );
    expect(await kept.getByRole('textbox', { name: 'OH-påslag (%), leverans 1' }).inputValue()).toBe('40');
    await section.getByTestId('need-gaps').getByText('3 av 4 behov saknar lärandemål.').waitFor();

    // The calculation of the design as it is now has both costs: its total rises by 2 500 + 14 000 kr.
    await section
      .getByText('Utformningen har ändrats sedan den senaste kalkylen. Beräkna på nytt.')
      .waitFor();
    await section.getByRole('button', { name: 'Beräkna' }).click();
    await section.getByRole('heading', { name: 'Kalkylens poster (version 2)' }).waitFor();
    expect(await lineOre(page, 'Övriga direkta kostnader')).toBe(250_000);
    expect(await lineOre(page, 'Levererat av andra lärosäten')).toBe(1_400_000);
    const after = await lineOre(page, 'Full kostnad');
    expect(after).toBeGreaterThan(before);
    expect(after - before).toBe(1_650_000); // the demo HEIs' OH is on staff costs only
    await expectNoAxeViolations(page);

    // Maria, the study director, sees the gaps before approving; she does not edit.
    const maria = await newPage(journey);
    await signIn(maria.page, 'maria.chef@mittland.example', { at: 'Högskolan i Norrvik' });
    await maria.page.goto(`/cases/${caseId}`);
    const her = maria.page.getByRole('region', { name: 'Utformning och offert' });
    await her.getByTestId('need-gaps').getByText('3 av 4 behov saknar lärandemål.').waitFor();
    await her
      .getByTestId('need-coverage-row')
      .filter({ hasText: 'PLC-programmering' })
      .getByText('Inget lärandemål svarar mot behovet')
      .waitFor();
    // and the advice above the approval names them, the most important first
    await her
      .getByTestId('design-advice')
      .getByText(/^3 behov i behovsanalysen besvaras inte av något lärandemål i ärendets kursupplägg: "/)
      .waitFor();
    await her.getByRole('button', { name: 'Godkänn utformning' }).waitFor();
    expect(
      await her
        .getByRole('group', { name: 'Behov som lärandemål 1 (modul 1) svarar mot' })
        .getByRole('checkbox', { name: 'Lean produktion' })
        .isDisabled(),
    ).toBe(true);
    expect(await her.getByRole('button', { name: 'Ta bort kostnad 1' }).count()).toBe(0);
    await expectNoAxeViolations(maria.page);
    expect(maria.errors).toEqual([]);
    await maria.context.close();

    // In English: the same design, its texts and numbers in English.
    await page.getByRole('button', { name: 'English' }).click();
    const english = page.getByRole('region', { name: 'Design and proposal' });
    const editor = page.getByRole('form', { name: "The design's details" });
    await english.getByTestId('need-gaps').getByText('3 of 4 needs have no learning outcome.').waitFor();
    expect(
      await editor
        .getByRole('group', { name: 'Needs that learning outcome 1 (module 1) answers' })
        .getByRole('checkbox', { name: 'Lean production' })
        .isChecked(),
    ).toBe(true);
    await english
      .getByTestId('need-coverage-row')
      .filter({ hasText: 'Preventive maintenance' })
      .getByText('No learning outcome answers this need')
      .waitFor();
    await english
      .getByTestId('design-advice')
      .getByText(
        /^3 needs of the needs analysis are not answered by any learning outcome of the case's designs: "/,
      )
      .waitFor();
    expect(await editor.getByRole('textbox', { name: 'Amount (SEK), cost 1' }).inputValue()).toBe('2500');
    // the design is written in Swedish: its text fields say so (spelling and a screen reader follow), its labels are English
    expect(
      await editor.getByRole('textbox', { name: 'Learning outcome 1 (module 1)' }).getAttribute('lang'),
    ).toBe('sv');
    expect(await editor.getByRole('textbox', { name: 'OH rate (%), delivery 1' }).inputValue()).toBe('40');
    expect(await textOf(editor.getByTestId('delivery-cost'))).toBe('SEK 14,000');
    await expectNoAxeViolations(page);

    // Karin removes the licence while someone else saves: refused, her removal stays until she reloads.
    await editor.getByRole('button', { name: 'Remove cost 1' }).click();
    await editor.getByText('No other direct costs.').waitFor();
    const otherSave = await page.evaluate(async (id) => {
      const list = await (await fetch(`/api/cases/${id}/designs`)).json();
      const d = list.designs[0];
      const saved = await fetch(`/api/designs/${d.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ revision: d.revision, schedule: 'Fyra halvdagar på arbetsplatsen' }),
      });
      return saved.status;
    }, caseId);
    expect(otherSave).toBe(200);
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = page.getByTestId('edit-conflict');
    await conflict.getByText('Someone else has changed the design').waitFor();
    expect(await editor.getByText('No other direct costs.').count()).toBe(1);
    await expectNoAxeViolations(page);
    await conflict.getByRole('button', { name: 'Load the latest version' }).click();
    await conflict.waitFor({ state: 'detached' });
    expect(await editor.getByRole('textbox', { name: 'Description, cost 1' }).inputValue()).toBe(
      'Licens för underhållssystem',
    );
    await editor.getByRole('button', { name: 'Remove cost 1' }).click();
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('The design was saved.').waitFor();
    await editor.getByText('No other direct costs.').waitFor();
    expect(await editor.getByRole('textbox', { name: 'Direct costs (SEK), delivery 1' }).inputValue()).toBe(
      '10000',
    );
    await expectNoAxeViolations(page);

    expect(errors).toEqual([]);
    await context.close();
  }, 240_000); // two people, two calculations and a language switch: longer than one journey

  it('sets an alternative aside with why, keeps it read-only on the timeline, and takes it back; in English too', async () => {
    const db = journey.lupp.database.db;
    const [norrvik] = await db
      .select({ id: organisation.id })
      .from(organisation)
      .where(eq(organisation.name, 'Högskolan i Norrvik'));
    const karin = await actorAt(journey.lupp, 'karin.koordinator@mittland.example', norrvik?.id ?? '', [
      'coordinator',
    ]);
    const ALTERNATIVE = 'Lean på distans';
    await createDesign(db, karin, caseId, {
      title: ALTERNATIVE,
      fromCourseIds: [],
      language: 'sv',
      format: 'distance',
      participants: 12,
    });
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.goto(`/cases/${caseId}`);
    const editor = page.getByTestId('design-editor');
    await editor.getByRole('heading', { name: ALTERNATIVE }).waitFor();
    // the first journey left her in English (her saved choice, applied once she is read)
    if ((await page.locator('html').getAttribute('lang')) === 'en') await chooseLanguage(page, 'Svenska');
    await editor.getByRole('button', { name: 'Lägg åt sidan…' }).waitFor();

    // the customer chose the blended course: Karin sets the distance alternative aside, saying why
    await editor.getByRole('button', { name: 'Lägg åt sidan…' }).click();
    const dialog = page.getByRole('dialog', { name: `Lägg ”${ALTERNATIVE}” åt sidan` });
    await dialog.getByRole('button', { name: 'Lägg åt sidan' }).click();
    await dialog.getByText('Skriv varför utformningen läggs åt sidan.').waitFor();
    await dialog.getByRole('textbox', { name: 'Varför' }).fill('Kunden valde det blandade upplägget.');
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Lägg åt sidan' }).click();
    await page.getByText(`”${ALTERNATIVE}” är lagd åt sidan.`).waitFor();
    const notice = editor.getByTestId('design-aside');
    await notice.getByText('Kunden valde det blandade upplägget.').waitFor();
    expect(await editor.getByTestId('design-status').textContent()).toBe('Lagd åt sidan');
    // kept as it was: the form is read-only, and it is neither calculated nor offered
    expect(await editor.getByRole('textbox', { name: 'Titel' }).isDisabled()).toBe(true);
    expect(await editor.getByRole('button', { name: 'Spara' }).count()).toBe(0);
    expect(
      await page.getByTestId('design-calculations').getByRole('button', { name: 'Beräkna' }).count(),
    ).toBe(0);
    expect(
      await page
        .getByRole('combobox', { name: 'Utformning' })
        .locator('option', { hasText: '(lagd åt sidan)' })
        .count(),
    ).toBe(1);
    const timeline = page.getByTestId('case-entries');
    await timeline.getByText(`Utformningen ”${ALTERNATIVE}” lades åt sidan`).waitFor();
    await timeline.getByText('Kunden valde det blandade upplägget.').waitFor();
    await expectNoAxeViolations(page);

    // in English the notice says the same; she takes it back, and it is a draft to work on again
    await chooseLanguage(page, 'English');
    await notice.getByText(/^Karin .* set the design aside on /).waitFor();
    expect(await editor.getByTestId('design-status').textContent()).toBe('Set aside');
    await timeline.getByText(`The design “${ALTERNATIVE}” was set aside`).waitFor();
    await notice.getByRole('button', { name: 'Take back' }).click();
    await page.getByText(`“${ALTERNATIVE}” is back.`).waitFor();
    await notice.waitFor({ state: 'detached' });
    expect(await editor.getByTestId('design-status').textContent()).toBe('Draft');
    expect(await editor.getByRole('textbox', { name: 'Title' }).isDisabled()).toBe(false);
    await editor.getByRole('button', { name: 'Set aside…' }).waitFor();
    await timeline.getByText(`The design “${ALTERNATIVE}” was taken back`).waitFor();
    await expectNoAxeViolations(page);

    expect(errors).toEqual([]);
    await context.close();
  });
});
