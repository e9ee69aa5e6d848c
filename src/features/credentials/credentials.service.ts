import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type FigureWindow, inWindow } from '../../db/figure-window.ts';
import { AppError, conflict, invalid, notFound } from '../../server/http/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authUser } from '../auth/auth.table.ts';
import { assertCaseAccess, casesForCustomer } from '../cases/cases.service.ts';
import { attendanceOfDesign } from '../delivery/delivery.service.ts';
import { listDesigns } from '../design/design.service.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import { participantsOfDesign } from '../participants/participants.service.ts';
import { type Actor, getOrganisation, requireOrganisationRole } from '../tenancy/tenancy.service.ts';
import {
  claimsOf,
  issuerProfile,
  keyIdOf,
  keyNumberOf,
  newSigningKey,
  openBadgeCredential,
  signCredential,
  signedBy,
  signStatusList,
} from './credentials.badge.ts';
import {
  type CredentialSummary,
  EQF_OF_LEVEL,
  type issueCredentialsBody,
  type PublicCredential,
} from './credentials.contract.ts';
import {
  drawStatusIndexes,
  encodeList,
  listLength,
  type StatusPurpose,
  statusListCredential,
} from './credentials.status-list.ts';
import { credentialSigningKey, microCredential } from './credentials.table.ts';

type Row = typeof microCredential.$inferSelect;
type Design = Awaited<ReturnType<typeof listDesigns>>['designs'][number];

/**
 * The credits a participant gets for a course: a course that gives credits gives them to those who meet its
 * entry requirements; the others took part for a certificate (null: their workload is stated in hours).
 */
const creditsFor = (design: Design, p: { creditEligible: boolean }) =>
  design.awards === 'credits' && p.creditEligible ? design.credits : null;

/** The issuer as a credential names it. */
const issuerOfHei = (hei: { name: string; orgNumber?: string | null }): PublicCredential['issuer'] => ({
  name: hei.name,
  orgNumber: hei.orgNumber ?? null,
  country: 'SE',
});

/** Where a credential, its files and its issuer are, relative to Lupp's address. */
export const credentialPath = (code: string) => `/credentials/${code}`;
const apiPath = (code: string) => `/api/public/credentials/${code}`;
export const issuerPath = (heiId: string) => `/api/public/credential-issuers/${heiId}`;
export const statusListPath = (heiId: string) => `${issuerPath(heiId)}/revocation-list`;
export const suspensionListPath = (heiId: string) => `${issuerPath(heiId)}/suspension-list`;

const summaryOf = (row: Row, issuedBy: string | null): CredentialSummary => ({
  id: row.id,
  path: credentialPath(row.code),
  designId: row.designId,
  participantId: row.participantId,
  learnerName: row.learnerName,
  title: row.title,
  credits: row.credits,
  workloadHours: row.workloadHours,
  issuedAt: row.issuedAt.toISOString(),
  issuedBy,
  revokedAt: row.revokedAt?.toISOString() ?? null,
  revokeReason: row.revokeReason,
  suspendedAt: row.suspendedAt?.toISOString() ?? null,
  suspendReason: row.suspendReason,
});

async function summaries(db: Db, where: ReturnType<typeof eq>) {
  const rows = await db
    .select({ row: microCredential, issuedBy: authUser.name })
    .from(microCredential)
    .leftJoin(authUser, eq(authUser.id, microCredential.issuedBy))
    .where(where)
    .orderBy(desc(microCredential.issuedAt), microCredential.learnerName);
  return rows.map((r) => summaryOf(r.row, r.issuedBy));
}

/**
 * The courses of the case with participants under signed agreements: its approved designs, and a design
 * whose approval was taken back by a later change if credentials were issued for it (they stay in view).
 */
