import type { Db } from '../../db/client.ts';
import { everyMonth, type FigurePeriod, periodStart } from '../../shared/periods.ts';
import { startOfStockholmDay, stockholmDate } from '../../shared/stockholm-days.ts';
import { agreementFigures } from '../agreements/agreements.service.ts';
import { caseFigures, caseOpenedAt } from '../cases/cases.service.ts';
import { openStages } from '../cases/stages.ts';
import { heiEvaluations } from '../evaluation/evaluation.service.ts';
import { outturnFigures } from '../outturn/outturn.service.ts';
import { proposalFigures } from '../proposals/proposals.service.ts';
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
function signedByMonth(signed: { priceOre: number; signedAt: Date }[], since: string | null) {
  const value = new Map<string, number>();
  const counted = new Map<string, number>();
  for (const s of signed) {
    const month = stockholmDate(s.signedAt).slice(0, 7);
    value.set(month, (value.get(month) ?? 0) + s.priceOre);
    counted.set(month, (counted.get(month) ?? 0) + 1);
  }
  return everyMonth(
    [...counted].map(([key, n]) => ({ key, count: n })),
    since,
  ).map((m) => ({ ...m, valueOre: value.get(m.key) ?? 0 }));
}

/** The active HEI's key figures for a period (the pipeline is as it stands now). */
export async function dashboard(db: Db, actor: Actor, period: FigurePeriod): Promise<Dashboard> {
  const hei = await actingHei(db, actor, DASHBOARD_READERS);
  const firstDay = periodStart(period);
  const since = firstDay ? startOfStockholmDay(firstDay) : null;
  const today = stockholmDate(new Date());
  const cases = await caseFigures(db, hei.id, since);
  const proposals = await proposalFigures(db, hei.id, since);
  const agreements = await agreementFigures(db, hei.id, since, today);
  const { totals } = await heiEvaluations(db, actor);
  const byStage = openStages.map((stage) => ({ stage, count: cases.openByStage.get(stage) ?? 0 }));
  return {
    hei: { id: hei.id, name: hei.name },
    period,
    since: firstDay,
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
      byMonth: signedByMonth(agreements.signed, firstDay),
      medianDaysToAgreement: await medianDaysToAgreement(db, agreements.signed),
      dueInPeriodOre: agreements.dueInPeriodOre,
      dueNextYearOre: agreements.dueNextYearOre,
    },
    outturn: await outturnFigures(db, hei.id, since),
    evaluations: totals,
  };
}
