import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { agreement } from '../../src/features/agreements/agreements.table.ts';
import { course as catalogCourse } from '../../src/features/catalog/catalog.table.ts';
import { createSession } from '../../src/features/delivery/delivery.service.ts';
import { createDesign } from '../../src/features/design/design.service.ts';
import { organisation } from '../../src/features/tenancy/tenancy.table.ts';
import { addDays, stockholmDate } from '../../src/shared/stockholm-days.ts';
import { pdfText } from '../support/pdf-text.ts';
import { peppolViolations } from '../support/peppol-rules.ts';
import { WELDING_CASE, WELDING_DESIGN, weldingChain } from './support/commercial.ts';
import {
  chooseLanguage,
  dismissNotification,
  expectEnglish,
  expectHeading,
  expectNoAxeViolations,
  luppAndBrowser,
  newPage,
  signIn,
} from './support/lupp.ts';

// Invoicing the signed welding agreement: Sara (Stålverket) gives the reference her invoices must carry in
// the portal; Karin (coordinator at Högskolan i Norrvik) is told what the e-invoice still lacks, and once
// the HEI's bankgiro is known downloads payment 1 as a Peppol BIS Billing 3.0 invoice for the finance system.

const journey = luppAndBrowser();
let caseId = '';
let norrvik = '';
let agreementId = '';
const today = stockholmDate(new Date());

let actors: Awaited<ReturnType<typeof weldingChain>>['actors'];
let safetyCourse = '';

beforeAll(async () => {
  // one module of the welding course is built from Norrvik's catalogue course on safety in industry
  const [course] = await journey.lupp.database.db
    .select()
    .from(catalogCourse)
    .where(eq(catalogCourse.code, 'ARB100'));
  safetyCourse = course?.id ?? '';
  const module = { key: 'safety', title: 'Arbetsmiljö vid svetsning', courseId: safetyCourse, credits: null };
  let designId = '';
  ({ caseId, norrvik, agreementId, actors, designId } = await weldingChain(journey.lupp, 'signed', {
    modules: [{ ...module, content: '', outcomes: [] }],
  }));
  // the lecturer gave two days, and a guest lecturer an afternoon (the design's teachers are written by name)
  const schedule = (day: string, startsAt: string, endsAt: string, teacher: string, occurrences: number) =>
    createSession(
      journey.lupp.database.db,
      actors.karin,
      caseId,
      { designId, day, startsAt, endsAt, teacher, occurrences, place: '', topic: '' },
      null,
    );
  await schedule('2026-10-05', '09:00', '16:00', 'Lektor i svetsteknik', 2);
  await schedule('2026-10-07', '13:00', '15:00', 'Gästföreläsare från Svetskommissionen', 1);
}, 120_000);

