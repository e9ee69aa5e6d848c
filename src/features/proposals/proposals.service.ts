import { type AnyColumn, and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { type FigureWindow, inWindow } from '../../db/figure-window.ts';
import { fileName, type OutgoingFile } from '../../server/http/files.ts';
import { AppError, conflict, editConflict, invalid, notFound } from '../../server/http/problem.ts';
import { containsAny, type FoundText, foundIn, mentionPatterns } from '../../shared/mentions.ts';
import { renderPdf } from '../../shared/pdf.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authUser } from '../auth/auth.table.ts';
import { assertCaseAccess, caseOwnerOf, caseReferences, recordEvidence } from '../cases/cases.service.ts';
import { approvedCalculationOf } from '../design/design.service.ts';
import { notify, settleTask, tasks } from '../notifications/notifications.service.ts';
import type { Role } from '../tenancy/tenancy.contract.ts';
import {
  type Actor,
  contactPeopleOf,
  getOrganisation,
  organisationParty,
  requireOrganisationRole,
} from '../tenancy/tenancy.service.ts';
import { organisation } from '../tenancy/tenancy.table.ts';
import { proposalPdf } from './proposal.pdf.ts';
import { defaultProposalTexts } from './proposal.texts.ts';
import type {
  createProposalBody,
  declineBody,
  ProposalView,
  revisionBody,
  templateBody,
  updateProposalBody,
} from './proposals.contract.ts';
import { proposal, proposalTemplate } from './proposals.table.ts';

/** Who writes the HEI's proposal texts. */
const TEMPLATE_WRITERS: Role[] = ['admin', 'coordinator'];
const TEMPLATE_READERS: Role[] = ['admin', 'coordinator', 'teacher', 'economist', 'manager'];

type Row = typeof proposal.$inferSelect;
const heiOrg = alias(organisation, 'hei_org');
const customerOrg = alias(organisation, 'customer_org');
const decider = alias(authUser, 'decider');

const today = () => stockholmDate(new Date());

async function views(db: Db, where: ReturnType<typeof and>): Promise<ProposalView[]> {
  const rows = await db
    .select({
      p: proposal,
      heiName: heiOrg.name,
      customerName: customerOrg.name,
      deciderId: decider.id,
      deciderName: decider.name,
    })
    .from(proposal)
    .innerJoin(heiOrg, eq(heiOrg.id, proposal.heiId))
    .innerJoin(customerOrg, eq(customerOrg.id, proposal.customerId))
    .leftJoin(decider, eq(decider.id, proposal.decidedBy))
    .where(where)
    .orderBy(desc(proposal.version));
  return rows.map(({ p, heiName, customerName, deciderId, deciderName }) => ({
    id: p.id,
    caseId: p.caseId,
    hei: { id: p.heiId, name: heiName },
    customer: { id: p.customerId, name: customerName },
    designId: p.designId,
    calculationId: p.calculationId,
    version: p.version,
    language: p.language,
    title: p.title,
    intro: p.intro,
    terms: p.terms,
    validUntil: p.validUntil,
    participants: p.participants,
    priceOre: p.priceOre,
    vatOre: p.vatOre,
    pricePerParticipantOre: p.pricePerParticipantOre,
    status: p.status,
    expired: p.status === 'sent' && p.validUntil < today(),
    declineReason: p.declineReason,
    revision: p.revision,
    sentAt: p.sentAt?.toISOString() ?? null,
    decidedAt: p.decidedAt?.toISOString() ?? null,
    decidedBy: deciderId && deciderName ? { id: deciderId, name: deciderName } : null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  }));
}

async function one(db: Db, id: string) {
  const [v] = await views(db, and(eq(proposal.id, id)));
  if (!v) throw notFound('The proposal');
  return v;
}

/** The proposal, for those who may read (or work on) its case; others get 404. */
async function loadProposal(db: Db, actor: Actor, id: string, need: 'read' | 'work'): Promise<Row> {
  const [row] = await db.select().from(proposal).where(eq(proposal.id, id));
  if (!row) throw notFound('The proposal');
  try {
    await assertCaseAccess(db, actor, row.caseId, need);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) throw notFound('The proposal');
    throw error;
  }
  return row;
}

// ------------------------------------------------------------------ the HEI's texts

async function textsOf(db: Db, heiId: string, language: 'sv' | 'en') {
  const [own] = await db
    .select()
    .from(proposalTemplate)
    .where(and(eq(proposalTemplate.heiId, heiId), eq(proposalTemplate.language, language)));
  return own
    ? { language, intro: own.intro, terms: own.terms, own: true }
    : { language, ...defaultProposalTexts[language], own: false };
}

