// The report as an Excel workbook (XLSX): the same tables as the page, the PDF and the CSV, one sheet, with
// numbers stored as numbers (hours, złote and percent with two decimals) so the director can add them up.
// A blank value (no attendance yet, say) stays an empty cell, as in the CSV.
import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/node';
import type { Measure, ReportDocument } from './report-model.ts';

const UNIT: Record<Measure, string> = { count: '', minutes: ' (h)', grosze: ' (zł)', bp: ' (%)', score: '' };
const FORMAT: Record<Measure, string> = { count: '0', minutes: '0.00', grosze: '#,##0.00', bp: '0.00', score: '0.00' };

/** A report value as the spreadsheet number a reader expects (hours, złote, percent), not the stored unit. */
export function xlsxNumber(v: number, m: Measure): number {
  switch (m) {
    case 'count':
      return v;
    case 'minutes':
      return v / 60;
    case 'grosze':
    case 'bp':
    case 'score':
      return v / 100;
  }
}

function valueCell(v: number | null, m: Measure): Cell {
  return v === null ? null : { value: xlsxNumber(v, m), type: Number, format: FORMAT[m] };
}

export async function reportXlsx(r: ReportDocument, centreName: string): Promise<Buffer> {
  const text = (value: string, extra: { fontWeight?: 'bold' } = {}): Cell => ({ value, type: String, ...extra });
  const rows: Row[] = [
    [text(r.title, { fontWeight: 'bold' })],
    [text(centreName)],
    [text(`Okres: ${r.from} – ${r.to}`)],
    [text(r.closed ? `Okres zamknięty ${r.closed.at.slice(0, 10)}` : `Stan na ${r.generatedAt.slice(0, 10)}`)],
    [],
  ];
  for (const section of r.sections) {
    rows.push([text(section.title.toUpperCase(), { fontWeight: 'bold' })]);
    for (const t of section.tables) {
      rows.push([text(t.title, { fontWeight: 'bold' })]);
      rows.push([text('Wyszczególnienie', { fontWeight: 'bold' }), ...t.columns.map((c) => text(`${c.label}${UNIT[c.measure]}`, { fontWeight: 'bold' }))]);
      for (const row of t.rows) rows.push([text(row.label), ...row.values.map((v, i) => valueCell(v, t.columns[i]!.measure))]);
      if (t.total) rows.push([text(t.total.label, { fontWeight: 'bold' }), ...t.total.values.map((v, i) => valueCell(v, t.columns[i]!.measure))]);
      if (t.note) rows.push([text(t.note)]);
      rows.push([]);
    }
  }
  const widest = Math.max(...rows.map((row) => row.length));
  return writeXlsxFile(rows, {
    sheet: 'Raport',
    columns: [{ width: 60 }, ...Array.from({ length: widest - 1 }, () => ({ width: 16 }))],
  }).toBuffer();
}