async function coursesGiven(db: Db, actor: Actor, caseId: string) {
  const { designs } = await listDesigns(db, actor, caseId);
  const issued = new Set(
    (
      await db
        .selectDistinct({ designId: microCredential.designId })
        .from(microCredential)
        .where(eq(microCredential.caseId, caseId))
    ).map((r) => r.designId),
  );
  const given = await Promise.all(
    designs
      .filter((d) => d.status === 'approved' || issued.has(d.id))
      .map(async (d) => ({
        design: d,
        // one the HEI's retention rule anonymised has no name left to put on a credential
        participants: (await participantsOfDesign(db, d.id)).filter((p) => !p.anonymisedAt),
      })),
  );
  return given.filter((g) => g.participants.length > 0);
}

/** Sessions attended of those where attendance was recorded (the counts by status, summed). */
const recordedAttendance = (counts: { present: number; absent: number; excused: number } | undefined) =>
  counts ? { present: counts.present, recorded: counts.present + counts.absent + counts.excused } : null;

export async function caseCredentials(db: Db, actor: Actor, caseId: string) {
  await assertCaseAccess(db, actor, caseId, 'read');
  const [credentials, given] = await Promise.all([
    summaries(db, eq(microCredential.caseId, caseId)),
    coursesGiven(db, actor, caseId),
  ]);
  const attendance = await Promise.all(given.map((g) => attendanceOfDesign(db, g.design.id)));
  return {
    credentials,
    designs: given.map(({ design, participants }, i) => ({
      designId: design.id,
      title: design.title,
      awards: design.awards,
      credits: design.awards === 'credits' ? design.credits : null,
      examined: design.examination.trim() !== '',
      participants: participants.map((p) => ({
        participantId: p.id,
        name: `${p.firstName} ${p.lastName}`,
        creditEligible: p.creditEligible,
        hasEmail: !!p.email,
        credits: creditsFor(design, p),
        attendance: recordedAttendance(attendance[i]?.get(p.id)),
      })),
    })),
  };
}

/**
 * Issues a credential to each chosen participant of an approved design's signed agreements: the design's
 * title, learning outcomes, level, format, assessment and dates as they are now; credits only to a
 * participant who meets the entry requirements of a course that gives credits (the others took part for a
 * certificate), otherwise the workload in hours, which the coordinator gives. A participant holding a valid
 * credential for the course is refused (409), and nothing is issued.
 */