export async function getTemplate(db: Db, actor: Actor, heiId: string, language: 'sv' | 'en') {
  requireOrganisationRole(actor, heiId, TEMPLATE_READERS);
  return textsOf(db, heiId, language);
}

export async function putTemplate(
  db: Db,
  actor: Actor,
  heiId: string,
  language: 'sv' | 'en',
  body: typeof templateBody._output,
) {
  requireOrganisationRole(actor, heiId, TEMPLATE_WRITERS);
  await db
    .insert(proposalTemplate)
    .values({ heiId, language, ...body, updatedBy: actor.userId })
    .onConflictDoUpdate({
      target: [proposalTemplate.heiId, proposalTemplate.language],
      set: { ...body, updatedBy: actor.userId, updatedAt: new Date() },
    });
  await recordAudit(db, {
    actor,
    organisationId: heiId,
    action: 'proposal_template.changed',
    subjectType: 'proposal_template',
    subjectId: heiId,
    data: { language },
  });
  return textsOf(db, heiId, language);
}

// ------------------------------------------------------------------ proposals (the HEI)

export async function listProposals(db: Db, actor: Actor, caseId: string) {
  await assertCaseAccess(db, actor, caseId, 'read');
  return { proposals: await views(db, and(eq(proposal.caseId, caseId))) };
}

export async function getProposal(db: Db, actor: Actor, id: string) {
  await loadProposal(db, actor, id, 'read');
  return one(db, id);
}

async function nextVersion(db: Db, caseId: string) {
  const [last] = await db
    .select({ version: proposal.version })
    .from(proposal)
    .where(eq(proposal.caseId, caseId))
    .orderBy(desc(proposal.version))
    .limit(1);
  return (last?.version ?? 0) + 1;
}

/**
 * A draft proposal from a design the study director approved and its calculation an economist approved:
 * the price is taken from that calculation, the texts from the HEI's own (or Lupp's default).
 */
