import { createHash, randomBytes } from 'node:crypto';
import { type AnyColumn, and, asc, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type FigureWindow, inWindow } from '../../db/figure-window.ts';
import { AppError, conflict, invalid, notFound } from '../../server/http/problem.ts';
import { containsAny, type FoundText, foundIn, jsonText, mentionPatterns } from '../../shared/mentions.ts';
import { workingDaysDeadline } from '../../shared/working-days.ts';
import type { AuditAction } from '../audit/audit.contract.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authUser } from '../auth/auth.table.ts';
import { caseIdForInquiry, casesClosedBefore, openCaseFromInquiry } from '../cases/cases.service.ts';
import { enqueueMail, eraseMailsTo, mailsAbout } from '../mail/mail.service.ts';
import { formatOrgNumber } from '../tenancy/org-number.ts';
import type { Role } from '../tenancy/tenancy.contract.ts';
import {
  type Actor,
  actingHei,
  activeMembership,
  getOrganisation,
  type ActingHei as Hei,
} from '../tenancy/tenancy.service.ts';
import { consortium, organisation } from '../tenancy/tenancy.table.ts';
import { assessEligibility, type Sector } from './eligibility.ts';
import type {
  ContactCorrection,
  InquiryDetail,
  InquiryListFilter,
  InquirySummary,
  SubmitInquiry,
} from './inquiries.contract.ts';
import { inquiry, inquiryEvent, inquiryNumber } from './inquiries.table.ts';

/** First-response target, in Swedish working days. */
export const FIRST_RESPONSE_WORKING_DAYS = 2;
/** At most this many inquiries from one sender per hour. */
export const SUBMISSIONS_PER_HOUR = 5;

type Row = typeof inquiry.$inferSelect;

const hash = (value: string) => createHash('sha256').update(value).digest('hex');

// ---------------------------------------------------------------- the public front door

export async function frontDoor(db: Db, slug: string) {
  const [c] = await db.select().from(consortium).where(eq(consortium.slug, slug));
  if (!c) throw notFound('The consortium');
  const heis = await db
    .select({ id: organisation.id, name: organisation.name })
    .from(organisation)
    .where(and(eq(organisation.consortiumId, c.id), eq(organisation.kind, 'hei')))
    .orderBy(asc(organisation.name));
  return { consortium: { name: c.name, slug: c.slug }, heis };
}

async function consortiumHeis(db: Db, consortiumId: string): Promise<Hei[]> {
  const rows = await db
    .select()
    .from(organisation)
    .where(and(eq(organisation.consortiumId, consortiumId), eq(organisation.kind, 'hei')))
    .orderBy(asc(organisation.name));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    consortiumId,
    county: r.county,
    degreeFields: r.degreeFields,
  }));
}

/**
 * Routing rules, in order: the customer's own choice of HEI; an HEI with degree-awarding powers in the
 * subject area in the customer's county; any HEI with those powers; an HEI in the same county.
 */
export function proposeHei(
  heis: Hei[],
  input: { preferredHeiId: string | null; subjectArea: string | null; county: string },
): { heiId: string; reason: 'customer_choice' | 'subject_and_region' | 'subject' | 'region' } | null {
  const chosen = heis.find((h) => h.id === input.preferredHeiId);
  if (chosen) return { heiId: chosen.id, reason: 'customer_choice' };
  const qualified = input.subjectArea
    ? heis.filter((h) => h.degreeFields.includes(input.subjectArea ?? ''))
    : [];
  const local = (list: Hei[]) => list.find((h) => h.county === input.county);
  const qualifiedLocal = local(qualified);
  if (qualifiedLocal) return { heiId: qualifiedLocal.id, reason: 'subject_and_region' };
  if (qualified[0]) return { heiId: qualified[0].id, reason: 'subject' };
  const nearby = local(heis);
  if (nearby) return { heiId: nearby.id, reason: 'region' };
  return null;
}

