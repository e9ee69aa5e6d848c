/**
 * Calendar days in Sweden: the date of an instant in Europe/Stockholm, the instant a day starts there, and
 * days counted from a date. Kept apart from the working-day rules (working-days.ts), whose holiday tables
 * are large: the web app uses these and should not load those.
 */
export const STOCKHOLM = 'Europe/Stockholm';

/** YYYY-MM-DD of an instant in Stockholm. */
export function stockholmDate(instant: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: STOCKHOLM,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** YYYY-MM-DD HH:MM of an instant in Stockholm (24-hour clock), as records and registries write it. */
export function stockholmDateTime(instant: Date): string {
  const time = new Intl.DateTimeFormat('sv-SE', {
    timeZone: STOCKHOLM,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${stockholmDate(instant)} ${time}`;
}

/** The instant a Stockholm calendar day starts (00:00 local time, whatever the DST offset). */
export function startOfStockholmDay(isoDate: string): Date {
  const noonUtc = new Date(`${isoDate}T12:00:00Z`);
  const localNoon = new Intl.DateTimeFormat('en-GB', {
    timeZone: STOCKHOLM,
    hour: '2-digit',
    hourCycle: 'h23',
  }).format(noonUtc);
  const offsetHours = Number(localNoon) - 12; // +1 in winter, +2 in summer
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - offsetHours * 3_600_000);
}

/** The calendar day `days` after (or before, when negative) `day` (YYYY-MM-DD). */
export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Whole calendar days from `from` to `to` (YYYY-MM-DD): negative when `to` is earlier. */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
