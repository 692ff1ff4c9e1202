// One way to write each measure, shared by the page and the PDF; the spreadsheet gets bare numbers.
import { csvMoney, toCsv, type Cell } from '../../lib/csv.ts';
import { formatBasisPoints, formatHours, formatMoney } from '../../lib/money.ts';
import type { Measure, ReportDocument } from './report-model.ts';

export function formatValue(v: number | null | undefined, m: Measure): string {
  if (v === null || v === undefined) return '—';
  switch (m) {
    case 'count':
      return String(v);
    case 'minutes':
      return formatHours(v);
    case 'grosze':
      return formatMoney(v);
    case 'bp':
      return formatBasisPoints(v);
    case 'score':
      return formatMoney(v, false);
  }
}

/** Spreadsheet cell: numbers a spreadsheet can add up (decimal comma, no currency or % sign). */
export function csvValue(v: number | null | undefined, m: Measure): Cell {
  if (v === null || v === undefined) return '';
  switch (m) {
    case 'count':
      return v;
    case 'minutes':
      return formatHours(v);
    case 'grosze':
      return csvMoney(v);
    case 'bp':
    case 'score':
      return formatMoney(v, false);
  }
}

const UNIT: Record<Measure, string> = { count: '', minutes: ' (h)', grosze: ' (zł)', bp: ' (%)', score: '' };

export function reportCsv(r: ReportDocument, centreName: string): string {
  const rows: Cell[][] = [[r.title], [centreName], [`Okres: ${r.from} – ${r.to}`], [r.closed ? `Okres zamknięty ${r.closed.at.slice(0, 10)}` : `Stan na ${r.generatedAt.slice(0, 10)}`], []];
  for (const section of r.sections) {
    rows.push([section.title.toUpperCase()]);
    for (const t of section.tables) {
      rows.push([t.title]);
      rows.push(['Wyszczególnienie', ...t.columns.map((c) => `${c.label}${UNIT[c.measure]}`)]);
      for (const row of [...t.rows, ...(t.total ? [t.total] : [])]) {
        rows.push([row.label, ...row.values.map((v, i) => csvValue(v, t.columns[i]!.measure))]);
      }
      if (t.note) rows.push([t.note]);
      rows.push([]);
    }
  }
  return toCsv(rows);
}
