import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { organisation } from '../../src/features/tenancy/tenancy.table.ts';
import { stockholmDate } from '../../src/shared/stockholm-days.ts';
import { evaluatedCourse } from '../support/factories.ts';
import {
  dismissNotification,
  expectEnglish,
  expectHeading,
  expectNoAxeViolations,
  luppAndBrowser,
  newPage,
  SWEDISH_SHELL_UI,
  signIn,
} from './support/lupp.ts';

// Johan, the consortium's regional analyst, reads the pooled analysis: the competences and occupations the
// two HEIs' needs analyses name (only those of three or more organisations), the courses that teach them,
// and the front door's inquiries, and the last five years side by side; he narrows it to a county, a sector and
// a calendar year, and downloads it. Oskar, Norrvik's administrator, stops his HEI contributing and starts again.

const journey = luppAndBrowser();
const thisYear = Number(stockholmDate(new Date()).slice(0, 4));

// three customers' engineering courses evaluated at the two HEIs (the demo has no evaluation with results)
beforeAll(async () => {
  const db = journey.lupp.database.db;
  const heis = await db
    .select()
    .from(organisation)
    .where(eq(organisation.kind, 'hei'))
    .orderBy(asc(organisation.name));
  const customers = await db
    .select()
    .from(organisation)
    .where(eq(organisation.kind, 'customer'))
    .orderBy(asc(organisation.name))
    .limit(3);
  const [first, second] = heis.filter((h) =>
    ['Högskolan i Norrvik', 'Mittlands universitet'].includes(h.name),
  );
  for (const [i, customer] of customers.entries())
    await evaluatedCourse(
      db,
      (i ? second : first)?.id ?? '',
      customer.id,
      '52',
      [4, 5, 4, 5, 4],
      i === 0 ? { application: 4, results: 4, again: true } : undefined,
    );
});

