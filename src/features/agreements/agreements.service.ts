import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { type FigureWindow, isInWindow } from '../../db/figure-window.ts';
import { fileName, type OutgoingFile } from '../../server/http/files.ts';
import { AppError, conflict, invalid, notFound } from '../../server/http/problem.ts';
import { toCsv } from '../../shared/csv.ts';
import { containsAny, type FoundText, foundIn, mentionPatterns } from '../../shared/mentions.ts';
import { renderPdf } from '../../shared/pdf.ts';
import { addDays, stockholmDate } from '../../shared/stockholm-days.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { userNames } from '../auth/user-names.ts';
import {
  assertCaseAccess,
  caseOwnerOf,
  caseReferences,
  recordEvidence,
  withdrawEvidence,
} from '../cases/cases.service.ts';
import { notify, settleTask, tasks } from '../notifications/notifications.service.ts';
import { acceptedProposal, proposalDesigns } from '../proposals/proposals.service.ts';
import type { Role } from '../tenancy/tenancy.contract.ts';
import {
  type Actor,
  activeMembership,
  contactPeopleOf,
  getOrganisation,
  organisationParty,
  requireOrganisationRole,
} from '../tenancy/tenancy.service.ts';
import { organisation } from '../tenancy/tenancy.table.ts';
import { agreementPdf } from './agreement.pdf.ts';
import type {
  AgreementView,
  addendumBody,
  createAgreementBody,
  invoiceMarkBody,
  updateAgreementBody,
} from './agreements.contract.ts';
import { agreement, agreementAddendum, agreementInvoice, type Installment } from './agreements.table.ts';
import { type InvoiceVat, peppolInvoiceXml } from './peppol.ts';

/** Who signs for the HEI (by delegation from the vice-chancellor): managers and admins. */
const HEI_SIGNERS: Role[] = ['manager', 'admin'];
/** Who records that a payment has been invoiced: the case's coordinator or the HEI's economists. */
const INVOICERS: Role[] = ['coordinator', 'economist'];

type Row = typeof agreement.$inferSelect;
/** An agreement both parties have signed (its terms and billing plan no longer change). */
const signedByBoth = and(isNotNull(agreement.heiSignedAt), isNotNull(agreement.customerSignedAt));
const heiOrg = alias(organisation, 'hei_org');
const customerOrg = alias(organisation, 'customer_org');

const signatureOf = (by: string | null, at: Date | null, people: Map<string, string>) =>
  by && at ? { by: { id: by, name: people.get(by) ?? '' }, at: at.toISOString() } : null;

