// Money and shares as people type them (Swedish decimal comma or a point, spaces between thousands) and
// as the API keeps them: integer öre (100 öre = 1 krona) and basis points (4 150 = 41.50 %). Parsing works
// on the digits as text, so "450,50" is 45 050 öre exactly — no binary fractions on the way.

const spaces = /[\s\u00a0\u202f]/g;

/** A non-negative decimal with at most two decimals, in hundredths; null when it is not one. */
function parseHundredths(text: string): number | null {
  const match = text.replace(spaces, '').match(/^(\d{1,12})(?:[.,](\d{0,2}))?$/);
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** "450,50" (kronor) → 45 050 öre; null for anything else than an amount with at most two decimals. */
export const parseKronor = (text: string): number | null => parseHundredths(text);

/** "41,5" (%) → 4 150 basis points; null for anything else than a percentage with at most two decimals. */
export const parsePercent = (text: string): number | null => parseHundredths(text.replace(/%\s*$/, ''));

/** A whole number (participants, trips, hours a year); null when it is not one. */
export function parseWhole(text: string): number | null {
  const trimmed = text.replace(spaces, '');
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : null;
}

/** Hours, with decimals ("7,5"); an empty field is 0 hours. Null when it is not a number. */
export function parseHours(text: string): number | null {
  const trimmed = text.replace(spaces, '');
  if (trimmed === '') return 0;
  const match = trimmed.match(/^(\d{1,6})(?:[.,](\d{1,2}))?$/);
  return match ? Number(`${match[1]}.${match[2] ?? '0'}`) : null;
}

/** "12, 25" or "12 25" → [12, 25]; null when one of them is not a whole number above zero. */
export function parseGroupSizes(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  const sizes = parts.map((p) => (/^\d{1,5}$/.test(p) ? Number(p) : 0));
  return sizes.every((s) => s >= 1) ? sizes : null;
}

/**
 * Hundredths as an input shows them, with the decimal mark of the language: öre as "450,50" or "550",
 * basis points as "41,5" (`trim`: no trailing zero).
 */
export function hundredthsToInput(value: number, decimalMark: ',' | '.', trim = false): string {
  const whole = Math.trunc(value / 100);
  const fraction = value % 100;
  if (fraction === 0) return String(whole);
  const digits = String(fraction).padStart(2, '0');
  return `${whole}${decimalMark}${trim ? digits.replace(/0$/, '') : digits}`;
}
