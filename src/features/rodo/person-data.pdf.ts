// The art. 15 document as a PDF a person can read: the centre's header, a title naming the person,
// then each section of personDocument() with headings, label–value rows, tables and paragraphs.
import { formatDate, warsawDate } from '../../lib/dates.ts';
import { createPdf, finishPdf, MARGIN, table, type Pdf } from '../../pdf/document.ts';
import { fullName, type Block } from './document-format.ts';
import type { PersonData } from './person-data.service.ts';
import { personDocument } from './person-document.ts';
import { centreAddress } from './rights-info.ts';

const bottom = (doc: Pdf) => doc.page.height - MARGIN - 25;
const width = (doc: Pdf) => doc.page.width - MARGIN * 2;

/** Starts a new page when fewer than `room` points are left. */
function ensureRoom(doc: Pdf, room: number): void {
  if (doc.y + room > bottom(doc)) {
    doc.addPage();
    doc.y = MARGIN;
  }
}

function sectionHeading(doc: Pdf, text: string): void {
  ensureRoom(doc, 70);
  doc.moveDown(0.6);
  doc.font('bold').fontSize(12.5).fillColor('#1d3b5a').text(text, MARGIN, doc.y, { width: width(doc) });
  const y = doc.y + 2;
  doc.moveTo(MARGIN, y).lineTo(MARGIN + width(doc), y).lineWidth(0.5).strokeColor('#1d3b5a').stroke().strokeColor('black');
  doc.fillColor('black').font('regular').fontSize(10);
  doc.y = y + 6;
}

function drawRows(doc: Pdf, rows: [string, string][]): void {
  const labelW = width(doc) * 0.34;
  const valueW = width(doc) - labelW - 8;
  for (const [label, value] of rows) {
    doc.font('bold').fontSize(9.5);
    const hl = doc.heightOfString(label, { width: labelW });
    doc.font('regular').fontSize(9.5);
    const hv = doc.heightOfString(value, { width: valueW });
    ensureRoom(doc, Math.min(Math.max(hl, hv), 200));
    const y = doc.y;
    doc.font('bold').text(label, MARGIN, y, { width: labelW });
    doc.font('regular').text(value, MARGIN + labelW + 8, y, { width: valueW });
    doc.y = Math.max(y + hl, doc.y) + 3;
  }
  doc.x = MARGIN;
  doc.moveDown(0.3);
}

function drawBlock(doc: Pdf, b: Block): void {
  switch (b.kind) {
    case 'subheading':
      ensureRoom(doc, 50);
      doc.moveDown(0.3);
      doc.font('bold').fontSize(10.5).text(b.text, MARGIN, doc.y, { width: width(doc) });
      doc.font('regular').fontSize(10).moveDown(0.25);
      break;
    case 'text':
      ensureRoom(doc, 30);
      doc.font('regular').fontSize(9.5).text(b.text, MARGIN, doc.y, { width: width(doc), align: 'left' });
      doc.moveDown(0.35);
      break;
    case 'rows':
      drawRows(doc, b.rows);
      break;
    case 'table':
      if (!b.rows.length) {
        doc.font('regular').fontSize(9.5).fillColor('#333').text(b.empty, MARGIN, doc.y, { width: width(doc) }).fillColor('black');
        doc.moveDown(0.35);
        break;
      }
      ensureRoom(doc, 45);
      table(doc, b.columns.map((c, i) => ({ header: c.header, width: c.width, value: (r: string[]) => r[i] ?? '' })), b.rows, { fontSize: 8.5 });
      break;
  }
}

export function renderPersonDataPdf(data: PersonData): Pdf {
  const p = data.person;
  const name = fullName(p);
  const c = data.centre;
  const contact = [c.phone ? `tel. ${c.phone}` : '', c.email ? `e-mail: ${c.email}` : ''].filter(Boolean).join(', ');
  const doc = createPdf({
    title: `Informacja o danych osobowych – ${name}`,
    header: { centreName: c.name, centreAddress: centreAddress(c) || undefined, lines: contact ? [contact] : [] },
    footerNote: `Informacja o danych osobowych (art. 15 RODO): ${name}`,
  });
  doc.font('bold').fontSize(15).text('Informacja o danych osobowych', MARGIN, doc.y, { width: width(doc), align: 'center' });
  doc.font('regular').fontSize(10).text('przekazywana osobie, której dane dotyczą (art. 15 RODO)', { width: width(doc), align: 'center' });
  doc.moveDown(0.8);
  drawRows(doc, [
    ['Dotyczy', name],
    ['PESEL', p.pesel ?? (p.documentNumber ? `brak; dokument ${p.documentNumber}` : 'brak')],
    ['Stan danych na dzień', formatDate(warsawDate())],
  ]);
  doc.font('regular').fontSize(9.5).text(
    'Ten dokument zawiera wszystkie dane osobowe, które ośrodek przechowuje o Pani/Panu w systemie Reintegra, oraz informacje wymagane przez art. 15 RODO (na końcu dokumentu). Zawiera dane szczególnych kategorii: proszę go chronić.',
    MARGIN, doc.y, { width: width(doc) },
  );
  for (const section of personDocument(data)) {
    sectionHeading(doc, section.heading);
    for (const b of section.blocks) drawBlock(doc, b);
  }
  finishPdf(doc);
  return doc;
}
