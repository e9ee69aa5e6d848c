import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../support/pdf-text.ts';
import {
  expectHeading,
  expectNoAxeViolations,
  expectOneImage,
  luppAndBrowser,
  newPage,
  signIn,
} from './support/lupp.ts';

// A needs analysis built in a dialogue with the customer at Högskolan i Norrvik: organisation level,
// a role with its SSYK occupation, needs from the taxonomy (searched, or suggested from the customer's
// own words and confirmed), computed gap and priority, the heatmap and chart, refusals, a new version
// compared with the first, and the exports.

const journey = luppAndBrowser();
let analysisUrl = '';
let latestUrl = '';

async function karinAtNorrvik(page: Page) {
  await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
}

/** The HEI's list of analyses, from the main menu. */
async function openAnalyses(page: Page) {
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Behovsanalys' })
    .click();
  await expectHeading(page, 'Behovsanalyser');
}

/** Types into a searchable select and picks the option whose text matches. */
async function pick(page: Page, label: string, search: string, option: string | RegExp) {
  const input = page.getByRole('textbox', { name: label }).or(page.getByRole('combobox', { name: label }));
  await input.fill(search);
  await page.getByRole('option', { name: option }).click();
}

describe('a needs analysis in dialogue with the customer', () => {
  it('starts for a case, records the organisation level and a role with its occupation', async () => {
    const { context, page, errors } = await newPage(journey);
    await karinAtNorrvik(page);
    await openAnalyses(page);
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Ny behovsanalys…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ny behovsanalys' });
    await dialog.getByRole('button', { name: 'Starta analysen' }).click();
    await dialog.getByText('Välj det ärende analysen hör till.').waitFor();
    await dialog.getByText('Skriv en rubrik med minst tre tecken.').waitFor();
    await expectNoAxeViolations(page);
    // the case is found by searching as one types (an HEI may have hundreds)
    await pick(page, 'Ärende', 'höga temperaturer', /Svetsteknik för höga temperaturer/);
    await dialog.getByRole('textbox', { name: 'Rubrik' }).fill('Kompetensbehov i svetsverkstaden');
    await dialog.getByRole('button', { name: 'Starta analysen' }).click();
    await expectHeading(page, 'Kompetensbehov i svetsverkstaden');
    analysisUrl = new URL(page.url()).pathname;
    await page.getByText('Kund: Stålverket i Norrvik AB').waitFor();

    const organisation = page.getByRole('region', { name: 'Organisationsnivå' });
    await organisation
      .getByRole('textbox', { name: 'Strategi och mål för verksamheten' })
      .fill('Fossilfri stålproduktion till 2030 kräver nya svetsmetoder.');
    await organisation.getByRole('checkbox', { name: 'Ny teknik' }).check();
    await organisation.getByRole('button', { name: 'Spara organisationsnivån' }).click();
    await page.getByText('Sparat.').first().waitFor();

    const roles = page.getByRole('region', { name: 'Roller' });
    await roles.getByRole('button', { name: 'Lägg till roll' }).click();
    const roleDialog = page.getByRole('dialog', { name: 'Lägg till roll' });
    await roleDialog.getByRole('textbox', { name: 'Roll' }).fill('Svetsare');
    await pick(page, 'Yrke (SSYK)', 'svets', /Svetsare och gasskärare \(7212\)/);
    await roleDialog.getByRole('spinbutton', { name: 'Antal nu' }).fill('40');
    await roleDialog.getByRole('spinbutton', { name: 'Antal vid horisonten' }).fill('45');
    await expectNoAxeViolations(page);
    await roleDialog.getByRole('button', { name: 'Spara rollen' }).click();
    await roles.getByRole('rowheader', { name: 'Svetsare' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('records needs from the customer’s words and from the taxonomy, refuses a need without a subject, and computes priority', async () => {
    const { context, page } = await newPage(journey);
    await karinAtNorrvik(page);
    await page.goto(analysisUrl);
    const needs = page.getByRole('region', { name: 'Kompetensbehov' });

    // Nothing chosen and nothing written: refused, with the reason at the field.
    await needs.getByRole('button', { name: 'Lägg till behov…' }).click();
    let form = page.getByRole('dialog', { name: 'Kompetensbehov' });
    await form.getByRole('button', { name: 'Spara behovet' }).click();
    await form.getByText('Välj en kompetens eller beskriv behovet med egna ord.').waitFor();

    // The customer's words, a suggested concept confirmed by the coordinator.
    await form.getByRole('combobox', { name: 'Roll' }).selectOption({ label: 'Svetsare' });
    await form
      .getByRole('textbox', { name: 'Behovet med egna ord' })
      .fill('Svetsarna behöver klara svetsteknik för nya höghållfasta stål');
    await form.getByRole('button', { name: 'Föreslå begrepp' }).click();
    const suggestions = form.getByRole('region', { name: 'Förslag' });
    await suggestions
      .getByText(/Matchade ord: .*svetsteknik/)
      .first()
      .waitFor();
    await suggestions.getByRole('button', { name: 'Använd Svetsteknik' }).click();
    await form.getByText('Vald kompetens: Svetsteknik').waitFor();
    await form.getByRole('combobox', { name: 'Nivå som behövs' }).selectOption({ index: 4 });
    await form.getByRole('combobox', { name: 'Nivå i dag' }).selectOption({ index: 2 });
    await form.getByRole('combobox', { name: 'Vikt' }).selectOption({ label: '3 – Hög' });
    await form.getByRole('spinbutton', { name: 'Antal personer' }).fill('0');
    await form.getByRole('button', { name: 'Spara behovet' }).click();
    await form.getByText('Ange hur många personer som berörs (minst 1).').waitFor();
    await form.getByRole('spinbutton', { name: 'Antal personer' }).fill('40');
    await form
      .getByRole('textbox', { name: 'Mål för individen' })
      .fill('Kan svetsa höghållfast stål enligt WPS.');
    await expectNoAxeViolations(page);
    await form.getByRole('button', { name: 'Spara behovet' }).click();
    await form.waitFor({ state: 'detached' });
    const table = needs.getByTestId('needs-table');
    const welding = table.getByRole('row').filter({ hasText: 'Svetsteknik' });
    await welding.waitFor();
    // 3 × 2 × (1 + log10(40) = 2,6) × 1 (now) = 15,6, written with decimal commas
    await welding.getByText('Uträkning: 3 × 2 × 2,6 × 1 = 15,6').waitFor();

    // A need for the whole organisation, searched in the taxonomy, three years ahead.
    await needs.getByRole('button', { name: 'Lägg till behov…' }).click();
    form = page.getByRole('dialog', { name: 'Kompetensbehov' });
    await pick(page, 'Sök kompetens i taxonomin', 'ledar', 'Ledarskap');
    await form.getByRole('combobox', { name: 'Horisont' }).selectOption({ label: 'Om 3 år' });
    await form.getByRole('spinbutton', { name: 'Antal personer' }).fill('6');
    await form.getByRole('button', { name: 'Spara behovet' }).click();
    await table.getByRole('row').filter({ hasText: 'Ledarskap' }).waitFor();

    const top = page.getByTestId('top-priorities');
    await top.getByText('Svetsteknik (15,6)').waitFor();
    const heatmap = page.getByTestId('heatmap');
    await heatmap.getByRole('columnheader', { name: 'Svetsteknik' }).waitFor();
    const welders = heatmap
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Svetsare' }) });
    expect((await welders.getByRole('cell').allTextContents()).join('|')).toContain('2');
    const chart = page.getByRole('img', { name: /Diagram: 2 behov .* Högst prioritet: Svetsteknik/ });
    await chart.waitFor();
    await expectOneImage(chart);
    await page.getByTestId('gap-table').getByRole('rowheader', { name: 'Ledarskap' }).waitFor();
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('starts a new version, revises a level and compares the two; exports the analysis', async () => {
    const { context, page } = await newPage(journey);
    await karinAtNorrvik(page);
    await page.goto(analysisUrl);
    await page.getByRole('button', { name: 'Ny version' }).click();
    await page.getByText('Version 2', { exact: true }).waitFor();
    expect(new URL(page.url()).pathname).not.toBe(analysisUrl);

    await page.getByRole('button', { name: 'Ändra behov: Svetsteknik' }).click();
    const form = page.getByRole('dialog', { name: /Ändra behov: Svetsteknik/ });
    await form.getByRole('combobox', { name: 'Nivå i dag' }).selectOption({ index: 3 });
    await form.getByRole('button', { name: 'Spara behovet' }).click();
    await form.waitFor({ state: 'detached' });

    const versions = page.getByRole('region', { name: 'Versioner' });
    await versions
      .getByRole('combobox', { name: 'Jämför med version' })
      .selectOption({ label: 'Kompetensbehov i svetsverkstaden – Version 1' });
    await versions.getByRole('button', { name: 'Jämför' }).click();
    const comparison = versions.getByTestId('comparison-table');
    const row = comparison.getByRole('row').filter({ hasText: 'Svetsteknik' });
    await row.getByText('Ändrat').waitFor();
    await row.getByText('2 / 15,6').waitFor();
    await row.getByText('1 / 7,8').waitFor();
    await expectNoAxeViolations(page);

    // The HEI tunes the formula: needs three years ahead weigh less.
    const organisation = page.getByRole('region', { name: 'Organisationsnivå' });
    const threeYears = organisation.getByRole('textbox', { name: 'Om 3 år' });
    expect(await threeYears.inputValue()).toBe('0,6'); // the Swedish decimal mark
    await threeYears.fill('11');
    await organisation.getByText('Ange en vikt från 0 till 10.').waitFor();
    // typed with a comma, as Swedish writes it (a number field made "0,3" into 3)
    await threeYears.fill('0,3');
    await organisation.getByRole('button', { name: 'Spara organisationsnivån' }).click();
    await page
      .getByTestId('needs-table')
      .getByRole('row')
      .filter({ hasText: 'Ledarskap' })
      .getByText(/× 0,3 = /)
      .waitFor();

    latestUrl = new URL(page.url()).pathname;
    const id = latestUrl.split('/').pop();
    const xlsx = await page.request.get(`/api/analyses/${id}/export?format=xlsx&lang=sv`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    const csv = await (await page.request.get(`/api/analyses/${id}/export?format=csv&lang=en`)).text();
    expect(csv).toContain('Welding technology');

    // Person level is pseudonymous: a personnummer is refused, a pseudonym kept.
    const persons = page.getByRole('region', { name: 'Personnivå (pseudonymer)' });
    await persons.getByRole('button', { name: 'Lägg till person' }).click();
    const person = page.getByRole('dialog', { name: 'Lägg till person' });
    await person.getByRole('textbox', { name: 'Pseudonym' }).fill('19811218-9876');
    await person.getByRole('button', { name: 'Spara personen' }).click();
    await person.getByText(/Använd en pseudonym, till exempel ”Svetsare 3”/).waitFor();
    await expectNoAxeViolations(page);
    await person.getByRole('textbox', { name: 'Pseudonym' }).fill('Svetsare 3');
    await person.getByRole('combobox', { name: 'Roll' }).selectOption({ label: 'Svetsare' });
    await person.getByRole('combobox', { name: 'Svetsteknik: nivå i dag' }).selectOption('2');
    await person.getByRole('button', { name: 'Spara personen' }).click();
    await person.waitFor({ state: 'detached' });
    await persons.getByTestId('persons-table').getByRole('rowheader', { name: 'Svetsare 3' }).waitFor();

    // The case lists both versions of its analysis.
    await page.getByRole('link', { name: 'Till ärendet' }).click();
    const onCase = page.getByRole('region', { name: 'Behovsanalyser' });
    await onCase.getByRole('link', { name: 'Kompetensbehov i svetsverkstaden – Version 2' }).waitFor();
    await onCase.getByRole('link', { name: 'Kompetensbehov i svetsverkstaden – Version 1' }).waitFor();
    await context.close();
  });

  it('the customer completes the analysis through the link and surveys the staff; the heatmap and PDF reflect it', async () => {
    const hei = await newPage(journey);
    await karinAtNorrvik(hei.page);
    await hei.page.goto(latestUrl);
    const links = hei.page.getByRole('region', { name: 'Länk till kunden' });
    await links.getByRole('textbox', { name: /Skicka länken till/ }).fill('inte-en-adress');
    await links.getByRole('button', { name: 'Skapa länk' }).click();
    await links.getByText('Ange en giltig e-postadress.').waitFor();
    await links.getByRole('textbox', { name: /Skicka länken till/ }).fill('sara.kund@stalverket.example');
    await links.getByRole('button', { name: 'Skapa länk' }).click();
    const link = (await links.getByTestId('self-service-link').textContent())?.trim() ?? '';
    expect(link).toMatch(/\/s\/[\w-]{20,}$/);
    await expectNoAxeViolations(hei.page);

    // Sara at Stålverket opens the link without an account and adds a need of her own.
    const customer = await newPage(journey);
    const page = customer.page;
    await page.goto(link);
    await expectHeading(page, 'Behovsanalys: Kompetensbehov i svetsverkstaden');
    await page.getByText(/Stålverket i Norrvik AB: här fyller ni i/).waitFor();
    await expectNoAxeViolations(page);
    await page
      .getByRole('region', { name: 'Kompetensbehov' })
      .getByRole('button', { name: 'Lägg till behov…' })
      .click();
    const form = page.getByRole('dialog', { name: 'Kompetensbehov' });
    await form.getByRole('combobox', { name: 'Roll' }).selectOption({ label: 'Svetsare' });
    await pick(page, 'Sök kompetens i taxonomin', 'förebygg', 'Förebyggande underhåll');
    await form.getByRole('combobox', { name: 'Nivå som behövs' }).selectOption({ index: 3 });
    await form.getByRole('spinbutton', { name: 'Antal personer' }).fill('12');
    await form.getByRole('button', { name: 'Spara behovet' }).click();
    await form.waitFor({ state: 'detached' });
    await page
      .getByTestId('needs-table')
      .getByRole('row')
      .filter({ hasText: 'Förebyggande underhåll' })
      .waitFor();

    // She creates six single-use survey links for the welders.
    const surveys = page.getByRole('region', { name: 'Självskattning bland personalen' });
    await surveys.getByRole('spinbutton', { name: /Antal länkar/ }).fill('3');
    await surveys.getByRole('button', { name: 'Skapa enkätlänkar' }).click();
    await surveys.getByText('Skapa mellan 5 och 500 länkar.').waitFor();
    await surveys.getByRole('spinbutton', { name: /Antal länkar/ }).fill('6');
    await surveys.getByRole('button', { name: 'Skapa enkätlänkar' }).click();
    const surveyLinks = (await surveys.getByTestId('survey-links').inputValue()).split('\n');
    expect(surveyLinks).toHaveLength(6);
    await expectNoAxeViolations(page);

    // Six welders answer anonymously; each link works once.
    const staff = await newPage(journey);
    for (const [index, surveyLink] of surveyLinks.entries()) {
      await staff.page.goto(surveyLink);
      await expectHeading(staff.page, 'Självskattning av kompetens');
      await staff.page.getByRole('combobox', { name: 'Din roll' }).selectOption({ label: 'Svetsare' });
      if (index === 0) {
        await staff.page.getByRole('button', { name: 'Skicka svaret' }).click();
        await staff.page.getByText(/Svara på alla frågor innan du skickar/).waitFor();
        await expectNoAxeViolations(staff.page);
      }
      for (const group of await staff.page.getByRole('radiogroup').all())
        await group.getByRole('radio', { name: /^1 – / }).check();
      await staff.page.getByRole('button', { name: 'Skicka svaret' }).click();
      await staff.page.getByText('Tack! Ditt svar är sparat.').waitFor();
      if (index === 3) {
        await page.reload();
        await surveys.getByRole('button', { name: 'Visa resultat' }).click();
        await surveys.getByText('Resultat visas när minst 5 har svarat (4 har svarat hittills).').waitFor();
      }
    }
    await staff.page.goto(surveyLinks[0] ?? '');
    await staff.page.getByText('Den här länken har redan använts för att svara.').waitFor();
    await expectNoAxeViolations(staff.page);

    // With six answers the aggregates show, and the welders' survey level drives their heatmap row.
    await page.reload();
    await surveys.getByText('6 av 6 har svarat', { exact: false }).waitFor();
    await surveys.getByRole('button', { name: 'Visa resultat' }).click();
    await surveys
      .getByTestId('survey-results')
      .first()
      .getByRole('rowheader', { name: 'Svetsteknik' })
      .waitFor();
    const welders = page
      .getByTestId('heatmap')
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Svetsare' }) });
    await welders.getByText('enkät, 6 svar').first().waitFor();
    await expectNoAxeViolations(page);

    // The HEI sees the same, and the PDF summary carries the matrix.
    await hei.page.reload();
    await hei.page.getByTestId('heatmap').getByText('enkät, 6 svar').first().waitFor();
    const id = latestUrl.split('/').pop();
    const pdf = await hei.page.request.get(`/api/analyses/${id}/summary.pdf?lang=sv`);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    const text = pdfText(Buffer.from(await pdf.body()));
    expect(text).toContain('Gap per roll och kompetens');
    expect(text).toContain('Förebyggande underhåll');
    await Promise.all([hei.context.close(), customer.context.close(), staff.context.close()]);
  }, 240_000); // three people and six answers: longer than one journey

  it('finds an analysis by its customer, and a long list comes a page at a time', async () => {
    // 205 earlier analyses for the demo's case and customer (written straight to the database): more than
    // the largest page of the API
    await journey.lupp.database.db.execute(sql`
      insert into needs_analysis (hei_id, customer_id, case_id, title, created_at, updated_at)
      select hei_id, customer_id, case_id, 'Tidigare analys ' || n, created_at - n * interval '1 day',
        created_at - n * interval '1 day'
      from (select * from needs_analysis where title = 'Kompetensbehov i underhållet 2027' limit 1) original,
        generate_series(1, 205) n`);
    const { context, page, errors } = await newPage(journey);
    await karinAtNorrvik(page);
    await openAnalyses(page);
    const table = page.getByTestId('analyses-table');
    const pages = page.getByRole('navigation', { name: 'Sidor' });
    await pages.getByText('Sida 1 av 5').waitFor();
    expect(await table.getByRole('row').count()).toBe(51);

    const search = page.getByRole('form', { name: 'Sök bland analyserna' });
    await search.getByRole('searchbox', { name: 'Sök bland analyserna' }).fill('stålverket');
    await search.getByRole('button', { name: 'Sök', exact: true }).click();
    await table.getByRole('link', { name: 'Tidigare analys 1', exact: true }).waitFor({ state: 'detached' });
    await table.getByRole('link', { name: 'Kompetensbehov i svetsverkstaden' }).first().waitFor();
    expect(await table.getByText('Norrlandsgruvan AB').count()).toBe(0);
    expect(await pages.count()).toBe(0);
    await expectNoAxeViolations(page);
    await search.getByRole('searchbox', { name: 'Sök bland analyserna' }).fill('finns inte');
    await search.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText('Ingen analys har en rubrik eller kund som innehåller ”finns inte”.').waitFor();

    // the page is in the address: the second page, and an address past the last one, show the oldest
    await page.goto('/needs?page=9');
    await pages.getByText('Sida 5 av 5').waitFor();
    await table.getByRole('link', { name: 'Tidigare analys 205', exact: true }).waitFor();
    expect(page.url()).toContain('page=5');
    await expectNoAxeViolations(page);

    // the case lists every one of its analyses, the oldest too (beyond the API's largest page)
    const { rows } = await journey.lupp.database.db.execute<{ case_id: string }>(
      sql`select case_id from needs_analysis where title = 'Tidigare analys 205'`,
    );
    await page.goto(`/cases/${rows[0]?.case_id}`);
    const caseAnalyses = page.getByRole('region', { name: 'Behovsanalyser' });
    await caseAnalyses.getByRole('link', { name: 'Tidigare analys 205 – Version 1' }).waitFor();
    expect(await caseAnalyses.getByRole('link', { name: /^Tidigare analys / }).count()).toBe(205);

    // the list, its search and its pages in English
    await page.getByRole('button', { name: 'English' }).click();
    await page.goto('/needs?q=Tidigare&page=3');
    await expectHeading(page, 'Needs analyses');
    await page.getByRole('navigation', { name: 'Pages' }).getByText('Page 3 of 5').waitFor();
    await table.getByRole('link', { name: 'Tidigare analys 101', exact: true }).waitFor();
    const searchEn = page.getByRole('form', { name: 'Search the analyses' });
    await searchEn.getByRole('searchbox', { name: 'Search the analyses' }).fill('no such analysis');
    await searchEn.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('No analysis has a title or customer containing “no such analysis”.').waitFor();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