export async function submitInquiry(
  db: Db,
  opts: { slug: string; publicUrl: string; senderIp: string; secret: string },
  input: SubmitInquiry,
): Promise<{ reference: string; followUrl: string }> {
  const [c] = await db.select().from(consortium).where(eq(consortium.slug, opts.slug));
  if (!c) throw notFound('The consortium');
  const heis = await consortiumHeis(db, c.id);
  if (input.preferredHeiId && !heis.some((h) => h.id === input.preferredHeiId)) {
    throw invalid([{ field: 'body.preferredHeiId', message: 'is not a member of this consortium' }]);
  }
  const token = randomBytes(24).toString('base64url');
  const followUrl = `${opts.publicUrl}/follow/${token}`;
  // A filled-in honeypot is a bot: answer as if all went well, store nothing.
  if (input.website) return { reference: `UF-${new Date().getFullYear()}-00000`, followUrl };

  const senderHash = hash(`${opts.secret}:${opts.senderIp}`);
  const [recent] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(inquiry)
    .where(and(eq(inquiry.senderHash, senderHash), sql`${inquiry.createdAt} > now() - interval '1 hour'`));
  if ((recent?.n ?? 0) >= SUBMISSIONS_PER_HOUR) {
    throw new AppError(
      429,
      'rate_limited',
      'Too many inquiries from this address; try again in an hour or e-mail us.',
    );
  }

  const proposal = proposeHei(heis, input);
  const now = new Date();
  const reference = await db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ n: number }>(
      sql`select nextval(${sql.raw(`'${inquiryNumber.seqName}'`)})::int as n`,
    );
    const ref = `UF-${now.getFullYear()}-${String(rows[0]?.n ?? 0).padStart(5, '0')}`;
    const [created] = await tx
      .insert(inquiry)
      .values({
        consortiumId: c.id,
        reference: ref,
        followTokenHash: hash(token),
        organisationName: input.organisationName,
        orgNumber: input.orgNumber,
        sector: input.sector,
        municipality: input.municipality,
        county: input.county,
        contactName: input.contactName,
        contactEmail: input.contactEmail,
        contactPhone: input.contactPhone || null,
        needText: input.needText,
        subjectArea: input.subjectArea,
        purpose: input.purpose,
        participantsWorkForBuyer: input.participantsWorkForBuyer,
        participants: input.participants,
        desiredStart: input.desiredStart || null,
        format: input.format,
        language: input.language,
        budgetRange: input.budgetRange,
        preferredHeiId: input.preferredHeiId,
        locale: input.locale,
        consentAt: now,
        senderHash,
        proposedHeiId: proposal?.heiId ?? null,
        proposalReason: proposal?.reason ?? null,
        dueAt: workingDaysDeadline(now, FIRST_RESPONSE_WORKING_DAYS),
      })
      .returning({ id: inquiry.id });
    if (!created) throw new AppError(500, 'internal_error', 'inquiry was not written');
    await tx.insert(inquiryEvent).values({ inquiryId: created.id, kind: 'submitted', data: { proposal } });
    await enqueueMail(tx, confirmationMail(input, ref, followUrl, c.name));
    return ref;
  });
  return { reference, followUrl };
}

function confirmationMail(
  input: SubmitInquiry,
  reference: string,
  followUrl: string,
  consortiumName: string,
) {
  const sv = input.locale === 'sv';
  return {
    kind: 'inquiry_received',
    to: input.contactEmail,
    subject: sv
      ? `Vi har tagit emot er förfrågan ${reference}`
      : `We have received your inquiry ${reference}`,
    text: (sv
      ? [
          `Hej ${input.contactName}!`,
          '',
          `Tack för er förfrågan om uppdragsutbildning till ${consortiumName}. Referensnummer: ${reference}.`,
          `Ett lärosäte återkommer inom ${FIRST_RESPONSE_WORKING_DAYS} arbetsdagar. Här kan ni följa förfrågan:`,
          followUrl,
        ]
      : [
          `Hello ${input.contactName},`,
          '',
          `Thank you for your inquiry about contract education to ${consortiumName}. Reference: ${reference}.`,
          `A university will get back to you within ${FIRST_RESPONSE_WORKING_DAYS} working days. Follow your inquiry here:`,
          followUrl,
        ]
    ).join('\n'),
  };
}

export async function followInquiry(db: Db, token: string) {
  const [row] = await db
    .select()
    .from(inquiry)
    .where(eq(inquiry.followTokenHash, hash(token)));
  if (!row) throw notFound('The inquiry');
  const handler = row.ownerHeiId ? await heiName(db, row.ownerHeiId) : null;
  return {
    reference: row.reference,
    submittedAt: row.createdAt.toISOString(),
    status: row.status,
    organisationName: row.organisationName,
    needText: row.needText,
    handledBy: row.status === 'claimed' ? handler : null,
  };
}

async function heiName(db: Db, id: string): Promise<string | null> {
  const [o] = await db.select({ name: organisation.name }).from(organisation).where(eq(organisation.id, id));
  return o?.name ?? null;
}

/** The next reference number, shared by inquiries and cases: UF-<year>-<serial>. */
export async function nextReference(tx: Pick<Db, 'execute'>): Promise<string> {
  const { rows } = await tx.execute<{ n: number }>(
    sql`select nextval(${sql.raw(`'${inquiryNumber.seqName}'`)})::int as n`,
  );
  return `UF-${new Date().getFullYear()}-${String(rows[0]?.n ?? 0).padStart(5, '0')}`;
}