describe('invoicing a signed agreement', () => {
  it('the customer gives the reference for its invoices in the portal', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'sara.kund@stalverket.example');
    await page.goto(`/portal/cases/${caseId}`);
    await expectHeading(page, WELDING_CASE);
    const card = page.getByRole('region', { name: 'Avtal' }).getByRole('article', { name: WELDING_DESIGN });
    const invoicing = card.getByTestId('invoicing');
    await invoicing.getByRole('heading', { name: 'Fakturering' }).waitFor();
    expect(await invoicing.getByRole('button', { name: /Peppol/ }).count()).toBe(0); // the HEI's, not hers
    expect(await card.getByTestId('outturn').count()).toBe(0); // the HEI's post-calculation is not hers either
    // she sees the payments, and which of them are invoiced
    await invoicing
      .getByTestId('payments')
      .getByRole('row', { name: /^Betalning 1 .* Inte fakturerad$/ })
      .waitFor();
    await invoicing.getByLabel('Er referens på fakturorna').fill('KST 4711');
    await expectNoAxeViolations(page);
    await invoicing.getByRole('button', { name: 'Spara referensen' }).click();
    await page.getByText('Referensen är sparad.').waitFor();
    await page.reload();
    await expectHeading(page, WELDING_CASE);
    expect(await page.getByLabel('Er referens på fakturorna').inputValue()).toBe('KST 4711');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the coordinator sees what the e-invoice lacks, then downloads it', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.goto(`/cases/${caseId}`);
    await expectHeading(page, WELDING_CASE);
    const card = page.getByRole('region', { name: 'Avtal' }).getByRole('article', { name: WELDING_DESIGN });
    const invoicing = card.getByTestId('invoicing');
    expect(await invoicing.getByLabel('Kundens referens på fakturorna').inputValue()).toBe('KST 4711');
    const button = invoicing.getByRole('button', { name: 'Peppol-faktura för betalning 1' });
    await button.click();
    const alert = invoicing.getByRole('alert');
    await alert.getByText('Fakturan kan inte göras ännu').waitFor();
    await alert.getByText('Lärosätets bankgironummer saknas (sidan Organisation).').waitFor();
    await expectNoAxeViolations(page);

    await journey.lupp.database.db
      .update(organisation)
      .set({ bankgiro: '5402-9681' })
      .where(eq(organisation.id, norrvik));
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/-1\.xml$/);
    const xml = await readFile((await download.path()) ?? '', 'utf8');
    expect(peppolViolations(xml)).toEqual([]);
    expect(xml).toContain('<cbc:BuyerReference>KST 4711</cbc:BuyerReference>');
    await page.getByText(/-1\.xml är nedladdad\./).waitFor();
    expect(await invoicing.getByRole('alert').count()).toBe(0);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the coordinator finds the payment due on her start page and records it as invoiced', async () => {
    // the payment fell due yesterday
    const [signed] = await journey.lupp.database.db
      .select()
      .from(agreement)
      .where(eq(agreement.id, agreementId));
    const plan = (signed?.billingPlan ?? []).map((p) => ({ ...p, dueDate: addDays(today, -1) }));
    await journey.lupp.database.db
      .update(agreement)
      .set({ billingPlan: plan })
      .where(eq(agreement.id, agreementId));

    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    const due = page.getByRole('region', { name: 'Att fakturera' });
    await due
      // this one and the demo's course that has been given
      .getByText(
        '2 betalningar att fakturera nu eller de närmaste två veckorna, varav 2 efter förfallodagen.',
      )
      .waitFor();
    const link = due.getByRole('link', { name: /Stålverket.*: betalning 1$/ });
    await expectNoAxeViolations(page);
    await link.click();
    await expectHeading(page, WELDING_CASE);

    const payments = page.getByTestId('payments');
    const row = payments.getByRole('row', { name: /^Betalning 1/ });
    await row.getByText('Ska faktureras: förfallodagen har passerat').waitFor();
    await row.getByRole('button', { name: 'Markera betalning 1 som fakturerad' }).click();
    const dialog = page.getByRole('dialog', { name: 'Betalning 1 är fakturerad' });
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.getByText('Ange fakturans nummer i ekonomisystemet.').waitFor();
    await dialog.getByLabel('Fakturanummer').fill('100231');
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dismissNotification(page, 'Betalning 1 är markerad som fakturerad.');
    await row.getByText(/^Fakturerad .+, fakturanummer 100231$/).waitFor();
    await payments.getByText(/av .+ fakturerat$/).waitFor();
    // the only payment: the case's "Fakturerat" is ticked by Karin's record
    const checkpoint = page
      .getByTestId('checklist-evaluation')
      .getByRole('checkbox', { name: /^Fakturerat/ });
    await expect.poll(() => checkpoint.isChecked()).toBe(true);
    await page.getByText(/avtalens alla betalningar markerades som fakturerade i Lupp \(Karin/).waitFor();
    await expectNoAxeViolations(page);

    // and the start page no longer lists it
    await page.goto('/');
    await page
      .getByRole('region', { name: 'Att göra' })
      .getByRole('region', { name: 'Mina uppgifter' })
      .waitFor();
    await page
      .getByRole('region', { name: 'Att fakturera' })
      .getByText('1 betalning att fakturera nu eller de närmaste två veckorna, varav 1 efter förfallodagen.')
      .waitFor();
    expect(await page.getByRole('link', { name: /Stålverket.*: betalning 1$/ }).count()).toBe(0);

    // the payments in English
    await page.goBack();
    await expectHeading(page, WELDING_CASE);
    await chooseLanguage(page, 'English');
    const inEnglish = page.getByTestId('payments');
    await inEnglish.getByRole('row', { name: /^Payment 1 .* Invoiced .+, invoice number 100231 / }).waitFor();
    await inEnglish.getByText(/^Payments: .+ of .+ invoiced$/).waitFor();
    await expectEnglish(
      page,
      [
        'Betalning',
        'Förfallodag',
        'Belopp',
        'Fakturerad',
        'fakturanummer',
        'Åtgärder',
        'Ångra',
        'fakturerat',
      ],
      inEnglish,
    );
    await inEnglish.getByRole('button', { name: 'Take back that payment 1 is invoiced' }).click();
    const takeBack = page.getByRole('dialog', { name: 'Take back that payment 1 is invoiced?' });
    await expectNoAxeViolations(page);
    await takeBack.getByRole('button', { name: 'Remove the mark' }).click();
    await dismissNotification(page, 'Payment 1 is no longer marked as invoiced.');
    await inEnglish.getByRole('row', { name: /^Payment 1 .* To invoice: the due date has passed/ }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the economist makes the post-calculation: more teaching than calculated, a deficit', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'frida.ekonom@norrvik.example');
    // her start page lists the demo's given course, whose case is at follow-up, as awaiting its post-calculation
    const toMake = page.getByRole('list', { name: 'Att efterkalkylera' });
    await toMake.getByRole('link').first().waitFor();
    expect(await toMake.getByRole('link').count()).toBe(1);
    await page.getByText('1 avtal vars utbildning är genomförd saknar efterkalkyl.').waitFor();
    await expectNoAxeViolations(page);
    await page.goto(`/cases/${caseId}`);
    await expectHeading(page, WELDING_CASE);
    const card = page.getByRole('region', { name: 'Avtal' }).getByRole('article', { name: WELDING_DESIGN });
    const outturn = card.getByTestId('outturn');
    await outturn.getByRole('heading', { name: 'Efterkalkyl' }).waitFor();
    await outturn.getByText(/^Ingen efterkalkyl än\./).waitFor();
    await outturn.getByRole('button', { name: 'Gör efterkalkyl…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Efterkalkyl: / });
    // it starts from the design: 20 participants, the lecturer's 40 hours of teaching
    expect(await dialog.getByRole('textbox', { name: /^Deltagare/ }).inputValue()).toBe('20');
    const lecturer = dialog.getByLabel('Undervisning (timmar), Lektor');
    expect(await lecturer.inputValue()).toBe('40');
    // beside the form, what the schedule says was given, to judge the hours by
    const delivered = dialog.getByTestId('outturn-delivered');
    await delivered.getByText('3 tillfällen genomförda, 16 schemalagda timmar; 0 inställda.').waitFor();
    await delivered.getByText('Per personalkategori: Lektor 14 h, annan lärare 2 h.').waitFor();
    await delivered.getByText('0 deltagare anmälda; ingen närvaro är registrerad.').waitFor();
    await lecturer.fill('52');
    await dialog.getByLabel('Faktisk resekostnad (kr)').fill('tolv');
    await dialog.getByRole('button', { name: 'Spara efterkalkyl' }).click();
    await dialog.getByText('Ange ett belopp i kronor, till exempel 1 250,50.').waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByLabel('Faktisk resekostnad (kr)').fill('');
    await dialog.getByLabel('Kommentar').fill('Två extra lärarledda dagar för svetsprovet.');
    await dialog.getByRole('button', { name: 'Spara efterkalkyl' }).click();
    await dismissNotification(page, 'Efterkalkylen är sparad.');

    // 12 lecturer hours at 636,75 kr with premises 12 % and OH 35 % on them: 11 232,27 kr more than calculated
    await outturn
      .getByTestId('outturn-result')
      .getByText(/^Underskott 11\s232,27\skr: intäkten täcker 88,94\s% av den faktiska fulla kostnaden\.$/)
      .waitFor();
    const lines = outturn.getByTestId('outturn-lines');
    await lines.getByRole('row', { name: /^Undervisning .+ \+7\s641\skr$/ }).waitFor();
    await lines
      .getByRole('row', { name: /^Full kostnad 90\s313,57\skr 101\s545,84\skr \+11\s232,27\skr$/ })
      .waitFor();
    await lines.getByRole('row', { name: /^Resultat 0\skr -11\s232,27\skr -11\s232,27\skr$/ }).waitFor();
    await outturn.getByText('Två extra lärarledda dagar för svetsprovet.').waitFor();
    await outturn.getByText(/^Registrerad av Frida .+ version 1 av kostnadsunderlaget\.$/).waitFor();
    // and as a file for the HEI's records
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      outturn.getByRole('link', { name: 'Ladda ned efterkalkylen (CSV)' }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^efterkalkyl-.+\.csv$/);
    expect(await readFile((await file.path()) ?? '', 'utf8')).toContain(
      '"Full kostnad";90313,57;101545,84;11232,27',
    );
    // and as a PDF for the case's file, opened from its link
    const pdfLink = outturn.getByRole('link', { name: 'Efterkalkylen för akten (PDF)' });
    const pdf = await page.request.get((await pdfLink.getAttribute('href')) ?? '');
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const printed = pdfText(Buffer.from(await pdf.body()));
    expect(printed).toContain(`Efterkalkyl: ${WELDING_DESIGN}`);
    expect(printed).toMatch(/Underskott 11\s232,27\skr\./);
    expect(printed).toContain('Två extra lärarledda dagar för svetsprovet.');
    // and in the case's file for the registry, with the proposal and the agreement
    const [caseFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Ärendets akt (ZIP)' }).click(),
    ]);
    expect(caseFile.suggestedFilename()).toMatch(/^akt-.+\.zip$/);
    const inFile = Object.keys(unzipSync(await readFile((await caseFile.path()) ?? '')));
    expect(inFile).toContain('00-innehall.txt');
    expect(inFile).toContain(`efterkalkyler/efterkalkyl-${WELDING_DESIGN.replaceAll(' ', '-')}.pdf`);
    expect(inFile.some((name) => /^avtal\/avtal-.+\.pdf$/.test(name))).toBe(true);
    expect(inFile.some((name) => /^offerter\/offert-.+\.pdf$/.test(name))).toBe(true);
    expect(inFile).toContain('01-handlaggning.pdf');
    // the record of the case's handling on its own: the checklist with what Lupp ticked, and the timeline
    const recordLink = page.getByRole('link', { name: 'Ärendets handläggning (PDF)' });
    const record = await page.request.get((await recordLink.getAttribute('href')) ?? '');
    expect(record.headers()['content-type']).toBe('application/pdf');
    const recordText = pdfText(Buffer.from(await record.body()));
    expect(recordText).toMatch(/^Ärendets handläggning: /m);
    expect(recordText).toContain('bockad i Lupp när offerten skickades');
    expect(recordText).toContain('Tidslinje');
    await expectNoAxeViolations(page);

    // kept: after a reload she corrects it from what she recorded
    await page.reload();
    await expectHeading(page, WELDING_CASE);
    await outturn.getByRole('button', { name: 'Ändra efterkalkyl…' }).click();
    expect(
      await page
        .getByRole('dialog', { name: /^Efterkalkyl: / })
        .getByLabel('Undervisning (timmar), Lektor')
        .inputValue(),
    ).toBe('52');
    await page.keyboard.press('Escape');

    // the next delivery built from the same catalogue course learns from it, beside its calculation
    await createDesign(journey.lupp.database.db, actors.karin, caseId, {
      title: 'Arbetsmiljö och säkerhet, grupp 2',
      fromCourseIds: [safetyCourse],
      language: 'sv',
      format: 'blended',
      participants: 12,
    });
    await page.reload();
    await expectHeading(page, WELDING_CASE);
    const lessons = page.getByTestId('earlier-outturns');
    await lessons.getByRole('heading', { name: 'Lärdomar från efterkalkyler' }).waitFor();
    await lessons
      .getByRole('row', {
        name: /^Svetsning av värmebeständiga stål .+ 20 → 20 68 → 80 90\s313,57\skr → 101\s545,84\skr -11\s232,27\skr 88,94\s%$/,
      })
      .waitFor();
    await expectNoAxeViolations(page);

    // the post-calculation and its lessons in English
    await chooseLanguage(page, 'English');
    const inEnglish = page.getByTestId('outturn'); // the case's one signed agreement
    await inEnglish.getByRole('heading', { name: 'Post-calculation' }).waitFor();
    await inEnglish
      .getByTestId('outturn-result')
      .getByText(/^Deficit of SEK\s11,232\.27: the revenue covers 88\.94% of the actual full cost\.$/)
      .waitFor();
    await inEnglish
      .getByRole('row', { name: /^Full cost SEK\s90,313\.57 SEK\s101,545\.84 \+SEK\s11,232\.27$/ })
      .waitFor();
    expect(
      await inEnglish
        .getByRole('link', { name: 'The post-calculation for the file (PDF)' })
        .getAttribute('href'),
    ).toMatch(/\/outturn\.pdf\?lang=en$/);
    expect(await page.getByRole('link', { name: 'The case file (ZIP)' }).getAttribute('href')).toMatch(
      /\/file\.zip\?lang=en$/,
    );
    await lessons.getByRole('heading', { name: 'Lessons from post-calculations' }).waitFor();
    await expectEnglish(
      page,
      ['Efterkalkyl', 'Kalkyl', 'Utfall', 'Skillnad', 'Underskott', 'Lärdomar'],
      inEnglish,
    );
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
