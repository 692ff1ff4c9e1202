// The printed certificate: one A4 page per person, drawn only from the content frozen at issue, so a
// reprint says exactly what the first print said and keeps its number. A revoked certificate is
// stamped as such on every print.
import { createPdf, MARGIN, signatures, table, type Pdf, type PdfHeader } from '../../pdf/document.ts';
import { formatDate, formatDateTime, parseIsoDate } from '../../lib/dates.ts';
import { formatBasisPoints, formatHours } from '../../lib/money.ts';
import { personName, type CertificateContent } from './certificate-content.ts';
import { formatVerificationCode } from './certificate-rules.ts';

export interface PrintableCertificate {
  number: string;
  verificationCode: string;
  revokedAt: Date | null;
  revokedReason: string | null;
  content: CertificateContent;
}

const d = (iso: string) => formatDate(parseIsoDate(iso));

function headerOf(c: CertificateContent): PdfHeader {
  const lines = [c.centre.clubName];
  if (c.edition.funderName) lines.push(`Zajęcia finansowane: ${c.edition.funderName}`);
  if (c.edition.projectTitle) lines.push(`Projekt „${c.edition.projectTitle}”${c.edition.projectNumber ? `, nr ${c.edition.projectNumber}` : ''}`);
  return { centreName: c.centre.name, centreAddress: c.centre.address || undefined, lines };
}

/** Same look as the shared header (src/pdf/document.ts), for the second and later pages. */
function drawHeader(doc: Pdf, h: PdfHeader): void {
  const width = doc.page.width - MARGIN * 2;
  doc.font('bold').fontSize(11).text(h.centreName, MARGIN, MARGIN, { width });
  doc.font('regular').fontSize(8.5);
  if (h.centreAddress) doc.text(h.centreAddress, { width });
  for (const line of h.lines ?? []) doc.text(line, { width });
  const y = doc.y + 4;
  doc.moveTo(MARGIN, y).lineTo(doc.page.width - MARGIN, y).lineWidth(0.7).stroke();
  doc.y = y + 10;
  doc.x = MARGIN;
}

function centred(doc: Pdf, text: string, font: 'regular' | 'bold', size: number, gap = 0.3): void {
  doc.font(font).fontSize(size).text(text, MARGIN, doc.y, { width: doc.page.width - MARGIN * 2, align: 'center' });
  doc.moveDown(gap);
}

