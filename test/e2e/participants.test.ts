import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeCase } from '../../src/features/cases/cases.service.ts';
import { caseFile } from '../../src/features/cases/cases.table.ts';
import { setRetention, sweepRetention } from '../../src/features/retention/retention.service.ts';
import { actorAt, WELDING_CASE, weldingChain } from './support/commercial.ts';
import {
  chooseLanguage,
  expectHeading,
  expectNoAxeViolations,
  luppAndBrowser,
  newPage,
  signIn,
} from './support/lupp.ts';

// Sara at Stålverket i Norrvik AB designates the participants of the signed agreement for the welding
// course: a file with two bad rows is reported and nothing saved; then the valid rows are kept, and one
// more person is added by hand. Personnummer are shown masked, and once the case has been closed longer than
// the HEI's retention rule says, they are erased.

const journey = luppAndBrowser();
let caseId = '';
let chain: Awaited<ReturnType<typeof weldingChain>>;
const CASE_TITLE = WELDING_CASE;

beforeAll(async () => {
  chain = await weldingChain(journey.lupp, 'signed', { credits: true });
  caseId = chain.caseId;
}, 120_000);

const FILE = [
  'Förnamn;Efternamn;Personnummer;E-post;Högskolepoäng',
  'Bo;Berg;19780501-0050;bo@stalverket.example;nej',
  'Cecilia;Ceder;19900228-2388;;nej',
  'David;Dahl;20150312-1236;;nej',
  'Anna;Andersson;850312-1231;anna@stalverket.example;nej',
].join('\n');

