// Spreadsheet-friendly CSV as Polish Excel and LibreOffice expect it: UTF-8 with BOM, semicolons,
// decimal comma, CRLF line ends, fields quoted when needed.
import { formatMoney } from './money.ts';

export type Cell = string | number | null | undefined | { digits: string };

function quote(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'object') return /^\d+$/.test(cell.digits) ? `"=""${cell.digits}"""` : quote(cell.digits);
  const s = typeof cell === 'number' ? String(cell).replace('.', ',') : cell;
  // A leading =, +, - or @ would run as a formula in Excel (CSV injection): prefix a quote.
  const numeric = /^-?\d+(,\d+)?$/.test(s);
  const safe = !numeric && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: Cell[][]): string {
  return '\ufeff' + rows.map((r) => r.map(quote).join(';')).join('\r\n') + '\r\n';
}

/** Grosze as "1234,56" (no grouping, no currency) for a numeric spreadsheet cell. */
export function csvMoney(grosze: number): string {
  return formatMoney(grosze, false).replace(/\u00a0/g, '');
}

/**
 * A number that must stay text in a spreadsheet (PESEL, account numbers): written as ="…", which Excel
 * shows as the plain digits with leading zeros kept (PESEL of people born in 2000–2009 start with 0).
 * Anything that is not all digits is written as an ordinary cell.
 */
export function csvDigits(value: string): Cell {
  return { digits: value };
}