async function view(db: Db, id: string): Promise<AgreementView> {
  const [r] = await db
    .select({ a: agreement, heiName: heiOrg.name, customerName: customerOrg.name })
    .from(agreement)
    .innerJoin(heiOrg, eq(heiOrg.id, agreement.heiId))
    .innerJoin(customerOrg, eq(customerOrg.id, agreement.customerId))
    .where(eq(agreement.id, id));
  if (!r) throw notFound('The agreement');
  const { a } = r;
  const addenda = await db
    .select()
    .from(agreementAddendum)
    .where(eq(agreementAddendum.agreementId, id))
    .orderBy(asc(agreementAddendum.number));
  const people = await userNames(db, [
    a.heiSignedBy,
    a.customerSignedBy,
    ...addenda.flatMap((x) => [x.heiSignedBy, x.customerSignedBy]),
  ]);
  const signed = [a.heiSignedAt, a.customerSignedAt].filter(Boolean).length;
  const invoices = await db
    .select()
    .from(agreementInvoice)
    .where(eq(agreementInvoice.agreementId, id))
    .orderBy(asc(agreementInvoice.number));
  return {
    id: a.id,
    caseId: a.caseId,
    proposalId: a.proposalId,
    hei: { id: a.heiId, name: r.heiName },
    customer: { id: a.customerId, name: r.customerName },
    language: a.language,
    title: a.title,
    clauses: a.clauses,
    priceOre: a.priceOre,
    participantsDeadline: a.participantsDeadline,
    billingPlan: a.billingPlan,
    invoiceReference: a.invoiceReference,
    invoices: invoices.map((i) => ({
      number: i.number,
      invoicedOn: i.invoicedOn,
      invoiceNumber: i.invoiceNumber,
    })),
    status: signed === 2 ? 'signed' : signed === 1 ? 'signing' : 'draft',
    heiSignature: signatureOf(a.heiSignedBy, a.heiSignedAt, people),
    customerSignature: signatureOf(a.customerSignedBy, a.customerSignedAt, people),
    addenda: addenda.map((x) => ({
      number: x.number,
      text: x.text,
      createdAt: x.createdAt.toISOString(),
      heiSignature: signatureOf(x.heiSignedBy, x.heiSignedAt, people),
      customerSignature: signatureOf(x.customerSignedBy, x.customerSignedAt, people),
    })),
    revision: a.revision,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

async function load(db: Db, actor: Actor, id: string, need: 'read' | 'work'): Promise<Row> {
  return (await loadWithAccess(db, actor, id, need)).row;
}

/** The agreement and the case access that let the actor see it (for its reference and parties). */
async function loadWithAccess(db: Db, actor: Actor, id: string, need: 'read' | 'work') {
  const [row] = await db.select().from(agreement).where(eq(agreement.id, id));
  if (!row) throw notFound('The agreement');
  try {
    return { row, access: await assertCaseAccess(db, actor, row.caseId, need) };
  } catch (error) {
    if (error instanceof AppError && error.status === 404) throw notFound('The agreement');
    throw error;
  }
}

function checkBillingPlan(plan: Installment[], priceOre: number) {
  const sum = plan.reduce((s, i) => s + i.amountOre, 0);
  if (sum !== priceOre)
    throw invalid([
      {
        field: 'body.billingPlan',
        message: `the payments sum to ${sum} öre, the price is ${priceOre} öre`,
      },
    ]);
}

// ------------------------------------------------------------------ the HEI

/** The agreement as a PDF file, named by its language, customer and revision. */
export async function agreementFile(db: Db, a: AgreementView): Promise<OutgoingFile & { body: Buffer }> {
  return {
    name: fileName([a.language === 'sv' ? 'avtal' : 'agreement', a.customer.name, `rev${a.revision}`], 'pdf'),
    type: 'application/pdf',
    inline: true,
    body: await renderPdf(
      agreementPdf(a, await organisationParty(db, a.hei.id), await caseReferences(db, a.hei.id, a.caseId)),
    ),
  };
}

export async function listAgreements(db: Db, actor: Actor, caseId: string) {
  await assertCaseAccess(db, actor, caseId, 'read');
  const rows = await db.select({ id: agreement.id }).from(agreement).where(eq(agreement.caseId, caseId));
  return { agreements: await Promise.all(rows.map((r) => view(db, r.id))) };
}

export async function getAgreement(db: Db, actor: Actor, id: string) {
  await load(db, actor, id, 'read');
  return view(db, id);
}

/**
 * The agreement from the accepted proposal: its terms as the clauses, its price, one invoice 30 days after
 * the participants' deadline (a plan the coordinator may split before anyone signs).
 */
export async function createAgreement(
  db: Db,
  actor: Actor,
  caseId: string,
  body: typeof createAgreementBody._output,
) {
  const access = await assertCaseAccess(db, actor, caseId, 'work');
  const p = await acceptedProposal(db, body.proposalId, caseId);
  const deadlineText = deadlineClause(p.language, body.participantsDeadline);
  try {
    const [row] = await db
      .insert(agreement)
      .values({
        caseId,
        proposalId: p.id,
        heiId: access.heiId,
        customerId: access.customerId,
        language: p.language,
        title: p.title,
        clauses: `${p.terms}\n\n${deadlineText}`,
        priceOre: p.priceOre,
        participantsDeadline: body.participantsDeadline,
        billingPlan: [
          {
            dueDate: addDays(body.participantsDeadline, 30),
            amountOre: p.priceOre,
            description:
              p.language === 'sv' ? `Uppdragsutbildning: ${p.title}` : `Contract education: ${p.title}`,
          },
        ],
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning({ id: agreement.id });
    const id = row?.id ?? '';
    await recordAudit(db, {
      actor,
      organisationId: access.heiId,
      action: 'agreement.created',
      subjectType: 'agreement',
      subjectId: id,
      data: { proposalId: p.id, priceOre: p.priceOre },
    });
    return view(db, id);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('The proposal already has an agreement.');
    throw error;
  }
}

/** The clause on the participants' deadline that an agreement starts with, in its language. */
const deadlineClause = (language: string, deadline: string) =>
  language === 'sv'
    ? `Uppdragsgivaren kan byta deltagare till och med ${deadline}.`
    : `The customer may change participants until ${deadline}.`;

/**
 * The clauses with the deadline's clause following a new deadline, so the agreement does not name two days (the
 * clause is left as it is when someone has written it otherwise).
 */
function withDeadline(clauses: string, language: string, before: string, after: string) {
  return clauses.replace(deadlineClause(language, before), deadlineClause(language, after));
}

/** Changes before anyone has signed; after that, changes are addenda. */
export async function updateAgreement(
  db: Db,
  actor: Actor,
  id: string,
  body: typeof updateAgreementBody._output,
) {
  const before = await load(db, actor, id, 'work');
  if (body.billingPlan) checkBillingPlan(body.billingPlan, before.priceOre);
  const { revision, ...changes } = body;
  if (changes.participantsDeadline && changes.participantsDeadline !== before.participantsDeadline)
    changes.clauses = withDeadline(
      changes.clauses ?? before.clauses,
      before.language,
      before.participantsDeadline,
      changes.participantsDeadline,
    );
  // the payments in the order they fall due, as the agreement and the invoicing list them
  changes.billingPlan = changes.billingPlan?.toSorted((a, b) => a.dueDate.localeCompare(b.dueDate));
  const [row] = await db
    .update(agreement)
    .set({
      ...changes,
      revision: sql`${agreement.revision} + 1`,
      updatedBy: actor.userId,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(agreement.id, id),
        eq(agreement.revision, revision),
        isNull(agreement.heiSignedAt),
        isNull(agreement.customerSignedAt),
      ),
    )
    .returning();
  if (!row) {
    if (before.heiSignedAt || before.customerSignedAt)
      throw conflict('The agreement is signed (by one party or both) and does not change: add an addendum.');
    throw new AppError(
      409,
      'edit_conflict',
      'Someone changed the agreement after you opened it. Reload to see their change; nothing of it was overwritten.',
    );
  }
  await recordAudit(db, {
    actor,
    organisationId: row.heiId,
    action: 'agreement.updated',
    subjectType: 'agreement',
    subjectId: id,
    data: { changed: Object.keys(changes) },
  });
  return view(db, id);
}

export async function signAsHei(
  db: Db,
  actor: Actor,
  id: string,
  body: { revision: number },
  publicUrl: string,
) {
  const row = await load(db, actor, id, 'read');
  requireOrganisationRole(actor, row.heiId, HEI_SIGNERS);
  if (row.heiSignedAt) throw conflict('The HEI has already signed the agreement.');
  const [signed] = await db
    .update(agreement)
    .set({ heiSignedBy: actor.userId, heiSignedAt: new Date() })
    .where(and(eq(agreement.id, id), eq(agreement.revision, body.revision), isNull(agreement.heiSignedAt)))
    .returning();
  if (!signed)
    throw conflict('The agreement changed after you read it. Reload and read it again before signing.');
  await recordAudit(db, {
    actor,
    organisationId: row.heiId,
    action: 'agreement.signed_by_hei',
    subjectType: 'agreement',
    subjectId: id,
    data: { revision: body.revision },
  });
  if (!signed.customerSignedAt) await tellCustomerToSign(db, actor, signed, null, publicUrl);
  else await recordEvidence(db, signed.caseId, 'agreement_signed', actor.userId);
  return view(db, id);
}

export async function addAddendum(db: Db, actor: Actor, id: string, body: typeof addendumBody._output) {
  const row = await load(db, actor, id, 'work');
  if (!row.heiSignedAt || !row.customerSignedAt)
    throw conflict('Addenda change a signed agreement; until both have signed, change the agreement itself.');
  const [last] = await db
    .select({ n: sql<number>`coalesce(max(${agreementAddendum.number}), 0)::int` })
    .from(agreementAddendum)
    .where(eq(agreementAddendum.agreementId, id));
  await db
    .insert(agreementAddendum)
    .values({ agreementId: id, number: (last?.n ?? 0) + 1, text: body.text, createdBy: actor.userId });
  await recordAudit(db, {
    actor,
    organisationId: row.heiId,
    action: 'agreement.addendum_added',
    subjectType: 'agreement',
    subjectId: id,
    data: { number: (last?.n ?? 0) + 1 },
  });
  return view(db, id);
}

export async function signAddendumAsHei(db: Db, actor: Actor, id: string, number: number, publicUrl: string) {
  const row = await load(db, actor, id, 'read');
  requireOrganisationRole(actor, row.heiId, HEI_SIGNERS);
  const [signed] = await db
    .update(agreementAddendum)
    .set({ heiSignedBy: actor.userId, heiSignedAt: new Date() })
    .where(
      and(
        eq(agreementAddendum.agreementId, id),
        eq(agreementAddendum.number, number),
        isNull(agreementAddendum.heiSignedAt),
      ),
    )
    .returning();
  if (!signed) throw conflict(`Addendum ${number} does not exist or the HEI has signed it.`);
  if (!signed.customerSignedAt) await tellCustomerToSign(db, actor, row, number, publicUrl);
  return view(db, id);
}

/**
 * The billing plan for the HEI's finance system: one row per invoice (CSV as Swedish Excel opens it), with
 * the customer's organisation number and the case reference.
 */
export async function billingCsv(db: Db, actor: Actor, id: string) {
  const { row, access } = await loadWithAccess(db, actor, id, 'read');
  const [customer] = await db.select().from(organisation).where(eq(organisation.id, row.customerId));
  const marks = await db.select().from(agreementInvoice).where(eq(agreementInvoice.agreementId, id));
  const invoiced = new Map(marks.map((m) => [m.number, m]));
  const orgNumber = customer?.orgNumber
    ? `${customer.orgNumber.slice(0, 6)}-${customer.orgNumber.slice(6)}`
    : '';
  return toCsv([
    [
      'Ärende',
      'Kund',
      'Organisationsnummer',
      'Förfallodag',
      'Belopp (kr)',
      'Beskrivning',
      'Avtal signerat',
      'Fakturerad',
      'Fakturanummer',
    ],
    ...row.billingPlan.map((i, index) => [
      access.reference,
      customer?.name ?? '',
      orgNumber,
      i.dueDate,
      `${Math.trunc(i.amountOre / 100)},${String(i.amountOre % 100).padStart(2, '0')}`,
      i.description,
      row.heiSignedAt && row.customerSignedAt ? 'ja' : 'nej',
      invoiced.get(index + 1)?.invoicedOn ?? '',
      invoiced.get(index + 1)?.invoiceNumber ?? '',
    ]),
  ]);
}

/** The customer's reference for its invoices: administrative, not a term, so it may change after signing. */
export async function setInvoiceReference(db: Db, actor: Actor, id: string, invoiceReference: string) {
  const row = await load(db, actor, id, 'work');
  await saveInvoiceReference(db, actor, row, invoiceReference);
  return view(db, id);
}

async function saveInvoiceReference(db: Db, actor: Actor, row: Row, invoiceReference: string) {
  await db.update(agreement).set({ invoiceReference }).where(eq(agreement.id, row.id));
  await recordAudit(db, {
    actor,
    organisationId: row.heiId,
    action: 'agreement.invoice_reference_set',
    subjectType: 'agreement',
    subjectId: row.id,
    data: { from: row.invoiceReference, to: invoiceReference },
  });
}

const exemptionReason = {
  sv: 'Utbildning, undantagen från skatteplikt för mervärdesskatt',
  en: 'Education, exempt from VAT',
};
const paymentTerms = { sv: '30 dagar netto', en: 'Net 30 days' };

/** The VAT of the accepted proposal as a Peppol category: exempt, or the Swedish rate nearest its share. */
function vatOf(priceOre: number, vatOre: number): InvoiceVat {
  if (vatOre === 0) return { category: 'E' };
  const share = (vatOre * 100) / (priceOre - vatOre);
  const percent = ([25, 12, 6] as const).reduce((best, r) =>
    Math.abs(r - share) < Math.abs(best - share) ? r : best,
  );
  return { category: 'S', percent };
}

/**
 * Payment `number` of the billing plan as a Peppol BIS Billing 3.0 invoice, numbered
 * `<case reference>-<number>`, dated the day the plan says it is invoiced, due 30 days later. Only from an
 * agreement both parties signed, and only when what the invoice must carry is known (the customer's
 * reference and the HEI's bankgiro); otherwise a 409 listing what is missing.
 */
export async function peppolInvoice(db: Db, actor: Actor, id: string, number: number) {
  const { row, access } = await loadWithAccess(db, actor, id, 'read');
  if (!row.heiSignedAt || !row.customerSignedAt)
    throw conflict('Invoices are made from an agreement both parties have signed.');
  const installment = row.billingPlan[number - 1];
  if (!installment) throw notFound(`Payment ${number} of the billing plan`);
  const [seller, buyer, proposalRow] = await Promise.all([
    organisationParty(db, row.heiId),
    organisationParty(db, row.customerId),
    acceptedProposal(db, row.proposalId, row.caseId),
  ]);
  const missing = [
    ...(row.invoiceReference
      ? []
      : [{ field: 'invoiceReference', message: "the customer's reference for its invoices is missing" }]),
    ...(seller.bankgiro
      ? []
      : [{ field: 'hei.bankgiro', message: "the HEI's bankgiro is missing (the organisation page)" }]),
  ];
  if (missing.length)
    throw new AppError(
      409,
      'invoice_details_missing',
      `The invoice cannot be made yet: ${missing.map((m) => m.message).join('; ')}.`,
      missing,
    );
  const invoiceId = `${access.reference}-${number}`;
  const xml = peppolInvoiceXml({
    id: invoiceId,
    issueDate: installment.dueDate,
    dueDate: addDays(installment.dueDate, 30),
    buyerReference: row.invoiceReference ?? '',
    contractReference: access.reference,
    seller: { ...seller, bankgiro: seller.bankgiro ?? '' },
    buyer,
    itemName: row.title,
    description: installment.description,
    grossOre: installment.amountOre,
    vat: vatOf(proposalRow.priceOre, proposalRow.vatOre),
    paymentTerms: paymentTerms[row.language],
    exemptionReason: exemptionReason[row.language],
  });
  await recordAudit(db, {
    actor,
    organisationId: row.heiId,
    action: 'agreement.invoice_exported',
    subjectType: 'agreement',
    subjectId: row.id,
    data: { invoiceId, amountOre: installment.amountOre },
  });
  return { invoiceId, xml };
}

/**
 * Records that payment `number` of a signed agreement has been invoiced (the day and the invoice's number in
 * the finance system); again for the same payment corrects the record. Once every payment of the case's
 * signed agreements is invoiced, the case's "Fakturerat" is ticked.
 */
export async function markInvoiced(
  db: Db,
  actor: Actor,
  id: string,
  number: number,
  body: typeof invoiceMarkBody._output,
) {
  const { row, installment } = await invoicedPayment(db, actor, id, number);
  if (body.invoicedOn > stockholmDate(new Date()))
    throw invalid([{ field: 'body.invoicedOn', message: 'the invoice date cannot be later than today' }]);
  const record = { invoicedOn: body.invoicedOn, invoiceNumber: body.invoiceNumber, markedBy: actor.userId };
  await db.transaction(async (tx) => {
    await tx
      .insert(agreementInvoice)
      .values({ agreementId: id, number, ...record })
      .onConflictDoUpdate({
        target: [agreementInvoice.agreementId, agreementInvoice.number],
        set: { ...record, markedAt: new Date() },
      });
    await recordAudit(tx, {
      actor,
      organisationId: row.heiId,
      action: 'agreement.invoice_marked',
      subjectType: 'agreement',
      subjectId: id,
      data: { number, invoiceId: body.invoiceNumber, day: body.invoicedOn, amountOre: installment.amountOre },
    });
    if (await everyPaymentInvoiced(tx, row.caseId))
      await recordEvidence(tx, row.caseId, 'invoiced', actor.userId);
  });
  return view(db, id);
}

/**
 * Takes back the record that payment `number` was invoiced (recorded by mistake, or the invoice was
 * credited). A "Fakturerat" that Lupp ticked is unticked with it, as not everything is invoiced any more; one
 * ticked by hand stays ticked.
 */
export async function unmarkInvoiced(db: Db, actor: Actor, id: string, number: number) {
  const { row } = await invoicedPayment(db, actor, id, number);
  await db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(agreementInvoice)
      .where(and(eq(agreementInvoice.agreementId, id), eq(agreementInvoice.number, number)))
      .returning();
    if (!removed) throw notFound(`An invoice of payment ${number}`);
    await recordAudit(tx, {
      actor,
      organisationId: row.heiId,
      action: 'agreement.invoice_unmarked',
      subjectType: 'agreement',
      subjectId: id,
      data: { number, invoiceId: removed.invoiceNumber },
    });
    await withdrawEvidence(tx, row.caseId, 'invoiced');
  });
  return view(db, id);
}

/**
 * The agreement for another feature that works with it at the HEI (its post-calculation), after the case's
 * access check (404 for another HEI's), with whether both parties have signed it.
 */
export async function agreementAtHei(db: Db, actor: Actor, id: string, need: 'read' | 'work') {
  const row = await load(db, actor, id, need);
  return {
    id: row.id,
    caseId: row.caseId,
    heiId: row.heiId,
    proposalId: row.proposalId,
    title: row.title,
    priceOre: row.priceOre,
    signedByBoth: Boolean(row.heiSignedAt && row.customerSignedAt),
  };
}

/** The agreement and its payment `number`, for someone who may record invoices of a signed agreement. */
async function invoicedPayment(db: Db, actor: Actor, id: string, number: number) {
  const row = await load(db, actor, id, 'work');
  requireOrganisationRole(actor, row.heiId, INVOICERS);
  if (!row.heiSignedAt || !row.customerSignedAt)
    throw conflict('Only the payments of an agreement both parties have signed are invoiced.');
  const installment = row.billingPlan[number - 1];
  if (!installment) throw notFound(`Payment ${number} of the billing plan`);
  return { row, installment };
}

/** Whether the case has a signed agreement, and every payment of its signed agreements is invoiced. */
async function everyPaymentInvoiced(db: Pick<Db, 'select'>, caseId: string) {
  const signed = await db
    .select({
      payments: sql<number>`jsonb_array_length(${agreement.billingPlan})`,
      invoiced: sql<number>`(select count(*)::int from ${agreementInvoice}
        where ${agreementInvoice.agreementId} = ${agreement.id})`,
    })
    .from(agreement)
    .where(and(eq(agreement.caseId, caseId), signedByBoth));
  return signed.length > 0 && signed.every((a) => a.invoiced >= a.payments);
}

/** How far ahead the overview lists payments to invoice: two weeks, today included. */
const INVOICE_AHEAD_DAYS = 14;

/**
 * For those who invoice (null for other roles): the payments of the HEI's signed agreements not yet marked
 * invoiced that are past due or fall due in the next two weeks, the earliest first (at most `limit`).
 */
export async function paymentsToInvoice(db: Db, actor: Actor, heiId: string, today: string, limit = 10) {
  if (!activeMembership(actor)?.roles.some((role) => INVOICERS.includes(role))) return null;
  return paymentsDue(db, heiId, today, addDays(today, INVOICE_AHEAD_DAYS - 1), limit);
}

async function paymentsDue(db: Db, heiId: string, today: string, until: string, limit: number) {
  const rows = await db
    .select({
      id: agreement.id,
      caseId: agreement.caseId,
      title: agreement.title,
      customerName: customerOrg.name,
      billingPlan: agreement.billingPlan,
      invoiced: sql<number[]>`coalesce((select array_agg(${agreementInvoice.number}) from ${agreementInvoice}
        where ${agreementInvoice.agreementId} = ${agreement.id}), '{}')`,
    })
    .from(agreement)
    .innerJoin(customerOrg, eq(customerOrg.id, agreement.customerId))
    .where(and(eq(agreement.heiId, heiId), signedByBoth));
  const due = rows
    .flatMap((r) =>
      r.billingPlan.map((payment, index) => ({
        agreementId: r.id,
        caseId: r.caseId,
        title: r.title,
        customerName: r.customerName,
        number: index + 1,
        dueDate: payment.dueDate,
        amountOre: payment.amountOre,
        overdue: payment.dueDate < today,
        invoiced: r.invoiced.includes(index + 1),
      })),
    )
    .filter((p) => !p.invoiced && p.dueDate <= until)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number - b.number)
    .map(({ invoiced: _, ...p }) => p);
  return {
    total: due.length,
    overdue: due.filter((p) => p.overdue).length,
    items: due.slice(0, limit),
  };
}

// ------------------------------------------------------------------ the customer (portal)

export async function customerAgreements(db: Db, customerId: string) {
  const rows = await db
    .select({ id: agreement.id })
    .from(agreement)
    .where(eq(agreement.customerId, customerId))
    .orderBy(asc(agreement.createdAt));
  return { agreements: await Promise.all(rows.map((r) => view(db, r.id))) };
}

async function customerRow(db: Db, customerId: string, id: string) {
  const [row] = await db
    .select()
    .from(agreement)
    .where(and(eq(agreement.id, id), eq(agreement.customerId, customerId)));
  if (!row) throw notFound('The agreement');
  return row;
}

export async function signAsCustomer(
  db: Db,
  actor: Actor,
  customerId: string,
  id: string,
  body: { revision: number },
  publicUrl: string,
) {
  const row = await customerRow(db, customerId, id);
  if (row.customerSignedAt) throw conflict('You have already signed the agreement.');
  const [signed] = await db
    .update(agreement)
    .set({ customerSignedBy: actor.userId, customerSignedAt: new Date() })
    .where(
      and(eq(agreement.id, id), eq(agreement.revision, body.revision), isNull(agreement.customerSignedAt)),
    )
    .returning();
  if (!signed)
    throw conflict('The agreement changed after you read it. Reload and read it again before signing.');
  await recordAudit(db, {
    actor,
    organisationId: row.heiId,
    action: 'agreement.signed_by_customer',
    subjectType: 'agreement',
    subjectId: id,
    data: { revision: body.revision },
  });
  if (signed.heiSignedAt) await recordEvidence(db, signed.caseId, 'agreement_signed', actor.userId);
  await tellHeiOfSignature(db, actor, signed, null, publicUrl);
  return view(db, id);
}

export async function signAddendumAsCustomer(
  db: Db,
  actor: Actor,
  customerId: string,
  id: string,
  number: number,
  publicUrl: string,
) {
  const row = await customerRow(db, customerId, id);
  const [signed] = await db
    .update(agreementAddendum)
    .set({ customerSignedBy: actor.userId, customerSignedAt: new Date() })
    .where(
      and(
        eq(agreementAddendum.agreementId, id),
        eq(agreementAddendum.number, number),
        isNull(agreementAddendum.customerSignedAt),
      ),
    )
    .returning();
  if (!signed) throw conflict(`Addendum ${number} does not exist or you have signed it.`);
  await tellHeiOfSignature(db, actor, row, number, publicUrl);
  return view(db, id);
}

export async function setInvoiceReferenceAsCustomer(
  db: Db,
  actor: Actor,
  customerId: string,
  id: string,
  invoiceReference: string,
) {
  const row = await customerRow(db, customerId, id);
  await saveInvoiceReference(db, actor, row, invoiceReference);
  return view(db, id);
}

/** One agreement of the customer (for its PDF); 404 for other customers' agreements. */
export async function customerAgreement(db: Db, customerId: string, id: string) {
  await customerRow(db, customerId, id);
  return view(db, id);
}

/**
 * Per design, how far its agreement has come (through the proposals made from it): the most advanced of its
 * agreements — signed by both parties (and when the last signature was made), being signed, or a draft.
 * Designs without an agreement are not in the map. For other features' summaries; no access check.
 */
export async function agreementsOfDesigns(
  db: Db,
  designIds: string[],
): Promise<Map<string, { status: 'draft' | 'signing' | 'signed'; signedAt: string | null }>> {
  const proposals = await proposalDesigns(db, { designIds });
  if (!proposals.size) return new Map();
  const rows = await db
    .select({
      proposalId: agreement.proposalId,
      heiSignedAt: agreement.heiSignedAt,
      customerSignedAt: agreement.customerSignedAt,
    })
    .from(agreement)
    .where(inArray(agreement.proposalId, [...proposals.keys()]));
  const rank = { draft: 0, signing: 1, signed: 2 } as const;
  const result = new Map<string, { status: 'draft' | 'signing' | 'signed'; signedAt: string | null }>();
  for (const r of rows) {
    const designId = proposals.get(r.proposalId);
    if (!designId) continue;
    const signed = [r.heiSignedAt, r.customerSignedAt].filter((d): d is Date => !!d);
    const status = signed.length === 2 ? 'signed' : signed.length === 1 ? 'signing' : 'draft';
    const signedAt =
      status === 'signed' ? new Date(Math.max(...signed.map((d) => d.getTime()))).toISOString() : null;
    const before = result.get(designId);
    if (!before || rank[status] > rank[before.status]) result.set(designId, { status, signedAt });
  }
  return result;
}

/** The agreements of a design (through its proposals) signed by both parties. For other features; no access check. */
export async function signedAgreementIdsOfDesign(db: Db, designId: string): Promise<string[]> {
  const proposals = await proposalDesigns(db, { designIds: [designId] });
  if (!proposals.size) return [];
  const rows = await db
    .select({ id: agreement.id })
    .from(agreement)
    .where(
      and(
        inArray(agreement.proposalId, [...proposals.keys()]),
        isNotNull(agreement.heiSignedAt),
        isNotNull(agreement.customerSignedAt),
      ),
    );
  return rows.map((r) => r.id);
}

/**
 * The HEI's agreements whose texts contain one of the terms (title, clauses, an addendum's text; for a
 * subject access report, no access check).
 */
export async function mentionsInAgreements(db: Db, heiId: string, terms: string[]): Promise<FoundText[]> {
  const patterns = mentionPatterns(terms);
  const ofHei = eq(agreement.heiId, heiId);
  const [agreements, addenda] = await Promise.all([
    db
      .select()
      .from(agreement)
      .where(and(ofHei, containsAny([agreement.title, agreement.clauses], patterns))),
    db
      .select({ a: agreement, addendum: agreementAddendum })
      .from(agreementAddendum)
      .innerJoin(agreement, eq(agreement.id, agreementAddendum.agreementId))
      .where(and(ofHei, containsAny([agreementAddendum.text], patterns))),
  ]);
  const found =
    (a: typeof agreement.$inferSelect, label: string, at: Date) =>
    (text: string): FoundText => ({ source: 'agreement', caseId: a.caseId, recordId: null, label, text, at });
  return [
    ...agreements.map((a) => foundIn([a.title, a.clauses], terms, found(a, a.title, a.updatedAt))),
    ...addenda.map(({ a, addendum }) =>
      foundIn([addendum.text], terms, found(a, `${a.title} (${addendum.number})`, addendum.createdAt)),
    ),
  ].filter((mention) => mention !== null);
}

// ------------------------------------------------------------------ telling the other party

type AgreementRow = typeof agreement.$inferSelect;

/** What is signed: the agreement, or one of its addenda. */
const signedThing = (row: AgreementRow, addendum: number | null) =>
  addendum === null
    ? { sv: `avtalet ”${row.title}”`, en: `the agreement “${row.title}”` }
    : { sv: `tillägg ${addendum} till avtalet ”${row.title}”`, en: `addendum ${addendum} to “${row.title}”` };

/** The customer's contact people learn that the HEI has signed and their signature is awaited. */
async function tellCustomerToSign(
  db: Db,
  actor: Actor,
  row: AgreementRow,
  addendum: number | null,
  publicUrl: string,
) {
  const hei = (await getOrganisation(db, row.heiId)).name;
  const thing = signedThing(row, addendum);
  await notify(db, {
    userIds: await contactPeopleOf(db, row.customerId),
    kind: 'agreement_to_sign',
    task: tasks.sign(row.id, addendum),
    title: `Att signera: ${thing.sv} / To sign: ${thing.en}`,
    link: `/portal/cases/${row.caseId}#portal-agreements`,
    actorName: actor.name,
    publicUrl,
    text: [
      `${hei} har signerat ${thing.sv}. Läs och signera i Lupp.`,
      `${hei} has signed ${thing.en}. Read and sign it in Lupp.`,
    ].join('\n\n'),
  });
}

/** The case's owner and the HEI's signer learn that the customer has signed; the customer is no longer asked to. */
async function tellHeiOfSignature(
  db: Db,
  actor: Actor,
  row: AgreementRow,
  addendum: number | null,
  publicUrl: string,
) {
  await settleTask(db, tasks.sign(row.id, addendum));
  const customer = (await getOrganisation(db, row.customerId)).name;
  const thing = signedThing(row, addendum);
  await notify(db, {
    userIds: [await caseOwnerOf(db, row.caseId), row.heiSignedBy].filter((id) => id !== null),
    kind: 'agreement_signed_by_customer',
    title: `${customer} har signerat ${thing.sv} / ${customer} signed ${thing.en}`,
    link: `/cases/${row.caseId}`,
    actorName: actor.name,
    publicUrl,
    text: [
      `${actor.name} (${customer}) har signerat ${thing.sv}.`,
      `${actor.name} (${customer}) signed ${thing.en}.`,
    ].join('\n\n'),
  });
}

/**
 * The customers with a signed agreement whose participants' deadline is between these (for reminders; no
 * access check).
 */
export async function customersWithParticipantDeadlines(db: Db, from: string, to: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: agreement.customerId })
    .from(agreement)
    .where(
      and(
        sql`${agreement.heiSignedAt} is not null and ${agreement.customerSignedAt} is not null`,
        sql`${agreement.participantsDeadline} between ${from} and ${to}`,
      ),
    );
  return rows.map((r) => r.id);
}

