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
 * Every month (YYYY-MM) from the period's first (or, for all time, the first with a figure) to this one,
 * with none missing: months without a figure get 0.
 */
export function everyMonth(
  figures: { key: string; count: number }[],
  since: string | null,
  today = new Date(),
) {
  const byMonth = new Map(figures.map((c) => [c.key, c.count]));
  const first = since?.slice(0, 7) ?? [...byMonth.keys()].sort()[0];
  if (!first) return [];
  const last = stockholmDate(today).slice(0, 7);
  const months: { key: string; count: number }[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let key = first; key <= last; ) {
    months.push({ key, count: byMonth.get(key) ?? 0 });
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
    key = `${year}-${String(month).padStart(2, '0')}`;
  }
  return months;
}