export async function issueCredentials(
  db: Db,
  actor: Actor,
  caseId: string,
  input: typeof issueCredentialsBody._output,
  publicUrl: string,
) {
  const access = await assertCaseAccess(db, actor, caseId, 'work');
  const course = (await coursesGiven(db, actor, caseId)).find(
    (g) => g.design.id === input.designId && g.design.status === 'approved',
  );
  if (!course)
    throw invalid([
      {
        field: 'body.designId',
        message: 'is not an approved design of this case with participants under a signed agreement',
      },
    ]);
  const { design } = course;
  // the recommendation's micro-credential certifies assessed learning: a course without examination gives none
  if (!design.examination.trim())
    throw invalid([
      {
        field: 'body.designId',
        message: 'the design states no examination; a micro-credential certifies assessed learning',
      },
    ]);
  const byId = new Map(course.participants.map((p) => [p.id, p]));
  const unknown = input.participantIds.filter((id) => !byId.has(id));
  if (unknown.length)
    throw invalid([
      { field: 'body.participantIds', message: `not participants of this course: ${unknown.join(', ')}` },
    ]);
  const chosen = [...new Set(input.participantIds)].flatMap((id) => byId.get(id) ?? []);
  if (chosen.some((p) => creditsFor(design, p) === null) && input.workloadHours === undefined)
    throw invalid([
      {
        field: 'body.workloadHours',
        message: 'give the workload in hours: the course gives some of them no credits',
      },
    ]);
  const held = await db
    .select({ participantId: microCredential.participantId, learnerName: microCredential.learnerName })
    .from(microCredential)
    .where(
      and(
        eq(microCredential.designId, design.id),
        inArray(
          microCredential.participantId,
          chosen.map((p) => p.id),
        ),
        isNull(microCredential.revokedAt),
      ),
    );
  if (held.length)
    throw new AppError(
      409,
      'credential_already_issued',
      `These participants already hold a valid credential for the course: ${held.map((h) => h.learnerName).join(', ')}.`,
    );
  const hei = await getOrganisation(db, access.heiId);
  const outcomes = design.modules.flatMap((m) => m.outcomes.map((o) => o.text));
  const { rows, emailed } = await db.transaction(async (tx) => {
    const statusIndexes = await freeStatusIndexes(tx, access.heiId, chosen.length);
    const rows = await tx
      .insert(microCredential)
      .values(
        chosen.map((p, i) => ({
          statusIndex: statusIndexes[i] ?? 0,
          code: randomBytes(18).toString('base64url'),
          heiId: access.heiId,
          caseId,
          designId: design.id,
          participantId: p.id,
          learnerName: `${p.firstName} ${p.lastName}`,
          language: design.language,
          title: design.title,
          outcomes,
          level: design.level,
          eqfLevel: EQF_OF_LEVEL[design.level],
          credits: creditsFor(design, p),
          workloadHours: input.workloadHours ?? null,
          format: design.format,
          assessment: design.examination,
          startDate: design.startDate ?? null,
          endDate: design.endDate ?? null,
          issuedBy: actor.userId,
        })),
      )
      .returning();
    let emailed = 0;
    for (const row of rows) {
      const to = input.emailParticipants ? byId.get(row.participantId ?? '')?.email : null;
      if (!to) continue;
      emailed += 1;
      await enqueueMail(tx, {
        kind: 'micro_credential',
        to,
        // the case's reference in the subject: the HEI's retention rule erases a participant's mails by it
        subject: `Ditt intyg: ${row.title} (${access.reference}) / Your credential`,
        text: [
          `${hei.name} har utfärdat en mikromerit till dig för ”${row.title}”. På adressen nedan kan du visa den, ladda ned den som PDF och som signerad fil (Open Badges 3.0) och dela den med den som vill kontrollera den.`,
          `${hei.name} has issued you a micro-credential for “${row.title}”. At the address below you can show it, download it as a PDF and as a signed file (Open Badges 3.0), and share it with anyone who wants to check it.`,
          `${publicUrl}${credentialPath(row.code)}`,
        ].join('\n\n'),
      });
    }
    await recordAudit(tx, {
      actor,
      organisationId: access.heiId,
      action: 'credential.issued',
      subjectType: 'course_design',
      subjectId: design.id,
      data: { caseId, count: rows.length, emailed },
    });
    return { rows, emailed };
  });
  return { credentials: rows.map((r) => summaryOf(r, actor.name)), emailed };
}

/**
 * Bits of the HEI's revocation list for new credentials. Issuers of one HEI take turns (a lock held to the
 * end of the transaction), so two issuing at once cannot draw the same bit.
 */