/** Opens (or hands over) the case that carries a claimed inquiry's work. */
function openCase(actor: Actor) {
  return async (row: Row, hei: Hei, tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => {
    await openCaseFromInquiry(tx, {
      heiId: hei.id,
      inquiryId: row.id,
      reference: row.reference,
      organisationName: row.organisationName,
      orgNumber: row.orgNumber,
      county: row.county,
      needText: row.needText,
      sector: row.sector,
      subjectArea: row.subjectArea,
      ownerUserId: actor.userId,
    });
  };
}

// ---------------------------------------------------------------- the HEIs' side

const READ_ROLES: Role[] = ['coordinator', 'manager', 'admin'];
const ACT_ROLES: Role[] = ['coordinator'];

/** What an HEI may see: the consortium inbox, and what it owns or has been asked to take over. */
const visibleTo = (hei: Pick<Hei, 'id' | 'consortiumId'>) =>
  and(
    eq(inquiry.consortiumId, hei.consortiumId),
    or(
      eq(inquiry.status, 'new'),
      eq(inquiry.ownerHeiId, hei.id),
      eq(inquiry.referredToHeiId, hei.id),
      eq(inquiry.referredByHeiId, hei.id),
    ),
  );

/**
 * Inquiries the HEI may see in one view, overdue first and then the newest, a page at a time; with the
 * total found and how many of them are overdue, so the page can say so for the whole list.
 */
export async function listInquiries(db: Db, actor: Actor, f: InquiryListFilter) {
  const hei = await actingHei(db, actor, READ_ROLES);
  const viewFilter =
    f.view === 'inbox'
      ? eq(inquiry.status, 'new')
      : f.view === 'ours'
        ? eq(inquiry.ownerHeiId, hei.id)
        : f.view === 'referred_to_us'
          ? eq(inquiry.referredToHeiId, hei.id)
          : undefined;
  const isOverdue = sql`(${inquiry.firstResponseAt} is null and ${inquiry.dueAt} < now())`;
  const where = and(
    visibleTo(hei),
    viewFilter,
    f.overdue === 'true' ? isOverdue : undefined,
    f.q ? containsText(f.q) : undefined,
  );
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(inquiry)
      .where(where)
      .orderBy(sql`${isOverdue} desc`, desc(inquiry.createdAt), desc(inquiry.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ total: count(), overdue: sql<number>`count(*) filter (where ${isOverdue})`.mapWith(Number) })
      .from(inquiry)
      .where(where),
  ]);
  const names = await heiNames(db, rows);
  const overrides = await overridesFor(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => summary(r, names, hei, overrides.get(r.id) ?? new Map())),
    total: totals?.total ?? 0,
    overdue: totals?.overdue ?? 0,
    page: f.page,
    pageSize: f.pageSize,
  };
}

/** The inquiry's organisation, reference, place or need contains the text (any case). */
function containsText(text: string) {
  const has = (column: AnyColumn) => sql`strpos(lower(${column}), lower(${text})) > 0`;
  return or(
    has(inquiry.organisationName),
    has(inquiry.reference),
    has(inquiry.municipality),
    has(inquiry.county),
    has(inquiry.needText),
  );
}

async function heiNames(db: Db, rows: Row[]): Promise<Map<string, string>> {
  const ids = [
    ...new Set(
      rows
        .flatMap((r) => [r.proposedHeiId, r.ownerHeiId, r.referredToHeiId, r.preferredHeiId])
        .filter((x): x is string => !!x),
    ),
  ];
  if (!ids.length) return new Map();
  const found = await db
    .select({ id: organisation.id, name: organisation.name })
    .from(organisation)
    .where(inArray(organisation.id, ids));
  return new Map(found.map((o) => [o.id, o.name]));
}

type Override = { justification: string; by: string | null; at: string };

async function overridesFor(db: Db, inquiryIds: string[]): Promise<Map<string, Map<string, Override>>> {
  const result = new Map<string, Map<string, Override>>();
  if (!inquiryIds.length) return result;
  const rows = await db
    .select({ e: inquiryEvent, by: authUser.name })
    .from(inquiryEvent)
    .leftJoin(authUser, eq(inquiryEvent.actorUserId, authUser.id))
    .where(and(inArray(inquiryEvent.inquiryId, inquiryIds), eq(inquiryEvent.kind, 'eligibility_overridden')))
    .orderBy(asc(inquiryEvent.at));
  for (const { e, by } of rows) {
    const perInquiry = result.get(e.inquiryId) ?? new Map<string, Override>();
    perInquiry.set(String(e.data.rule), {
      justification: String(e.data.justification),
      by,
      at: e.at.toISOString(),
    });
    result.set(e.inquiryId, perInquiry);
  }
  return result;
}

