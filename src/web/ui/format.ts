import { useTranslation } from 'react-i18next';
import { type SubjectAreaCode, subjectAreas } from '../../shared/subject-areas.ts';

/** Dates and times in the interface language (Swedish or British English conventions). */
export function useFormat() {
  return formatFor(useTranslation().i18n);
}

/** The formats of `useFormat` for a language, outside React (`i18n.language`: "sv" or "en"). */
export function formatFor(i18n: { language: string }) {
  const locale = i18n.language === 'en' ? 'en-GB' : 'sv-SE';
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric' });
  const swedishDay = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Europe/Stockholm' });
  /** A number with up to one decimal (or `digits`), as the interface language writes it (12,3 / 12.3). */
  const number = (value: number, digits = 1) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  // the interface language's version of a text, else the other one
  const pickedLanguage = (text: { sv: string | null; en: string | null }): 'sv' | 'en' =>
    i18n.language === 'en' ? (text.en !== null ? 'en' : 'sv') : text.sv !== null ? 'sv' : 'en';
  return {
    date: (iso: string) => date.format(new Date(iso.length === 10 ? `${iso}T12:00:00` : iso)),
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    /**
     * The last day of a deadline that falls at midnight, Swedish time: "by the end of Tuesday" is stored as
     * Wednesday 00:00 and read as Tuesday (whatever the browser's time zone), so no one reads a day more.
     */
    lastDay: (iso: string) => swedishDay.format(new Date(new Date(iso).getTime() - 1)),
    /** A month (YYYY-MM) short, with its year: "dec. 2026", "Dec 2026". */
    month: (yearMonth: string) => month.format(new Date(`${yearMonth}-15T12:00:00`)),
    subjectArea: (code: string | null) => {
      if (!code) return null;
      const area = subjectAreas.find((s) => s.code === (code as SubjectAreaCode));
      return area ? (i18n.language === 'en' ? area.en : area.sv) : code;
    },
    number,
    /** A figure that may be missing ("–"), a gain with its sign when `signed` ("+1,2"). */
    figure: (value: number | null, { signed = false } = {}) =>
      value === null ? '–' : `${signed && value > 0 ? '+' : ''}${number(value)}`,
    /**
     * An amount in öre as kronor, exactly (no binary fractions): "90 313,57 kr", whole kronor without
     * decimals ("4 516 kr"); in English "SEK 90,313.57".
     */
    kronor: (ore: number) => {
      const sign = ore < 0 ? '-' : '';
      const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(
        Math.trunc(Math.abs(ore) / 100),
      );
      const cents = Math.abs(ore) % 100;
      const mark = locale === 'sv-SE' ? ',' : '.';
      const amount = `${whole}${cents ? `${mark}${String(cents).padStart(2, '0')}` : ''}`;
      return locale === 'sv-SE' ? `${sign}${amount}\u00a0kr` : `${sign}SEK\u00a0${amount}`;
    },
    /** A share in basis points as a percentage: 4150 → "41,5 %" (sv) or "41.5%" (en). */
    percent: (basisPoints: number) =>
      new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(
        basisPoints / 10_000,
      ),
    /** The text in the interface language, else in the other one (taxonomy labels may lack one). */
    pick: (text: { sv: string | null; en: string | null }): string => text[pickedLanguage(text)] ?? '',
    /** The language of what `pick` gives (for `lang` on it: WCAG 3.1.2, language of parts). */
    pickedLanguage,
  };
}

/** The server names missing checklist items as "<Swedish> / <English>": the part in the interface language. */
export { pickBilingual } from '../../shared/bilingual.ts';
