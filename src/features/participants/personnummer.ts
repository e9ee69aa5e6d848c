import { luhnValid } from '../tenancy/org-number.ts';

/**
 * Swedish personal identity numbers (personnummer, and samordningsnummer: day + 60) as people write
 * them: YYMMDD-NNNN, YYMMDD+NNNN (100 years or older), YYYYMMDD-NNNN or without the separator. Checked
 * for format, a real date of birth, the Luhn check digit over the ten digits, and an age a participant
 * of working life can have (15 to 100 years).
 */
export type PersonnummerCheck =
  | { ok: true; normalised: string; birthDate: string; coordinationNumber: boolean }
  | { ok: false; reason: 'format' | 'date' | 'checksum' | 'age' };

export const personnummerMessages: Record<
  Exclude<PersonnummerCheck, { ok: true }>['reason'],
  { sv: string; en: string }
> = {
  format: { sv: 'är inte ett personnummer (ÅÅÅÅMMDD-NNNN)', en: 'is not a personnummer (YYYYMMDD-NNNN)' },
  date: { sv: 'har inget giltigt födelsedatum', en: 'has no valid date of birth' },
  checksum: { sv: 'har fel kontrollsiffra', en: 'has a wrong check digit' },
  age: { sv: 'ger en ålder under 15 eller över 100 år', en: 'gives an age under 15 or over 100' },
};

const MIN_AGE = 15;
const MAX_AGE = 100;

export function checkPersonnummer(input: string, today: string): PersonnummerCheck {
  const m = input.trim().match(/^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/);
  if (!m) return { ok: false, reason: 'format' };
  const [, century, yy = '', mm = '', ddRaw = '', separator, last = ''] = m;
  const day = Number(ddRaw);
  const coordinationNumber = day > 60;
  const dd = String(coordinationNumber ? day - 60 : day).padStart(2, '0');
  const todayYear = Number(today.slice(0, 4));
  let year: number;
  if (century) year = Number(`${century}${yy}`);
  else {
    // the century from the separator: '+' means a hundred years or older
    year = Math.floor(todayYear / 100) * 100 + Number(yy);
    if (`${year}${mm}${dd}` > today.replaceAll('-', '')) year -= 100;
    if (separator === '+') year -= 100;
  }
  const birthDate = `${year}-${mm}-${dd}`;
  const date = new Date(`${birthDate}T12:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birthDate)
    return { ok: false, reason: 'date' };
  if (!luhnValid(`${yy}${mm}${ddRaw}${last}`)) return { ok: false, reason: 'checksum' };
  const birthday = `${today.slice(0, 4)}${mm}${dd}` <= today.replaceAll('-', '').slice(0, 8) ? 0 : 1;
  const age = todayYear - year - birthday;
  if (age < MIN_AGE || age > MAX_AGE) return { ok: false, reason: 'age' };
  return { ok: true, normalised: `${year}${mm}${ddRaw}-${last}`, birthDate, coordinationNumber };
}

/** Shown where the whole number is not needed: the date of birth, the last four hidden. */
export const maskPersonnummer = (normalised: string) => `${normalised.slice(0, 8)}-****`;