function eligibilityFor(row: Row, hei: Hei, overrides: Map<string, Override>) {
  return assessEligibility({
    orgNumber: row.orgNumber,
    sector: row.sector,
    purpose: row.purpose,
    participantsWorkForBuyer: row.participantsWorkForBuyer,
    subjectArea: row.subjectArea,
    hei: { name: hei.name, degreeFields: hei.degreeFields },
  }).map((flag) => ({ ...flag, override: overrides.get(flag.rule) ?? null }));
}

const ref = (names: Map<string, string>, id: string | null) =>
  id ? { id, name: names.get(id) ?? '' } : null;

function summary(
  row: Row,
  names: Map<string, string>,
  hei: Hei,
  overrides: Map<string, Override>,
): InquirySummary {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    organisationName: row.organisationName,
    subjectArea: row.subjectArea,
    county: row.county,
    participants: row.participants,
    createdAt: row.createdAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    firstResponseAt: row.firstResponseAt?.toISOString() ?? null,
    overdue: !row.firstResponseAt && row.dueAt.getTime() < Date.now(),
    proposedHei: ref(names, row.proposedHeiId),
    ownerHei: ref(names, row.ownerHeiId),
    referredToHei: ref(names, row.referredToHeiId),
    openFlags: eligibilityFor(row, hei, overrides).filter((f) => !f.override).length,
  };
}

async function loadVisible(db: Db, hei: Hei, inquiryId: string): Promise<Row> {
  const [row] = await db
    .select()
    .from(inquiry)
    .where(and(eq(inquiry.id, inquiryId), visibleTo(hei)));
  if (!row) throw notFound('The inquiry');
  return row;
}

export async function getInquiry(db: Db, actor: Actor, inquiryId: string): Promise<InquiryDetail> {
  const hei = await actingHei(db, actor, READ_ROLES);
  const row = await loadVisible(db, hei, inquiryId);
  return detail(db, row, hei);
}

async function detail(db: Db, row: Row, hei: Hei): Promise<InquiryDetail> {
  const names = await heiNames(db, [row]);
  const overrides = (await overridesFor(db, [row.id])).get(row.id) ?? new Map();
  const events = await db
    .select({ e: inquiryEvent, actor: authUser.name, hei: organisation.name })
    .from(inquiryEvent)
    .leftJoin(authUser, eq(inquiryEvent.actorUserId, authUser.id))
    .leftJoin(organisation, eq(inquiryEvent.heiId, organisation.id))
    .where(eq(inquiryEvent.inquiryId, row.id))
    .orderBy(asc(inquiryEvent.at));
  return {
    ...summary(row, names, hei, overrides),
    orgNumber: formatOrgNumber(row.orgNumber),
    sector: row.sector,
    municipality: row.municipality,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    contactErasedAt: row.contactErasedAt?.toISOString() ?? null,
    contactErasure: !row.contactErasedAt
      ? null
      : events.some(({ e }) => e.kind === 'contact_purged')
        ? 'retention'
        : 'request',
    needText: row.needText,
    purpose: row.purpose,
    participantsWorkForBuyer: row.participantsWorkForBuyer,
    desiredStart: row.desiredStart,
    format: row.format,
    language: row.language,
    budgetRange: row.budgetRange,
    preferredHei: ref(names, row.preferredHeiId),
    proposalReason: row.proposalReason,
    caseId: await caseIdForInquiry(db, row.id, hei.id),
    eligibility: eligibilityFor(row, hei, overrides),
    trail: events.map(({ e, actor, hei: heiName }) => ({
      at: e.at.toISOString(),
      kind: e.kind,
      actor,
      hei: heiName,
      data: e.data,
    })),
  };
}

/** What can happen to an inquiry once it is in: `inquiry.<event>` in the audit log. */
type InquiryEvent<Action = AuditAction> = Action extends `inquiry.${infer Event}` ? Event : never;

type Change = (
  row: Row,
  hei: Hei,
) => {
  set: Partial<typeof inquiry.$inferInsert>;
  /** Also the audit event's: `inquiry.<event>`. */
  event: InquiryEvent;
  data?: Record<string, unknown>;
};

/**
 * Applies one routing step in a transaction: lock the row, check the step is allowed from its state,
 * update it, and write the trail event and the audit event together.
 */
async function step(
  db: Db,
  actor: Actor,
  inquiryId: string,
  change: Change,
  after?: (row: Row, hei: Hei, tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<void>,
) {
  const hei = await actingHei(db, actor, ACT_ROLES);
  await loadVisible(db, hei, inquiryId);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(inquiry).where(eq(inquiry.id, inquiryId)).for('update');
    if (!row) throw notFound('The inquiry');
    const { set, event, data = {} } = change(row, hei);
    await tx
      .update(inquiry)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(inquiry.id, inquiryId));
    await tx
      .insert(inquiryEvent)
      .values({ inquiryId, actorUserId: actor.userId, heiId: hei.id, kind: event, data });
    await recordAudit(tx, {
      actor,
      organisationId: hei.id,
      action: `inquiry.${event}`,
      subjectType: 'inquiry',
      subjectId: inquiryId,
      data: {
        before: { status: row.status, owner: row.ownerHeiId, referredTo: row.referredToHeiId },
        ...data,
      },
    });
    await after?.(row, hei, tx);
  });
  return getInquiry(db, actor, inquiryId);
}