describe('participants in the customer portal', () => {
  it('a file with bad rows is reported and nothing is saved; then the valid rows are kept and one more added', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'sara.kund@stalverket.example');
    await page.goto(`/portal/cases/${caseId}`);
    await expectHeading(page, CASE_TITLE);
    const section = page.getByRole('region', { name: 'Deltagare: Svetsning av värmebeständiga stål' });
    await section.getByText('Inga deltagare är anmälda ännu.').waitFor();
    await expectNoAxeViolations(page);

    await section.locator('input[type="file"]').setInputFiles({
      name: 'deltagare.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(FILE, 'utf8'),
    });
    await section.getByRole('button', { name: 'Läs in filen' }).click();
    const report = section.getByTestId('participant-report');
    await section.getByText('Inget är sparat: 2 rader har fel.').waitFor();
    await report.getByText('Rad 3: Personnumret har fel kontrollsiffra.').waitFor();
    await report.getByText('Rad 4: Personnumret ger en ålder under 15 eller över 100 år.').waitFor();
    expect(await section.getByTestId('participants').count()).toBe(0);
    await expectNoAxeViolations(page);

    await report.getByRole('button', { name: 'Anmäl de giltiga raderna och hoppa över resten' }).click();
    const table = section.getByTestId('participants');
    await table.getByText('19850312-****').waitFor();
    await table.getByText('19780501-****').waitFor();

    // sent empty: each field says what it lacks, in Swedish, and the first of them has the focus
    const field = (name: string) => section.getByRole('textbox', { name, exact: true });
    await section.getByRole('button', { name: 'Anmäl deltagaren' }).click();
    await section.getByText('Skriv förnamnet.').waitFor();
    await section.getByText('Skriv personnumret, ÅÅÅÅMMDD-NNNN.').waitFor();
    expect(await field('Efternamn').getAttribute('aria-invalid')).toBe('true');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid')))
      .toBe('true');
    expect(await field('Förnamn').evaluate((input) => input === document.activeElement)).toBe(true);
    await expectNoAxeViolations(page);
    await field('Förnamn').fill('Carl');
    await field('Efternamn').fill('Carlsson');
    await field('Personnummer').fill('19900228-2384');
    await section.getByRole('button', { name: 'Anmäl deltagaren' }).click();
    await section.getByText('Personnumret har fel kontrollsiffra.', { exact: true }).waitFor();
    expect(await field('Förnamn').getAttribute('aria-invalid')).toBeNull();
    await field('Personnummer').fill('19900228-2383');
    await section.getByRole('checkbox', { name: /Uppfyller behörighetskraven/ }).check();
    await section.getByRole('button', { name: 'Anmäl deltagaren' }).click();
    await table.getByRole('row', { name: /Carl Carlsson 19900228-\*\*\*\* Högskolepoäng/ }).waitFor();
    expect(await page.content()).not.toContain('19900228-2383');
    await expectNoAxeViolations(page);

    // until the deadline a participant can be taken off again, after a question
    await table.getByRole('button', { name: 'Ta bort Bo Berg' }).click();
    const removal = page.getByRole('dialog', { name: 'Ta bort Bo Berg?' });
    await expectNoAxeViolations(page);
    await removal.getByRole('button', { name: 'Ta bort', exact: true }).click();
    await page.getByText('Bo Berg är borttagen från deltagarna.').waitFor();
    await table.getByText('19780501-****').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the HEI's coordinator sees them masked and shows one whole personnummer", async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.goto(`/cases/${caseId}`);
    await expectHeading(page, CASE_TITLE);
    const table = page.getByTestId('hei-participants');
    await table.getByRole('row', { name: /Anna Andersson 19850312-\*\*\*\*/ }).waitFor();
    expect(await page.content()).not.toContain('19850312-1231');
    await expectNoAxeViolations(page);
    await table.getByRole('button', { name: 'Visa hela personnumret för Anna Andersson' }).click();
    await table.getByText('19850312-1231').waitFor();

    // Carl gets credits: he goes on the list the coordinator registers the participants in Ladok from
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Underlag för registrering i Ladok (Excel)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^ladok-underlag-.*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const rows = workbook.getWorksheet('Registrering')?.getSheetValues() ?? [];
    expect(rows.flatMap((r) => (Array.isArray(r) ? [r.slice(5, 8)] : []))).toEqual([
      ['Personnummer', 'Förnamn', 'Efternamn'],
      ['199002282383', 'Carl', 'Carlsson'],
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a subject access report by personnummer finds the participation (Högskolan i Norrvik's admin)", async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'oskar.admin@norrvik.example');
    await page.getByRole('link', { name: 'Registerutdrag' }).click();
    await page.getByRole('textbox', { name: 'Personnummer' }).fill('198503121231');
    await page.getByRole('button', { name: 'Ta fram registerutdrag' }).click();
    const report = page.getByRole('region', { name: 'Registerutdrag från Högskolan i Norrvik' });
    await report.getByText(/^Framtaget .* för 19850312-\*\*\*\*\.$/).waitFor();
    await report
      .getByRole('row', { name: /Anna Andersson anna@stalverket\.example 19850312-\*\*\*\* Intyg/ })
      .waitFor();
    await report
      .getByRole('cell', { name: new RegExp(`${CASE_TITLE} \\(Stålverket i Norrvik AB\\)`) })
      .waitFor();
    expect(await page.content()).not.toContain('19850312-1231');
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("after the case closed, the HEI's retention rule erases the personnummer: the coordinator reads 'Gallrat'", async () => {
    // Högskolan i Norrvik keeps participants' personnummer 24 months after a case closed; this one closed 25 ago
    const db = journey.lupp.database.db;
    const { norrvik, actors } = chain;
    // Maria (manager) closes it as won, passing the checklist's remaining items with a reason
    await closeCase(
      db,
      actors.maria,
      caseId,
      'won',
      'Kursen är genomförd och utvärderad.',
      'Checklistan följs upp utanför testet.',
    );
    const longAgo = new Date();
    longAgo.setUTCMonth(longAgo.getUTCMonth() - 25);
    await db.update(caseFile).set({ stageEnteredAt: longAgo }).where(eq(caseFile.id, caseId));
    const admin = await actorAt(journey.lupp, 'oskar.admin@norrvik.example', norrvik, ['admin']);
    await setRetention(db, admin, norrvik, {
      inquiryContactMonths: null,
      participantMonths: 24,
      participantNameMonths: null,
    });
    expect((await sweepRetention(db)).get(norrvik)).toEqual({
      inquiryContacts: 0,
      participants: 2,
      participantNames: 0,
    });

    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.goto(`/cases/${caseId}`);
    await expectHeading(page, CASE_TITLE);
    const table = page.getByTestId('hei-participants');
    await table.getByRole('row', { name: /Anna Andersson Gallrat/ }).waitFor();
    await table.getByRole('row', { name: /Carl Carlsson Gallrat Högskolepoäng/ }).waitFor();
    expect(await table.getByRole('button', { name: /Visa hela personnumret/ }).count()).toBe(0);
    expect(await table.getByText(/19850312/).count()).toBe(0);
    await expectNoAxeViolations(page);
    // and in English
    await page.getByRole('button', { name: 'English' }).click();
    await table.getByRole('row', { name: /Anna Andersson Erased \(retention\)/ }).waitFor();
    await expectNoAxeViolations(page);
    await chooseLanguage(page, 'Svenska');
    await table.getByRole('row', { name: /Anna Andersson Gallrat/ }).waitFor();

    // an HEI whose decision says so anonymises the participants too: the list keeps a row for each, unnamed
    await setRetention(db, admin, norrvik, {
      inquiryContactMonths: null,
      participantMonths: 24,
      participantNameMonths: 24,
    });
    expect((await sweepRetention(db)).get(norrvik)).toEqual({
      inquiryContacts: 0,
      participants: 0,
      participantNames: 2,
    });
    await page.reload();
    await table.getByRole('row', { name: /^Avidentifierad deltagare Gallrat Högskolepoäng/ }).waitFor();
    expect(await table.getByRole('row', { name: /^Avidentifierad deltagare Gallrat/ }).count()).toBe(2);
    expect(await table.getByText('Anna Andersson').count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'English' }).click();
    await table
      .getByRole('row', { name: /^Anonymised participant Erased \(retention\)/ })
      .first()
      .waitFor();
    await chooseLanguage(page, 'Svenska');
    expect(errors).toEqual([]);
    await context.close();
  });
});
