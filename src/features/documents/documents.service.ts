import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../server/http/problem.ts';
import { containsAny, type FoundText, mentionPatterns } from '../../shared/mentions.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authUser } from '../auth/auth.table.ts';
import { assertCaseAccess, customerCase } from '../cases/cases.service.ts';
import type { Actor } from '../tenancy/tenancy.service.ts';
import { caseDocument } from './documents.table.ts';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** What may be attached: office documents, PDFs, images, plain text. Checked by content, not by name. */
const allowedDetected: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  png: 'image/png',
  jpg: 'image/jpeg',
};
const textExtensions: Record<string, string> = { txt: 'text/plain', csv: 'text/csv', md: 'text/markdown' };

const unsupported = (why: string) =>
  new AppError(415, 'unsupported_file_type', why, [{ field: 'file', message: why }]);

/** The media type of an upload, decided from its bytes (a renamed .exe does not pass as a .pdf). */
export async function inspectUpload(fileName: string, content: Buffer): Promise<string> {
  if (content.length === 0) throw unsupported('the file is empty');
  const detected = await fileTypeFromBuffer(content);
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  if (detected) {
    const mediaType = allowedDetected[detected.ext];
    if (!mediaType)
      throw unsupported(
        `files of type .${detected.ext} cannot be attached; use PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG or text`,
      );
    return mediaType;
  }
  const textType = textExtensions[extension];
  if (textType && !content.includes(0) && isUtf8(content)) return `${textType}; charset=utf-8`;
  throw unsupported(
    'the file is not one of the accepted types: PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG or text',
  );
}

function isUtf8(content: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

/** File names are kept for display and download only; path parts and control characters go. */
const cleanName = (name: string) =>
  [...(name.split(/[\\/]/).pop() ?? '')]
    .filter((ch) => ch.charCodeAt(0) >= 32 && ch !== '"')
    .join('')
    .slice(0, 200) || 'fil';

export type DocumentView = {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  uploadedAt: string;
  uploadedBy: string | null;
  sharedWithCustomer: boolean;
  fromCustomer: boolean;
};

async function list(db: Db, caseId: string, customerView: boolean): Promise<DocumentView[]> {
  const rows = await db
    .select({
      id: caseDocument.id,
      fileName: caseDocument.fileName,
      mediaType: caseDocument.mediaType,
      sizeBytes: caseDocument.sizeBytes,
      uploadedAt: caseDocument.uploadedAt,
      uploadedBy: authUser.name,
      sharedWithCustomer: caseDocument.sharedWithCustomer,
      fromCustomer: caseDocument.fromCustomer,
    })
    .from(caseDocument)
    .leftJoin(authUser, eq(caseDocument.uploadedBy, authUser.id))
    .where(
      and(
        eq(caseDocument.caseId, caseId),
        customerView
          ? or(eq(caseDocument.sharedWithCustomer, true), eq(caseDocument.fromCustomer, true))
          : undefined,
      ),
    )
    .orderBy(desc(caseDocument.uploadedAt));
  return rows.map((r) => ({ ...r, uploadedAt: r.uploadedAt.toISOString() }));
}

export async function listCaseDocuments(db: Db, actor: Actor, caseId: string) {
  await assertCaseAccess(db, actor, caseId, 'read');
  return list(db, caseId, false);
}

export async function listCustomerDocuments(db: Db, customerId: string, caseId: string) {
  await customerCase(db, customerId, caseId);
  return list(db, caseId, true);
}

type Upload = { fileName: string; content: Buffer; sharedWithCustomer: boolean };

async function store(
  db: Db,
  actor: Actor,
  caseId: string,
  organisationId: string,
  upload: Upload,
  fromCustomer: boolean,
) {
  const mediaType = await inspectUpload(upload.fileName, upload.content);
  const fileName = cleanName(upload.fileName);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(caseDocument)
      .values({
        caseId,
        fileName,
        mediaType,
        sizeBytes: upload.content.length,
        content: upload.content,
        uploadedBy: actor.userId,
        sharedWithCustomer: fromCustomer || upload.sharedWithCustomer,
        fromCustomer,
      })
      .returning({ id: caseDocument.id });
    await recordAudit(tx, {
      actor,
      organisationId,
      action: 'case.document_added',
      subjectType: 'case',
      subjectId: caseId,
      data: { fileName, sizeBytes: upload.content.length, fromCustomer },
    });
    return row?.id ?? '';
  });
  const [view] = (await list(db, caseId, false)).filter((d) => d.id === id);
  if (!view) throw notFound('The document');
  return view;
}

export async function addCaseDocument(db: Db, actor: Actor, caseId: string, upload: Upload) {
  const { heiId } = await assertCaseAccess(db, actor, caseId, 'work');
  return store(db, actor, caseId, heiId, upload, false);
}

export async function addCustomerDocument(
  db: Db,
  actor: Actor,
  customerId: string,
  caseId: string,
  upload: Upload,
) {
  await customerCase(db, customerId, caseId);
  return store(db, actor, caseId, customerId, upload, true);
}

async function fetchDocument(db: Db, caseId: string, documentId: string, customerView: boolean) {
  const [row] = await db
    .select()
    .from(caseDocument)
    .where(and(eq(caseDocument.id, documentId), eq(caseDocument.caseId, caseId)));
  if (!row || (customerView && !row.sharedWithCustomer && !row.fromCustomer)) throw notFound('The document');
  return row;
}

export async function downloadCaseDocument(db: Db, actor: Actor, caseId: string, documentId: string) {
  await assertCaseAccess(db, actor, caseId, 'read');
  return fetchDocument(db, caseId, documentId, false);
}

export async function downloadCustomerDocument(
  db: Db,
  customerId: string,
  caseId: string,
  documentId: string,
) {
  await customerCase(db, customerId, caseId);
  return fetchDocument(db, caseId, documentId, true);
}

export async function deleteCaseDocument(db: Db, actor: Actor, caseId: string, documentId: string) {
  const { heiId } = await assertCaseAccess(db, actor, caseId, 'work');
  const row = await fetchDocument(db, caseId, documentId, false);
  await db.transaction(async (tx) => {
    await tx.delete(caseDocument).where(eq(caseDocument.id, documentId));
    await recordAudit(tx, {
      actor,
      organisationId: heiId,
      action: 'case.document_deleted',
      subjectType: 'case',
      subjectId: caseId,
      data: { fileName: row.fileName },
    });
  });
}

/**
 * The names of the documents on these cases that contain one of the terms (a CV named after its person; for
 * a subject access report, no access check). The files' contents are not searched.
 */
export async function documentsNamed(db: Db, caseIds: string[], terms: string[]): Promise<FoundText[]> {
  if (!caseIds.length) return [];
  const rows = await db
    .select({
      caseId: caseDocument.caseId,
      fileName: caseDocument.fileName,
      uploadedAt: caseDocument.uploadedAt,
    })
    .from(caseDocument)
    .where(
      and(
        inArray(caseDocument.caseId, caseIds),
        containsAny([caseDocument.fileName], mentionPatterns(terms)),
      ),
    );
  return rows.map((d) => ({
    source: 'document',
    caseId: d.caseId,
    recordId: null,
    label: d.fileName,
    text: d.fileName,
    at: d.uploadedAt,
  }));
}
