import { beforeAll, describe, expect, it } from 'vitest';
import { WELDING_CASE, WELDING_DESIGN, weldingChain } from './support/commercial.ts';
import {
  chooseLanguage,
  expectHeading,
  expectNoAxeViolations,
  luppAndBrowser,
  newPage,
  signIn,
} from './support/lupp.ts';

// The agreement for the welding course: Karin (coordinator at Högskolan i Norrvik) makes it from the
// proposal Sara at Stålverket i Norrvik AB accepted and splits the billing plan in two; Maria (manager)
// signs for the HEI and Sara signs in the customer portal. The design, calculation and proposal are made
// through the same use cases the staff's pages call.

const journey = luppAndBrowser();
let caseId = '';
const CASE_TITLE = WELDING_CASE;
const TITLE = WELDING_DESIGN;
const year = new Date().getUTCFullYear() + 1;

beforeAll(async () => {
  ({ caseId } = await weldingChain(journey.lupp, 'accepted'));
}, 120_000);

/** Text with every kind of space (the thousands separator is a no-break space) as a plain one. */
const plain = (s: string | null) => (s ?? '').replace(/\s/g, ' ');

describe('agreements', () => {
  it('the coordinator creates the agreement from the accepted proposal and splits the billing plan', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.goto(`/cases/${caseId}`);
    await expectHeading(page, CASE_TITLE);
    const section = page.getByRole('region', { name: 'Avtal' });
    const form = section.getByRole('form', { name: `Nytt avtal från offerten ${TITLE} (version 1)` });
    await form.getByLabel('Sista dag att byta deltagare').fill(`${year}-02-15`);
    await expectNoAxeViolations(page);
    await form.getByRole('button', { name: 'Skapa avtal' }).click();

    const card = section.getByRole('article', { name: TITLE });
    await card.getByText('Utkast', { exact: true }).waitFor();
    expect(plain(await card.getByTestId('agreement-price').textContent())).toBe('Pris 90 313,57 kr');
    await card.getByText('revision 1', { exact: false }).waitFor();
    await expectNoAxeViolations(page);

    const first = card.getByRole('group', { name: 'Betalning 1' });
    await first.getByRole('textbox', { name: 'Belopp i kronor' }).fill('45 156,79');
    await first.getByRole('textbox', { name: 'Beskrivning' }).fill('Del 1 av 2, vid start');
    await card.getByRole('button', { name: 'Lägg till betalning' }).click();
    await card.getByText('Det saknas 45 156,78 kr.').waitFor();
    const second = card.getByRole('group', { name: 'Betalning 2' });
    await second.getByLabel('Förfallodag').fill(`${year}-06-01`);
    await second.getByRole('textbox', { name: 'Belopp i kronor' }).fill('45156,78');
    await second.getByRole('textbox', { name: 'Beskrivning' }).fill('Del 2 av 2, efter genomförandet');
    await card.getByText('Summan stämmer med priset.').waitFor();
    await expectNoAxeViolations(page);
    await card.getByRole('button', { name: 'Spara', exact: true }).click();
    await card.getByText('revision 2', { exact: false }).waitFor();
    await page.getByText('Avtalet är sparat.').waitFor();
    expect(await card.getByRole('button', { name: 'Signera för lärosätet' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the manager signs for the HEI the revision read', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'maria.chef@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.goto(`/cases/${caseId}`);
    const card = page.getByRole('region', { name: 'Avtal' }).getByRole('article', { name: TITLE });
    const plan = card.getByTestId('billing-plan');
    await plan.getByText('Del 2 av 2, efter genomförandet').waitFor();
    expect(plain(await plan.textContent())).toContain('45 156,79 kr');
    await expectNoAxeViolations(page);

    await card.getByRole('button', { name: 'Signera för lärosätet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Signera avtalet' });
    await dialog.getByText(/Du signerar revision 2 av avtalet/).waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Signera', exact: true }).click();
    await card.getByText('Väntar på signatur', { exact: true }).waitFor();
    await card
      .getByTestId('agreement-signatures')
      .getByText(/Signerat av Maria Sund/)
      .waitFor();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the customer signs in the portal; both signatures show and the PDF is there', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'sara.kund@stalverket.example');
    // the HEI has signed: her home page says the agreement waits for her signature
    await page
      .getByRole('region', { name: 'Att göra' })
      .getByRole('link', { name: `Underteckna avtalet ”${TITLE}”` })
      .click();
    await page.waitForURL(`**/portal/cases/${caseId}#portal-agreements`);
    await expectHeading(page, CASE_TITLE);
    const card = page.getByRole('region', { name: 'Avtal' }).getByRole('article', { name: TITLE });
    await card.getByText('Väntar på signatur', { exact: true }).waitFor();
    expect(plain(await card.getByTestId('billing-plan').textContent())).toContain('45 156,78 kr');
    await expectNoAxeViolations(page);

    await card.getByRole('button', { name: 'Signera avtalet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Signera avtalet' });
    await dialog.getByText(/Du signerar revision 2 av avtalet/).waitFor();
    await dialog.getByRole('button', { name: 'Signera', exact: true }).click();
    await card.getByText('Signerat', { exact: true }).waitFor();
    const signatures = card.getByTestId('agreement-signatures');
    await signatures.getByText(/Signerat av Maria Sund/).waitFor();
    await signatures.getByText(/Signerat av Sara Ståhl/).waitFor();
    await expectNoAxeViolations(page);

    const pdf = card.getByRole('link', { name: `Avtalet som pdf: ${TITLE}` });
    const response = await page.request.get((await pdf.getAttribute('href')) ?? '');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');

    // signed: now the participants (by the agreement's deadline) and the invoice reference wait for her
    await page.getByRole('link', { name: 'Tillbaka till mina ärenden' }).click();
    const toDo = page.getByRole('region', { name: 'Att göra' });
    await toDo
      .getByRole('listitem')
      .filter({ hasText: `Anmäl deltagarna till ”${TITLE}”` })
      .getByText(/0 anmälda, ändringar till och med /)
      .waitFor();
    await toDo.getByRole('link', { name: `Ange er fakturareferens för avtalet ”${TITLE}”` }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    const inEnglish = page.getByRole('region', { name: 'To do' });
    await inEnglish.getByRole('link', { name: `Designate the participants of “${TITLE}”` }).waitFor();
    await inEnglish.getByText(/0 designated, changes until /).waitFor();
    await expectNoAxeViolations(page);
    await chooseLanguage(page, 'Svenska');
    expect(errors).toEqual([]);
    await context.close();
  });
});
