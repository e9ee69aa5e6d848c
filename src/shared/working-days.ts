import Holidays from 'date-holidays';
import { STOCKHOLM, startOfStockholmDay, stockholmDate } from './stockholm-days.ts';

/**
 * Swedish working days: not Saturday or Sunday, not a public holiday, and not midsommarafton,
 * julafton or nyårsafton (not public holidays in law, but days off by agreement almost everywhere).
 * Calendar days are those of Europe/Stockholm.
 */
const holidays = new Holidays('SE', { timezone: STOCKHOLM });

export function isWorkingDay(isoDate: string): boolean {
  const weekday = new Date(`${isoDate}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const found = holidays.isHoliday(new Date(`${isoDate}T12:00:00Z`));
  if (!found) return true;
  return !found.some((h) => h.type === 'public' || h.type === 'bank');
}

const nextDate = (isoDate: string) => {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * The deadline "within N working days" of `from`: the end of the Nth working day after the day of
 * `from` (an inquiry on Friday afternoon with a two-day target is due by the end of Tuesday).
 */
export function workingDaysDeadline(from: Date, days: number): Date {
  let date = stockholmDate(from);
  let counted = 0;
  while (counted < days) {
    date = nextDate(date);
    if (isWorkingDay(date)) counted += 1;
  }
  return startOfStockholmDay(nextDate(date));
}
