import type { Db } from '../../db/client.ts';
import { addDays, stockholmDate } from '../../shared/stockholm-days.ts';
import { paymentsToInvoice } from '../agreements/agreements.service.ts';
import { caseSummariesOf, myWork, openCaseIdsOwnedBy } from '../cases/cases.service.ts';
import { overlaps } from '../delivery/delivery.contract.ts';
import { clashingSessionsOfCases, sessionsTaughtBy } from '../delivery/delivery.service.ts';
import { frameworksEndingSoon } from '../frameworks/frameworks.service.ts';
import { awaitingAnswer } from '../inquiries/inquiries.service.ts';
import { outturnsToMake } from '../outturn/outturn.service.ts';
import type { Actor } from '../tenancy/tenancy.service.ts';
import type { Overview } from './overview.contract.ts';

/** How far ahead a person's own sessions are listed: two weeks, today included. */
const SESSION_DAYS = 14;
/** How far ahead the sessions of a person's own cases are checked for clashes: eight weeks, today included. */
const CLASH_DAYS = 56;
/** How many of those clashes the overview lists (it says how many there are in all). */
const CLASHES_LISTED = 20;

/** A person's overview at the active HEI: their tasks, cases and sessions, and the inquiries waiting for an answer. */
export async function overview(db: Db, actor: Actor): Promise<Overview> {
  const work = await myWork(db, actor); // checks that the person works at an HEI
  const today = stockholmDate(new Date());
  const [inquiries, everywhere, payments, frameworksEnding, outturns, clashes] = await Promise.all([
    awaitingAnswer(db, actor),
    // at every HEI, to see a clash with another HEI's session; the overview lists this HEI's
    sessionsTaughtBy(db, actor.userId, {
      from: today,
      to: addDays(today, SESSION_DAYS - 1),
      limit: 200,
    }),
    paymentsToInvoice(db, actor, work.hei.id, today),
    frameworksEndingSoon(db, actor, work.hei.id, today),
    outturnsToMake(db, actor, work.hei.id),
    openCaseIdsOwnedBy(db, work.hei.id, actor.userId).then((caseIds) =>
      clashingSessionsOfCases(db, work.hei.id, caseIds, { from: today, to: addDays(today, CLASH_DAYS - 1) }),
    ),
  ]);
  const cases = await caseSummariesOf(db, work.hei.id, payments?.items.map((p) => p.caseId) ?? []);
  return {
    ...work,
    inquiries,
    frameworksEnding,
    outturns,
    clashes: { total: clashes.length, items: clashes.slice(0, CLASHES_LISTED) },
    invoicing: payments && {
      ...payments,
      items: payments.items.map((p) => ({ ...p, caseReference: cases.get(p.caseId)?.reference ?? '' })),
    },
    // what the overview shows of each: the day, times, place and content, and the course to go to
    sessions: everywhere
      .filter((s) => s.heiId === work.hei.id)
      .slice(0, 50)
      .map(({ id, caseId, courseTitle, day, startsAt, endsAt, place, topic }) => ({
        id,
        caseId,
        courseTitle,
        day,
        startsAt,
        endsAt,
        place,
        topic,
        clash: everywhere.some((other) => other.id !== id && overlaps(other, { day, startsAt, endsAt })),
      })),
  };
}
