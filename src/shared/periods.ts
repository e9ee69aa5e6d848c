import { z } from 'zod';
import { stockholmDate } from './stockholm-days.ts';

/** A period of figures: the last 12 or 36 whole calendar months (Swedish time, this one included), or all. */
export const figurePeriods = ['12m', '36m', 'all'] as const;
export type FigurePeriod = (typeof figurePeriods)[number];

/** The first day of the period: the first of the month 11 (or 35) months back, Swedish time; null: all. */
export function periodStart(period: FigurePeriod, today = new Date()): string | null {
  if (period === 'all') return null;
  const [year, month] = stockholmDate(today).split('-').map(Number) as [number, number];
  const first = year * 12 + (month - 1) - ((period === '12m' ? 12 : 36) - 1);
  return `${Math.floor(first / 12)}-${String((first % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * Every month (YYYY-MM) from the period's first (or, for all time, the first with a figure) to this one (or to
 * the period's last day's),
 * with none missing: months without a figure get 0.
 */
export function everyMonth(
  figures: { key: string; count: number }[],
  since: string | null,
  today: Date | string = new Date(),
) {
  const byMonth = new Map(figures.map((c) => [c.key, c.count]));
  const first = since?.slice(0, 7) ?? [...byMonth.keys()].sort()[0];
  if (!first) return [];
  // the period's last day (YYYY-MM-DD), or the moment that is today
  const last = (typeof today === 'string' ? today : stockholmDate(today)).slice(0, 7);
  const months: { key: string; count: number }[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let key = first; key <= last; ) {
    months.push({ key, count: byMonth.get(key) ?? 0 });
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
    key = `${year}-${String(month).padStart(2, '0')}`;
  }
  return months;
}

/**
 * A period of an HEI's key figures: a rolling one, or a calendar year ("2025") — a Swedish authority's financial
 * year, which its annual report follows.
 */
export type KeyFigurePeriod = FigurePeriod | `${number}`;

/** How many calendar years the key figures offer: this one and those before it. */
const YEARS_OFFERED = 5;

/** The calendar years the key figures offer, newest first: this one (Swedish time) and the four before it. */
export function recentYears(today = new Date()): `${number}`[] {
  const year = Number(stockholmDate(today).slice(0, 4));
  return Array.from({ length: YEARS_OFFERED }, (_, i) => `${year - i}` as `${number}`);
}

/** Whether a period is a calendar year from 2000 to this one (a year ahead holds no figures yet). */
export function isOfferedYear(period: string, today = new Date()): period is `${number}` {
  return /^20\d{2}$/.test(period) && period <= stockholmDate(today).slice(0, 4);
}

/**
 * The days a period covers, both included (YYYY-MM-DD, Swedish time): a rolling period from its first day to
 * today; a calendar year from 1 January to 31 December, or to today while it runs. first null: all time.
 */
export function periodDays(
  period: KeyFigurePeriod,
  today = new Date(),
): { first: string | null; last: string } {
  const todayDate = stockholmDate(today);
  if (period === '12m' || period === '36m' || period === 'all')
    return { first: periodStart(period, today), last: todayDate };
  const yearEnd = `${period}-12-31`;
  return { first: `${period}-01-01`, last: yearEnd < todayDate ? yearEnd : todayDate };
}

/** A rolling period, or a calendar year from 2000 to this one (Swedish time), as a query parameter. */
export const keyFigurePeriodSchema = z
  .union([
    z.enum(figurePeriods),
    z
      .string()
      .refine((year) => isOfferedYear(year), 'a calendar year from 2000 to this one')
      .transform((year) => year as `${number}`),
  ])
  .describe('12m, 36m, all, or a calendar year ("2025")');

/** The period a response's figures cover. */
export const keyFigurePeriodOut = z.union([z.enum(figurePeriods), z.string().regex(/^\d{4}$/)]);
