import { and, eq } from 'drizzle-orm';
import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseFile } from '../../src/features/cases/cases.table.ts';
import { WELDING_CASE, weldingChain } from './support/commercial.ts';
import {
  expectEnglish,
  expectHeading,
  expectNoAxeViolations,
  luppAndBrowser,
  newPage,
  openInEnglish,
  SWEDISH_SHELL_UI,
  signIn,
} from './support/lupp.ts';

// Incentives and collaboration skills. Oskar, admin at Högskolan i Norrvik, sets a new version of the
// incentive model from today (30 % of the OH back to the departments, an hour counts 1,5). Karin,
// coordinator, sees on the welding case — designed, approved and calculated today — what taking part
// gives under it. Lars, a teacher at Mittlands universitet, takes the collaboration-skills
// self-assessment and follows a suggestion to the process guide. Oskar and Lars then read the same pages in
// English.

const journey = luppAndBrowser();
let caseId = '';
/** Another Norrvik case, with no design yet. */
let emptyCaseId = '';

beforeAll(async () => {
  let norrvik: string;
  ({ caseId, norrvik } = await weldingChain(journey.lupp, 'sent'));
  const [other] = await journey.lupp.database.db
    .select({ id: caseFile.id })
    .from(caseFile)
    .where(and(eq(caseFile.heiId, norrvik), eq(caseFile.title, 'Lean i underhållsarbetet')));
  emptyCaseId = other?.id ?? '';
}, 120_000);

/** Text with every kind of space (the thousands separator is a no-break space) as a plain one. */
const textOf = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s/g, ' ');

/**
 * Swedish words of the incentive pages that must not show in English (see `expectEnglish`). The model's
 * Swedish description, shown under the English one, and the case's teachers and staff categories are data
 * and have none of them.
 */
const INCENTIVES_SWEDISH = [
  ...SWEDISH_SHELL_UI,
  'Incitament',
  'Versioner',
  'Ny version',
  'Gäller nu',
  'Gäller från',
  'Har ersatts',
  'Kommande',
  'Andel av OH',
  'Timfaktor',
  'Inlagd av',
  'Administratörer',
  'Faktor för lärarnas',
  'Andra incitament',
  'Vad deltagandet ger',
  'Räknat på',
  'incitamentsmodellen',
  'Tillbaka till institutionerna',
  'Tillgodoräknade',
  'Tillgodoräknas',
  'timmar',
  'Personalkategori',
  'Undervisning',
  'Utveckling',
  'Planerat',
  'Summa',
  'Avrundning',
  'Om lärosätets',
];

/** Swedish words of the self-assessment page, its questionnaire included (it is in both languages). */
const SELF_ASSESSMENT_SWEDISH = [
  ...SWEDISH_SHELL_UI,
  'Samverkanskompetens',
  'Självskattning',
  'självskattning',
  'självskattningen',
  'Gör en ny',
  'Bara du ser',
  'Ditt resultat',
  'Område',
  'Resultat',
  'Bedömning',
  'Att utveckla',
  'På väg',
  'Styrka',
  'Förslag att utveckla',
  'Läs mer',
  'processguiden',
  'Kunddialog',
  'Projekt och affär',
  'Full kostnadstäckning',
  'Steg',
];

