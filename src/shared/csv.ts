/**
 * CSV as Swedish Excel opens it: UTF-8 with a BOM, semicolons between cells, CRLF lines, every text
 * quoted, and cells that start like a formula (= + - @) made inert so an export cannot run code.
 */
export function toCsv(rows: (string | number | null | undefined)[][], decimalComma = true): string {
  const cell = (value: string | number | null | undefined) => {
    if (typeof value === 'number') return decimalComma ? String(value).replace('.', ',') : String(value);
    const text = value ?? '';
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return `"${safe.replaceAll('"', '""')}"`;
  };
  return `\uFEFF${rows.map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;
}
