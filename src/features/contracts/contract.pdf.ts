// The printable social contract, in the structure of the official form (rozporządzenie Ministra Pracy
// i Polityki Społecznej z 8 listopada 2010 r. w sprawie wzoru kontraktu socjalnego): the parties with
// PESEL, assessment of the situation and its causes, goals, each side's actions with deadlines, support
// offered, duration, evaluation, signatures.
import { formatDate } from '../../lib/dates.ts';
import { createPdf, finishPdf, heading, keyValues, MARGIN, signatures, table, type Pdf, type PdfHeader } from '../../pdf/document.ts';
import { DOCUMENT_TYPE_LABELS } from '../participants/participants.labels.ts';
import { CONTRACT_STATUS_LABELS } from './contracts.labels.ts';
import type { ContractFull } from './contracts.service.ts';

const SIDE_HEADINGS = {
  PARTICIPANT: 'Działania podejmowane przez osobę zawierającą kontrakt',
  WORKER: 'Działania podejmowane przez pracownika socjalnego (ośrodek pomocy społecznej)',
  THIRD_PARTY: 'Działania podejmowane przez trzecią stronę kontraktu',
} as const;

function section(doc: Pdf, title: string) {
  if (doc.y > doc.page.height - MARGIN - 90) doc.addPage();
  doc.moveDown(0.4);
  doc.font('bold').fontSize(11).text(title, MARGIN, doc.y, { width: doc.page.width - MARGIN * 2 });
  doc.moveDown(0.25);
  doc.font('regular').fontSize(10);
}

function paragraph(doc: Pdf, text: string) {
  doc.font('regular').fontSize(10).text(text, MARGIN, doc.y, { width: doc.page.width - MARGIN * 2, align: 'left' });
  doc.moveDown(0.3);
}

