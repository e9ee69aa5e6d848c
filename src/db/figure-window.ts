import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { type KeyFigurePeriod, periodDays } from '../shared/periods.ts';
import { addDays, startOfStockholmDay } from '../shared/stockholm-days.ts';

/**
 * What a period of key figures covers: instants from `since` (null: all time) up to, not including, `until` —
 * the start of the day after its last — and the same as days (YYYY-MM-DD, both included), Swedish time.
 */
export type FigureWindow = { since: Date | null; until: Date; firstDay: string | null; lastDay: string };

export function figureWindow(period: KeyFigurePeriod, today = new Date()): FigureWindow {
  const { first, last } = periodDays(period, today);
  return {
    since: first ? startOfStockholmDay(first) : null,
    until: startOfStockholmDay(addDays(last, 1)),
    firstDay: first,
    lastDay: last,
  };
}

/** SQL: the column's instant lies in the window (a null one does not). */
export function inWindow(column: AnyColumn | SQL, window: FigureWindow): SQL {
  const until = window.until.toISOString();
  return window.since
    ? sql`(${column} >= ${window.since.toISOString()} and ${column} < ${until})`
    : sql`${column} < ${until}`;
}

/** The instant lies in the window. */
export const isInWindow = (instant: Date, window: FigureWindow) =>
  (!window.since || instant >= window.since) && instant < window.until;
