// The report as a PDF: the centre's header, every table with its total, then the charts drawn in vector
// graphics, and signature lines for the person preparing it and the director.
import { createPdf, heading, keyValues, MARGIN, signatures, table, type Pdf, type PdfHeader } from '../../pdf/document.ts';
import { formatDate, formatDateTime, parseIsoDate } from '../../lib/dates.ts';
import { drawBarChart } from './report-charts.pdf.ts';
import { formatValue } from './report-format.ts';
import type { ReportDocument, ReportRow, ReportTable } from './report-model.ts';

function drawTable(doc: Pdf, t: ReportTable): void {
  if (doc.y + 70 > doc.page.height - MARGIN - 20) doc.addPage();
  doc.font('bold').fontSize(9.5).text(t.title, MARGIN, doc.y, { width: doc.page.width - MARGIN * 2 });
  doc.moveDown(0.2);
  const rows: ReportRow[] = t.rows.length ? t.rows : [{ label: 'brak danych', values: t.columns.map(() => null) }];
  table(doc, [
    { header: 'Wyszczególnienie', width: Math.max(3, 8 - t.columns.length), value: (r: ReportRow) => r.label },
    ...t.columns.map((c, i) => ({ header: c.label, width: 1.35, align: 'right' as const, value: (r: ReportRow) => formatValue(r.values[i], c.measure) })),
  ], rows, {
    fontSize: 7.5,
    footer: t.total ? [t.total.label, ...t.total.values.map((v, i) => formatValue(v, t.columns[i]!.measure))] : undefined,
  });
  if (t.note) {
    doc.font('regular').fontSize(7).fillColor('#333').text(t.note, MARGIN, doc.y - 4, { width: doc.page.width - MARGIN * 2 });
    doc.fillColor('black').moveDown(0.6);
  }
}

/** The whole report; the caller pipes it and calls finishPdf(). */
export function renderReportPdf(r: ReportDocument, header: PdfHeader): Pdf {
  const doc = createPdf({ title: r.title, header, footerNote: r.title });
  heading(doc, r.title, 14);
  keyValues(doc, [
    ['Okres', `${formatDate(parseIsoDate(r.from))} – ${formatDate(parseIsoDate(r.to))}`],
    ['Stan danych', r.closed ? `okres zamknięty ${formatDateTime(new Date(r.closed.at))}${r.closed.by ? ` (${r.closed.by})` : ''} – liczby nie ulegają zmianie` : `na dzień ${formatDateTime(new Date(r.generatedAt))} – okres otwarty, liczby mogą się jeszcze zmienić`],
  ]);
  for (const section of r.sections) {
    if (doc.y + 90 > doc.page.height - MARGIN - 20) doc.addPage();
    doc.moveDown(0.3);
    doc.font('bold').fontSize(12).text(section.title, MARGIN, doc.y);
    doc.moveDown(0.3);
    for (const t of section.tables) drawTable(doc, t);
  }
  if (r.charts.length) {
    doc.addPage();
    doc.y = MARGIN;
    doc.font('bold').fontSize(12).text('Wykresy', MARGIN, doc.y);
    doc.moveDown(0.5);
    for (const chart of r.charts) {
      drawBarChart(doc, chart);
      doc.moveDown(1);
    }
  }
  doc.moveDown(1);
  signatures(doc, ['Sporządził(a)', 'Dyrektor']);
  return doc;
}
