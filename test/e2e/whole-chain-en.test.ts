import { and, eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseFile } from '../../src/features/cases/cases.table.ts';
import { decide, matchAnalysis } from '../../src/features/matching/matching.service.ts';
import {
  addNeed,
  authorizeAnalysis,
  createAnalysis,
  heiActor,
} from '../../src/features/needs/needs.service.ts';
import { setPreferences } from '../../src/features/tenancy/tenancy.service.ts';
import { organisation } from '../../src/features/tenancy/tenancy.table.ts';
import { actorAt, WELDING_CASE } from './support/commercial.ts';
import {
  expectEnglish,
  expectHeading,
  expectNoAxeViolations,
  luppAndBrowser,
  newPage,
  signIn,
  switchOrganisation,
} from './support/lupp.ts';

// The whole commercial chain of issue 6 in one go, with everyone using Lupp in English, through the UI:
// Karin (coordinator at Högskolan i Norrvik) opens the Stålverket welding case and designs the education
// from the course accepted as a match for the case's needs analysis; Maria (study director, a manager)
// approves the design; Karin calculates and Eva (economist) approves the calculation; Karin makes an English
// proposal and sends it; Sara (Stålverket's contact) reads it in the portal, downloads the PDF and accepts;
// Karin makes the agreement; Maria signs for the HEI and Sara in the portal; Sara uploads a file of
// participants with two bad rows, reads the report and keeps the valid rows; the HEI sees them masked.
//
// Each person chooses English their own way: Karin with the language switch in the header once signed in,
// Maria and Eva by their saved preference (set up below, as the switch saves it — see language.test.ts),
// Sara with the switch on the sign-in page.
//
// Set up through the services, not the UI, because it is not part of the chain and its pages are covered
// elsewhere: Maria's manager role and Eva's economist role at Norrvik (administration.test.ts), Maria's and
// Eva's language preference (language.test.ts), and a needs analysis on the case with a suggested course
// accepted (analyses.test.ts builds analyses, matching.test.ts accepts suggestions in the UI).

const journey = luppAndBrowser();
let caseUrl = '';
let portalCaseUrl = '';

const DESIGN = 'Welding of heat-resistant steels';
const ANALYSIS = 'Welding competence 2027';
const NEED = 'Our supervisors need to understand welding methods, welding symbols and weld defects';
const year = new Date().getUTCFullYear() + 1;

beforeAll(async () => {
  const db = journey.lupp.database.db;
  const norrvik =
    (await db.select().from(organisation).where(eq(organisation.name, 'Högskolan i Norrvik')))[0]?.id ?? '';
  const [theCase] = await db
    .select()
    .from(caseFile)
    .where(and(eq(caseFile.heiId, norrvik), eq(caseFile.title, WELDING_CASE)));
  const caseId = theCase?.id ?? '';
  caseUrl = `/cases/${caseId}`;
  portalCaseUrl = `/portal/cases/${caseId}`;
  const karin = await actorAt(journey.lupp, 'karin.koordinator@mittland.example', norrvik, ['coordinator']);
  const maria = await actorAt(journey.lupp, 'maria.chef@mittland.example', norrvik, ['manager']);
  const eva = await actorAt(journey.lupp, 'eva.ekonom@mittland.example', norrvik, ['economist']);
  await actorAt(journey.lupp, 'sara.kund@stalverket.example', theCase?.customerId ?? '', [
    'customer_contact',
  ]);
  await setPreferences(db, maria, { locale: 'en' });
  await setPreferences(db, eva, { locale: 'en' });

  // The case's needs analysis: one need, matched, and the welding course at Mittlands universitet accepted.
  const analysis = await createAnalysis(db, karin, {
    caseId,
    title: ANALYSIS,
    strategy: 'Fewer weld repairs in the new furnace line.',
    drivers: [],
  });
  const access = await authorizeAnalysis(db, heiActor(karin), analysis.id, 'write');
  const withNeed = await addNeed(db, access, {
    roleId: null,
    conceptId: null,
    freeText: NEED,
    requiredLevel: 4,
    currentLevel: 2,
    importance: 3,
    people: 12,
    horizon: 'now',
    driver: null,
    evidence: null,
    confidence: 'medium',
    goalIndividual: null,
    goalOrganisation: null,
    indicators: null,
  });
  const needId = withNeed.needs[0]?.id ?? '';
  const matched = await matchAnalysis(db, karin, analysis.id, { hei: 'all', top: 50 });
  const suggestion = matched.needs[0]?.suggestions.find((s) => s.course.code === 'SVT101');
  if (!suggestion) throw new Error('SVT101 is not suggested for the welding need');
  await decide(db, karin, {
    subject: { kind: 'need', id: needId },
    courseId: suggestion.course.id,
    decision: 'accepted',
    rank: suggestion.rank,
    score: suggestion.score,
    confidence: suggestion.confidence,
  });
}, 120_000);

