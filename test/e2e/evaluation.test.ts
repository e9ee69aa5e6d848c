import { beforeAll, describe, expect, it } from 'vitest';
import { designateWelders, WELDING_CASE, WELDING_DESIGN, weldingChain } from './support/commercial.ts';
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

// The welding course has been given. Karin (coordinator at Norrvik) creates the participants' evaluation:
// the two participants with an e-mail address get their links by e-mail, the other five she hands out. A
// welder answers through a link (without an account); the results show once five have answered. Karin shares
// the figures with Stålverket and asks it to follow up, Sara answers in the portal, and the Uppföljning page
// sums it up.

const journey = luppAndBrowser();
let chain: Awaited<ReturnType<typeof weldingChain>>;
const OUTCOMES = ['välja tillsatsmaterial för värmebeständiga stål', 'svetsa enligt en WPS'];

beforeAll(async () => {
  chain = await weldingChain(journey.lupp, 'signed', {
    modules: [
      {
        key: 'm1',
        title: 'Svetsning av värmebeständiga stål',
        courseId: null,
        credits: null,
        content: '',
        outcomes: OUTCOMES.map((text) => ({ text, needIds: [] })),
      },
    ],
  });
  await designateWelders(journey.lupp, chain, [
    ['Anna', 'anna@stalverket.example', '19850312-1231'],
    ['Bo', 'bo@stalverket.example', '19780501-0050'],
  ]);
}, 120_000);

let links: string[] = [];

/** A participant's answer through the API, as the page sends it. */
const answer = (link: string, overall: number) =>
  fetch(link.replace('/feedback/', '/api/feedback/'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      reaction: { overall, relevance: 4, teaching: 4, arrangements: 4 },
      recommend: true,
      outcomes: [
        { key: 'o1', before: 2, after: 4 },
        { key: 'o2', before: 3, after: 4 },
      ],
    }),
  });

