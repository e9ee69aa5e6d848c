import Holidays from 'date-holidays';
import { STOCKHOLM, startOfStockholmDay, stockholmDate } from './stockholm-days.ts';

/**
 * Swedish working days: not Saturday or Sunday, not a public holiday, and not midsommarafton,
 * julafton or nyårsafton (not public holidays in law, but days off by agreement almost everywhere).
 * Calendar days are those of Europe/Stockholm.
 */
const holidays = new Holidays('SE', { timezone: STOCKHOLM });
const inEnglish = new Holidays('SE', { timezone: STOCKHOLM, languages: ['en'] });

export function isWorkingDay(isoDate: string): boolean {
  const weekday = new Date(`${isoDate}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidayOn(isoDate);
}

/** The public holiday (or the eve taken off) on a day, named in Swedish and English, e.g. "Kristi himmelsfärdsdag". */
export function holidayOn(isoDate: string): { sv: string; en: string } | null {
  const noon = new Date(`${isoDate}T12:00:00Z`);
  const dayOff = (h: { type: string }) => h.type === 'public' || h.type === 'bank';
  const sv = (holidays.isHoliday(noon) || []).find(dayOff)?.name;
  if (!sv) return null;
  return { sv, en: (inEnglish.isHoliday(noon) || []).find(dayOff)?.name ?? sv };
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