export async function createProposal(
  db: Db,
  actor: Actor,
  caseId: string,
  body: typeof createProposalBody._output,
  copyOf?: Row,
) {
  const access = await assertCaseAccess(db, actor, caseId, 'work');
  if (body.validUntil < today()) throw invalid([{ field: 'body.validUntil', message: 'is in the past' }]);
  const { design, calculation } = await approvedCalculationOf(db, actor, body.designId, caseId);
  const texts = copyOf ?? (await textsOf(db, access.heiId, body.language));
  let id = '';
  try {
    const [row] = await db
      .insert(proposal)
      .values({
        caseId,
        heiId: access.heiId,
        customerId: access.customerId,
        designId: design.id,
        calculationId: calculation.id,
        version: await nextVersion(db, caseId),
        language: body.language,
        title: copyOf?.title ?? design.title,
        intro: texts.intro,
        terms: texts.terms,
        validUntil: body.validUntil,
        participants: calculation.result.participants,
        priceOre: calculation.result.priceOre,
        vatOre: calculation.result.vatOre,
        pricePerParticipantOre: calculation.result.pricePerParticipantOre,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning({ id: proposal.id, version: proposal.version });
    id = row?.id ?? '';
    await recordAudit(db, {
      actor,
      organisationId: access.heiId,
      action: copyOf ? 'proposal.cloned' : 'proposal.created',
      subjectType: 'proposal',
      subjectId: id,
      data: { caseId, version: row?.version, calculationId: calculation.id, copyOf: copyOf?.id },
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict('Someone made a proposal on the case at the same moment. Reload and try again.');
    throw error;
  }
  return one(db, id);
}

/** A new draft version with this one's texts and validity, priced by the design's approved calculation now. */
export async function cloneProposal(db: Db, actor: Actor, id: string) {
  const row = await loadProposal(db, actor, id, 'work');
  return createProposal(
    db,
    actor,
    row.caseId,
    {
      designId: row.designId,
      language: row.language,
      validUntil: [row.validUntil, today()].sort().at(-1) ?? today(),
    },
    row,
  );
}

async function changedMeanwhile(db: Db, id: string) {
  const [row] = await db
    .select({ p: proposal, name: authUser.name })
    .from(proposal)
    .leftJoin(authUser, eq(authUser.id, proposal.updatedBy))
    .where(eq(proposal.id, id));
  if (row && row.p.status !== 'draft')
    return conflict(
      `Version ${row.p.version} was ${row.p.status === 'sent' ? 'sent' : row.p.status} and does not change. Clone it to make a new version.`,
    );
  return editConflict('the proposal', row?.name, row?.p.updatedAt);
}

const draftAt = (id: string, revision: number) =>
  and(eq(proposal.id, id), eq(proposal.status, 'draft'), eq(proposal.revision, revision));

export async function updateProposal(
  db: Db,
  actor: Actor,
  id: string,
  body: typeof updateProposalBody._output,
) {
  await loadProposal(db, actor, id, 'work');
  const { revision, ...changes } = body;
  const [row] = await db
    .update(proposal)
    .set({
      ...changes,
      revision: sql`${proposal.revision} + 1`,
      updatedBy: actor.userId,
      updatedAt: new Date(),
    })
    .where(draftAt(id, revision))
    .returning();
  if (!row) throw await changedMeanwhile(db, id);
  await recordAudit(db, {
    actor,
    organisationId: row.heiId,
    action: 'proposal.updated',
    subjectType: 'proposal',
    subjectId: id,
    data: { changed: Object.keys(changes) },
  });
  return one(db, id);
}

/** Sends the draft to the customer (in the portal); from now on it does not change. */
export async function sendProposal(
  db: Db,
  actor: Actor,
  id: string,
  body: typeof revisionBody._output,
  publicUrl: string,
) {
  const before = await loadProposal(db, actor, id, 'work');
  if (before.status === 'draft' && before.validUntil < today())
    throw invalid([{ field: 'validUntil', message: 'has passed: give a new validity date before sending' }]);
  const [row] = await db
    .update(proposal)
    .set({ status: 'sent', sentBy: actor.userId, sentAt: new Date() })
    .where(draftAt(id, body.revision))
    .returning();
  if (!row) throw await changedMeanwhile(db, id);
  await recordAudit(db, {
    actor,
    organisationId: row.heiId,
    action: 'proposal.sent',
    subjectType: 'proposal',
    subjectId: id,
    data: { version: row.version, priceOre: row.priceOre },
  });
  await recordEvidence(db, row.caseId, 'proposal_sent', actor.userId);
  const hei = (await getOrganisation(db, row.heiId)).name;
  await notify(db, {
    userIds: await contactPeopleOf(db, row.customerId),
    kind: 'proposal_sent',
    task: tasks.answerProposal(id),
    title: `Ny offert att besvara: ${row.title} / A new proposal to answer: ${row.title}`,
    link: `/portal/cases/${row.caseId}#portal-proposals`,
    actorName: actor.name,
    publicUrl,
    text: [
      `${hei} har skickat offerten ”${row.title}”, giltig till och med ${row.validUntil}. Läs och svara i Lupp.`,
      `${hei} has sent you the proposal “${row.title}”, valid until ${row.validUntil}. Read and answer it in Lupp.`,
    ].join('\n\n'),
  });
  return one(db, id);
}

/** The proposal as the PDF shows it, for the HEI's readers of the case. */
export async function proposalForPdf(db: Db, actor: Actor, id: string) {
  await loadProposal(db, actor, id, 'read');
  return one(db, id);
}

/** The proposal as a PDF file, named by its language, customer and version. */
export async function proposalFile(
  db: Db,
  p: Awaited<ReturnType<typeof proposalForPdf>>,
): Promise<OutgoingFile & { body: Buffer }> {
  return {
    name: fileName([p.language === 'sv' ? 'offert' : 'proposal', p.customer.name, `v${p.version}`], 'pdf'),
    type: 'application/pdf',
    inline: true,
    body: await renderPdf(
      proposalPdf(p, await organisationParty(db, p.hei.id), await caseReferences(db, p.hei.id, p.caseId)),
    ),
  };
}

// ------------------------------------------------------------------ the customer (portal)

const visibleToCustomer = ['sent', 'accepted', 'declined', 'withdrawn'] as const;

export async function customerProposals(db: Db, customerId: string) {
  return {
    proposals: await views(
      db,
      and(eq(proposal.customerId, customerId), inArray(proposal.status, [...visibleToCustomer])),
    ),
  };
}

export async function customerProposal(db: Db, customerId: string, id: string) {
  const [v] = await views(
    db,
    and(
      eq(proposal.id, id),
      eq(proposal.customerId, customerId),
      inArray(proposal.status, [...visibleToCustomer]),
    ),
  );
  if (!v) throw notFound('The proposal');
  return v;
}

async function decide(
  db: Db,
  actor: Actor,
  customerId: string,
  id: string,
  decision: { status: 'accepted' } | { status: 'declined'; reason: string },
  publicUrl: string,
) {
  const current = await customerProposal(db, customerId, id);
  if (current.status !== 'sent')
    throw conflict(`The proposal was already ${current.status}; it cannot be ${decision.status} now.`);
  if (current.expired)
    throw new AppError(
      409,
      'conflict',
      `The proposal was valid until ${current.validUntil}. Ask ${current.hei.name} for a new one.`,
    );
  const [row] = await db
    .update(proposal)
    .set({
      status: decision.status,
      declineReason: decision.status === 'declined' ? decision.reason : null,
      decidedBy: actor.userId,
      decidedAt: new Date(),
    })
    .where(and(eq(proposal.id, id), eq(proposal.status, 'sent')))
    .returning();
  if (!row) throw conflict('The proposal changed at the same moment. Reload and look again.');
  // one accepted proposal per case: other versions still open are withdrawn
  const withdrawn =
    decision.status === 'accepted'
      ? await db
          .update(proposal)
          .set({ status: 'withdrawn' })
          .where(
            and(
              eq(proposal.caseId, row.caseId),
              ne(proposal.id, id),
              inArray(proposal.status, ['sent', 'draft']),
            ),
          )
          .returning({ id: proposal.id })
      : [];
  // nobody at the customer is asked to answer these any more
  await settleTask(db, ...[id, ...withdrawn.map((w) => w.id)].map(tasks.answerProposal));
  await recordAudit(db, {
    actor,
    organisationId: row.heiId,
    action: `proposal.${decision.status}`,
    subjectType: 'proposal',
    subjectId: id,
    data: { version: row.version, ...(decision.status === 'declined' ? { reason: decision.reason } : {}) },
  });
  await tellHeiOfAnswer(db, actor, row, decision, publicUrl);
  return customerProposal(db, customerId, id);
}

/** The case's owner and whoever sent the proposal learn the customer's answer (and a decline's reason). */
async function tellHeiOfAnswer(
  db: Db,
  actor: Actor,
  row: typeof proposal.$inferSelect,
  decision: { status: 'accepted' } | { status: 'declined'; reason: string },
  publicUrl: string,
) {
  const customer = (await getOrganisation(db, row.customerId)).name;
  const accepted = decision.status === 'accepted';
  const [sv, en] = accepted ? ['har accepterat', 'accepted'] : ['har avböjt', 'declined'];
  await notify(db, {
    userIds: [await caseOwnerOf(db, row.caseId), row.sentBy].filter((id) => id !== null),
    kind: `proposal_${decision.status}`,
    title: `${customer} ${sv} offerten ${row.title} / ${customer} ${en} the proposal ${row.title}`,
    link: `/cases/${row.caseId}`,
    actorName: actor.name,
    publicUrl,
    text: [
      `${actor.name} (${customer}) ${sv} offerten ”${row.title}” (version ${row.version}).`,
      accepted ? '' : `Skäl / Reason: ${decision.reason}`,
      `${actor.name} (${customer}) ${en} the proposal “${row.title}” (version ${row.version}).`,
    ]
      .filter(Boolean)
      .join('\n\n'),
  });
}

export const acceptProposal = (db: Db, actor: Actor, customerId: string, id: string, publicUrl: string) =>
  decide(db, actor, customerId, id, { status: 'accepted' }, publicUrl);

export const declineProposal = (
  db: Db,
  actor: Actor,
  customerId: string,
  id: string,
  body: typeof declineBody._output,
  publicUrl: string,
) => decide(db, actor, customerId, id, { status: 'declined', reason: body.reason }, publicUrl);

/** The accepted proposal of a case that an agreement is made from (another status: 409). */
export async function acceptedProposal(db: Db, proposalId: string, caseId: string) {
  const [row] = await db
    .select()
    .from(proposal)
    .where(and(eq(proposal.id, proposalId), eq(proposal.caseId, caseId)));
  if (!row) throw notFound('The proposal');
  if (row.status !== 'accepted')
    throw conflict(
      `Version ${row.version} of the proposal is ${row.status}; an agreement is made from the accepted one.`,
    );
  return row;
}

/**
 * Proposals and the designs they were made from, proposal id → design id: those made from these designs, or these
 * proposals (for other features' summaries; no access check).
 */
export async function proposalDesigns(
  db: Db,
  of: { designIds: string[] } | { proposalIds: string[] },
): Promise<Map<string, string>> {
  const [column, ids] = 'designIds' in of ? [proposal.designId, of.designIds] : [proposal.id, of.proposalIds];
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: proposal.id, designId: proposal.designId })
    .from(proposal)
    .where(inArray(column, ids));
  return new Map(rows.map((r) => [r.id, r.designId]));
}

/**
 * The HEI's proposals whose texts contain one of the terms (title, introduction, terms, a decline's reason;
 * for a subject access report, no access check).
 */
export async function mentionsInProposals(db: Db, heiId: string, terms: string[]): Promise<FoundText[]> {
  const columns = [proposal.title, proposal.intro, proposal.terms, proposal.declineReason];
  const rows = await db
    .select()
    .from(proposal)
    .where(and(eq(proposal.heiId, heiId), containsAny(columns, mentionPatterns(terms))));
  return rows
    .map((p) =>
      foundIn([p.title, p.intro, p.terms, p.declineReason], terms, (text) => ({
        source: 'proposal' as const,
        caseId: p.caseId,
        recordId: null,
        label: `${p.title} (v${p.version})`,
        text,
        at: p.updatedAt,
      })),
    )
    .filter((mention) => mention !== null);
}

/** The customers with a sent proposal whose last valid day is between these (for reminders; no access check). */
export async function customersWithProposalsEnding(db: Db, from: string, to: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: proposal.customerId })
    .from(proposal)
    .where(and(eq(proposal.status, 'sent'), sql`${proposal.validUntil} between ${from} and ${to}`));
  return rows.map((r) => r.id);
}