/**
 * An HEI's agreements signed by both parties, for its key figures (amounts in öre): those signed since a day
 * (with their case, for lead times), and their billing plans' payments due in the period up to today and in
 * the twelve months from today.
 */
export async function agreementFigures(db: Db, heiId: string, window: FigureWindow, today: string) {
  const signedAt = sql<Date>`greatest(${agreement.heiSignedAt}, ${agreement.customerSignedAt})`;
  const rows = await db
    .select({
      id: agreement.id,
      proposalId: agreement.proposalId,
      caseId: agreement.caseId,
      priceOre: agreement.priceOre,
      billingPlan: agreement.billingPlan,
      signedAt,
    })
    .from(agreement)
    .where(and(eq(agreement.heiId, heiId), signedByBoth));
  const signed = rows
    .map((r) => ({ ...r, signedAt: new Date(r.signedAt) }))
    .filter((r) => isInWindow(r.signedAt, window));
  const firstDay = window.firstDay ?? '';
  const yearAhead = addDays(today, 365);
  const installments = rows.flatMap((r) => r.billingPlan);
  const sum = (list: { amountOre: number }[]) => list.reduce((total, i) => total + i.amountOre, 0);
  return {
    signed: signed.map((r) => ({
      id: r.id,
      proposalId: r.proposalId,
      caseId: r.caseId,
      priceOre: r.priceOre,
      signedAt: r.signedAt,
    })),
    dueInPeriodOre: sum(installments.filter((i) => i.dueDate >= firstDay && i.dueDate <= window.lastDay)),
    dueNextYearOre: sum(installments.filter((i) => i.dueDate > today && i.dueDate <= yearAhead)),
  };
}