function address(p: ContractFull['participant']): string {
  const street = [p.street, [p.houseNumber, p.flatNumber].filter(Boolean).join('/')].filter(Boolean).join(' ');
  return [street, [p.postalCode, p.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || '—';
}

export interface ContractPdfContext {
  header: PdfHeader;
  /** Town where the contract is signed (the centre's city). */
  place: string;
  centreName: string;
}

export function buildContractPdf(c: ContractFull, ctx: ContractPdfContext): Pdf {
  const doc = createPdf({ title: `Kontrakt socjalny ${c.number}`, header: ctx.header, footerNote: `Kontrakt socjalny ${c.number}` });
  const p = c.participant;
  const fullName = [p.firstName, p.secondName, p.lastName].filter(Boolean).join(' ');

  heading(doc, 'KONTRAKT SOCJALNY', 16);
  doc.font('bold').fontSize(11).text(`nr ${c.number}`, { align: 'center' });
  doc.moveDown(0.4);
  paragraph(doc, `zawarty w dniu ${formatDate(c.signedAt)}${ctx.place ? ` w miejscowości ${ctx.place}` : ''}, określający sposób współdziałania w rozwiązywaniu trudnej sytuacji życiowej osoby (art. 108 ustawy z dnia 12 marca 2004 r. o pomocy społecznej), pomiędzy:`);

  section(doc, '1. Osoba zawierająca kontrakt');
  const identity: [string, string][] = [['Imię i nazwisko', fullName]];
  identity.push(['PESEL', p.pesel ?? 'brak']);
  if (p.documentType) identity.push(['Dokument tożsamości', `${DOCUMENT_TYPE_LABELS[p.documentType]} ${p.documentNumber ?? ''}`]);
  // An anonymised person keeps only the year of birth.
  identity.push(p.status === 'ANONYMISED' ? ['Rok urodzenia', `${p.birthDate.getUTCFullYear()} (dane zanonimizowane)`] : ['Data urodzenia', formatDate(p.birthDate)], ['Adres zamieszkania', address(p)]);
  keyValues(doc, identity);

  section(doc, '2. Pracownik socjalny');
  keyValues(doc, [['Imię i nazwisko', c.socialWorker.fullName], ['Jednostka', ctx.centreName]]);

  if (c.kind === 'THREE_PARTY') {
    section(doc, '3. Trzecia strona kontraktu');
    keyValues(doc, [['Nazwa lub imię i nazwisko', c.thirdPartyName ?? '']]);
  }

  section(doc, 'I. Ocena sytuacji życiowej osoby');
  paragraph(doc, c.assessment);
  doc.font('bold').text('Przyczyny trudnej sytuacji życiowej:');
  paragraph(doc, c.causes);

  section(doc, 'II. Cele kontraktu');
  c.goals.forEach((g, i) => paragraph(doc, `${i + 1}. ${g.description}${g.achieved === true ? ' (osiągnięty)' : g.achieved === false ? ' (nieosiągnięty)' : ''}`));

  section(doc, 'III. Działania stron kontraktu');
  for (const side of ['PARTICIPANT', 'WORKER', 'THIRD_PARTY'] as const) {
    const rows = c.actions.filter((a) => a.side === side);
    if (!rows.length) continue;
    doc.font('bold').fontSize(10).text(SIDE_HEADINGS[side], MARGIN, doc.y);
    doc.moveDown(0.2);
    table(doc, [
      { header: 'Lp.', width: 5, align: 'right', value: (_r, i) => String(i + 1) },
      { header: 'Działanie', width: 55, value: (r) => r.description },
      { header: 'Termin realizacji', width: 18, value: (r) => formatDate(r.deadline) || 'w trakcie kontraktu' },
      { header: 'Wykonano', width: 18, value: (r) => formatDate(r.doneAt) || '' },
    ], rows);
  }

  section(doc, 'IV. Wsparcie oferowane przez ośrodek (forma, zakres i czas)');
  paragraph(doc, c.supportOffered);

  section(doc, 'V. Okres obowiązywania kontraktu');
  const firstEnd = c.extensions[0]?.previousEnd ?? c.endDate;
  paragraph(doc, `od ${formatDate(c.startDate)} do ${formatDate(firstEnd)}`);
  for (const x of c.extensions) paragraph(doc, `Przedłużony dnia ${formatDate(x.createdAt)} do ${formatDate(x.newEnd)}. Powód: ${x.reason}`);

  section(doc, 'VI. Ocena realizacji kontraktu');
  if (c.reviews.length) {
    table(doc, [
      { header: 'Planowany termin', width: 16, value: (r) => formatDate(r.dueDate) || '—' },
      { header: 'Data oceny', width: 14, value: (r) => formatDate(r.heldAt) || '' },
      { header: 'Ustalenia', width: 70, value: (r) => r.notes ?? '' },
    ], c.reviews, { rowHeight: 22 });
  }
  if (c.evaluation) paragraph(doc, `Ocena końcowa: ${c.evaluation}`);
  if (c.status !== 'ACTIVE') {
    paragraph(doc, `Kontrakt ${CONTRACT_STATUS_LABELS[c.status]} z dniem ${formatDate(c.statusDate)}.${c.statusReason ? ` ${c.statusReason}` : ''}`);
  }

  // The closing clauses and the signatures stay together on one page.
  if (doc.y > doc.page.height - MARGIN - 190) doc.addPage();
  doc.moveDown(0.5);
  doc.fontSize(8.5);
  paragraph(doc, 'Osoba zawierająca kontrakt została poinformowana, że nieuzasadniona odmowa zawarcia kontraktu socjalnego lub niedotrzymanie jego postanowień może stanowić podstawę do odmowy przyznania świadczenia, uchylenia decyzji o przyznaniu świadczenia albo wstrzymania świadczeń pieniężnych (art. 11 ust. 2 ustawy o pomocy społecznej).');
  paragraph(doc, `Kontrakt sporządzono w ${c.kind === 'THREE_PARTY' ? 'trzech' : 'dwóch'} jednobrzmiących egzemplarzach, po jednym dla każdej ze stron.`);
  doc.fontSize(10);

  const parties = ['podpis osoby zawierającej kontrakt', `podpis pracownika socjalnego (${c.socialWorker.fullName})`];
  if (c.kind === 'THREE_PARTY') parties.push('podpis trzeciej strony');
  signatures(doc, parties);
  doc.moveDown(0.5);
  signatures(doc, ['data', 'zatwierdzam: kierownik ośrodka pomocy społecznej']);
  finishPdf(doc);
  return doc;
}