describe('incentives', () => {
  it('an admin sets a new version of the incentive model from today', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'oskar.admin@norrvik.example');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Incitament' })
      .click();
    await expectHeading(page, 'Incitament');
    const rows = page.getByTestId('incentive-version-row');
    await rows.first().getByText('Gäller nu').waitFor();
    expect(await textOf(page.getByTestId('incentive-values'))).toContain('25 %');
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Ny version' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ny version' });
    // starts from the version in force, from today
    expect(await dialog.getByRole('textbox', { name: /Andel av OH-påslaget/ }).inputValue()).toBe('25');
    await dialog.getByRole('textbox', { name: /Andel av OH-påslaget/ }).fill('30');
    await dialog.getByRole('textbox', { name: /Faktor för lärarnas planerade timmar/ }).fill('1,5x');
    await dialog.getByRole('button', { name: 'Spara versionen' }).click();
    await dialog.getByText('Ange en faktor från 0 till 5').waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByRole('textbox', { name: /Faktor för lärarnas planerade timmar/ }).fill('1,5');
    await dialog.getByRole('button', { name: 'Spara versionen' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByText('Version 2 är sparad').waitFor();
    expect(await rows.count()).toBe(2);
    const newest = rows.first();
    expect(await textOf(newest)).toContain('Gäller nu');
    expect(await textOf(newest)).toContain('30 %');
    expect(await textOf(newest)).toContain('1,5');
    expect(await textOf(rows.nth(1))).toContain('Har ersatts');
    expect(await textOf(page.getByTestId('incentive-values'))).toContain(
      'en planerad timme räknas som 1,5 timmar',
    );
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a coordinator sees what taking part gives on a case with an approved calculation', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.goto(`/cases/${caseId}`);
    await expectHeading(page, WELDING_CASE);
    const panel = page.getByRole('region', { name: 'Vad deltagandet ger' });
    // OH 35 % of 44 431,00 kr staff costs = 15 550,85 kr; 30 % of it = 4 665,255 kr → 4 665,26 kr
    const share = panel.getByTestId('incentive-department-share');
    await share.waitFor();
    expect(await textOf(share)).toContain('4 665,26 kr');
    expect(await textOf(share)).toContain('30 % av OH-påslaget på 15 550,85 kr');
    // (40 + 20) h × 1,5 = 90 h and 8 h × 1,5 = 12 h
    expect(await textOf(panel.getByTestId('incentive-credited-hours'))).toContain('102 timmar');
    const teachers = panel.getByTestId('incentive-teacher-row');
    expect(await textOf(teachers.nth(0))).toMatch(/Lektor i svetsteknik.*Lektor.*40.*20.*60.*90/);
    expect(await textOf(teachers.nth(1))).toMatch(/Professor i materialteknik.*Professor.*8.*0.*8.*12/);
    expect(await textOf(panel)).toContain('incitamentsmodellen version 2');
    expect(await textOf(panel)).toContain('Andra incitament');
    await expectNoAxeViolations(page);

    // A case without an approved calculation says what the panel will show, and why it is empty.
    await page.goto(`/cases/${emptyCaseId}`);
    await expectHeading(page, 'Lean i underhållsarbetet');
    const empty = page.getByRole('region', { name: 'Vad deltagandet ger' });
    await empty.getByText('Ingen godkänd kalkyl ännu').waitFor();
    expect(await textOf(empty)).toContain('hur många timmar varje lärare tillgodoräknas');
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an admin reads the model and what taking part gives in English', async () => {
    const { context, page, errors } = await newPage(journey);
    await openInEnglish(page, 'oskar.admin@norrvik.example', 'Incentives');
    await expectHeading(page, 'Incentives');
    const rows = page.getByTestId('incentive-version-row');
    await rows.first().getByText('In force').waitFor();
    expect(await textOf(rows.first())).toMatch(/Version 2.*In force.*30%.*1\.5/);
    expect(await textOf(rows.nth(1))).toContain('Superseded');
    expect(await textOf(page.getByTestId('incentive-values'))).toContain(
      'a planned hour counts as 1.5 hours',
    );
    // the description in the interface language, the Swedish one below it, said to be so
    await page.getByTestId('incentive-values').getByText('In Swedish:').waitFor();
    await page.getByRole('button', { name: 'New version' }).click();
    const dialog = page.getByRole('dialog', { name: 'New version' });
    expect(await dialog.getByRole('textbox', { name: /Share of the OH surcharge/ }).inputValue()).toBe('30');
    expect(
      await dialog.getByRole('textbox', { name: /Factor on teachers' planned hours/ }).inputValue(),
    ).toBe('1.5');
    await dialog.getByRole('button', { name: 'Save the version' }).waitFor();
    await expectEnglish(page, INCENTIVES_SWEDISH);
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The rest of the case page belongs to other features: only the panel is read for Swedish.
    await page.goto(`/cases/${caseId}`);
    await expectHeading(page, WELDING_CASE);
    const panel = page.getByRole('region', { name: 'What taking part gives' });
    const share = panel.getByTestId('incentive-department-share');
    await share.waitFor();
    expect(await textOf(share)).toContain('SEK 4,665.26');
    expect(await textOf(share)).toContain('30% of the OH surcharge of SEK 15,550.85');
    expect(await textOf(panel.getByTestId('incentive-credited-hours'))).toContain('102 hours');
    expect(await textOf(panel)).toContain('incentive model version 2');
    await panel.getByText('Other incentives').waitFor();
    await expectEnglish(page, INCENTIVES_SWEDISH, panel);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('collaboration-skills self-assessment', () => {
  it('a teacher takes it, sees the result per area and follows a suggestion to the guide', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'lars.larare@mittland.example');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Samverkanskompetens' })
      .click();
    await expectHeading(page, 'Samverkanskompetens');
    await page.getByText('Bara du ser dina svar och resultat').waitFor();
    const groups = page.getByRole('radiogroup');
    await groups.first().waitFor();
    expect(await groups.count()).toBe(15);

    // Saving with statements unanswered says so at each of them.
    await groups.nth(0).getByRole('radio', { name: '4 – Stämmer ganska bra' }).check();
    await page.getByRole('button', { name: 'Spara självskattningen' }).click();
    await page.getByText('Svara på alla påståenden innan du sparar.').waitFor();
    expect(await page.getByText('Svara på påståendet.').count()).toBe(14);
    await expectNoAxeViolations(page);

    // Everything "4" but project and commercial understanding ("2"): that is what to develop.
    for (let i = 1; i < 15; i++)
      await groups.nth(i).getByRole('radio', { name: '4 – Stämmer ganska bra' }).check();
    for (const statement of [/full kostnadstäckning/, /planera ett uppdrag/])
      await page
        .getByRole('radiogroup', { name: statement })
        .getByRole('radio', { name: '2 – Stämmer dåligt' })
        .check();
    await page.getByRole('button', { name: 'Spara självskattningen' }).click();
    const result = page.getByTestId('self-assessment-result');
    await result.waitFor();
    const areas = page.getByTestId('self-assessment-area');
    expect(await areas.count()).toBe(6);
    expect(await textOf(areas.filter({ hasText: 'Projekt och affär' }))).toContain('Att utveckla');
    expect(await textOf(areas.filter({ hasText: 'Kunddialog' }))).toContain('Styrka');
    await expectNoAxeViolations(page);

    const suggestions = page.getByTestId('self-assessment-suggestions');
    const link = suggestions.getByRole('link', { name: 'Full kostnadstäckning' });
    expect(await link.getAttribute('href')).toBe('/guide/full-cost');
    expect(await suggestions.getByRole('link', { name: 'Steg 6: Avtal' }).getAttribute('href')).toBe(
      '/guide/stage-agreement',
    );
    await link.click();
    await page.waitForURL('**/guide/full-cost');
    await page.getByRole('heading', { level: 1, name: 'Full kostnadstäckning' }).waitFor();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the teacher reads his result in English and follows a suggestion to the English guide', async () => {
    const { context, page, errors } = await newPage(journey);
    await openInEnglish(page, 'lars.larare@mittland.example', 'Collaboration skills');
    await expectHeading(page, 'Collaboration skills');
    await page.getByText('Only you see your answers and results').waitFor();
    // the self-assessment he saved in Swedish
    const result = page.getByTestId('self-assessment-result');
    await result.getByText('This is your first self-assessment.', { exact: false }).waitFor();
    const areas = page.getByTestId('self-assessment-area');
    expect(await areas.count()).toBe(6);
    expect(await textOf(areas.filter({ hasText: 'Project and commercial understanding' }))).toContain(
      'To develop',
    );
    expect(await textOf(areas.filter({ hasText: 'Customer dialogue' }))).toContain('Strength');
    await page.getByRole('button', { name: 'Take a new self-assessment' }).waitFor();
    const suggestions = page.getByRole('region', { name: 'Suggestions to develop' });
    const link = suggestions.getByRole('link', { name: 'Full cost recovery' });
    expect(await link.getAttribute('href')).toBe('/en/guide/full-cost');
    expect(await suggestions.getByRole('link', { name: 'Stage 6: Agreement' }).getAttribute('href')).toBe(
      '/en/guide/stage-agreement',
    );
    await expectEnglish(page, SELF_ASSESSMENT_SWEDISH);
    await expectNoAxeViolations(page);

    await link.click();
    await page.waitForURL('**/en/guide/full-cost');
    await expectHeading(page, 'Full cost recovery');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(errors).toEqual([]);
    await context.close();
  });
});
