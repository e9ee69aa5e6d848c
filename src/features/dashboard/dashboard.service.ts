import type { Db } from '../../db/client.ts';
import { type FigureWindow, figureWindow } from '../../db/figure-window.ts';
import { everyMonth, type KeyFigurePeriod } from '../../shared/periods.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { agreementFigures } from '../agreements/agreements.service.ts';
import { caseFigures, caseOpenedAt } from '../cases/cases.service.ts';
import { openStages } from '../cases/stages.ts';
import { credentialsIssuedIn } from '../credentials/credentials.service.ts';
import { sessionsGiven } from '../delivery/delivery.service.ts';
import { creditsOfDesigns } from '../design/design.service.ts';
import { heiEvaluations } from '../evaluation/evaluation.service.ts';
import { outturnFigures } from '../outturn/outturn.service.ts';
import { participantTallies } from '../participants/participants.service.ts';
import { proposalDesigns, proposalFigures } from '../proposals/proposals.service.ts';
import { type Actor, actingHei } from '../tenancy/tenancy.service.ts';
import { DASHBOARD_READERS, type Dashboard } from './dashboard.contract.ts';

const ratio = (part: number, whole: number) => (whole ? part / whole : null);

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Days from each case's opening to its agreement's signing, the median rounded to whole days. */
async function medianDaysToAgreement(db: Db, signed: { caseId: string; signedAt: Date }[]) {
  const opened = await caseOpenedAt(
    db,
    signed.map((s) => s.caseId),
  );
  const days = signed.flatMap((s) => {
    const from = opened.get(s.caseId);
    return from ? [(s.signedAt.getTime() - from.getTime()) / 86_400_000] : [];
  });
  const middle = median(days);
  return middle === null ? null : Math.round(middle);
}

/** Signed agreements by month of signing (Swedish time), every month of the period. */
function signedByMonth(signed: { priceOre: number; signedAt: Date }[], window: FigureWindow) {
  const value = new Map<string, number>();
  const counted = new Map<string, number>();
  for (const s of signed) {
    const month = stockholmDate(s.signedAt).slice(0, 7);
    value.set(month, (value.get(month) ?? 0) + s.priceOre);
    counted.set(month, (counted.get(month) ?? 0) + 1);
  }
  return everyMonth(
    [...counted].map(([key, n]) => ({ key, count: n })),
    window.firstDay,
    window.lastDay,
  ).map((m) => ({ ...m, valueOre: value.get(m.key) ?? 0 }));
}

/**
 * How much contract education the period held: the participants of the agreements signed in it (and the credits
 * those who meet the entry requirements take, as full-time equivalents), the sessions given and the
 * micro-credentials issued. Agreements, not calendar terms, carry the participants: a course is counted when it was
 * agreed, as its revenue is.
 */
async function volumeFigures(
  db: Db,
  heiId: string,
  signed: { id: string; proposalId: string }[],
  window: FigureWindow,
): Promise<Dashboard['volume']> {
  const [tallies, designOf, sessions, credentialsIssued] = await Promise.all([
    participantTallies(
      db,
      signed.map((a) => a.id),
    ),
    proposalDesigns(db, { proposalIds: signed.map((a) => a.proposalId) }),
    sessionsGiven(db, heiId, window.firstDay, window.lastDay),
    credentialsIssuedIn(db, heiId, window),
  ]);
  const creditsOf = await creditsOfDesigns(db, [...new Set(designOf.values())]);
  let participants = 0;
  let creditParticipants = 0;
  let credits = 0;
  for (const a of signed) {
    const tally = tallies.get(a.id) ?? { all: 0, credits: 0 };
    const each = creditsOf.get(designOf.get(a.proposalId) ?? '') ?? 0;
    participants += tally.all;
    // a certificate course gives no credits, whoever meets the entry requirements
    if (each > 0) creditParticipants += tally.credits;
    credits += tally.credits * each;
  }
  return {
    participants,
    creditParticipants,
    credits,
    fullTimeEquivalents: Math.round((credits / 60) * 100) / 100,
    sessionsGiven: sessions.count,
    teachingHours: sessions.hours,
    credentialsIssued,
  };
}

/** The active HEI's key figures for a period (the pipeline is as it stands now). */
export async function dashboard(db: Db, actor: Actor, period: KeyFigurePeriod): Promise<Dashboard> {
  const hei = await actingHei(db, actor, DASHBOARD_READERS);
  const window = figureWindow(period);
  const today = stockholmDate(new Date());
  const cases = await caseFigures(db, hei.id, window);
  const proposals = await proposalFigures(db, hei.id, window);
  const agreements = await agreementFigures(db, hei.id, window, today);
  const { totals } = await heiEvaluations(db, actor);
  const byStage = openStages.map((stage) => ({ stage, count: cases.openByStage.get(stage) ?? 0 }));
  return {
    hei: { id: hei.id, name: hei.name },
    period,
    since: window.firstDay,
    until: window.lastDay,
    pipeline: {
      open: byStage.reduce((sum, s) => sum + s.count, 0),
      byStage,
      byOwner: cases.openByOwner,
      awaitingAnswer: proposals.awaiting,
    },
    cases: {
      opened: cases.opened,
      ...cases.closed,
      winRate: ratio(cases.closed.won, cases.closed.won + cases.closed.lost),
      wonBySector: cases.wonBySector,
      tenders: {
        ...cases.tenders,
        winRate: ratio(cases.tenders.won, cases.tenders.won + cases.tenders.lost),
      },
    },
    proposals: {
      sent: proposals.sent,
      accepted: proposals.accepted,
      declined: proposals.declined,
      hitRate: ratio(proposals.accepted.valueOre, proposals.accepted.valueOre + proposals.declined.valueOre),
    },
    agreements: {
      signed: {
        count: agreements.signed.length,
        valueOre: agreements.signed.reduce((sum, s) => sum + s.priceOre, 0),
      },
      byMonth: signedByMonth(agreements.signed, window),
      medianDaysToAgreement: await medianDaysToAgreement(db, agreements.signed),
      dueInPeriodOre: agreements.dueInPeriodOre,
      dueNextYearOre: agreements.dueNextYearOre,
    },
    volume: await volumeFigures(db, hei.id, agreements.signed, window),
    outturn: await outturnFigures(db, hei.id, window),
    evaluations: totals,
  };
}