describe("the participants' evaluation and the customer's follow-up", () => {
  it('Karin creates the evaluation: two links go by e-mail, five are handed out', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.goto(`/cases/${chain.caseId}`);
    await expectHeading(page, WELDING_CASE);
    const section = page.getByRole('region', { name: 'Utvärdering' });
    // the design's learning outcomes, to rate before and after (the coordinator may change them)
    const outcomes = section.getByRole('textbox', { name: 'Lärandemål att skatta, ett per rad' });
    expect(await outcomes.inputValue()).toBe(OUTCOMES.join('\n'));
    await section
      .getByText('Deltagarna skattar sin kunskap i 2 lärandemål före och efter utbildningen.', {
        exact: false,
      })
      .waitFor();
    await section.getByRole('spinbutton', { name: 'Antal länkar' }).fill('3');
    await section.getByRole('button', { name: 'Skapa en deltagarutvärdering' }).click();
    await section.getByText('Ange mellan 5 och 1000 länkar.').waitFor();
    await section.getByRole('spinbutton', { name: 'Antal länkar' }).fill('7');
    expect(await section.getByRole('checkbox', { name: /Skicka en länk med e-post/ }).isChecked()).toBe(true);
    await section.getByRole('button', { name: 'Skapa en deltagarutvärdering' }).click();
    await section.getByText('2 deltagare har fått sin länk med e-post.').waitFor();
    links = (await section.getByTestId('evaluation-links').inputValue()).split('\n');
    expect(links).toHaveLength(5);
    await section.getByText(/0 av 7 har svarat · öppen till och med/).waitFor();
    // the evaluation made, its form gives way: another (of another course, say) is a button away
    await section.getByRole('button', { name: 'Skapa en till deltagarutvärdering' }).waitFor();
    expect(await section.getByRole('form', { name: 'Skapa en deltagarutvärdering' }).count()).toBe(0);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a welder answers through a link, without an account, once', async () => {
    const { context, page, errors } = await newPage(journey);
    await page.goto(links[0] ?? '');
    await expectHeading(page, 'Utvärdering av utbildningen');
    await page
      .getByText(`Vad tyckte du om ”${WELDING_DESIGN}” vid Högskolan i Norrvik`, { exact: false })
      .waitFor();
    await page.getByRole('button', { name: 'Skicka utvärderingen' }).click();
    await page
      .getByRole('alert')
      .getByText('Svara på alla frågor med svarsalternativ innan du skickar (9 saknas).')
      .waitFor();
    await expectNoAxeViolations(page);

    const choose = async (group: string, option: string, within = page.locator('form')) =>
      within
        .getByRole('radiogroup', { name: group })
        .getByRole('radio', { name: option, exact: true })
        .check();
    await choose('Mitt helhetsintryck av utbildningen', '5');
    await choose('Utbildningen är till nytta i mitt arbete', '4');
    await choose('Undervisningen var bra', '5');
    await choose('Upplägg och praktiska arrangemang fungerade bra', '3');
    await choose('Skulle du rekommendera utbildningen till en kollega?', 'Ja');
    for (const outcome of OUTCOMES) {
      const group = page.getByRole('group', { name: outcome });
      await choose('Före utbildningen', '2', group);
      await choose('Nu', '4', group);
    }
    await page.getByRole('textbox', { name: /Vad var det bästa/ }).fill('Provsvetsningen i verkstaden');
    await page.getByRole('button', { name: 'Skicka utvärderingen' }).click();
    await page.getByText('Tack! Ditt svar är sparat.').waitFor();
    await expectNoAxeViolations(page);

    await page.goto(links[0] ?? '');
    await page.getByText('Den här länken har redan använts för att svara.', { exact: false }).waitFor();
    // the page in English, for a participant who reads English
    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'Course evaluation');
    await page.getByText('This link has already been used to answer.', { exact: false }).waitFor();
    await page.goto(links[1] ?? '');
    await page.getByRole('radiogroup', { name: 'My overall impression of the course' }).waitFor();
    await page.getByRole('button', { name: 'Send the evaluation' }).waitFor();
    // the learning outcomes are the course's Swedish words, marked so where the page is in English
    expect(await page.getByRole('group', { name: OUTCOMES[0] }).locator('legend [lang="sv"]').count()).toBe(
      1,
    );
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Karin reads the results once five have answered, and asks Stålverket to follow up', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page.goto(`/cases/${chain.caseId}#case-evaluation`);
    const section = page.getByRole('region', { name: 'Utvärdering' });
    await section.getByRole('button', { name: 'Visa resultat' }).click();
    await section.getByText('Resultaten visas när minst 5 har svarat. Hittills har 1 svarat.').waitFor();

    for (const link of links.slice(1)) expect((await answer(link, 4)).status).toBe(200);
    await page.reload();
    await section.getByText(/5 av 7 har svarat/).waitFor();
    await section.getByRole('button', { name: 'Visa resultat' }).click();
    const results = section.getByTestId('evaluation-results');
    // overall: one 5 and four 4s
    await results.getByRole('row', { name: 'Helhetsintryck 4,2 1: 0, 2: 0, 3: 0, 4: 4, 5: 1' }).waitFor();
    await results.getByRole('row', { name: `${OUTCOMES[0]} 2 4 +2` }).waitFor();
    await results.getByText('5 av 5 skulle rekommendera utbildningen till en kollega.').waitFor();
    await results.getByText('Provsvetsningen i verkstaden').waitFor();
    await expectNoAxeViolations(page);

    await section.getByRole('button', { name: 'Dela sammanställningen med kunden' }).click();
    await section
      .getByText(/Deltagarnas sammanställning delades med kunden .* \(utan kommentarerna\)\./)
      .waitFor();
    await section.getByRole('button', { name: 'Be kunden följa upp…' }).click();
    // nothing is sent until Karin has read what will be and confirmed it
    const ask = page.getByRole('dialog', { name: new RegExp(`^Be kunden följa upp ${WELDING_DESIGN}`) });
    await ask.getByText(/fem frågor om hur deltagarna använder det de lärde sig/).waitFor();
    await expectNoAxeViolations(page);
    await ask.getByRole('button', { name: 'Skicka frågan' }).click();
    await section.getByText(/Kunden ombads följa upp .*; inget svar ännu\./).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Sara follows up in the portal: what the welders use at work and what it has given', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'sara.kund@stalverket.example');
    const toDo = page.getByRole('region', { name: 'Att göra' });
    await toDo.getByRole('link', { name: `Följ upp vad ”${WELDING_DESIGN}” har gett er` }).click();
    await expectHeading(page, WELDING_CASE);
    const section = page.getByRole('region', { name: 'Uppföljning' });
    const form = section.getByRole('form', { name: `Uppföljning av ${WELDING_DESIGN}` });
    await form.getByRole('button', { name: 'Skicka uppföljningen' }).click();
    await form.getByText('Besvara de tre frågorna med svarsalternativ innan du skickar.').waitFor();
    await expectNoAxeViolations(page);
    const choose = (group: string, option: string) =>
      form.getByRole('radiogroup', { name: group }).getByRole('radio', { name: option, exact: true }).check();
    await choose('Hur väl använder deltagarna det de lärde sig i arbetet?', '4');
    await form
      .getByRole('textbox', { name: /Exempel på hur deltagarna/ })
      .fill('Färre omsvetsningar i ugnsdelarna.');
    await choose('Hur väl har utbildningen bidragit till verksamhetens mål?', '3');
    await choose('Skulle ni köpa uppdragsutbildning av lärosätet igen?', 'Ja');
    await form.getByRole('button', { name: 'Skicka uppföljningen' }).click();
    const answered = section.getByTestId('follow-up');
    await answered.getByText('Besvarad av Sara Ståhl', { exact: false }).waitFor();
    await answered.getByText('Färre omsvetsningar i ugnsdelarna.', { exact: false }).waitFor();
    // the participants' figures Karin shared, without their comments
    const shared = section.getByTestId('shared-evaluation');
    await shared.getByRole('heading', { name: `Deltagarnas utvärdering av ${WELDING_DESIGN}` }).waitFor();
    await shared.getByRole('row', { name: 'Helhetsintryck 4,2 1: 0, 2: 0, 3: 0, 4: 4, 5: 1' }).waitFor();
    expect(await shared.textContent()).not.toContain('Provsvetsningen i verkstaden');
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the Uppföljning page sums up the evaluation and the follow-up', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Högskolan i Norrvik' });
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Uppföljning' })
      .click();
    await expectHeading(page, 'Uppföljning');
    const totals = page.getByTestId('evaluation-totals');
    await totals.getByText('Helhetsintryck (1–5)').waitFor();
    // the welding course's five answers (4,2) and the demo's nine for the dementia-care course (43 points)
    expect(await totals.textContent()).toContain('Svar från deltagare14Helhetsintryck (1–5)4,6');
    expect(await totals.textContent()).toContain('Tillämpning i arbetet (1–5)4');
    const row = page.getByTestId('evaluation-list').getByRole('row', { name: new RegExp(WELDING_DESIGN) });
    await row.getByText('Tillämpning 4, resultat 3').waitFor();
    expect(await row.textContent()).toContain('5 av 7');
    await expectNoAxeViolations(page);
    const download = page.getByRole('link', { name: 'Ladda ner utvärderingarna som CSV (för Excel)' });
    const csv = await page.request.get((await download.getAttribute('href')) ?? '');
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect(await csv.text()).toContain(`"${WELDING_DESIGN}"`);
    await row.getByRole('link').click();
    await expectHeading(page, WELDING_CASE);
    // the customer's page in the register gathers the follow-up too
    await page.getByRole('main').getByRole('link', { name: 'Stålverket i Norrvik AB', exact: true }).click();
    await expectHeading(page, 'Stålverket i Norrvik AB');
    const followUps = page.getByRole('region', { name: 'Kundens uppföljningar (nivå 3–4)' });
    const answer = followUps.getByRole('article', { name: WELDING_DESIGN });
    await answer.getByText(/Tillämpning i arbetet:\s*4 \/ 5/).waitFor();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("reads in English: the Evaluation page, the case's Evaluation section and the customer's follow-up", async () => {
    const { context, page, errors } = await newPage(journey);
    await openInEnglish(page, 'karin.koordinator@mittland.example', 'Evaluation', {
      at: 'Högskolan i Norrvik',
    });
    await expectHeading(page, 'Evaluation');
    await page.getByTestId('evaluation-totals').getByText('Overall impression (1–5)').waitFor();
    const row = page.getByTestId('evaluation-list').getByRole('row', { name: new RegExp(WELDING_DESIGN) });
    await row.getByText('Use 4, results 3').waitFor();
    await expectEnglish(page, [...SWEDISH_SHELL_UI, ...SWEDISH_EVALUATION_UI]);
    await row.getByRole('link').click();
    await expectHeading(page, WELDING_CASE);
    const section = page.getByRole('region', { name: 'Evaluation' });
    await section.getByRole('button', { name: 'Show results' }).click();
    await section
      .getByTestId('evaluation-results')
      .getByRole('row', { name: /^Overall impression 4\.2/ })
      .waitFor();
    await section.getByText("The customer's follow-up (levels 3–4)").waitFor();
    await expectEnglish(page, SWEDISH_EVALUATION_UI, section);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();

    // Sara's follow-up and the shared figures, in English
    const sara = await newPage(journey);
    await openInEnglish(sara.page, 'sara.kund@stalverket.example', 'My cases');
    await sara.page.goto(`/portal/cases/${chain.caseId}`);
    const followUp = sara.page.getByRole('region', { name: 'Follow-up' });
    await followUp.getByText('Your follow-up').waitFor();
    await followUp
      .getByRole('heading', { name: `The participants' evaluation of ${WELDING_DESIGN}` })
      .waitFor();
    await expectEnglish(sara.page, SWEDISH_EVALUATION_UI, followUp);
    await expectNoAxeViolations(sara.page);
    expect(sara.errors).toEqual([]);
    await sara.context.close();
  });
});

/** Interface words of the evaluation pages that must not show in English. */
const SWEDISH_EVALUATION_UI = [
  'Utvärdering',
  'Utvärderingar',
  'Helhetsintryck',
  'Skattad kunskapsökning',
  'Kundens uppföljning',
  'Tillämpning',
  'Svar',
  'Visa resultat',
  'Stäng utvärderingen',
  'Lärandemål',
  'Före',
  'Efter',
  'Skillnad',
  'Fördelning',
  'Medelvärde',
  'Ladda ner',
  'Deltagarnas',
  'Er uppföljning',
  'Skulle köpa',
];
