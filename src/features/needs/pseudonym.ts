import { checkOrgNumber } from '../tenancy/org-number.ts';

/**
 * Person level is pseudonymous: a pseudonym such as "Svetsare 3" or "P-17", never something that
 * identifies the person directly. Refuses what looks like an e-mail address or a personnummer
 * (also a samordningsnummer, and also with a wrong check digit: a mistyped personnummer is still one).
 */
const EMAIL = /[^\s@]+@[^\s@]+/;
/** (YY)YYMMDD, an optional separator, four digits — not part of a longer run of digits. */
const IDENTITY_NUMBER_SHAPE = /(?<!\d)(\d{6}|\d{8})[-+ ]?(\d{4})(?!\d)/g;

export function pseudonymProblem(value: string): string | null {
  if (EMAIL.test(value)) return 'looks like an e-mail address; use a pseudonym such as "Svetsare 3"';
  for (const match of value.matchAll(IDENTITY_NUMBER_SHAPE)) {
    const digits = `${match[1]}${match[2]}`;
    const check = checkOrgNumber(digits);
    const yymmdd = digits.slice(-10, -4);
    const month = Number(yymmdd.slice(2, 4));
    const day = Number(yymmdd.slice(4, 6));
    // Samordningsnummer add 60 to the day.
    const dateShaped = month >= 1 && month <= 12 && ((day >= 1 && day <= 31) || (day >= 61 && day <= 91));
    if ((!check.ok && check.reason === 'personal_identity_number') || dateShaped)
      return 'looks like a personnummer; person level is pseudonymous, use a pseudonym such as "Svetsare 3"';
  }
  return null;
}
