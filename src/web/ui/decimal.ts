/** The decimal mark of the interface's language: Swedish writes "7,5", English "7.5". */
export const decimalMark = (language: string): ',' | '.' => (language === 'en' ? '.' : ',');

/** A number as a field shows it, with the decimal mark of the language. */
export const numberText = (n: number | null | undefined, mark: ',' | '.') =>
  n === null || n === undefined ? '' : String(n).replace('.', mark);

/**
 * A decimal typed with comma or point ("7,5" or "7.5", whichever the person's keyboard gives); '' → null;
 * undefined when it is not a number. A field of type "number" cannot be used for this: the browser reads "0,5"
 * by its own locale, and a controlled field turned it into "05".
 */
export function parseDecimal(text: string): number | null | undefined {
  const trimmed = text.replace(/[\s\u00a0]/g, '');
  if (trimmed === '') return null;
  const match = trimmed.match(/^(\d{1,6})(?:[.,](\d{1,2}))?$/);
  return match ? Number(`${match[1]}.${match[2] ?? '0'}`) : undefined;
}
