/**
 * The one way the lobby writes CSV. Staff open these files in Excel or
 * LibreOffice, which run a cell beginning with `=`, `+`, `-` or `@` (or a tab
 * or CR before one) as a formula; a service or counter name comes from the
 * site file or an admin, so it must never reach a spreadsheet as one
 * (OWASP "CSV injection": prefix `'` and quote the cell).
 *
 * A cell typed as a number is a figure the lobby computed and is written as
 * a number (figures are never negative, and a number cannot carry a formula);
 * every string cell is text and is neutralised, even one that looks like "-3".
 */
export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (FORMULA_START.test(value)) return `"'${value.replace(/"/g, '""')}"`;
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRow(...cells: CsvCell[]): string {
  return cells.map(csvCell).join(',');
}

/** Rows (already joined, '' for a blank line) as a file Excel opens as UTF-8: BOM and CRLF. */
export function csvDocument(lines: readonly string[]): string {
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
