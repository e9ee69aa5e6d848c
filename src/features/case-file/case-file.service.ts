import { strToU8, zipSync } from 'fflate';
import type { Db } from '../../db/client.ts';
import { fileName } from '../../server/http/files.ts';
import { notFound } from '../../server/http/problem.ts';
import { renderPdf } from '../../shared/pdf.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { agreementFile, listAgreements } from '../agreements/agreements.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  assertCaseAccess,
  caseSummariesOf,
  dialogueQuestionsByKey,
  getCase,
} from '../cases/cases.service.ts';
import { type Outcome, outcomeNames, type Stage, stageNames } from '../cases/stages.ts';
import { courseReportPdf } from '../course-report/course-report.pdf.ts';
import { courseReport } from '../course-report/course-report.service.ts';
import { caseDelivery } from '../delivery/delivery.service.ts';
import { downloadCaseDocument, listCaseDocuments } from '../documents/documents.service.ts';
import { outturnPdf } from '../outturn/outturn.pdf.ts';
import { agreementsWithOutturn, outturnDocument } from '../outturn/outturn.service.ts';
import { listProposals, proposalFile } from '../proposals/proposals.service.ts';
import { getCaseReview } from '../review/review.service.ts';
import { type Actor, organisationParty, requireOrganisationRole } from '../tenancy/tenancy.service.ts';
import { CASE_FILE_READERS } from './case-file.contract.ts';
import { caseRecordPdf } from './case-record.pdf.ts';

const words = {
  sv: {
    name: 'akt',
    contents: '00-innehall.txt',
    record: '01-handlaggning.pdf',
    reviewFile: 'aterblick.txt',
    review: 'Återblick',
    wentWell: 'Vad fungerade?',
    toImprove: 'Vad gör vi annorlunda nästa gång?',
    followOn: 'Vad kan det leda till?',
    savedBy: 'Sparad',
    heading: 'Ärendets akt',
    reference: 'Ärende',
    registryNumber: 'Diarienummer',
    customerReference: 'Kundens referens',
    title: 'Rubrik',
    customer: 'Uppdragsgivare',
    opened: 'Öppnat',
    stage: 'Steg',
    outcome: 'Utfall',
    exported: 'Hämtad',
    files: 'Filer',
    folders: {
      proposals: 'offerter',
      agreements: 'avtal',
      outturns: 'efterkalkyler',
      reports: 'kursrapporter',
      documents: 'dokument',
    },
    none: '(inga)',
    left: 'Personuppgifter om deltagare (namn, personnummer, närvaro) ingår inte: de gallras enligt lärosätets regler och hämtas, när det behövs, från ärendets deltagarlista.',
  },
  en: {
    name: 'case-file',
    contents: '00-contents.txt',
    record: '01-case-record.pdf',
    reviewFile: 'review.txt',
    review: 'Review',
    wentWell: 'What worked?',
    toImprove: 'What do we do differently next time?',
    followOn: 'What may it lead to?',
    savedBy: 'Saved',
    heading: 'Case file',
    reference: 'Case',
    registryNumber: 'Registration number',
    customerReference: "Customer's reference",
    title: 'Title',
    customer: 'Customer',
    opened: 'Opened',
    stage: 'Stage',
    outcome: 'Outcome',
    exported: 'Downloaded',
    files: 'Files',
    folders: {
      proposals: 'proposals',
      agreements: 'agreements',
      outturns: 'post-calculations',
      reports: 'course-reports',
      documents: 'documents',
    },
    none: '(none)',
    left: "Personal data of participants (names, personal identity numbers, attendance) is not included: it is erased under the HEI's rules and, when needed, read from the case's list of participants.",
  },
} as const;

/** A file of the case file: in one of the folders, or beside the contents list (`root`). */
type Entry = { folder: keyof (typeof words)['sv']['folders'] | 'root'; name: string; body: Uint8Array };

/**
 * A case's file (akt) for the HEI's registry and archive, as one ZIP: every proposal that was sent and every
 * agreement as PDFs, each recorded post-calculation and the report of each course given as PDFs, the documents
 * uploaded to the case as they were uploaded, the case's review (återblick) when it has one, and a contents
 * list with the case's references. Drafts are left out: they were never documents of the case. Each download
 * is audited.
 */