async function freeStatusIndexes(tx: Pick<Db, 'execute' | 'select'>, heiId: string, count: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`credential-status:${heiId}`}))`);
  const used = await tx
    .select({ index: microCredential.statusIndex })
    .from(microCredential)
    .where(eq(microCredential.heiId, heiId));
  return drawStatusIndexes(new Set(used.map((u) => u.index)), count);
}

/**
 * A credential the actor may change (its case's workers; another HEI's is not found), not revoked: a revoked
 * credential does not change any more.
 */
async function changeableCredential(db: Db, actor: Actor, credentialId: string) {
  const [row] = await db.select().from(microCredential).where(eq(microCredential.id, credentialId));
  if (!row) throw notFound('The credential');
  // the case's access decides: another HEI's credential is not found for this actor either
  await assertCaseAccess(db, actor, row.caseId, 'work');
  if (row.revokedAt) throw new AppError(409, 'credential_revoked', 'The credential is already revoked.');
  return row;
}

/** The credential's summary after a change, as the case's page lists it. */
async function summaryAfterChange(db: Db, credentialId: string) {
  const [summary] = await summaries(db, eq(microCredential.id, credentialId));
  if (!summary) throw new AppError(500, 'internal_error', 'the credential was not read back');
  return summary;
}

export async function revokeCredential(db: Db, actor: Actor, credentialId: string, reason: string) {
  const row = await changeableCredential(db, actor, credentialId);
  const [revoked] = await db.transaction(async (tx) => {
    const updated = await tx
      .update(microCredential)
      .set({ revokedAt: new Date(), revokedBy: actor.userId, revokeReason: reason })
      .where(and(eq(microCredential.id, row.id), isNull(microCredential.revokedAt)))
      .returning();
    await recordAudit(tx, {
      actor,
      organisationId: row.heiId,
      action: 'credential.revoked',
      subjectType: 'micro_credential',
      subjectId: row.id,
      data: { caseId: row.caseId, reason },
    });
    return updated;
  });
  if (!revoked) throw new AppError(409, 'credential_revoked', 'The credential is already revoked.');
  return summaryAfterChange(db, row.id);
}

/**
 * Suspends a credential, with the reason (for instance while an examination result is reviewed): its address
 * says so, its signed file is not handed out, and its bit in the HEI's suspension list is set, so a verifier
 * holding the file learns of it. The case's workers do it, as they revoke.
 */
export async function suspendCredential(db: Db, actor: Actor, credentialId: string, reason: string) {
  return changeSuspension(db, actor, credentialId, reason);
}

/** Lifts a credential's suspension: valid again, the same file and address as before. */
export async function reinstateCredential(db: Db, actor: Actor, credentialId: string) {
  return changeSuspension(db, actor, credentialId, null);
}

async function changeSuspension(db: Db, actor: Actor, credentialId: string, reason: string | null) {
  const row = await changeableCredential(db, actor, credentialId);
  const suspend = reason !== null;
  const changed = await db.transaction(async (tx) => {
    const updated = await tx
      .update(microCredential)
      .set(
        suspend
          ? { suspendedAt: new Date(), suspendedBy: actor.userId, suspendReason: reason }
          : { suspendedAt: null, suspendedBy: null, suspendReason: null },
      )
      .where(
        and(
          eq(microCredential.id, row.id),
          isNull(microCredential.revokedAt),
          suspend ? isNull(microCredential.suspendedAt) : isNotNull(microCredential.suspendedAt),
        ),
      )
      .returning();
    if (updated.length)
      await recordAudit(tx, {
        actor,
        organisationId: row.heiId,
        action: suspend ? 'credential.suspended' : 'credential.reinstated',
        subjectType: 'micro_credential',
        subjectId: row.id,
        data: suspend ? { caseId: row.caseId, reason } : { caseId: row.caseId },
      });
    return updated.length > 0;
  });
  if (!changed)
    throw suspend
      ? new AppError(409, 'credential_suspended', 'The credential is already suspended.')
      : conflict('The credential is not suspended.');
  return summaryAfterChange(db, row.id);
}

/**
 * The micro-credentials issued to the customer's participants (optionally one case's), newest first: the
 * customer designated them and knows who took part. No access check.
 */
export async function customerCredentials(db: Db, customerId: string, caseId?: string) {
  const cases = (await casesForCustomer(db, customerId)).filter((c) => !caseId || c.id === caseId);
  if (!cases.length) return [];
  const hei = new Map(cases.map((c) => [c.id, c.hei]));
  const rows = await db
    .select()
    .from(microCredential)
    .where(inArray(microCredential.caseId, [...hei.keys()]))
    .orderBy(desc(microCredential.issuedAt), microCredential.learnerName);
  return rows.map((r) => ({
    caseId: r.caseId,
    hei: hei.get(r.caseId) ?? '',
    learnerName: r.learnerName,
    title: r.title,
    issuedAt: r.issuedAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    suspendedAt: r.revokedAt ? null : (r.suspendedAt?.toISOString() ?? null),
    path: credentialPath(r.code),
  }));
}

// ------------------------------------------------------------------ anyone with the address

async function byCode(db: Db, code: string) {
  const [row] = await db.select().from(microCredential).where(eq(microCredential.code, code));
  if (!row) throw new AppError(404, 'credential_not_found', 'No credential has this address.');
  return row;
}

async function publicView(db: Db, row: Row): Promise<PublicCredential> {
  const hei = await getOrganisation(db, row.heiId);
  return {
    status: row.revokedAt ? 'revoked' : row.suspendedAt ? 'suspended' : 'valid',
    revokedAt: row.revokedAt?.toISOString() ?? null,
    suspendedAt: row.revokedAt ? null : (row.suspendedAt?.toISOString() ?? null),
    learnerName: row.learnerName,
    title: row.title,
    language: row.language,
    issuer: issuerOfHei(hei),
    issuedAt: row.issuedAt.toISOString(),
    outcomes: row.outcomes,
    level: row.level,
    eqfLevel: row.eqfLevel,
    credits: row.credits,
    workloadHours: row.workloadHours,
    format: row.format,
    assessment: row.assessment,
    startDate: row.startDate,
    endDate: row.endDate,
    links: {
      pdf: `${apiPath(row.code)}/pdf`,
      signed: `${apiPath(row.code)}/signed`,
      issuer: issuerPath(row.heiId),
    },
  };
}

/**
 * A credential by its public code (404 credential_not_found: the address is wrong), revoked ones too, and the
 * id of the HEI that issued it (for its letterhead).
 */
export async function publicCredential(db: Db, code: string) {
  const row = await byCode(db, code);
  return { credential: await publicView(db, row), heiId: row.heiId };
}

/** The HEI's key in use (the newest, not retired), or undefined when it has none yet. */
async function keyInUse(db: Pick<Db, 'select'>, heiId: string) {
  const [key] = await db
    .select()
    .from(credentialSigningKey)
    .where(and(eq(credentialSigningKey.heiId, heiId), isNull(credentialSigningKey.retiredAt)))
    .orderBy(desc(credentialSigningKey.number))
    .limit(1);
  return key;
}

/** The HEI's signing key, its first made the first time it is needed (two at once: the first write wins). */
async function signingKey(db: Db, sealKey: Buffer, heiId: string) {
  const existing = await keyInUse(db, heiId);
  if (existing) return existing;
  await db
    .insert(credentialSigningKey)
    .values({ heiId, number: 1, ...newSigningKey(sealKey) })
    .onConflictDoNothing();
  const made = await keyInUse(db, heiId);
  if (!made) throw new AppError(500, 'internal_error', 'the signing key was not written');
  return made;
}

/**
 * Replaces the HEI's key in use with a new one (an administrator; audited). The old key is retired: files it
 * signed still pass a check, unless `withdraw` says it may have been exposed, when they no longer do (their
 * holders download them again, signed with the new key). Returns the HEI's keys.
 */
export async function rotateSigningKey(
  db: Db,
  actor: Actor,
  sealKey: Buffer,
  heiId: string,
  withdraw: boolean,
) {
  requireOrganisationRole(actor, heiId, ['admin']);
  await db.transaction(async (tx) => {
    // one rotation at a time per HEI: the numbers stay a sequence
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`credential-key:${heiId}`}))`);
    const current = await keyInUse(tx, heiId);
    const now = new Date();
    if (current)
      await tx
        .update(credentialSigningKey)
        .set({ retiredAt: now, withdrawnAt: withdraw ? now : null })
        .where(and(eq(credentialSigningKey.heiId, heiId), eq(credentialSigningKey.number, current.number)));
    const [highest] = await tx
      .select({ number: sql<number>`coalesce(max(${credentialSigningKey.number}), 0)`.mapWith(Number) })
      .from(credentialSigningKey)
      .where(eq(credentialSigningKey.heiId, heiId));
    const number = (highest?.number ?? 0) + 1;
    await tx.insert(credentialSigningKey).values({ heiId, number, ...newSigningKey(sealKey) });
    await recordAudit(tx, {
      actor,
      organisationId: heiId,
      action: 'credential.key_rotated',
      subjectType: 'organisation',
      subjectId: heiId,
      data: { number, withdrawn: withdraw && current ? current.number : null },
    });
  });
  return signingKeys(db, actor, heiId);
}