const respondedAt = (row: Row) => row.firstResponseAt ?? new Date();
const mayHandle = (row: Row, hei: Hei) =>
  row.status === 'new' || (row.status === 'claimed' && row.ownerHeiId === hei.id);

export function claimInquiry(db: Db, actor: Actor, inquiryId: string) {
  return step(
    db,
    actor,
    inquiryId,
    (row, hei) => {
      if (row.status !== 'new')
        throw conflict(`The inquiry is already ${row.status}; only inquiries in the inbox can be claimed.`);
      return {
        set: { status: 'claimed', ownerHeiId: hei.id, firstResponseAt: respondedAt(row) },
        event: 'claimed',
      };
    },
    openCase(actor),
  );
}

export async function referInquiry(db: Db, actor: Actor, inquiryId: string, toHeiId: string, reason: string) {
  const own = await actingHei(db, actor, ACT_ROLES);
  const [target] = await db.select().from(organisation).where(eq(organisation.id, toHeiId));
  if (target?.kind !== 'hei' || target.consortiumId !== own.consortiumId) {
    throw invalid([{ field: 'body.toHeiId', message: 'is not an HEI of your consortium' }]);
  }
  if (target.id === own.id)
    throw invalid([{ field: 'body.toHeiId', message: 'refer to another HEI than your own' }]);
  return step(db, actor, inquiryId, (row, hei) => {
    if (!mayHandle(row, hei))
      throw conflict('Only an inquiry in the inbox, or one your HEI has claimed, can be referred.');
    return {
      set: {
        status: 'referred',
        referredToHeiId: toHeiId,
        referredByHeiId: hei.id,
        firstResponseAt: respondedAt(row),
      },
      event: 'referred',
      data: { to: target.name, reason },
    };
  });
}

export function answerReferral(
  db: Db,
  actor: Actor,
  inquiryId: string,
  accept: boolean,
  reason: string | undefined,
) {
  return step(
    db,
    actor,
    inquiryId,
    (row, hei) => {
      if (row.status !== 'referred' || row.referredToHeiId !== hei.id)
        throw conflict('The inquiry is not referred to your HEI.');
      return accept
        ? {
            set: { status: 'claimed', ownerHeiId: hei.id, referredToHeiId: null, referredByHeiId: null },
            event: 'referral_accepted',
            data: { reason },
          }
        : {
            set: { status: row.ownerHeiId ? 'claimed' : 'new', referredToHeiId: null, referredByHeiId: null },
            event: 'referral_declined',
            data: { reason },
          };
    },
    accept ? openCase(actor) : undefined,
  );
}

export function declineInquiry(
  db: Db,
  actor: Actor,
  inquiryId: string,
  reason: string,
  alternatives: string | undefined,
) {
  return step(
    db,
    actor,
    inquiryId,
    (row, hei) => {
      if (!mayHandle(row, hei))
        throw conflict('Only an inquiry in the inbox, or one your HEI has claimed, can be declined.');
      return {
        set: { status: 'declined', ownerHeiId: hei.id, firstResponseAt: respondedAt(row) },
        event: 'declined',
        data: { reason, alternatives: alternatives ?? null },
      };
    },
    async (row, hei, tx) => {
      // a contact erased on request is not written to; the reason stays in the trail
      if (!row.contactEmail) return;
      const sv = row.locale === 'sv';
      await enqueueMail(tx, {
        kind: 'inquiry_declined',
        to: row.contactEmail,
        subject: sv ? `Svar på er förfrågan ${row.reference}` : `Reply to your inquiry ${row.reference}`,
        text: [
          sv ? `Hej ${row.contactName}!` : `Hello ${row.contactName},`,
          '',
          sv
            ? `${hei.name} kan tyvärr inte åta sig uppdraget i er förfrågan ${row.reference}.`
            : `${hei.name} is unfortunately unable to take on the assignment in your inquiry ${row.reference}.`,
          '',
          `${sv ? 'Skäl' : 'Reason'}: ${reason}`,
          ...(alternatives
            ? ['', `${sv ? 'Förslag på alternativ' : 'Suggested alternatives'}: ${alternatives}`]
            : []),
        ].join('\n'),
      });
    },
  );
}

