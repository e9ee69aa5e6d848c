import { beforeAll, describe, expect, it } from 'vitest';
import { cloneProposal, sendProposal } from '../../src/features/proposals/proposals.service.ts';
import type { Actor } from '../../src/features/tenancy/tenancy.service.ts';
import { WELDING_CASE, weldingChain } from './support/commercial.ts';
import { expectHeading, expectNoAxeViolations, luppAndBrowser, newPage, signIn } from './support/lupp.ts';

// Sara at Stålverket i Norrvik AB answers Högskolan i Norrvik's proposal for the welding course in the
// customer portal: she declines the first version with a reason and accepts the second. The HEI side
// (design, approvals, calculation, proposal) is done through the same use cases the staff's pages call.

const journey = luppAndBrowser();
let caseId = '';
let karin: Actor;
let second = '';
const CASE_TITLE = WELDING_CASE;

beforeAll(async () => {
  const chain = await weldingChain(journey.lupp, 'sent');
  caseId = chain.caseId;
  karin = chain.actors.karin;
  // the second version is made now, and sent after Sara's answer to the first
  second = (await cloneProposal(journey.lupp.database.db, karin, chain.proposalId)).id;
}, 120_000);

describe('proposals in the customer portal', () => {
  it('the customer reads the proposal and declines it with a reason', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'sara.kund@stalverket.example');
    // her home page says what waits for her, and leads to it
    const toDo = page.getByRole('region', { name: 'Att göra' });
    const answer = toDo.getByRole('listitem').filter({ hasText: 'Svara på offerten' });
    await answer.getByText(/ · Högskolan i Norrvik · giltig till och med \d+ \w+\.? \d{4}$/).waitFor();
    await expectNoAxeViolations(page);
    await answer.getByRole('link', { name: 'Svara på offerten ”Svetsning av värmebeständiga stål”' }).click();
    await page.waitForURL(`**/portal/cases/${caseId}#portal-proposals`);
    await expectHeading(page, CASE_TITLE);
    const proposals = page.getByRole('region', { name: 'Offerter' });
    const card = proposals.getByRole('article', { name: 'Svetsning av värmebeständiga stål (version 1)' });
    await card.getByText('Väntar på ert svar').waitFor();
    expect((await card.getByTestId('proposal-price').textContent())?.replace(/\u00a0/g, ' ')).toBe(
      'Pris 90 313,57 kr för 20 deltagare (4 516 kr per deltagare)',
    );
    const pdf = card.getByRole('link', { name: 'Offerten som pdf: Svetsning av värmebeständiga stål' });
    const response = await page.request.get((await pdf.getAttribute('href')) ?? '');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    await expectNoAxeViolations(page);

    await card.getByRole('button', { name: 'Avböj' }).click();
    await card.getByRole('button', { name: 'Avböj offerten' }).click();
    await card.getByText('Skriv varför, med minst tre tecken.').waitFor();
    await card
      .getByRole('textbox', { name: 'Varför avböjer ni?' })
      .fill('Vi vill hellre vara tolv deltagare.');
    await expectNoAxeViolations(page);
    await card.getByRole('button', { name: 'Avböj offerten' }).click();
    await card.getByText('Avböjd', { exact: true }).waitFor();
    await card.getByText('Ert svar: Vi vill hellre vara tolv deltagare.').waitFor();
    expect(await card.getByRole('button', { name: 'Acceptera offerten' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the customer accepts the next version', async () => {
    await sendProposal(journey.lupp.database.db, karin, second, { revision: 1 }, journey.lupp.url);
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'sara.kund@stalverket.example');
    // the HEI sent it: her notifications say so (as her e-mail did), and lead to it
    await page.getByRole('button', { name: /^Aviseringar, \d+ olästa?$/ }).click();
    await page
      .getByRole('menuitem', { name: /Ny offert att besvara: Svetsning av värmebeständiga stål/ })
      .first()
      .click();
    await page.waitForURL(`**/portal/cases/${caseId}#portal-proposals`);
    const card = page
      .getByRole('region', { name: 'Offerter' })
      .getByRole('article', { name: 'Svetsning av värmebeständiga stål (version 2)' });
    await card.getByRole('button', { name: 'Acceptera offerten' }).click();
    // a binding answer is confirmed first, with the price
    const confirm = page.getByRole('dialog', { name: 'Acceptera offerten?' });
    await confirm
      .getByText(
        /Ni accepterar offerten Svetsning av värmebeständiga stål från Högskolan i Norrvik, totalt 90.313,57.kr\./,
      )
      .waitFor();
    await expectNoAxeViolations(page);
    await confirm.getByRole('button', { name: 'Acceptera offerten' }).click();
    await page.getByText('Offerten är accepterad. Lärosätet återkommer med avtalet.').waitFor();
    await card.getByText('Accepterad', { exact: true }).waitFor();
    await expectNoAxeViolations(page);
    // answered: nothing waits for her until the HEI has signed the agreement
    await page.getByRole('link', { name: 'Tillbaka till mina ärenden' }).click();
    await page.getByRole('region', { name: 'Att göra' }).getByText('Inget väntar på er just nu.').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