function drawPage(doc: Pdf, cert: PrintableCertificate, fallbackUrl: string): void {
  const c = cert.content;
  const verifyUrl = c.verifyUrl ?? fallbackUrl;
  const female = c.person.sex === 'FEMALE';
  const width = doc.page.width - MARGIN * 2;
  if (cert.revokedAt) {
    doc.font('bold').fontSize(10).fillColor('#b10e1e').text(
      `ZAŚWIADCZENIE UNIEWAŻNIONE ${formatDateTime(cert.revokedAt)}. Powód: ${cert.revokedReason ?? '—'}`,
      MARGIN, doc.y, { width, align: 'center' },
    );
    doc.fillColor('black');
    doc.moveDown(0.5);
  } else {
    doc.moveDown(1.5);
  }
  centred(doc, 'ZAŚWIADCZENIE', 'bold', 24, 0.1);
  centred(doc, `nr ${c.number}`, 'regular', 12, 0.2);
  centred(doc, c.title, 'bold', 13, 1.2);
  centred(doc, 'Zaświadcza się, że', 'regular', 11, 0.4);
  centred(doc, personName(c), 'bold', 18, 0.2);
  // After anonymisation (RODO) only the year of birth is left: no made-up date is printed.
  centred(doc, c.anonymised ? 'dane osoby zanonimizowane' : `${female ? 'urodzona' : 'urodzony'} dnia ${d(c.person.birthDate)}`, 'regular', 10, 1);
  const rate = c.attendanceBp === null ? '' : ` z frekwencją ${formatBasisPoints(c.attendanceBp)}`;
  const what = c.kind === 'KIS_COMPLETION'
    ? `${female ? 'uczestniczyła' : 'uczestniczył'} w zajęciach reintegracji społecznej i zawodowej prowadzonych przez ${c.centre.name} (${c.centre.clubName}) w ramach edycji „${c.edition.name}” i ${female ? 'ukończyła' : 'ukończył'} je${rate}.`
    : `${female ? 'ukończyła' : 'ukończył'}${rate} zajęcia wymienione poniżej, prowadzone przez ${c.centre.name} (${c.centre.clubName}) w ramach edycji „${c.edition.name}”.`;
  doc.font('regular').fontSize(11).text(`W okresie od ${d(c.period.from)} do ${d(c.period.to)} ${what}`, MARGIN, doc.y, { width, align: 'justify' });
  doc.moveDown(0.8);
  table(doc, [
    { header: 'Lp.', width: 1, align: 'right', value: (_r, i) => String(i + 1) },
    { header: 'Zajęcia', width: 9, value: (r) => r.name },
    { header: 'Godziny udziału', width: 3, align: 'right', value: (r) => formatHours(r.attendedMinutes) },
  ], c.modules, { footer: ['', 'Razem', formatHours(c.totalAttendedMinutes)] });
  const funding = [c.edition.funding, c.edition.funderName, c.edition.projectTitle ? `projekt „${c.edition.projectTitle}”${c.edition.projectNumber ? `, nr ${c.edition.projectNumber}` : ''}` : null].filter(Boolean).join('; ');
  doc.font('regular').fontSize(9.5).text(`Źródło finansowania: ${funding}.`, MARGIN, doc.y, { width });
  doc.text('Zaświadczenie wydano na podstawie art. 18 ust. 5a ustawy z dnia 13 czerwca 2003 r. o zatrudnieniu socjalnym.', { width });
  doc.moveDown(0.8);
  doc.fontSize(10.5).text(`${c.place ? `${c.place}, d` : 'D'}nia ${d(c.issuedOn)}`, MARGIN, doc.y, { width });
  signatures(doc, ['Koordynator Klubu Integracji Społecznej', `Dyrektor${c.centre.directorName ? ` – ${c.centre.directorName}` : ''} (pieczęć i podpis)`]);
  // Verification line at the foot of the page.
  const y = doc.page.height - MARGIN - 62;
  doc.rect(MARGIN, y, width, 34).lineWidth(0.5).strokeColor('#666').stroke().strokeColor('black');
  doc.font('regular').fontSize(8.5).fillColor('black').text(
    `Autentyczność zaświadczenia można sprawdzić na stronie ${verifyUrl}, podając kod weryfikacyjny: `,
    MARGIN + 6, y + 5, { width: width - 12, continued: true },
  ).font('bold').text(formatVerificationCode(cert.verificationCode), { continued: true }).font('regular').text(` (adres bezpośredni: ${verifyUrl}/${cert.verificationCode}).`);
  if (cert.revokedAt) stampRevoked(doc);
}

function stampRevoked(doc: Pdf): void {
  const { width, height } = doc.page;
  doc.save();
  doc.rotate(-35, { origin: [width / 2, height / 2] });
  doc.font('bold').fontSize(64).fillColor('#b10e1e').fillOpacity(0.25).text('UNIEWAŻNIONE', 0, height / 2 - 40, { width, align: 'center', lineBreak: false });
  doc.restore();
  doc.fillColor('black').fillOpacity(1);
}

/**
 * One document with each certificate on its own page; the caller pipes it, then calls finishPdf().
 * `fallbackUrl` is printed only for content frozen without a verification address.
 */
export function renderCertificates(certs: readonly PrintableCertificate[], title: string, fallbackUrl: string): Pdf {
  if (certs.length === 0) throw new Error('renderCertificates needs at least one certificate');
  const doc = createPdf({ title, header: headerOf(certs[0]!.content), footerNote: title });
  certs.forEach((cert, i) => {
    if (i > 0) {
      doc.addPage();
      drawHeader(doc, headerOf(cert.content));
    }
    drawPage(doc, cert, fallbackUrl);
  });
  return doc;
}