export function overrideEligibility(
  db: Db,
  actor: Actor,
  inquiryId: string,
  rule: string,
  justification: string,
) {
  return step(db, actor, inquiryId, (row, hei) => {
    if (!mayHandle(row, hei))
      throw conflict('Only an inquiry in the inbox, or one your HEI has claimed, can be assessed.');
    const flagged = eligibilityFor(row, hei, new Map()).some((f) => f.rule === rule);
    if (!flagged)
      throw invalid([{ field: 'body.rule', message: `the inquiry has no ${rule} flag to override` }]);
    return { set: {}, event: 'eligibility_overridden', data: { rule, justification } };
  });
}

// ---------------------------------------------------------------- the contact person's rights (GDPR)
// The front door's privacy text promises to show, correct and erase the contact person's data on request.
// Any coordinator who can see the inquiry may do it (the inbox's HEIs, or the one handling it). The trail
// and the audit log say what was done and why, never the data itself.

const contactFields = ['contactName', 'contactEmail', 'contactPhone'] as const;

/** What erasing a contact person clears, on request or by the HEI's rule: one list, so the two cannot drift. */
const erasedContact = () => ({
  contactName: null,
  contactEmail: null,
  contactPhone: null,
  contactErasedAt: new Date(),
});
/** The e-mails Lupp wrote to the contact about this inquiry (the mail feature deletes them). */
const eraseContactMails = async (tx: Parameters<Parameters<Db['transaction']>[0]>[0], row: Row) => {
  if (row.contactEmail) await eraseMailsTo(tx, row.contactEmail, row.reference);
};

const notErased = (row: Row) => {
  if (row.contactErasedAt)
    throw conflict('The contact person was erased on request; an erased contact is not entered again.');
};

/** Corrects the contact person (the right to rectification); the trail names the fields, not the values. */
export function correctContact(db: Db, actor: Actor, inquiryId: string, input: ContactCorrection) {
  return step(db, actor, inquiryId, (row) => {
    notErased(row);
    const next = { ...input, contactPhone: input.contactPhone || null };
    const changed = contactFields.filter((field) => (row[field] ?? null) !== next[field]);
    if (!changed.length)
      throw invalid([
        { field: 'body', message: 'changes nothing: the contact person already has these details' },
      ]);
    return { set: next, event: 'contact_corrected', data: { fields: changed } };
  });
}

/**
 * Erases the contact person (the right to erasure): name, e-mail and phone, and the e-mails Lupp wrote to
 * them about this inquiry. The organisation and its need stay: they are the HEI's record of the inquiry.
 */
export function eraseContact(db: Db, actor: Actor, inquiryId: string, reason: string) {
  return step(
    db,
    actor,
    inquiryId,
    (row) => {
      notErased(row);
      return {
        set: erasedContact(),
        event: 'contact_erased',
        data: { reason },
      };
    },
    (row, _hei, tx) => eraseContactMails(tx, row),
  );
}

// ---------------------------------------------------------------- retention (the HEI's gallringsbeslut)
// An HEI's retention rule (the retention feature) erases the contact person some months after the inquiry
// ended. It is the same erasure as one on request, with the rule as its reason and no person as its actor.

/** An inquiry whose handling ended: its HEI declined it, or closed the case it became. */
export type EndedInquiry = { id: string; ended: 'declined' | 'case_closed' };

/** The inquiries this HEI handled that ended before `before` and still hold a contact person. */
export async function contactsEndedBefore(db: Db, heiId: string, before: Date): Promise<EndedInquiry[]> {
  const held = and(eq(inquiry.ownerHeiId, heiId), isNull(inquiry.contactErasedAt));
  const declined = await db
    .select({ id: inquiry.id })
    .from(inquiry)
    .where(
      and(
        held,
        eq(inquiry.status, 'declined'),
        sql`exists (select 1 from ${inquiryEvent} where ${inquiryEvent.inquiryId} = ${inquiry.id}
          and ${inquiryEvent.kind} = 'declined' and ${inquiryEvent.at} < ${before.toISOString()})`,
      ),
    );
  const closed = (await casesClosedBefore(db, heiId, before)).flatMap((c) => c.inquiryId ?? []);
  const ofClosedCases = closed.length
    ? await db
        .select({ id: inquiry.id })
        .from(inquiry)
        .where(and(held, inArray(inquiry.id, closed)))
    : [];
  // a claimed inquiry may be declined with its case still open, or closed later: counted once, as declined
  const declinedIds = new Set(declined.map(({ id }) => id));
  return [
    ...declined.map(({ id }) => ({ id, ended: 'declined' as const })),
    ...ofClosedCases
      .filter(({ id }) => !declinedIds.has(id))
      .map(({ id }) => ({ id, ended: 'case_closed' as const })),
  ];
}

