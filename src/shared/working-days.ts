import Holidays from 'date-holidays';

/**
 * Swedish working days: not Saturday or Sunday, not a public holiday, and not midsommarafton,
 * julafton or nyårsafton (not public holidays in law, but days off by agreement almost everywhere).
 * Calendar days are those of Europe/Stockholm.
 */
const ZONE = 'Europe/Stockholm';
const holidays = new Holidays('SE', { timezone: ZONE });

/** YYYY-MM-DD of an instant in Stockholm. */
export function stockholmDate(instant: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

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

/** The instant a Stockholm calendar day starts (00:00 local time, whatever the DST offset). */
export function startOfStockholmDay(isoDate: string): Date {
  const noonUtc = new Date(`${isoDate}T12:00:00Z`);
  const localNoon = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    hour: '2-digit',
    hourCycle: 'h23',
  }).format(noonUtc);
  const offsetHours = Number(localNoon) - 12; // +1 in winter, +2 in summer
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - offsetHours * 3_600_000);
}

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

/** The calendar day `days` after (or before, when negative) `day` (YYYY-MM-DD). */
export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
