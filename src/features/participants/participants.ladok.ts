import ExcelJS from 'exceljs';
import type { Db } from '../../db/client.ts';
import { conflict } from '../../server/http/problem.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { agreementAtHei } from '../agreements/agreements.service.ts';
import { courseSummaries } from '../catalog/catalog.service.ts';
import type { DesignView } from '../design/design.contract.ts';
import { getDesign } from '../design/design.service.ts';
import { acceptedProposal } from '../proposals/proposals.service.ts';
import { type Actor, getOrganisation, requireOrganisationRole } from '../tenancy/tenancy.service.ts';
import { PERSONNUMMER_READERS, participantsForRegistration } from './participants.service.ts';

/**
 * The list a coordinator registers an agreement's participants in Ladok from: credit-bearing contract education
 * is higher education, so its participants are registered, and their results reported, in Ladok like any
 * student's. One row per participant who gets credits and course they are registered on (the catalogue courses
 * the approved design is built from), with the whole personnummer as Ladok takes it (ÅÅÅÅMMDDNNNN); a second
 * sheet names the agreement, the customer, the financing form and what is not on the list. Each HEI pastes it
 * into its own mass-registration template, whose column order Lupp does not know.
 */
type Language = 'sv' | 'en';

const words = {
  sv: {
    sheet: 'Registrering',
    details: 'Uppgifter',
    columns: [
      'Kurskod',
      'Kurs',
      'Högskolepoäng',
      'Kursens lärosäte',
      'Personnummer',
      'Förnamn',
      'Efternamn',
      'E-post',
    ],
    title: 'Underlag för registrering i Ladok',
    hei: 'Lärosäte',
    customer: 'Uppdragsgivare',
    agreement: 'Avtal',
    design: 'Kursupplägg',
    period: 'Kursperiod',
    financing: 'Finansieringsform',
    contractEducation: 'Uppdragsutbildning',
    listed: 'Deltagare med högskolepoäng på listan',
    certificateOnly: 'Deltagare som får intyg (registreras inte i Ladok)',
    erased: 'Deltagare med högskolepoäng vars personnummer är gallrat (inte på listan)',
    newModule: 'Ny kurs: kursplan och kurstillfälle inrättas i Ladok först',
    made: 'Hämtad',
    by: 'av',
    warning:
      'Listan innehåller hela personnummer. Hantera den enligt lärosätets rutiner för personuppgifter och radera den när registreringen är klar.',
  },
  en: {
    sheet: 'Registration',
    details: 'Details',
    columns: [
      'Course code',
      'Course',
      'Credits',
      "Course's HEI",
      'Personnummer',
      'First name',
      'Last name',
      'E-mail',
    ],
    title: 'List for registration in Ladok',
    hei: 'HEI',
    customer: 'Customer',
    agreement: 'Agreement',
    design: 'Course design',
    period: 'Course period',
    financing: 'Financing form',
    contractEducation: 'Contract education (uppdragsutbildning)',
    listed: 'Participants with credits on the list',
    certificateOnly: 'Participants who get a certificate (not registered in Ladok)',
    erased: 'Participants with credits whose personnummer was erased (not on the list)',
    newModule: 'New course: its syllabus and course occasion are set up in Ladok first',
    made: 'Downloaded',
    by: 'by',
    warning:
      "The list holds whole personal identity numbers. Handle it by the HEI's rules for personal data and delete it once the registration is done.",
  },
} satisfies Record<Language, unknown>;

/**
 * The courses the participants are registered on: one per module, a catalogue course once; a design without
 * modules is one new course of its own.
 */
async function registrationCourses(db: Db, design: DesignView) {
  const catalogue = new Map(
    (
      await courseSummaries(
        db,
        design.modules.flatMap((m) => (m.courseId ? [m.courseId] : [])),
      )
    ).map((c) => [c.id, c]),
  );
  const modules = design.modules.length
    ? design.modules
    : [{ title: design.title, courseId: null, credits: design.credits }];
  const seen = new Set<string>();
  return modules.flatMap((m) => {
    const course = m.courseId ? catalogue.get(m.courseId) : undefined;
    if (course && seen.has(course.id)) return [];
    if (course) seen.add(course.id);
    return [
      {
        code: course?.code ?? null,
        title: m.title,
        credits: m.credits ?? course?.credits ?? null,
        hei: course?.hei.name ?? null,
      },
    ];
  });
}

/**
 * The workbook for a signed agreement whose course gives credits (409 otherwise), for the HEI's coordinators and
 * admins (403 for its other roles, 404 for anyone else); the export is audited.
 */
export async function ladokRegistrationXlsx(
  db: Db,
  key: Buffer,
  actor: Actor,
  agreementId: string,
  language: Language,
): Promise<{ title: string; xlsx: Buffer }> {
  const agreement = await agreementAtHei(db, actor, agreementId, 'read');
  requireOrganisationRole(actor, agreement.heiId, PERSONNUMMER_READERS);
  if (!agreement.signedByBoth)
    throw conflict('Participants are registered once both parties have signed the agreement.');
  const proposal = await acceptedProposal(db, agreement.proposalId, agreement.caseId);
  const design = await getDesign(db, actor, proposal.designId);
  if (design.awards !== 'credits')
    throw conflict(
      'The course gives a certificate, not credits: its participants are not registered in Ladok.',
    );
  const people = await participantsForRegistration(db, key, actor, agreement);
  const [hei, customer, courses] = await Promise.all([
    getOrganisation(db, agreement.heiId),
    getOrganisation(db, proposal.customerId),
    registrationCourses(db, design),
  ]);
  const w = words[language];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lupp';

  const sheet = workbook.addWorksheet(w.sheet);
  sheet.addRow(w.columns).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const course of courses)
    for (const p of people.participants) {
      const row = sheet.addRow([
        course.code ?? w.newModule,
        course.title,
        course.credits,
        course.hei ?? hei.name,
        p.personnummer,
        p.firstName,
        p.lastName,
        p.email ?? '',
      ]);
      // twelve digits as text: as a number a spreadsheet shows 1.98E+11
      row.getCell(5).numFmt = '@';
    }
  sheet.columns.forEach((column, i) => {
    column.width = [14, 40, 14, 28, 16, 18, 22, 32][i] ?? 16;
  });

  const details = workbook.addWorksheet(w.details);
  details.addRow([w.title]).font = { bold: true, size: 13 };
  const period = [design.startDate, design.endDate].filter(Boolean).join(' – ');
  for (const [label, value] of [
    [w.hei, hei.name],
    [w.customer, customer.orgNumber ? `${customer.name} (${customer.orgNumber})` : customer.name],
    [w.agreement, agreement.title],
    [w.design, design.title],
    [w.period, period || '–'],
    [w.financing, w.contractEducation],
    [w.listed, people.participants.length],
    [w.certificateOnly, people.certificateOnly],
    [w.erased, people.erased],
    [w.made, `${stockholmDate(new Date())} ${w.by} ${actor.name || actor.email}`],
  ] as const)
    details.addRow([label, value]);
  details.addRow([]);
  details.addRow([w.warning]).font = { italic: true };
  details.getColumn(1).width = 60;
  details.getColumn(2).width = 50;

  return { title: agreement.title, xlsx: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