/** The HEI's signing keys, newest first (its administrators). */
export async function signingKeys(db: Db, actor: Actor, heiId: string) {
  requireOrganisationRole(actor, heiId, ['admin']);
  const rows = await db
    .select()
    .from(credentialSigningKey)
    .where(eq(credentialSigningKey.heiId, heiId))
    .orderBy(desc(credentialSigningKey.number));
  return rows.map((k) => ({
    number: k.number,
    createdAt: k.createdAt.toISOString(),
    retiredAt: k.retiredAt?.toISOString() ?? null,
    withdrawnAt: k.withdrawnAt?.toISOString() ?? null,
  }));
}

/** The credential as an Open Badges 3.0 credential signed by its HEI (a JWT), for the learner to keep. */
export async function signedCredential(db: Db, sealKey: Buffer, code: string, publicUrl: string) {
  const row = await byCode(db, code);
  if (row.revokedAt)
    throw new AppError(409, 'credential_revoked', 'The credential was revoked; it is not signed again.');
  if (row.suspendedAt)
    throw new AppError(
      409,
      'credential_suspended',
      'The credential is suspended; it is signed again once the HEI reinstates it.',
    );
  const key = await signingKey(db, sealKey, row.heiId);
  const badge = openBadgeCredential(await publicView(db, row), {
    credential: `${publicUrl}${credentialPath(row.code)}`,
    issuer: `${publicUrl}${issuerPath(row.heiId)}`,
    statusList: `${publicUrl}${statusListPath(row.heiId)}`,
    suspensionList: `${publicUrl}${suspensionListPath(row.heiId)}`,
    statusIndex: row.statusIndex,
  });
  return {
    jwt: await signCredential(badge, { sealKey, privateKeySealed: key.privateKeySealed, number: key.number }),
    row,
  };
}

