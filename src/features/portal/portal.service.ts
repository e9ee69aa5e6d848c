import type { Db } from '../../db/client.ts';
import { stockholmDate } from '../../shared/working-days.ts';
import { customerAgreements } from '../agreements/agreements.service.ts';
import { casesForCustomer } from '../cases/cases.service.ts';
import { participantCounts } from '../participants/participants.service.ts';
import { customerProposals } from '../proposals/proposals.service.ts';
import type { PortalToDo } from './portal.contract.ts';

/**
 * What waits for the customer, soonest due first: proposals to answer while they are valid, agreements and
 * addenda the HEI has signed and the customer has not, the invoice reference of a signed agreement, and the
 * participants of a signed agreement until its deadline. No access check (the caller acts for the customer).
 */
export async function customerToDo(db: Db, customerId: string, now = new Date()): Promise<PortalToDo[]> {
  const today = stockholmDate(now);
  const [{ proposals }, { agreements }, cases] = await Promise.all([
    customerProposals(db, customerId),
    customerAgreements(db, customerId),
    casesForCustomer(db, customerId),
  ]);
  const references = new Map(cases.map((c) => [c.id, c.reference]));
  const signed = agreements.filter((a) => a.status === 'signed');
  const designated = await participantCounts(
    db,
    signed.map((a) => a.id),
  );
  const item = (
    kind: PortalToDo['kind'],
    on: { caseId: string; hei: { name: string }; title: string },
    more: Partial<Pick<PortalToDo, 'addendum' | 'dueOn' | 'designated'>> = {},
  ): PortalToDo => ({
    kind,
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
      .filter((a) => a.participantsDeadline >= today)
      .map((a) =>
        item('designate_participants', a, {
          dueOn: a.participantsDeadline,
          designated: designated.get(a.id) ?? 0,
        }),
      ),
  ];
  // soonest due first; undated after, in the order above
  return toDo
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => (a.entry.dueOn ?? '9999').localeCompare(b.entry.dueOn ?? '9999') || a.order - b.order)
    .map(({ entry }) => entry);
}