/** The HEI's agreements signed by both parties, oldest first (for other features' lists; no access check). */
export async function signedAgreementsOf(db: Db, heiId: string) {
  return db
    .select({ id: agreement.id, caseId: agreement.caseId, title: agreement.title })
    .from(agreement)
    .where(and(eq(agreement.heiId, heiId), signedByBoth))
    .orderBy(asc(agreement.createdAt));
}

/**
 * The value of the HEI's agreements signed by both parties (with all customers, or one), per case and its
 * customer (öre; a case may have several). For the customer register; no access check (the caller has made one).
 */
export async function signedValuePerCase(db: Db, heiId: string, customerId?: string) {
  return db
    .select({
      caseId: agreement.caseId,
      customerId: agreement.customerId,
      valueOre: sql<number>`sum(${agreement.priceOre})`.mapWith(Number),
    })
    .from(agreement)
    .where(
      and(
        eq(agreement.heiId, heiId),
        signedByBoth,
        customerId ? eq(agreement.customerId, customerId) : undefined,
      ),
    )
    .groupBy(agreement.caseId, agreement.customerId);
}

/**
 * Per case of the HEI: what has been invoiced of its agreements signed by both parties — the payments of their
 * billing plans recorded as invoiced, in öre excluding VAT.
 */
export async function invoicedValuePerCase(db: Db, heiId: string) {
  return db
    .select({
      caseId: agreement.caseId,
      valueOre:
        sql<number>`sum((${agreement.billingPlan} -> (${agreementInvoice.number} - 1) ->> 'amountOre')::bigint)`.mapWith(
          Number,
        ),
    })
    .from(agreement)
    .innerJoin(agreementInvoice, eq(agreementInvoice.agreementId, agreement.id))
    .where(and(eq(agreement.heiId, heiId), signedByBoth))
    .groupBy(agreement.caseId);
}