/**
 * An HEI's proposals in figures, for its key figures (amounts in öre, without VAT): those awaiting the
 * customer's answer now, and those sent, accepted and declined since a day.
 */
export async function proposalFigures(db: Db, heiId: string, window: FigureWindow) {
  const inPeriod = (column: AnyColumn) => inWindow(column, window);
  const figure = (where: ReturnType<typeof sql>) => ({
    count: sql<number>`(count(*) filter (where ${where}))::int`,
    value: sql<number>`coalesce(sum(${proposal.priceOre}) filter (where ${where}), 0)::float8`,
  });
  const [row] = await db
    .select({
      awaiting: figure(sql`${proposal.status} = 'sent'`).count,
      awaitingValue: figure(sql`${proposal.status} = 'sent'`).value,
      sent: figure(inPeriod(proposal.sentAt)).count,
      sentValue: figure(inPeriod(proposal.sentAt)).value,
      accepted: figure(sql`${proposal.status} = 'accepted' and ${inPeriod(proposal.decidedAt)}`).count,
      acceptedValue: figure(sql`${proposal.status} = 'accepted' and ${inPeriod(proposal.decidedAt)}`).value,
      declined: figure(sql`${proposal.status} = 'declined' and ${inPeriod(proposal.decidedAt)}`).count,
      declinedValue: figure(sql`${proposal.status} = 'declined' and ${inPeriod(proposal.decidedAt)}`).value,
    })
    .from(proposal)
    .where(eq(proposal.heiId, heiId));
  const r = row ?? {
    awaiting: 0,
    awaitingValue: 0,
    sent: 0,
    sentValue: 0,
    accepted: 0,
    acceptedValue: 0,
    declined: 0,
    declinedValue: 0,
  };
  return {
    awaiting: { count: r.awaiting, valueOre: r.awaitingValue },
    sent: { count: r.sent, valueOre: r.sentValue },
    accepted: { count: r.accepted, valueOre: r.acceptedValue },
    declined: { count: r.declined, valueOre: r.declinedValue },
  };
}

/**
 * The versions of proposals that still offer a design to the customer: sent and valid (the customer may accept
 * it), or accepted. For setting a design aside (design-withdrawal.service.ts); no access check.
 */
export async function proposalsHoldingDesign(db: Db, designId: string) {
  return db
    .select({ version: proposal.version, status: proposal.status, validUntil: proposal.validUntil })
    .from(proposal)
    .where(
      and(
        eq(proposal.designId, designId),
        sql`(${proposal.status} = 'accepted' or (${proposal.status} = 'sent' and ${proposal.validUntil} >= ${today()}))`,
      ),
    )
    .orderBy(proposal.version);
}

/** A design set aside takes its unsent drafts with it: they are withdrawn (their ids). No access check. */
export async function withdrawDraftProposalsOf(db: Db, designId: string) {
  const rows = await db
    .update(proposal)
    .set({ status: 'withdrawn' })
    .where(and(eq(proposal.designId, designId), eq(proposal.status, 'draft')))
    .returning({ id: proposal.id });
  return rows.map((r) => r.id);
}
