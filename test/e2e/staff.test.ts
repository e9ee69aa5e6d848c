import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../src/features/cases/cases.service.ts';
import {
  approveDesign,
  createDesign,
  getDesign,
  updateDesign,
} from '../../src/features/design/design.service.ts';
import { nextReference } from '../../src/features/inquiries/inquiries.service.ts';
import { withCheckDigit } from '../../src/features/tenancy/org-number.ts';
import { organisation } from '../../src/features/tenancy/tenancy.table.ts';
import { actorAt } from './support/commercial.ts';
import {
  chooseLanguage,
  expectEnglish,
  expectHeading,
  expectNoAxeViolations,
  luppAndBrowser,
  newPage,
  openInEnglish,
  SWEDISH_SHELL_UI,
  signIn,
} from './support/lupp.ts';

// Staff profiles at Mittlands universitet. Lars (teacher) adds hydrogen technology to his profile; Karin
// (coordinator) comes from a design on a new case, finds him by that expertise and adds him as a teacher;
// Lars then downloads his merit record, which lists the course. Maria (manager) reads the same pages in
// English.

const DESIGN = 'Vätgas i stålverket';

const journey = luppAndBrowser();
let caseId = '';
let designId = '';
let mittlandId = '';

beforeAll(async () => {
  const db = journey.lupp.database.db;
  const [mittland] = await db
    .select({ id: organisation.id })
    .from(organisation)
    .where(eq(organisation.name, 'Mittlands universitet'));
  mittlandId = mittland?.id ?? '';
  const karin = await actorAt(journey.lupp, 'karin.koordinator@mittland.example', mittlandId, [
    'coordinator',
  ]);
  const created = await createCase(
    db,
    karin,
    {
      title: 'Vätgas för underhållstekniker',
      customerName: 'Stålverket i Norrvik AB',
      customerOrgNumber: withCheckDigit('559999001'),
      sector: 'private',
      needText: 'Underhållstekniker behöver grunder i vätgasteknik.',
      subjectArea: null,
    },
    nextReference,
  );
  caseId = created.id;
  ({ id: designId } = await createDesign(db, karin, caseId, {
    title: DESIGN,
    fromCourseIds: [],
    language: 'sv',
    format: 'blended',
    participants: 16,
  }));
});

/**
 * Swedish words of the staff pages that must not show in English (see `expectEnglish`). The data on the pages
 * — departments, presentations, the design and its customer — has none of them.
 */
const STAFF_SWEDISH = [
  ...SWEDISH_SHELL_UI,
  'Min profil',
  'Profil',
  'Profiluppgifter',
  'Personalprofil',
  'Expertområden',
  'Lägg till',
  'Ta bort',
  'Institution',
  'Undervisningsspråk',
  'Tillgänglighet',
  'Tillgänglig',
  'Begränsat',
  'Timmar per år',
  'timmar',
  'Intresse',
  'Stort',
  'Visst',
  'Litet',
  'Kort presentation',
  'Senast ändrad',
  'E-post',
  'Hitta lärare',
  'Sökning',
  'Kompetenser',
  'Förslag',
  'Matchar',
  'Poäng',
  'Redan lärare',
  'Åtgärder',
  'Till utformningen',
  'Personalens profiler',
  'Namn',
  'Roller',
  'Språk',
  'Meritförteckning',
  'Ladda ned',
  'Sammanfattning',
  'Uppdragsutbildningar',
  'Utbildning',
  'Uppdragsgivare',
  'Under planering',
  'Dialoger',
  'Utvärderingar',
  'Inga',
];