/** Erases an ended inquiry's contact person by the HEI's rule; false when it was no longer there to erase. */
export async function purgeContact(db: Db, heiId: string, ended: EndedInquiry, months: number) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(inquiry).where(eq(inquiry.id, ended.id)).for('update');
    if (!row || row.contactErasedAt || row.ownerHeiId !== heiId) return false;
    await tx
      .update(inquiry)
      .set({ ...erasedContact(), updatedAt: new Date() })
      .where(eq(inquiry.id, ended.id));
    const data = { months, ended: ended.ended };
    await tx
      .insert(inquiryEvent)
      .values({ inquiryId: ended.id, actorUserId: null, heiId, kind: 'contact_purged', data });
    await recordAudit(tx, {
      actor: null,
      organisationId: heiId,
      action: 'inquiry.contact_purged',
      subjectType: 'inquiry',
      subjectId: ended.id,
      data,
    });
    await eraseContactMails(tx, row);
    return true;
  });
}

/** The inquiries a customer organisation has sent (matched on its organisationsnummer), for its portal. */
export async function inquiriesForOrgNumber(db: Db, orgNumber: string) {
  const rows = await db
    .select({ i: inquiry, owner: organisation.name })
    .from(inquiry)
    .leftJoin(organisation, eq(inquiry.ownerHeiId, organisation.id))
    .where(eq(inquiry.orgNumber, orgNumber))
    .orderBy(desc(inquiry.createdAt));
  return rows.map(({ i, owner }) => ({
    reference: i.reference,
    submittedAt: i.createdAt.toISOString(),
    status: i.status,
    needText: i.needText,
    handledBy: i.status === 'claimed' ? owner : null,
  }));
}

/** The consortia an organisation has sent inquiries to (no access check: the caller is its contact). */
export async function consortiaOfOrgNumber(db: Db, orgNumber: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: inquiry.consortiumId })
    .from(inquiry)
    .where(eq(inquiry.orgNumber, orgNumber));
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------- subject access (registerutdrag)

/**
 * The inquiries the HEI may see whose contact person has this e-mail address (any case), with the e-mails
 * Lupp wrote to them about each: for a subject access report. No access check (the caller made one).
 */
export async function inquiriesWithContact(db: Db, heiId: string, email: string) {
  const { consortium: heiConsortium } = await getOrganisation(db, heiId);
  if (!heiConsortium) return [];
  const rows = await db
    .select()
    .from(inquiry)
    .where(
      and(
        visibleTo({ id: heiId, consortiumId: heiConsortium.id }),
        sql`lower(${inquiry.contactEmail}) = lower(${email})`,
      ),
    )
    .orderBy(asc(inquiry.createdAt));
  return Promise.all(
    rows.map(async (row) => ({
      inquiryId: row.id,
      reference: row.reference,
      receivedAt: row.createdAt.toISOString(),
      organisationName: row.organisationName,
      status: row.status,
      contactName: row.contactName ?? '',
      contactEmail: row.contactEmail ?? '',
      contactPhone: row.contactPhone,
      mails: (await mailsAbout(db, row.contactEmail ?? '', row.reference)).map((m) => ({
        ...m,
        createdAt: m.createdAt.toISOString(),
      })),
    })),
  );
}

// ---------------------------------------------------------------- the overview page

/**
 * What waits for the active HEI's answer: the consortium inbox (overdue first, then the newest) and the
 * referrals to it. Null for a person whose roles do not handle inquiries.
 */
export async function awaitingAnswer(db: Db, actor: Actor) {
  if (!activeMembership(actor)?.roles.some((role) => READ_ROLES.includes(role))) return null;
  const [inbox, referred] = await Promise.all([
    listInquiries(db, actor, { view: 'inbox', page: 1, pageSize: 5 }),
    listInquiries(db, actor, { view: 'referred_to_us', page: 1, pageSize: 1 }),
  ]);
  return {
    inbox: inbox.total,
    overdue: inbox.overdue,
    referredToUs: referred.total,
    first: inbox.items.map((i) => ({
      id: i.id,
      reference: i.reference,
      organisationName: i.organisationName,
      receivedAt: i.createdAt,
      dueAt: i.dueAt,
      overdue: i.overdue,
    })),
  };
}

/**
 * The need texts and trail notes (a referral's message, a decline's reason) of the inquiries the HEI may
 * see that contain one of the terms (for a subject access report; no access check).
 */