/** An HEI's issuer profile with its public key (404 when it has issued nothing signed yet). */
export async function issuerOf(db: Db, heiId: string, publicUrl: string) {
  const key = await keyInUse(db, heiId);
  if (!key) throw new AppError(404, 'credential_issuer_not_found', 'This HEI has not signed any credential.');
  const hei = await getOrganisation(db, heiId);
  return issuerProfile(issuerOfHei(hei), `${publicUrl}${issuerPath(heiId)}`, key);
}

/**
 * The HEI's public keys as a JWK Set (RFC 7517), each with its key id: the one in use and the retired ones
 * that still check the files they signed (not the withdrawn). 404 when it has signed nothing.
 */
export async function issuerKeys(db: Db, heiId: string, publicUrl: string) {
  const rows = await db
    .select()
    .from(credentialSigningKey)
    .where(and(eq(credentialSigningKey.heiId, heiId), isNull(credentialSigningKey.withdrawnAt)))
    .orderBy(desc(credentialSigningKey.number));
  if (!rows.length)
    throw new AppError(404, 'credential_issuer_not_found', 'This HEI has not signed any credential.');
  const issuerUrl = `${publicUrl}${issuerPath(heiId)}`;
  return {
    keys: rows.map((k) => ({ kid: keyIdOf(issuerUrl, k.number), use: 'sig', alg: 'EdDSA', ...k.publicJwk })),
  };
}

/**
 * The HEI's revocation list or its suspension list, signed with its key (404 when it has signed no credential:
 * no file names the lists). Made when asked for, so a revocation or suspension shows at once. A revoked
 * credential's suspension no longer matters: the suspension list has the bits of those only suspended.
 */