/** word/document.xml of a DOCX (a ZIP), read with zlib alone. */
function documentXml(zip: Buffer): string {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (name === 'word/document.xml') {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return '';
}

describe('staff profiles, finding teachers and the merit record', () => {
  it('a teacher adds an area of expertise to his profile', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'lars.larare@mittland.example');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Min profil' })
      .click();
    await expectHeading(page, 'Min profil');
    const form = page.getByRole('form', { name: 'Profiluppgifter' });
    const expertise = form.getByTestId('profile-expertise');
    await expertise.getByText('PLC-programmering').waitFor();
    await expectNoAxeViolations(page);

    await form.getByRole('combobox', { name: 'Lägg till expertområde' }).fill('vätgas');
    await page.getByRole('option', { name: 'Vätgasteknik' }).click();
    await expertise.getByText('Vätgasteknik').waitFor();
    const hours = form.getByRole('textbox', { name: 'Timmar per år' });
    await hours.fill('tusen');
    await form.getByRole('button', { name: 'Spara profilen' }).click();
    await form.getByText('Ange ett helt antal timmar mellan 0 och 2 000.').waitFor();
    await hours.fill('150');
    await form.getByRole('radio', { name: 'Stort' }).check();
    await form.getByRole('button', { name: 'Spara profilen' }).click();
    await page.getByText('Profilen är sparad.').waitFor();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a coordinator finds him by that expertise for a design and adds him as a teacher', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'karin.koordinator@mittland.example', { at: 'Mittlands universitet' });
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('form', { name: 'Utformningens uppgifter' }).waitFor();
    await page.getByRole('link', { name: 'Hitta lärare efter expertis' }).click();
    await expectHeading(page, 'Hitta lärare');
    await page.getByText(`För utformningen ”${DESIGN}”`).waitFor();
    await page.getByText('Utformningens behov har inga begrepp ur taxonomierna.', { exact: false }).waitFor();

    await page.getByRole('combobox', { name: 'Lägg till kompetens' }).fill('vätgas');
    await page.getByRole('option', { name: 'Vätgasteknik' }).click();
    const results = page.getByTestId('teacher-results');
    const first = results.getByTestId('teacher-result').first();
    await first.getByRole('link', { name: 'Öppna profilen för Lars Ek' }).waitFor();
    expect(await results.getByTestId('teacher-result').count()).toBe(1);
    expect(await first.textContent()).toContain('Tillgänglig');
    await expectNoAxeViolations(page);

    await first.getByRole('button', { name: 'Lägg till Lars Ek som lärare i utformningen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lägg till Lars Ek som lärare' });
    await dialog.getByRole('textbox', { name: 'Undervisningstimmar' }).fill('24');
    await dialog.getByRole('textbox', { name: 'Utvecklingstimmar' }).fill('8');
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Lägg till' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`Lars Ek är tillagd som lärare i ”${DESIGN}”.`).waitFor();
    await first.getByText('Redan lärare').waitFor();
    await expectNoAxeViolations(page);

    // the design editor has him, with his hours
    await page.getByRole('link', { name: 'Till utformningen' }).click();
    const teachers = page.getByTestId('design-teachers');
    expect(await teachers.getByRole('textbox', { name: 'Namn, lärare 1' }).inputValue()).toBe('Lars Ek');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the teacher downloads his merit record, which lists the course', async () => {
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'lars.larare@mittland.example');
    await page.goto('/profile');
    await expectHeading(page, 'Min profil');
    const merit = page.getByTestId('merit-record');
    await merit.getByTestId('merit-courses').getByText(DESIGN).waitFor();
    await merit.getByTestId('merit-courses').getByText('Under planering').waitFor();
    await merit.getByText('Inga utvärderingar med resultat ännu', { exact: false }).waitFor();
    // his own calendar feed of the sessions he teaches is made here too, whenever he wants it
    const calendar = page.getByRole('region', { name: 'Kalender för din undervisning' });
    await calendar.getByRole('button', { name: 'Skapa kalenderlänk' }).click();
    await page.getByText('Kalenderlänken är skapad.').first().waitFor();
    await calendar.getByRole('textbox', { name: 'Kalenderlänk för din undervisning' }).waitFor();
    await expectNoAxeViolations(page);

    const [docx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Ladda ned som Word (DOCX)' }).click(),
    ]);
    expect(docx.suggestedFilename()).toBe('Meritförteckning samverkan - Lars Ek.docx');
    const xml = documentXml(await readFile(await docx.path()));
    expect(xml).toContain('Lars Ek');
    expect(xml).toContain(DESIGN);
    expect(xml).toContain('Vätgasteknik');

    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Ladda ned som PDF' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toBe('Meritförteckning samverkan - Lars Ek.pdf');
    expect((await readFile(await pdf.path())).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a manager reads her profile, finds him and reads his merit record in English', async () => {
    // A manager has all three pages: her own profile, "Find teachers" and a colleague's merit record.
    const { context, page, errors } = await newPage(journey);
    await openInEnglish(page, 'maria.chef@mittland.example', 'My profile');
    await expectHeading(page, 'My profile');
    const form = page.getByRole('form', { name: 'Profile details' });
    await form.getByRole('combobox', { name: 'Add an area of expertise' }).waitFor();
    expect(await form.getByRole('radio', { name: 'Partly available' }).isChecked()).toBe(true);
    expect(await form.getByRole('radio', { name: 'Some' }).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Save the profile' }).waitFor();
    const ownMerits = page.getByRole('region', { name: 'Record of collaboration merits' });
    await ownMerits
      .getByText('No contract-education courses in which the person is a planned teacher.')
      .waitFor();
    expect(
      await ownMerits.getByRole('link', { name: 'Download as Word (DOCX)' }).getAttribute('href'),
    ).toContain('language=en');
    await expectEnglish(page, STAFF_SWEDISH);
    await expectNoAxeViolations(page);

    // Find teachers for the design, as the coordinator did; he is found by the expertise he saved.
    await page.goto(`/staff?designId=${designId}`);
    await expectHeading(page, 'Find teachers');
    await page.getByText(`For the design “${DESIGN}”`).waitFor();
    await page.getByText("The design's needs have no taxonomy concepts.", { exact: false }).waitFor();
    await page.getByRole('combobox', { name: 'Add a competence' }).fill('hydrogen');
    await page.getByRole('option', { name: 'Hydrogen technology' }).click();
    const result = page.getByTestId('teacher-result');
    const profileLink = result.getByRole('link', { name: 'Open the profile of Lars Ek' });
    await profileLink.waitFor();
    await page.getByText('People who match: 1').waitFor();
    expect(await result.textContent()).toMatch(/Hydrogen technology.*Available.*150 hours a year.*High/);
    await expectEnglish(page, STAFF_SWEDISH);
    await expectNoAxeViolations(page);

    // his profile, read only, with the expertise he saved and the course he was added to
    await profileLink.click();
    await expectHeading(page, 'Lars Ek');
    const summary = page.getByTestId('profile-summary');
    await summary.getByText('Hydrogen technology').waitFor();
    await summary.getByText("Only the person and the HEI's administrators can change the profile.").waitFor();
    const courses = page.getByTestId('merit-record').getByTestId('merit-courses');
    await courses.getByText(DESIGN).waitFor();
    await courses.getByText('Being planned').waitFor();
    await expectEnglish(page, STAFF_SWEDISH);
    await expectNoAxeViolations(page);
    // back from the profile finds the same search (kept for the tab)
    await page.goBack();
    await expectHeading(page, 'Find teachers');
    await page.getByTestId('search-concepts').getByText('Hydrogen technology').waitFor();
    await profileLink.waitFor();
    await page.getByText('People who match: 1').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
  it('once the study director approves the design, his commitment shows on the staff pages', async () => {
    const db = journey.lupp.database.db;
    const maria = await actorAt(journey.lupp, 'maria.chef@mittland.example', mittlandId, ['manager']);
    const karin = await actorAt(journey.lupp, 'karin.koordinator@mittland.example', mittlandId, [
      'coordinator',
    ]);
    // a certificate course (no degree-awarding powers to check), approved by Maria
    const design = await getDesign(db, maria, designId);
    const ready = await updateDesign(db, karin, designId, {
      revision: design.revision,
      awards: 'certificate',
      credits: null,
    });
    await approveDesign(db, maria, designId, { revision: ready.revision });
    const { context, page, errors } = await newPage(journey);
    await signIn(page, 'maria.chef@mittland.example', { at: 'Mittlands universitet' });
    await chooseLanguage(page, 'Svenska'); // she read the pages in English before
    await page.goto('/staff');
    await expectHeading(page, 'Hitta lärare');
    const lars = page.getByTestId('staff-list').getByRole('row', { name: /^Lars Ek/ });
    // 24 hours of teaching and 8 of development, as Karin added him; no session scheduled yet
    await lars.getByText('Åtagit: 32 h i 1 kurs; 0 h schemalagt kommande året.').waitFor();
    await expectNoAxeViolations(page);
    await lars.getByRole('link', { name: 'Lars Ek' }).click();
    await expectHeading(page, 'Lars Ek');
    const commitments = page.getByRole('region', { name: 'Åtaganden' });
    await commitments
      .getByTestId('staff-commitments')
      .getByText('24 h undervisning, 8 h utveckling', { exact: false })
      .waitFor();
    await expectNoAxeViolations(page);
    // the same in English
    await chooseLanguage(page, 'English');
    const inEnglish = page.getByRole('region', { name: 'Commitments' });
    await inEnglish.getByText('Taken on: 32 h in 1 course; 0 h scheduled in the year ahead.').waitFor();
    await inEnglish.getByText('24 h teaching, 8 h development', { exact: false }).waitFor();
    await chooseLanguage(page, 'Svenska');
    await commitments.getByRole('link', { name: new RegExp(DESIGN) }).click();
    await page.waitForURL(`**/cases/${caseId}`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
