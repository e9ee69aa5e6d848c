import type { Db } from '../../db/client.ts';
import { addDays, stockholmDate } from '../../shared/stockholm-days.ts';
import { customerAgreements, customersWithParticipantDeadlines } from '../agreements/agreements.service.ts';
import { casesForCustomer, customersOfCases } from '../cases/cases.service.ts';
import { lastSessionDays } from '../delivery/delivery.service.ts';
import { casesWithFollowUpsDue, customerFollowUps } from '../evaluation/evaluation.service.ts';
import { notify, tasks } from '../notifications/notifications.service.ts';
import { participantTallies } from '../participants/participants.service.ts';
import { customerProposals, customersWithProposalsEnding } from '../proposals/proposals.service.ts';
import { contactPeopleOf } from '../tenancy/tenancy.service.ts';
import { type PortalToDo, sectionOf } from './portal.contract.ts';
import { customerReminder } from './portal.table.ts';

/**
 * What waits for the customer, soonest due first: proposals to answer while they are valid, agreements and
 * addenda the HEI has signed and the customer has not, the invoice reference of a signed agreement, the
 * participants of a signed agreement until its deadline (or until its course has been given), and the follow-up
 * of a course the HEI has asked for (Kirkpatrick levels 3 and 4). No access check (the caller acts for the
 * customer).
 */
export async function customerToDo(db: Db, customerId: string, now = new Date()): Promise<PortalToDo[]> {
  const today = stockholmDate(now);
  const [{ proposals }, { agreements }, cases, followUps] = await Promise.all([
    customerProposals(db, customerId),
    customerAgreements(db, customerId),
    casesForCustomer(db, customerId),
    customerFollowUps(db, customerId),
  ]);
  const references = new Map(cases.map((c) => [c.id, c.reference]));
  const signed = agreements.filter((a) => a.status === 'signed');
  const designated = await participantTallies(
    db,
    signed.map((a) => a.id),
  );
  // a course already given needs no more participants, whatever its deadline said
  const designOf = new Map(proposals.map((p) => [p.id, p.designId]));
  const designs = signed.map((a) => designOf.get(a.proposalId)).filter((id) => id !== undefined);
  const lastDays = await lastSessionDays(db, [...new Set(designs)]);
  const given = (a: (typeof signed)[number]) =>
    (lastDays.get(designOf.get(a.proposalId) ?? '') ?? today) < today;
  const item = (
    kind: PortalToDo['kind'],
    on: { id: string; caseId: string; hei: { name: string }; title: string },
    more: Partial<Pick<PortalToDo, 'addendum' | 'dueOn' | 'designated'>> = {},
  ): PortalToDo => ({
    kind,
    recordId: on.id,
    caseId: on.caseId,
    caseReference: references.get(on.caseId) ?? '',
    hei: on.hei.name,
    title: on.title,
    addendum: more.addendum ?? null,
    dueOn: more.dueOn ?? null,
    designated: more.designated ?? null,
  });
  const toDo = [
    ...proposals
      .filter((p) => p.status === 'sent' && !p.expired)
      .map((p) => item('answer_proposal', p, { dueOn: p.validUntil })),
    ...agreements.filter((a) => a.heiSignature && !a.customerSignature).map((a) => item('sign_agreement', a)),
    ...signed.flatMap((a) =>
      a.addenda
        .filter((addendum) => addendum.heiSignature && !addendum.customerSignature)
        .map((addendum) => item('sign_addendum', a, { addendum: addendum.number })),
    ),
    ...signed.filter((a) => !a.invoiceReference).map((a) => item('invoice_reference', a)),
    ...signed
      .filter((a) => a.participantsDeadline >= today && !given(a))
      .map((a) =>
        item('designate_participants', a, {
          dueOn: a.participantsDeadline,
          designated: designated.get(a.id)?.all ?? 0,
        }),
      ),
    ...followUps
      .filter((f) => !f.answeredAt)
      .map((f) => item('follow_up_evaluation', { ...f, hei: { name: f.hei } }, { dueOn: f.answerBy })),
  ];
  // soonest due first; undated after, in the order above
  return toDo
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => (a.entry.dueOn ?? '9999').localeCompare(b.entry.dueOn ?? '9999') || a.order - b.order)
    .map(({ entry }) => entry);
}

// ---------------------------------------------------------------- reminders

/** How many days before its date a thing to do is reminded of: a proposal's last valid day, a deadline, an answer-by day. */
export const REMIND_DAYS_BEFORE = {
  answer_proposal: 3,
  designate_participants: 5,
  follow_up_evaluation: 7,
} as const;
type Remindable = keyof typeof REMIND_DAYS_BEFORE;