/** Text with every kind of space (the thousands separator is a no-break space) as a plain one. */
const textOf = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s/g, ' ');

/**
 * Swedish interface words that must not show in the English UI (whole words, as on buttons, headings and
 * notices). The data on the pages is Swedish in places — the case and its timeline, the customer, the
 * catalogue course, the cost configuration's staff categories (Lektor, Adjunkt), the names of the HEI's
 * dialogue guides — and none of it contains these words.
 */
const SWEDISH_UI = [
  'Spara',
  'Sparat',
  'Godkänn',
  'Godkänd',
  'Skicka',
  'Skickad',
  'Avtal',
  'Avtalet',
  'Deltagare',
  'Deltagaren',
  'Offert',
  'Offerten',
  'Offerter',
  'Utkast',
  'Signera',
  'Signerat',
  'Beräkna',
  'Kalkyl',
  'Utformning',
  'Utformningen',
  'Ärenden',
  'Ärendet',
  'Logga',
  'Sök',
  'Avbryt',
  'Stäng',
  'Tillbaka',
  'Välkommen',
  'Översikt',
  'Förfrågningar',
  'Betalningsplan',
  'Villkor',
  'Pris',
  'Rad',
  'Inget',
  'Lägg',
  'Visa',
  'Personnumret',
  'Högskolepoäng',
  'Intyg',
  'Väntar',
];

/** The page is in English: no word of SWEDISH_UI shows (see `expectEnglish` in support/lupp.ts). */
const checkEnglish = (page: Page) => expectEnglish(page, SWEDISH_UI);

/**
 * A main page of the journey (each person's page, each dialog): in English and without axe violations.
 * States in between are only checked for English, so the journey stays quick on a busy machine.
 */
async function checkPage(page: Page) {
  await checkEnglish(page);
  await expectNoAxeViolations(page);
}

const FILE = [
  'First name,Last name,Personnummer,Email,Credits',
  'Bo,Berg,19780501-0050,bo@stalverket.example,no',
  'Cecilia,Ceder,19900228-2388,,no',
  'David,Dahl,20150312-1236,,no',
  'Anna,Andersson,850312-1231,anna@stalverket.example,yes',
].join('\n');