export async function mentionsInInquiries(db: Db, heiId: string, terms: string[]): Promise<FoundText[]> {
  const { consortium: heiConsortium } = await getOrganisation(db, heiId);
  if (!heiConsortium) return [];
  const patterns = mentionPatterns(terms);
  const visible = visibleTo({ id: heiId, consortiumId: heiConsortium.id });
  const [needs, events] = await Promise.all([
    db
      .select()
      .from(inquiry)
      .where(and(visible, containsAny([inquiry.needText], patterns))),
    db
      .select({ event: inquiryEvent, reference: inquiry.reference })
      .from(inquiryEvent)
      .innerJoin(inquiry, eq(inquiry.id, inquiryEvent.inquiryId))
      .where(and(visible, containsAny([sql`${inquiryEvent.data}::text`], patterns))),
  ]);
  const found =
    (source: FoundText['source'], inquiryId: string, label: string, at: Date) =>
    (text: string): FoundText => ({ source, caseId: null, recordId: inquiryId, label, text, at });
  return [
    ...needs.map((i) => foundIn([i.needText], terms, found('inquiry', i.id, i.reference, i.createdAt))),
    ...events.map(({ event, reference }) =>
      foundIn([jsonText(event.data)], terms, found('inquiry_event', event.inquiryId, reference, event.at)),
    ),
  ].filter((mention) => mention !== null);
}

/** A consortium's front-door inquiries for pooled figures: those received in a period, from a county, of a sector. */
export type InquiryFigureFilter = {
  consortiumId: string;
  window: FigureWindow;
  county: string | null;
  sector: Sector | null;
};

/** How many of a consortium's inquiries came in each calendar year (Swedish time) of the window: year → count. */
export async function inquiryCountsByYear(db: Db, f: InquiryFigureFilter): Promise<Map<number, number>> {
  const year = sql<number>`extract(year from ${inquiry.createdAt} at time zone 'Europe/Stockholm')::int`;
  const rows = await db.select({ year, n: count() }).from(inquiry).where(inquiriesOf(f)).groupBy(year);
  return new Map(rows.map((r) => [r.year, r.n]));
}

/** The filter's inquiries: the consortium's, received in the window, from the county, stating the sector. */
const inquiriesOf = (f: InquiryFigureFilter) =>
  and(
    eq(inquiry.consortiumId, f.consortiumId),
    inWindow(inquiry.createdAt, f.window),
    f.county ? eq(inquiry.county, f.county) : undefined,
    f.sector ? eq(inquiry.sector, f.sector) : undefined,
  );

/**
 * Counts of a consortium's inquiries received in a period, by status, sector, subject area, county and
 * month (Swedish time), and how many were answered within the first-response target. Counts only: the
 * inquiries reach the whole consortium, and no name or text leaves here.
 */
export async function inquiryFigures(db: Db, f: InquiryFigureFilter) {
  const month = sql<string>`to_char(${inquiry.createdAt} at time zone 'Europe/Stockholm', 'YYYY-MM')`;
  const answered = sql<boolean>`${inquiry.firstResponseAt} is not null`;
  const inTime = sql<boolean>`coalesce(${inquiry.firstResponseAt} <= ${inquiry.dueAt}, false)`;
  // answered, or past the target unanswered: those whose "in time" is settled (one still within it is not late)
  const settled = sql<boolean>`(${inquiry.firstResponseAt} is not null or ${inquiry.dueAt} <= now())`;
  const rows = await db
    .select({
      status: inquiry.status,
      sector: inquiry.sector,
      subjectArea: inquiry.subjectArea,
      county: inquiry.county,
      month,
      answered,
      inTime,
      settled,
      n: count(),
    })
    .from(inquiry)
    .where(inquiriesOf(f))
    .groupBy(
      inquiry.status,
      inquiry.sector,
      inquiry.subjectArea,
      inquiry.county,
      month,
      answered,
      inTime,
      settled,
    );
  const tally = <K>(key: (r: (typeof rows)[number]) => K) => {
    const counts = new Map<K, number>();
    for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + r.n);
    return counts;
  };
  const sum = (pick: (r: (typeof rows)[number]) => boolean) =>
    rows.filter(pick).reduce((total, r) => total + r.n, 0);
  const byCount = <K>(counts: Map<K, number>) =>
    [...counts].map(([key, n]) => ({ key, count: n })).sort((a, b) => b.count - a.count);
  const status = tally((r) => r.status);
  const sector = tally((r) => r.sector);
  return {
    total: sum(() => true),
    answered: sum((r) => r.answered),
    answeredInTime: sum((r) => r.inTime),
    settled: sum((r) => r.settled),
    byStatus: {
      new: status.get('new') ?? 0,
      claimed: status.get('claimed') ?? 0,
      referred: status.get('referred') ?? 0,
      declined: status.get('declined') ?? 0,
    },
    bySector: {
      public: sector.get('public') ?? 0,
      private: sector.get('private') ?? 0,
      non_profit: sector.get('non_profit') ?? 0,
    },
    bySubjectArea: byCount(tally((r) => r.subjectArea)),
    byCounty: byCount(tally((r) => r.county)),
    byMonth: [...tally((r) => r.month)].map(([key, n]) => ({ key, count: n })),
  };
}
