// Shared PDF groundwork for every printed document (attendance lists, contracts, certificates, the PSU
// settlement, reports): pdfkit with embedded DejaVu fonts (Polish letters render and extract correctly;
// pdfkit's built-in Helvetica garbles them), A4, the centre's header, page numbers, and a table helper
// that repeats its header on every page.
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { formatDate, warsawDate } from '../lib/dates.ts';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const FONT = { regular: path.join(FONT_DIR, 'DejaVuSans.ttf'), bold: path.join(FONT_DIR, 'DejaVuSans-Bold.ttf') };

export type Pdf = PDFKit.PDFDocument;

export interface PdfHeader {
  /** The centre's full name (and address line) from the settings. */
  centreName: string;
  centreAddress?: string;
  /** E.g. the club name, or the funder and project number for EU lists. */
  lines?: string[];
}

export interface PdfOptions {
  title: string;
  header: PdfHeader;
  landscape?: boolean;
  /** Printed in the footer of each page, e.g. "Lista obecności – Grupa A". */
  footerNote?: string;
}

export const MARGIN = 40;

/** A new A4 document with fonts registered and the header drawn; call finishPdf() when done. */
export function createPdf(opts: PdfOptions): Pdf {
  const doc = new PDFDocument({
    size: 'A4',
    layout: opts.landscape ? 'landscape' : 'portrait',
    margins: { top: MARGIN, bottom: MARGIN + 15, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: opts.title, Author: opts.header.centreName, Creator: 'Reintegra' },
    lang: 'pl-PL',
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  doc.registerFont('regular', FONT.regular);
  doc.registerFont('bold', FONT.bold);
  doc.font('regular').fontSize(10);
  drawHeader(doc, opts.header);
  (doc as Pdf & { _footerNote?: string })._footerNote = opts.footerNote;
  return doc;
}

function drawHeader(doc: Pdf, h: PdfHeader) {
  const width = doc.page.width - MARGIN * 2;
  doc.font('bold').fontSize(11).text(h.centreName, MARGIN, MARGIN, { width });
  doc.font('regular').fontSize(8.5);
  if (h.centreAddress) doc.text(h.centreAddress, { width });
  for (const line of h.lines ?? []) doc.text(line, { width });
  const y = doc.y + 4;
  doc.moveTo(MARGIN, y).lineTo(doc.page.width - MARGIN, y).lineWidth(0.7).stroke();
  doc.y = y + 10;
  doc.x = MARGIN;
  doc.font('regular').fontSize(10);
}

export function heading(doc: Pdf, text: string, size = 14): void {
  doc.font('bold').fontSize(size).text(text, MARGIN, doc.y, { width: doc.page.width - MARGIN * 2, align: 'center' });
  doc.moveDown(0.5);
  doc.font('regular').fontSize(10);
}

/** Label: value lines, e.g. "Edycja: KIS – edycja jesienna 2026". */
export function keyValues(doc: Pdf, rows: [string, string][]): void {
  for (const [k, v] of rows) {
    doc.font('bold').text(`${k}: `, MARGIN, doc.y, { continued: true }).font('regular').text(v);
  }
  doc.moveDown(0.5);
}

export interface Column<Row> {
  header: string;
  width: number; // share of the usable width (all widths are normalised)
  align?: 'left' | 'right' | 'center';
  value: (row: Row, index: number) => string;
}

/**
 * A table with a bordered header row repeated on each page. `rowHeight` gives room for signatures;
 * `rowFill` shades chosen rows (weekends and holidays on an hours card).
 * Returns the y below the table.
 */
export function table<Row>(
  doc: Pdf,
  columns: Column<Row>[],
  rows: Row[],
  opts: { rowHeight?: number; fontSize?: number; footer?: string[]; rowFill?: (row: Row, index: number) => string | undefined } = {},
): number {
  const usable = doc.page.width - MARGIN * 2;
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * usable);
  const fontSize = opts.fontSize ?? 9;
  const pad = 3;
  const bottom = () => doc.page.height - MARGIN - 20;

  // Most cells fit on one line: measuring their width is far cheaper than laying them out, which matters
  // for documents of thousands of rows (a big agreement's settlement).
  const lineHeight = (font: 'regular' | 'bold') => {
    doc.font(font).fontSize(fontSize);
    return doc.currentLineHeight(true);
  };
  const heights = { regular: lineHeight('regular'), bold: lineHeight('bold') };
  const fits = (t: string, i: number) => !t.includes('\n') && doc.widthOfString(t) <= widths[i]! - pad * 2;
  const rowHeightFor = (cells: string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(fontSize);
    let h = heights[font];
    cells.forEach((t, i) => {
      if (!fits(t, i)) h = Math.max(h, doc.heightOfString(t, { width: widths[i]! - pad * 2 }));
    });
    return Math.max(h + pad * 2, opts.rowHeight ?? 0);
  };
  const drawRow = (cells: string[], font: 'regular' | 'bold', fill?: string) => {
    const h = rowHeightFor(cells, font);
    if (doc.y + h > bottom()) {
      doc.addPage();
      doc.y = MARGIN;
      drawHeaderRow();
    }
    const y = doc.y;
    if (fill) doc.rect(MARGIN, y, usable, h).fillColor(fill).fill().fillColor('black');
    // The row's borders as one path: the outline and the lines between cells.
    doc.lineWidth(0.5).strokeColor('#444').rect(MARGIN, y, usable, h);
    let x = MARGIN;
    for (let i = 0; i < widths.length - 1; i++) {
      x += widths[i]!;
      doc.moveTo(x, y).lineTo(x, y + h);
    }
    doc.stroke();
    doc.font(font).fontSize(fontSize).fillColor('black');
    x = MARGIN;
    cells.forEach((t, i) => {
      const w = widths[i]! - pad * 2;
      if (t) doc.text(t, x + pad, y + pad, fits(t, i) ? { width: w, align: columns[i]!.align ?? 'left', lineBreak: false } : { width: w, align: columns[i]!.align ?? 'left' });
      x += widths[i]!;
    });
    doc.y = y + h;
    doc.x = MARGIN;
  };
  const drawHeaderRow = () => drawRow(columns.map((c) => c.header), 'bold', '#e8e8e8');

  drawHeaderRow();
  rows.forEach((r, i) => drawRow(columns.map((c) => c.value(r, i)), 'regular', opts.rowFill?.(r, i)));
  if (opts.footer) drawRow(opts.footer, 'bold', '#f2f2f2');
  doc.font('regular').fontSize(10);
  doc.moveDown(0.5);
  return doc.y;
}

/** Signature lines side by side, e.g. ["Koordynator KIS", "Dyrektor"]. */
export function signatures(doc: Pdf, labels: string[]): void {
  const usable = doc.page.width - MARGIN * 2;
  const w = usable / labels.length;
  if (doc.y + 60 > doc.page.height - MARGIN - 20) doc.addPage();
  const y = doc.y + 35;
  labels.forEach((label, i) => {
    const x = MARGIN + i * w + 10;
    doc.moveTo(x, y).lineTo(x + w - 20, y).lineWidth(0.5).dash(1, { space: 2 }).stroke().undash();
    doc.fontSize(8).text(label, x, y + 3, { width: w - 20, align: 'center' });
  });
  doc.fontSize(10);
  doc.y = y + 20;
  doc.x = MARGIN;
}

/** Page numbers and generation date in every page's footer; then ends the document. */
export function finishPdf(doc: Pdf): void {
  const note = (doc as Pdf & { _footerNote?: string })._footerNote;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN + 5;
    const oldBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(7.5).fillColor('#333');
    const width = doc.page.width - MARGIN * 2;
    const pageText = `Wygenerowano w systemie Reintegra ${formatDate(warsawDate())} · strona ${i + 1} z ${range.count}`;
    const oneLine = note ? `${note} · ${pageText}` : pageText;
    if (doc.widthOfString(oneLine) <= width) {
      doc.text(oneLine, MARGIN, y, { width, align: 'center', lineBreak: false });
    } else {
      // A long note gets its own line so the page number never wraps away from "strona".
      doc.text(note!, MARGIN, y - 9, { width, align: 'center', lineBreak: false, ellipsis: true, height: 9 });
      doc.text(pageText, MARGIN, y, { width, align: 'center', lineBreak: false });
    }
    doc.page.margins.bottom = oldBottom;
    doc.fillColor('black');
  }
  doc.end();
}

/** Collects a finished document into a Buffer (tests, small documents). */
export function pdfToBuffer(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
