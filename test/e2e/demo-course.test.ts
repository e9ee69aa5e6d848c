import { describe, expect, it } from 'vitest';
import {
  expectHeading,
  expectNoAxeViolations,
  expectSectionAtTop,
  luppAndBrowser,
  newPage,
  signIn,
} from './support/lupp.ts';

// The demo's course that has been given, as someone trying Lupp finds it: Nils (manager at Norrvik) opens the
// dementia-care case from the board and reads its schedule with attendance, the evaluation's results and the
// credentials; Lena, the municipality's contact, follows the same course in the portal.

const journey = luppAndBrowser();
const CASE = 'Demensvård i hemtjänsten';
const COURSE = 'Personcentrerad demensvård i hemtjänsten';

describe("the demo's course that has been given", () => {
  it('shows Nils the sessions with attendance, the evaluation and the credentials', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'nils.chef@norrvik.example');
    // a manager looks at the administration but is offered nothing only administrators may open
    const menu = page.getByRole('navigation', { name: 'Huvudmeny' });
    await menu.getByRole('link', { name: 'Medlemmar och inbjudningar' }).waitFor();
    expect(await menu.getByRole('link', { name: /^(Revisionslogg|Taxonomier)$/ }).count()).toBe(0);
    await page.goto('/cases?view=board');
    await page.getByRole('link', { name: new RegExp(CASE) }).click();
    await expectHeading(page, CASE);

    // the case was worked in Lupp: what Lupp recorded ticked its checkpoints, and says so
    await page
      .getByTestId('checklist-agreement')
      .getByText(/: avtalet signerades av båda parter i Lupp \(Lena Nyström\)$/)
      .waitFor();
    await page
      .getByTestId('checklist-delivery')
      .getByText(/: närvaro fördes i Lupp \(/)
      .waitFor();

    const delivery = page.getByRole('region', { name: 'Genomförande' });
    const sessions = delivery.getByRole('table', { name: `Kurstillfällen i ${COURSE}` });
    await sessions.getByRole('row', { name: /Fallbeskrivningar och examination/ }).waitFor();
    expect(await sessions.getByText('Helena Strand', { exact: false }).count()).toBe(4);
    // Hanna came to two of the four sessions
    await delivery.getByRole('row', { name: /^Hanna Öberg 2 1 1/ }).waitFor();
    // the course report for the follow-up meeting, in either language
    const report = delivery.getByRole('link', { name: `Kursrapporten för ${COURSE} på engelska (PDF)` });
    const pdf = await page.request.get((await report.getAttribute('href')) ?? '');
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toContain('course-report-Personcentrerad');

    const evaluation = page.getByRole('region', { name: 'Utvärdering' });
    await evaluation.getByText(/9 av 12 har svarat/).waitFor();
    await evaluation.getByRole('button', { name: 'Visa resultat' }).click();
    await evaluation
      .getByTestId('evaluation-results')
      .getByRole('row', { name: /^Helhetsintryck 4,8/ })
      .waitFor();

    const credentials = page.getByRole('region', { name: 'Mikromeriter' });
    await credentials
      .getByText(/Aisha Yusuf/)
      .first()
      .waitFor();
    // a long page: its parts are listed at the top, and each link brings its heading into view below the header
    // (clicked once the page has loaded, as a reader would; the delivery journey follows a link while it loads)
    await page.waitForLoadState('networkidle');
    await page
      .getByRole('navigation', { name: 'Ärendets delar' })
      .getByRole('link', { name: 'Genomförande' })
      .click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#case-delivery');
    await expectSectionAtTop(page, 'Genomförande');
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lists the course's payment for Karin to invoice: it fell due after the course", async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    const due = page.getByRole('region', { name: 'Att fakturera' });
    const payment = due.getByRole('listitem').filter({ hasText: 'Norrviks kommun: betalning 1' });
    await payment.getByText('Försenad').waitFor();
    await payment.getByText(/Personcentrerad demensvård/).waitFor();
    await expectNoAxeViolations(page);
    await payment.getByRole('link').click();
    await expectHeading(page, CASE);
    await page
      .getByTestId('payments')
      .getByRole('row', { name: /^Betalning 1 .* Ska faktureras: förfallodagen har passerat/ })
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets Lena follow the course in the portal', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'lena.kund@norrvik-kommun.example');
    // her to-do no longer asks for the participants of the course already given (the agreement's deadline is
    // today); the notice asking her to sign its agreement says it is done
    const toDo = page.getByRole('region', { name: 'Att göra' });
    await toDo.getByRole('list').or(toDo.getByText('Inget väntar på er just nu.')).waitFor();
    expect(await toDo.getByText(/Anmäl deltagarna/).count()).toBe(0);
    await page.getByRole('button', { name: /^Aviseringar/ }).click();
    await page.getByRole('menuitem', { name: /^Klart: Att signera: avtalet/ }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Visa mina ärenden' }).click();
    await page
      .getByRole('link', { name: new RegExp(CASE) })
      .first()
      .click();
    await expectHeading(page, CASE);
    const schedule = page
      .getByRole('region', { name: 'Schema och närvaro' })
      .getByRole('table', { name: `Kurstillfällen i ${COURSE}` });
    await schedule.getByRole('row', { name: /Bemötande och kommunikation/ }).waitFor();
    // the HEI shares the attendance and the participants' evaluation with the municipality
    await page
      .getByRole('table', { name: /Närvaro per deltagare, som Högskolan i Norrvik/ })
      .getByRole('row', { name: 'Hanna Öberg 2 1 1' })
      .waitFor();
    await page
      .getByRole('region', { name: 'Uppföljning' })
      .getByRole('heading', { name: `Deltagarnas utvärdering av ${COURSE}` })
      .waitFor();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