describe('the whole commercial chain in English', () => {
  it('goes from matched courses to a design, a proposal, a signed agreement and designated participants', async () => {
    // ---- Karin, coordinator: switches to English and opens the case from the case list.
    const karin = await newPage(journey);
    const page = karin.page;
    await signIn(page, 'karin.koordinator@mittland.example');
    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'Welcome, Karin Berg');
    await switchOrganisation(page, 'Högskolan i Norrvik');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Cases' }).click();
    await expectHeading(page, 'Cases');
    await page.getByRole('link', { name: WELDING_CASE }).first().click();
    await expectHeading(page, WELDING_CASE);
    expect(new URL(page.url()).pathname).toBe(caseUrl);
    const design = page.getByRole('region', { name: 'Design and proposal' });
    await design.getByText('The case has no design yet.').waitFor();
    await checkEnglish(page);

    // A design from the course accepted as a match for the case's needs analysis.
    await design.getByRole('button', { name: 'New design' }).click();
    const dialog = page.getByRole('dialog', { name: 'New design' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill(DESIGN);
    await dialog.getByRole('textbox', { name: 'Participants', exact: true }).fill('20');
    await dialog.getByText('Accepted matches from the needs analysis').waitFor();
    await dialog
      .getByTestId('accepted-courses')
      .getByRole('checkbox', { name: /^SVT101 Svetsteknik för arbetsledare \(Mittlands universitet\)/ })
      .check();
    await dialog.getByText('1 course chosen').waitFor();
    await checkPage(page);
    await dialog.getByRole('button', { name: 'Create design' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The course became module 1; its credits need a SUN field before the study director can approve.
    const form = page.getByRole('form', { name: "The design's details" });
    expect(await form.getByRole('textbox', { name: "Module's title (module 1)" }).inputValue()).toBe(
      'Svetsteknik för arbetsledare',
    );
    await design
      .getByTestId('design-blocking')
      .getByText(/has no SUN field, so degree-awarding powers cannot be checked/)
      .waitFor();
    await design.getByTestId('design-status').getByText('Draft').waitFor();
    await checkEnglish(page);

    // In English, with its field, two teachers and four trips; saved.
    await form.getByRole('combobox', { name: 'Language' }).selectOption('en');
    await form.getByRole('textbox', { name: 'SUN field' }).fill('52');
    await form.getByRole('button', { name: 'Add teacher' }).click();
    await form.getByRole('textbox', { name: 'Name, teacher 1' }).fill('Senior lecturer in welding');
    await form.getByRole('combobox', { name: 'Staff category, teacher 1' }).selectOption('lecturer');
    await form.getByRole('textbox', { name: 'Teaching (hours), teacher 1' }).fill('40');
    await form.getByRole('textbox', { name: 'Course development (hours), teacher 1' }).fill('20');
    await form.getByRole('button', { name: 'Add teacher' }).click();
    await form.getByRole('textbox', { name: 'Name, teacher 2' }).fill('Professor of materials engineering');
    await form.getByRole('combobox', { name: 'Staff category, teacher 2' }).selectOption('professor');
    await form.getByRole('textbox', { name: 'Teaching (hours), teacher 2' }).fill('8');
    await form.getByRole('textbox', { name: 'Number of trips' }).fill('4');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('The design was saved.').waitFor();
    await design.getByTestId('design-blocking').waitFor({ state: 'detached' });
    // A coordinator does not approve designs.
    expect(await design.getByRole('button', { name: 'Approve design' }).count()).toBe(0);
    await checkPage(page);

    // ---- Maria, study director: English by her preference; approves the design.
    const maria = await newPage(journey);
    await signIn(maria.page, 'maria.chef@mittland.example');
    await expectHeading(maria.page, 'Welcome, Maria Sund');
    await switchOrganisation(maria.page, 'Högskolan i Norrvik');
    await maria.page.goto(caseUrl);
    await expectHeading(maria.page, WELDING_CASE);
    const mariaDesign = maria.page.getByRole('region', { name: 'Design and proposal' });
    await mariaDesign.getByRole('button', { name: 'Approve design' }).click();
    await maria.page.getByText('The design was approved.').waitFor();
    await mariaDesign
      .getByTestId('design-status')
      .getByText(/Approved by Maria Sund/)
      .waitFor();
    expect(await mariaDesign.getByRole('button', { name: 'Calculate' }).count()).toBe(0);
    await checkPage(maria.page);

    // ---- Karin calculates: version 1, a draft, in English amounts.
    await page.reload();
    await design
      .getByTestId('design-status')
      .getByText(/Approved by Maria Sund/)
      .waitFor();
    await design.getByRole('button', { name: 'Calculate' }).click();
    const version = design.getByTestId('calc-version');
    await version.getByText('Draft').waitFor();
    expect(await textOf(version)).toContain('SEK 90,313.57');
    expect(await textOf(version)).toContain('SEK 4,516');
    const lines = await textOf(design.getByTestId('calc-lines'));
    for (const line of ['Teaching', 'Course development', 'Travel', 'Indirect costs (OH)', 'Full cost'])
      expect(lines).toContain(line);
    await checkEnglish(page);

    // ---- Eva, economist: English by her preference; approves the calculation.
    const eva = await newPage(journey);
    await signIn(eva.page, 'eva.ekonom@mittland.example');
    await expectHeading(eva.page, 'Welcome, Eva Holm');
    await switchOrganisation(eva.page, 'Högskolan i Norrvik');
    await eva.page.goto(caseUrl);
    await expectHeading(eva.page, WELDING_CASE);
    const evaDesign = eva.page.getByRole('region', { name: 'Design and proposal' });
    await evaDesign.getByRole('button', { name: 'Approve calculation (version 1)' }).click();
    await eva.page.getByText('Calculation version 1 was approved.').waitFor();
    await evaDesign.getByTestId('calc-version').getByText('Approved', { exact: true }).waitFor();
    expect(await textOf(evaDesign.getByTestId('calc-version'))).toContain('by Eva Holm');
    await checkPage(eva.page);
    await eva.context.close();

    // ---- Karin makes the proposal in English (the design's language) and sends it.
    await page.reload();
    await design.getByTestId('calc-version').getByText('Approved', { exact: true }).waitFor();
    const newProposal = design.getByRole('form', { name: `New proposal from “${DESIGN}”` });
    expect(await newProposal.getByRole('combobox', { name: "The proposal's language" }).inputValue()).toBe(
      'en',
    );
    await newProposal.getByRole('button', { name: 'Create proposal' }).click();
    const proposal = design.getByTestId('proposal');
    await proposal.getByTestId('proposal-status').getByText('Draft').waitFor();
    const edit = page.getByRole('form', { name: 'Proposal version 1' });
    expect(await edit.getByRole('textbox', { name: 'Introduction' }).inputValue()).toContain(
      'Thank you for the dialogue about your competence needs.',
    );
    expect(await edit.getByRole('textbox', { name: 'Terms' }).inputValue()).toContain(
      'The customer designates the participants.',
    );
    await checkPage(page);
    await edit.getByRole('button', { name: 'Send to the customer' }).click();
    await page.getByText('The proposal was sent to the customer.').waitFor();
    await proposal.getByTestId('proposal-status').getByText('Sent').waitFor();
    await proposal.getByRole('link', { name: 'Open proposal version 1 as a PDF' }).waitFor();
    await checkEnglish(page);

    // ---- Sara, the customer's contact: chooses English on the sign-in page, opens the case in the portal.
    const sara = await newPage(journey);
    const portal = sara.page;
    await portal.goto('/sign-in');
    await portal.getByRole('button', { name: 'English' }).click();
    await expectHeading(portal, 'Sign in');
    await signIn(portal, 'sara.kund@stalverket.example', { english: true });
    await portal
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'My cases' })
      .click();
    await expectHeading(portal, 'My cases');
    await portal.getByRole('link', { name: WELDING_CASE }).click();
    await expectHeading(portal, WELDING_CASE);
    expect(new URL(portal.url()).pathname).toBe(portalCaseUrl);
    const card = portal
      .getByRole('region', { name: 'Proposals' })
      .getByRole('article', { name: `${DESIGN} (version 1)` });
    await card.getByText('Awaiting your answer').waitFor();
    expect(await textOf(card.getByTestId('proposal-price'))).toBe(
      'Price SEK 90,313.57 for 20 participants (SEK 4,516 per participant)',
    );
    await checkPage(portal);

    // The PDF: an English proposal.
    const pdfLink = card.getByRole('link', { name: `The proposal as PDF: ${DESIGN}` });
    const pdf = await portal.request.get((await pdfLink.getAttribute('href')) ?? '');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(5000);
    // The document's title (its Info dictionary, in UTF-16) is "Proposal – <title>".
    expect(bytes.includes(Buffer.from(`\ufeffProposal – ${DESIGN}`, 'utf16le').swap16())).toBe(true);

    await card.getByRole('button', { name: 'Accept the proposal' }).click();
    await portal
      .getByRole('dialog', { name: 'Accept the proposal?' })
      .getByRole('button', { name: 'Accept the proposal' })
      .click();
    await portal
      .getByText('The proposal is accepted. The university will come back with the agreement.')
      .waitFor();
    await card.getByText('Accepted', { exact: true }).waitFor();
    await checkEnglish(portal);

    // ---- Karin makes the agreement from the accepted proposal.
    await page.reload();
    const agreements = page.getByRole('region', { name: 'Agreements' });
    const newAgreement = agreements.getByRole('form', {
      name: `New agreement from the proposal ${DESIGN} (version 1)`,
    });
    await newAgreement.getByLabel('Last day to change participants').fill(`${year}-02-15`);
    await newAgreement.getByRole('button', { name: 'Create agreement' }).click();
    await page.getByText('The agreement has been created.').waitFor();
    const agreement = agreements.getByRole('article', { name: DESIGN });
    await agreement.getByText('Draft', { exact: true }).waitFor();
    expect(await textOf(agreement.getByTestId('agreement-price'))).toBe('Price SEK 90,313.57');
    expect(await agreement.getByRole('button', { name: 'Sign for the institution' }).count()).toBe(0);
    await checkEnglish(page);

    // ---- Maria signs for the HEI.
    await maria.page.reload();
    const mariaAgreement = maria.page.getByRole('region', { name: 'Agreements' }).getByRole('article', {
      name: DESIGN,
    });
    await mariaAgreement.getByRole('button', { name: 'Sign for the institution' }).click();
    const heiSign = maria.page.getByRole('dialog', { name: 'Sign the agreement' });
    await heiSign.getByText(/You are signing revision 1 of the agreement/).waitFor();
    await checkPage(maria.page);
    await heiSign.getByRole('button', { name: 'Sign', exact: true }).click();
    await mariaAgreement.getByText('Awaiting signature', { exact: true }).waitFor();
    await mariaAgreement
      .getByTestId('agreement-signatures')
      .getByText(/Signed by Maria Sund/)
      .waitFor();
    await checkEnglish(maria.page);
    expect(maria.errors).toEqual([]);
    await maria.context.close();

    // ---- Sara signs in the portal.
    await portal.reload();
    const portalAgreement = portal.getByRole('region', { name: 'Agreements' }).getByRole('article', {
      name: DESIGN,
    });
    await portalAgreement.getByText('Awaiting signature', { exact: true }).waitFor();
    await portalAgreement.getByRole('button', { name: 'Sign the agreement' }).click();
    const customerSign = portal.getByRole('dialog', { name: 'Sign the agreement' });
    await customerSign.getByText(/You are signing revision 1 of the agreement/).waitFor();
    await customerSign.getByRole('button', { name: 'Sign', exact: true }).click();
    await portalAgreement.getByText('Signed', { exact: true }).waitFor();
    const signatures = portalAgreement.getByTestId('agreement-signatures');
    await signatures.getByText(/Signed by Maria Sund/).waitFor();
    await signatures.getByText(/Signed by Sara Ståhl/).waitFor();
    await checkEnglish(portal);

    // ---- Sara designates the participants from a file with two bad rows: reported, nothing saved.
    const participants = portal.getByRole('region', { name: `Participants: ${DESIGN}` });
    await participants.getByText('No participants are designated yet.').waitFor();
    await participants.locator('input[type="file"]').setInputFiles({
      name: 'participants.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(FILE, 'utf8'),
    });
    await participants.getByRole('button', { name: 'Read the file' }).click();
    await participants.getByText('Nothing is saved: 2 rows have errors.').waitFor();
    const report = participants.getByTestId('participant-report');
    await report.getByText('Row 3: The personnummer has a wrong check digit.').waitFor();
    await report.getByText(/^Row 4: The personnummer .*age/).waitFor();
    expect(await participants.getByTestId('participants').count()).toBe(0);
    await checkPage(portal);

    await report.getByRole('button', { name: 'Designate the valid rows and skip the rest' }).click();
    await participants.getByText('2 participants are designated; 2 rows with errors were skipped.').waitFor();
    const table = participants.getByTestId('participants');
    await table.getByRole('row', { name: /Anna Andersson 19850312-\*\*\*\* Credits/ }).waitFor();
    await table.getByRole('row', { name: /Bo Berg 19780501-\*\*\*\* Certificate/ }).waitFor();
    expect(await portal.content()).not.toContain('19850312-1231');
    await checkEnglish(portal);
    expect(sara.errors).toEqual([]);
    await sara.context.close();

    // ---- The HEI sees the participants masked on the agreement.
    await page.reload();
    const hei = page.getByTestId('hei-participants');
    await page.getByText('Participants (2)').waitFor();
    await hei.getByRole('row', { name: /Anna Andersson 19850312-\*\*\*\*/ }).waitFor();
    await hei.getByRole('row', { name: /Bo Berg 19780501-\*\*\*\*/ }).waitFor();
    expect(await page.content()).not.toContain('19850312-1231');
    await hei
      .getByRole('button', { name: 'Show the whole personal identity number of Anna Andersson' })
      .waitFor();
    await checkPage(page);
    expect(karin.errors).toEqual([]);
    await karin.context.close();
  }, 240_000);
});