describe('the regional analysis (Analys)', () => {
  it('shows the analyst pooled competences, occupations and inquiries, by period and county', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'johan.analytiker@alliansen.example');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Analys', exact: true })
      .click();
    await expectHeading(page, 'Analys');
    const sources = page.getByTestId('regional-sources');
    await sources
      .getByText(
        'Behovsanalyserna räknas från de lärosäten i Kunskapsalliansen Mitt som bidrar: Högskolan i Norrvik och Mittlands universitet.',
      )
      .waitFor();
    await sources.getByText('minst 3 kundorganisationer').waitFor();
    const competences = page.getByTestId('regional-competences');
    const change = competences.getByRole('row', { name: /^Förändringsledning/ });
    await change.waitFor();
    expect(await change.getByRole('cell').first().textContent()).toBe('5');
    expect(await competences.getByRole('row').count()).toBe(1 + 3);
    await page
      .getByText(/kompetenser eller yrken från färre än 3 organisationer visas inte/)
      .first()
      .waitFor();
    // the same competences by the year their need is to be met, from this year on
    const dueYears = page.getByRole('region', { name: 'När behoven ska vara mötta' });
    await dueYears.getByRole('columnheader', { name: `Nu (${thisYear})` }).waitFor();
    await dueYears.getByRole('columnheader', { name: String(thisYear + 5) }).waitFor();
    await dueYears.getByRole('row', { name: /^Förändringsledning( \d+){6}$/ }).waitFor();
    await page
      .getByTestId('regional-occupations')
      .getByRole('row', { name: /^Underhållstekniker 3 68 66 -2$/ })
      .waitFor();
    // the courses' evaluations, summed (the demo's given course among them); the three engineering courses by
    // their subject area, no course named
    const evaluations = page.getByRole('region', { name: 'Kursutvärderingar' });
    await evaluations
      .getByText(/^\d+ utvärderingar med resultat av kurser för \d+ kundorganisationer/)
      .waitFor();
    await evaluations.getByTestId('regional-evaluation-figures').getByText('Helhetsintryck (1–5)').waitFor();
    await evaluations
      .getByTestId('regional-evaluations')
      .getByRole('row', { name: /^Teknik och teknisk industri 3 3 15 4,4 \+2 60 %$/ })
      .waitFor();
    expect(await evaluations.getByText('Kursen', { exact: true }).count()).toBe(0);
    const inquiries = page.getByRole('region', { name: 'Förfrågningar via ingången' });
    await inquiries
      .getByRole('img', { name: /^Stapeldiagram: \d+ förfrågningar under 12 månader/ })
      .waitFor();
    expect(await page.getByTestId('regional-by-month').getByRole('row').count()).toBe(1 + 12);
    // the last five calendar years side by side: the demo's analyses are all of this year
    const trend = page.getByRole('region', { name: 'År för år' });
    await trend
      .getByRole('table', { name: 'Underlaget' })
      .getByRole('row', { name: /^Behovsanalyser 0 0 0 0 \d+$/ })
      .waitFor();
    await trend
      .getByRole('table', { name: 'Personer som behöver kompetensen, per år' })
      .getByRole('row', { name: /^Förändringsledning – – – – \d+$/ })
      .waitFor();
    await expectNoAxeViolations(page);

    // the CSV of the competences
    const download = page.getByRole('link', { name: 'Ladda ner kompetenserna (CSV)' });
    const csv = await page.request.get((await download.getAttribute('href')) ?? '');
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect(await csv.text()).toContain('"Förändringsledning";5;');
    // the whole analysis as a workbook, with the page's period
    const workbook = page.getByRole('link', { name: /^Ladda ner hela analysen \(Excel\)/ });
    const xlsx = await page.request.get((await workbook.getAttribute('href')) ?? '');
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers()['content-disposition']).toMatch(/regional-analys-.*\.xlsx/);

    // a county where no analysed customer is: the competences are hidden, the inquiries counted there
    await page.getByLabel('Län').selectOption('Norrbotten');
    await page.waitForURL(/county=Norrbotten/);
    await page.getByText('Ingen kompetens finns ännu hos minst 3 kundorganisationer i underlaget.').waitFor();
    const byCounty = page.getByTestId('regional-by-county');
    expect(await byCounty.getByRole('row').count()).toBe(2);
    await byCounty.getByRole('row', { name: /^Norrbotten \d+$/ }).waitFor();
    await page.getByLabel('Period', { exact: true }).selectOption('all');
    await page.waitForURL(/period=all/);
    await page
      .getByTestId('regional-period')
      .getByText(/^Perioden: allt till och med /)
      .waitFor();
    // the public sector's customers and inquiries: the inquiries from companies are not counted
    await page.getByLabel('Sektor', { exact: true }).selectOption('Offentlig sektor');
    await page.waitForURL(/sector=public/);
    await page
      .getByRole('table', { name: 'Per sektor' })
      .getByRole('row', { name: 'Privat sektor 0' })
      .waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel('Sektor', { exact: true }).selectOption('Alla sektorer');

    // the consortium's catalogues are his to read too: which courses there are for a competence
    await page.getByLabel('Period', { exact: true }).selectOption('12m');
    await page.getByLabel('Län').selectOption('');
    await page.getByRole('link', { name: 'Sök i katalogerna: kurser om Förändringsledning' }).click();
    await expectHeading(page, 'Kurser');
    expect(await page.getByRole('main').getByRole('searchbox').inputValue()).toBe('Förändringsledning');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Kurser', exact: true })
      .click();
    await page.waitForURL(/\/courses$/);
    await page.getByTestId('courses-table').getByRole('link', { name: 'Lean i underhållsarbetet' }).click();
    await expectHeading(page, 'Lean i underhållsarbetet');
    // an HEI's key figures are not his: the page says so, and nothing more
    await page.goto('/analysis/hei');
    await page
      .getByText('Nyckeltalen är till för lärosätets ledning, administratörer, samordnare och ekonomer.')
      .waitFor();
    expect(await page.getByText(/i siffror/).count()).toBe(0);
    expect(await page.getByLabel('Period', { exact: true }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lets an HEI's administrator stop contributing and start again", async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'oskar.admin@norrvik.example');
    await page.goto('/analysis');
    const contribution = page.getByTestId('regional-contribution');
    await contribution.getByText(/^Högskolan i Norrvik bidrar sedan/).waitFor();
    await expectNoAxeViolations(page);
    await contribution.getByRole('button', { name: 'Sluta bidra' }).click();
    await dismissNotification(page, 'Ert lärosäte bidrar inte längre till konsortiets analys.');
    await contribution.getByText('Högskolan i Norrvik bidrar inte').waitFor();
    await page.getByText('Bidrar inte: Högskolan i Norrvik.').waitFor();
    // every demo analysis is Norrvik's: nothing is pooled now
    await page.getByText('Ingen kompetens finns ännu hos minst 3 kundorganisationer i underlaget.').waitFor();
    await page.getByText(/Som administratör väljer du/).waitFor();
    await expectNoAxeViolations(page);
    await contribution.getByRole('button', { name: 'Börja bidra' }).click();
    await dismissNotification(page, 'Ert lärosäte bidrar nu till konsortiets analys.');
    await page
      .getByTestId('regional-competences')
      .getByRole('row', { name: /^Förändringsledning/ })
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();

    // a teacher at the HEI reads the figures but does not decide
    const lars = await newPage(journey);
    await signIn(lars.page, 'lars.larare@mittland.example');
    await lars.page.goto('/analysis');
    await lars.page
      .getByTestId('regional-contribution')
      .getByText(/^Mittlands universitet bidrar sedan/)
      .waitFor();
    expect(await lars.page.getByRole('button', { name: /bidra/ }).count()).toBe(0);
    await lars.context.close();

    // a customer's contact person has no analysis
    const sara = await newPage(journey);
    await signIn(sara.page, 'sara.kund@stalverket.example');
    await sara.page.goto('/analysis');
    await sara.page.getByText('Analysen är till för konsortiets lärosäten och analytiker.').waitFor();
    await sara.context.close();
  });

  it('reads in English', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'johan.analytiker@alliansen.example');
    await page.getByRole('button', { name: 'English' }).click();
    await page
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Analysis', exact: true })
      .click();
    await expectHeading(page, 'Analysis');
    await page
      .getByTestId('regional-competences')
      .getByRole('row', { name: /^Change management 5/ })
      .waitFor();
    await page.getByRole('region', { name: 'Inquiries through the front door' }).getByRole('img').waitFor();
    await page
      .getByRole('region', { name: 'Year by year' })
      .getByRole('table', { name: 'The base' })
      .getByRole('columnheader', { name: String(thisYear - 4) })
      .waitFor();
    await page
      .getByRole('region', { name: 'When the needs are to be met' })
      .getByRole('columnheader', { name: `Now (${thisYear})` })
      .waitFor();
    await page
      .getByRole('region', { name: 'Course evaluations' })
      .getByRole('row', { name: /^Engineering and engineering trades 3 3 15 4\.4 \+2 60%$/ })
      .waitFor();
    await expectEnglish(page, [...SWEDISH_SHELL_UI, ...SWEDISH_REGIONAL_UI]);
    await expectNoAxeViolations(page);

    // the public sector's customers and inquiries, then last calendar year's (for the region's annual report)
    await page.getByLabel('Sector', { exact: true }).selectOption('Public sector');
    await page.waitForURL(/sector=public/);
    await page
      .getByRole('table', { name: 'By sector' })
      .getByRole('row', { name: 'Non-profit sector 0' })
      .waitFor();
    const lastYear = String(thisYear - 1);
    await page.getByLabel('Period', { exact: true }).selectOption({ label: `Year ${lastYear}` });
    await page.waitForURL(new RegExp(`period=(%22)?${lastYear}`)); // the router may quote it
    await page
      .getByTestId('regional-period')
      .getByText(`The period: 1 Jan ${lastYear} to 31 Dec ${lastYear} inclusive.`)
      .waitFor();
    // the demo's inquiries all came this year
    await page
      .getByRole('region', { name: 'Inquiries through the front door' })
      .getByText('No inquiries in the period.')
      .waitFor();
    await expectEnglish(page, [...SWEDISH_SHELL_UI, ...SWEDISH_REGIONAL_UI, 'Alla sektorer', 'Perioden']);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** Interface words of the Analys page that must not show in English. */
const SWEDISH_REGIONAL_UI = [
  'Analys',
  'Län',
  'Alla län',
  'Senaste 12 månaderna',
  'Efterfrågade kompetenser',
  'Organisationer',
  'Personer',
  'Om 1 år',
  'Kurser i konsortiet',
  'Yrken',
  'Förfrågningar',
  'Per månad',
  'Per sektor',
  'Antal',
  'bidrar',
];