export async function caseFileZip(db: Db, actor: Actor, caseId: string, language: 'sv' | 'en') {
  const access = await assertCaseAccess(db, actor, caseId, 'read');
  requireOrganisationRole(actor, access.heiId, CASE_FILE_READERS);
  const summary = (await caseSummariesOf(db, access.heiId, [caseId])).get(caseId);
  if (!summary) throw notFound('The case');
  const [{ proposals }, { agreements }, documents, delivery, { review }] = await Promise.all([
    listProposals(db, actor, caseId),
    listAgreements(db, actor, caseId),
    listCaseDocuments(db, actor, caseId),
    caseDelivery(db, actor, caseId),
    getCaseReview(db, actor, caseId),
  ]);
  const recorded = await agreementsWithOutturn(
    db,
    agreements.map((a) => a.id),
  );
  const w = words[language];
  const entries: Entry[] = [
    {
      folder: 'root',
      name: w.record,
      body: await caseRecordFile(db, actor, caseId, access.heiId, summary.openedAt, language),
    },
  ];
  for (const p of proposals.filter((p) => p.status !== 'draft')) {
    const file = await proposalFile(db, p);
    entries.push({ folder: 'proposals', name: file.name, body: file.body });
  }
  for (const a of agreements) {
    const file = await agreementFile(db, a);
    entries.push({ folder: 'agreements', name: file.name, body: file.body });
    if (recorded.has(a.id)) {
      const document = await outturnDocument(db, actor, a.id);
      entries.push({
        folder: 'outturns',
        name: fileName([language === 'sv' ? 'efterkalkyl' : 'post-calculation', a.title], 'pdf'),
        body: await renderPdf(outturnPdf(document, language)),
      });
    }
  }
  // the report of each course given (with sessions), as for the follow-up meeting
  for (const course of delivery.designs.filter((d) => d.sessions.length)) {
    const report = await courseReport(db, actor, caseId, course.designId);
    entries.push({
      folder: 'reports',
      name: fileName([language === 'sv' ? 'kursrapport' : 'course-report', course.title], 'pdf'),
      body: await renderPdf(courseReportPdf(report, language, report.hei)),
    });
  }
  for (const d of documents) {
    const row = await downloadCaseDocument(db, actor, caseId, d.id);
    entries.push({ folder: 'documents', name: row.fileName, body: row.content });
  }

  if (review)
    entries.push({
      folder: 'root',
      name: w.reviewFile,
      body: strToU8(
        [
          `${w.review}: ${summary.reference}`,
          ...(['wentWell', 'toImprove', 'followOn'] as const).flatMap((key) => ['', w[key], review[key]]),
          '',
          `${w.savedBy}: ${stockholmDate(new Date(review.updatedAt))}${review.updatedBy ? `, ${review.updatedBy}` : ''}`,
          '',
        ].join('\r\n'),
      ),
    });
  const files = uniquePaths(
    entries.map((e) => ({
      path: e.folder === 'root' ? e.name : `${w.folders[e.folder]}/${e.name}`,
      body: e.body,
    })),
  );
  const contents = [
    `${w.heading}: ${summary.reference}`,
    '',
    `${w.reference}: ${summary.reference}`,
    ...(summary.registryNumber ? [`${w.registryNumber}: ${summary.registryNumber}`] : []),
    ...(summary.procurementReference ? [`${w.customerReference}: ${summary.procurementReference}`] : []),
    `${w.title}: ${summary.title}`,
    `${w.customer}: ${summary.customerName}`,
    `${w.opened}: ${summary.openedAt.slice(0, 10)}`,
    `${w.stage}: ${stageNames[language][summary.stage as Stage] ?? summary.stage}`,
    ...(summary.outcome
      ? [`${w.outcome}: ${outcomeNames[language][summary.outcome as Outcome] ?? summary.outcome}`]
      : []),
    `${w.exported}: ${stockholmDate(new Date())}`,
    '',
    `${w.files}:`,
    ...(files.length ? files.map((f) => `  ${f.path}`) : [`  ${w.none}`]),
    '',
    w.left,
    '',
  ].join('\r\n');
  const zip = zipSync({
    [w.contents]: strToU8(contents),
    ...Object.fromEntries(files.map((f) => [f.path, f.body])),
  });
  await recordAudit(db, {
    actor,
    organisationId: access.heiId,
    action: 'case.file_exported',
    subjectType: 'case',
    subjectId: caseId,
    data: { files: files.length },
  });
  return { name: fileName([w.name, summary.reference], 'zip'), zip };
}

/**
 * The record of the case's handling (details, need, checklist, timeline) as a PDF, for the case file or on its
 * own; who may read it is the caller's check (the case file's readers).
 */
async function caseRecordFile(
  db: Db,
  actor: Actor,
  caseId: string,
  heiId: string,
  openedAt: string,
  language: 'sv' | 'en',
) {
  const [detail, hei, questions] = await Promise.all([
    getCase(db, actor, caseId),
    organisationParty(db, heiId),
    dialogueQuestionsByKey(db, heiId),
  ]);
  return renderPdf(caseRecordPdf({ hei, detail, openedAt, questions, printedAt: new Date() }, language));
}

/**
 * The record of a case's handling as a PDF of its own (the case file holds it too), for its readers. Each
 * download is audited: the timeline names the customer's people.
 */
export async function caseRecord(db: Db, actor: Actor, caseId: string, language: 'sv' | 'en') {
  const access = await assertCaseAccess(db, actor, caseId, 'read');
  requireOrganisationRole(actor, access.heiId, CASE_FILE_READERS);
  const summary = (await caseSummariesOf(db, access.heiId, [caseId])).get(caseId);
  if (!summary) throw notFound('The case');
  const body = await caseRecordFile(db, actor, caseId, access.heiId, summary.openedAt, language);
  await recordAudit(db, {
    actor,
    organisationId: access.heiId,
    action: 'case.record_exported',
    subjectType: 'case',
    subjectId: caseId,
    data: {},
  });
  return {
    name: fileName([language === 'sv' ? 'handlaggning' : 'case-record', summary.reference], 'pdf'),
    body,
  };
}

/** The files, with a number added before the extension where two paths would be the same ("a.pdf", "a-2.pdf"). */
function uniquePaths(files: { path: string; body: Uint8Array }[]) {
  const seen = new Map<string, number>();
  return files.map(({ path, body }) => {
    const n = (seen.get(path) ?? 0) + 1;
    seen.set(path, n);
    return { path: n === 1 ? path : path.replace(/(\.[^./]+)?$/, (ext) => `-${n}${ext}`), body };
  });
}