export async function statusList(
  db: Db,
  sealKey: Buffer,
  heiId: string,
  publicUrl: string,
  purpose: StatusPurpose,
) {
  const key = await keyInUse(db, heiId);
  if (!key) throw new AppError(404, 'credential_issuer_not_found', 'This HEI has not signed any credential.');
  const marked =
    purpose === 'revocation'
      ? isNotNull(microCredential.revokedAt)
      : and(isNotNull(microCredential.suspendedAt), isNull(microCredential.revokedAt));
  const [revoked, [highest]] = await Promise.all([
    db
      .select({ index: microCredential.statusIndex })
      .from(microCredential)
      .where(and(eq(microCredential.heiId, heiId), marked)),
    db
      .select({ index: sql<number | null>`max(${microCredential.statusIndex})` })
      .from(microCredential)
      .where(eq(microCredential.heiId, heiId)),
  ]);
  const encoded = encodeList(
    revoked.map((r) => r.index),
    listLength(highest?.index ?? 0),
  );
  const path = purpose === 'revocation' ? statusListPath(heiId) : suspensionListPath(heiId);
  const list = statusListCredential(
    `${publicUrl}${issuerPath(heiId)}`,
    `${publicUrl}${path}`,
    purpose,
    encoded,
    new Date(),
  );
  return signStatusList(list, { sealKey, privateKeySealed: key.privateKeySealed, number: key.number });
}

/**
 * Checks a signed credential file: that its issuer is an HEI of this Lupp, that the HEI's key signed it,
 * and that the credential it names exists here and is not revoked.
 */
export async function verifyCredential(db: Db, jwt: string, publicUrl: string) {
  const claims = claimsOf(jwt);
  const no = (
    reason: 'malformed' | 'unknown_issuer' | 'bad_signature' | 'key_withdrawn' | 'unknown_credential',
  ) => ({
    genuine: false,
    reason,
    credential: null,
  });
  if (!claims) return no('malformed');
  const issuerPrefix = `${publicUrl}${issuerPath('')}`;
  const heiId = claims.iss.startsWith(issuerPrefix) ? claims.iss.slice(issuerPrefix.length) : '';
  // only a well-formed id is looked up (the column is a uuid: anything else would be a database error)
  const number = keyNumberOf(claims.kid, claims.iss);
  const key =
    /^[0-9a-f-]{36}$/.test(heiId) && number !== null
      ? (
          await db
            .select()
            .from(credentialSigningKey)
            .where(and(eq(credentialSigningKey.heiId, heiId), eq(credentialSigningKey.number, number)))
        )[0]
      : undefined;
  if (!key) return no('unknown_issuer');
  if (!(await signedBy(jwt, key.publicJwk))) return no('bad_signature');
  // signed, but with a key the HEI withdrew as possibly exposed: anyone holding it could have signed this
  if (key.withdrawnAt) return no('key_withdrawn');
  const codePrefix = `${publicUrl}${credentialPath('')}`;
  const code = claims.jti.startsWith(codePrefix) ? claims.jti.slice(codePrefix.length) : '';
  const [row] = code
    ? await db
        .select()
        .from(microCredential)
        .where(and(eq(microCredential.code, code), eq(microCredential.heiId, heiId)))
    : [];
  if (!row) return no('unknown_credential');
  const credential = { ...(await publicView(db, row)), path: credentialPath(row.code) };
  if (row.revokedAt) return { genuine: false, reason: 'revoked' as const, credential };
  if (row.suspendedAt) return { genuine: false, reason: 'suspended' as const, credential };
  return { genuine: true, reason: 'valid' as const, credential };
}

/** The credentials issued to these participants (a subject access report; no access check). */
export async function credentialsOfParticipants(db: Db, participantIds: string[]) {
  if (!participantIds.length) return [];
  return db
    .select({
      participantId: microCredential.participantId,
      title: microCredential.title,
      issuedAt: microCredential.issuedAt,
      revokedAt: microCredential.revokedAt,
      code: microCredential.code,
    })
    .from(microCredential)
    .where(inArray(microCredential.participantId, participantIds));
}

/** How many micro-credentials the HEI issued in a period that are not revoked (key figures; no access check). */
export async function credentialsIssuedIn(db: Db, heiId: string, window: FigureWindow): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(microCredential)
    .where(
      and(
        eq(microCredential.heiId, heiId),
        isNull(microCredential.revokedAt),
        inWindow(microCredential.issuedAt, window),
      ),
    );
  return row?.count ?? 0;
}