/**
 * The morning reminder: a proposal still unanswered 3 days before its last valid day, the participants of a
 * signed agreement 5 days before their deadline, and a course's follow-up still unanswered 7 days before the
 * day the HEI would like it by, each reminded once (in the app and by e-mail) to the customer's contact
 * people. Returns how many reminders were sent.
 */
export async function remindCustomers(db: Db, publicUrl: string, now = new Date()): Promise<number> {
  const today = stockholmDate(now);
  const until = (kind: Remindable) => addDays(today, REMIND_DAYS_BEFORE[kind]);
  const customers = new Set([
    ...(await customersWithProposalsEnding(db, today, until('answer_proposal'))),
    ...(await customersWithParticipantDeadlines(db, today, until('designate_participants'))),
    ...(await customersOfCases(db, await casesWithFollowUpsDue(db, today, until('follow_up_evaluation')))),
  ]);
  let sent = 0;
  for (const customerId of customers) {
    const due = (await customerToDo(db, customerId, now)).filter(
      (item) =>
        item.kind in REMIND_DAYS_BEFORE &&
        item.dueOn !== null &&
        item.dueOn <= until(item.kind as Remindable),
    );
    for (const item of due) if (await remindOnce(db, customerId, item, publicUrl)) sent += 1;
  }
  return sent;
}

/** Sends the reminder unless it was sent before (the row is the lock: two app processes send it once). */
async function remindOnce(db: Db, customerId: string, item: PortalToDo, publicUrl: string) {
  return db.transaction(async (tx) => {
    const [first] = await tx
      .insert(customerReminder)
      .values({ kind: item.kind, recordId: item.recordId })
      .onConflictDoNothing()
      .returning();
    if (!first) return false;
    await notify(tx, {
      userIds: await contactPeopleOf(tx, customerId),
      kind: `reminder_${reminderKinds[item.kind as Remindable]}`,
      task: taskOf(item),
      link: `/portal/cases/${item.caseId}#${sectionOf[item.kind]}`,
      actorName: item.hei,
      publicUrl,
      ...reminderText(item),
    });
    return true;
  });
}

/** The task a reminder asks for, so that answering marks it done; a participants' reminder asks for none. */
function taskOf(item: PortalToDo): string | undefined {
  if (item.kind === 'answer_proposal') return tasks.answerProposal(item.recordId);
  if (item.kind === 'follow_up_evaluation') return tasks.followUp(item.recordId);
  return undefined;
}

const reminderKinds = {
  answer_proposal: 'proposal',
  designate_participants: 'participants',
  follow_up_evaluation: 'follow_up',
} as const satisfies Record<Remindable, string>;

/** A reminder's title and text, in Swedish and English. */
function reminderText(item: PortalToDo): { title: string; text: string } {
  const about = `”${item.title}” (${item.caseReference})`;
  const aboutEn = `“${item.title}” (${item.caseReference})`;
  if (item.kind === 'answer_proposal')
    return {
      title: `Påminnelse: offerten ${item.title} gäller till och med ${item.dueOn} / Reminder: the proposal ${item.title} is valid until ${item.dueOn}`,
      text: [
        `Offerten ${about} från ${item.hei} väntar på ert svar och gäller till och med ${item.dueOn}.`,
        `The proposal ${aboutEn} from ${item.hei} awaits your answer and is valid until ${item.dueOn}.`,
      ].join('\n\n'),
    };
  if (item.kind === 'designate_participants')
    return {
      title: `Påminnelse: anmäl deltagarna till ${item.title} senast ${item.dueOn} / Reminder: designate the participants of ${item.title} by ${item.dueOn}`,
      text: [
        `Ni kan anmäla och ändra deltagarna i ${about} till och med ${item.dueOn}. ${item.designated} är anmälda.`,
        `You may designate and change the participants of ${aboutEn} until ${item.dueOn}. ${item.designated} are designated.`,
      ].join('\n\n'),
    };
  return {
    title: `Påminnelse: följ upp ${item.title} / Reminder: follow up ${item.title}`,
    text: [
      `${item.hei} vill gärna ha er uppföljning av ${about} senast ${item.dueOn}: fem frågor om vad utbildningen har gett er.`,
      `${item.hei} would like your follow-up of ${aboutEn} by ${item.dueOn}: five questions on what the course has given you.`,
    ].join('\n\n'),
  };
}
