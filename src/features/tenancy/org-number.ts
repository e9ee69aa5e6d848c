/**
 * Swedish organisationsnummer: ten digits (NNNNNN-NNNN), the last a Luhn check digit, and the
 * third digit at least 2 — which is what tells a legal person's number from a personnummer
 * (whose third and fourth digits are a month, 01–12). The twelve-digit form "16NNNNNNNNNN" is accepted.
 */
export type OrgNumberCheck =
  | { ok: true; value: string; formatted: string }
  | { ok: false; reason: 'format' | 'checksum' | 'personal_identity_number' };

export function checkOrgNumber(input: string): OrgNumberCheck {
  const compact = input.trim().replace(/[\s-]/g, '');
  if (!/^\d+$/.test(compact)) return { ok: false, reason: 'format' };
  let digits = compact;
  if (digits.length === 12) {
    if (!digits.startsWith('16'))
      return { ok: false, reason: luhnValid(digits.slice(2)) ? 'personal_identity_number' : 'format' };
    digits = digits.slice(2);
  }
  if (digits.length !== 10) return { ok: false, reason: 'format' };
  if (!luhnValid(digits)) return { ok: false, reason: 'checksum' };
  if (Number(digits[2]) < 2) return { ok: false, reason: 'personal_identity_number' };
  return { ok: true, value: digits, formatted: formatOrgNumber(digits) };
}

export const formatOrgNumber = (digits: string) => `${digits.slice(0, 6)}-${digits.slice(6)}`;

export const orgNumberMessages: Record<Exclude<OrgNumberCheck, { ok: true }>['reason'], string> = {
  format: 'must be ten digits, written NNNNNN-NNNN',
  checksum: 'has a wrong check digit (the last digit does not match)',
  personal_identity_number:
    'looks like a personnummer (a private person); contract education is bought by legal persons, so use the organisationsnummer',
};

/** Luhn (modulus 10) over all digits, the rightmost being the check digit. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The check digit that makes the first nine digits a valid number (used by factories and the demo seed). */
export function withCheckDigit(nine: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${nine}${d}`)) return `${nine}${d}`;
  throw new Error('unreachable');
}

/**
 * The sector an organisation number's group (its first digit) tells: 2 is the state, municipalities, regions and
 * other public bodies; 8 non-profit associations and foundations; every other group (limited companies,
 * partnerships, economic associations, foreign companies) private. It tells the legal form, not the owner: a
 * municipal company is a limited company (group 5) and reads as private here.
 */
export function sectorOfOrgNumber(orgNumber: string): 'public' | 'private' | 'non_profit' {
  const group = orgNumber.trim()[0];
  return group === '2' ? 'public' : group === '8' ? 'non_profit' : 'private';
}
