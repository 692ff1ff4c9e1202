// The settlement and the refund claim (wniosek o refundację) as PDF and CSV, for the PUP and the
// accounts department. Every document states how amounts are rounded and adds up to the last grosz.
import type { DbClient } from '../../db/client.ts';
import { csvDigits, csvMoney, toCsv, type Cell } from '../../lib/csv.ts';
import { formatDate, warsawDate } from '../../lib/dates.ts';
import { formatBasisPoints, formatHours, formatMoney } from '../../lib/money.ts';
import { centreHeader } from '../../pdf/header.ts';
import { createPdf, heading, keyValues, MARGIN, signatures, table, type Column, type Pdf } from '../../pdf/document.ts';
import { getCentreSettings } from '../settings/settings.service.ts';
import { monthLabel, monthParam, monthShort } from './psu-month.ts';
import { ROUNDING_NOTE, type Settlement, type SettlementPerson } from './settlement.service.ts';

const NO_CONTRIBUTIONS = 'Od świadczenia nie odprowadza się składek na ubezpieczenia społeczne i zdrowotne.';

function stateText(s: Settlement): string {
  return s.status === 'CLOSED'
    ? `zamknięty ${formatDate(s.closedAt)}${s.closedBy ? ` (${s.closedBy})` : ''}`
    : 'PROJEKT – miesiąc nie jest zamknięty, kwoty mogą się jeszcze zmienić';
}

function rateText(s: Settlement): string {
  if (s.rateGrosze === null) return 'brak stawki';
  const source = s.rateSource === 'agreement' ? 'stawka z porozumienia' : s.rateSource === 'table' ? 'wg tabeli stawek' : 'z rozliczenia';
  return `${formatMoney(s.rateGrosze)} (${source})`;
}

export function documentName(kind: 'Rozliczenie PSU' | 'Wniosek o refundację PSU', s: { year: number; month: number; agreement: { number: string } }, ext: 'pdf' | 'csv'): string {
  return `${kind} ${monthParam(s)} ${s.agreement.number.replace(/[/\\]+/g, '-')}.${ext}`;
}

// ------------------------------------------------------------------ CSV

function metaRows(s: Settlement): Cell[][] {
  return [
    [],
    ['Porozumienie', `${s.agreement.number} z dnia ${formatDate(s.agreement.signedAt)}`],
    ['Powiatowy urząd pracy', s.agreement.pupName],
    ['Miesiąc', monthShort(s)],
    ['Stan', stateText(s)],
    ['Zaokrąglenia', ROUNDING_NOTE],
  ];
}

export function settlementCsv(s: Settlement): string {
  const refundHeader = `Refundacja PUP ${formatBasisPoints(s.agreement.refundBasisPoints)} (zł)`;
  return toCsv([
    ['Lp.', 'Nazwisko', 'Imię', 'PESEL lub dokument', 'Miejsce wykonywania prac', 'Liczba godzin', 'Stawka za godzinę (zł)', 'Świadczenie (zł)', refundHeader, 'Udział gminy (zł)'],
    ...s.rows.map((r, i) => [i + 1, r.lastName, r.firstName, csvDigits(r.identity), r.workplaces.join(', '), formatHours(r.minutes), csvMoney(r.rateGrosze), csvMoney(r.amountGrosze), csvMoney(r.refundGrosze), csvMoney(r.ownShareGrosze)]),
    ['', 'Razem', '', '', '', formatHours(s.totals.minutes), '', csvMoney(s.totals.amountGrosze), csvMoney(s.totals.refundGrosze), csvMoney(s.totals.ownShareGrosze)],
    ...metaRows(s),
  ]);
}

export function refundClaimCsv(s: Settlement): string {
  return toCsv([
    ['Lp.', 'Nazwisko i imię', 'PESEL lub dokument', 'Liczba godzin', 'Stawka za godzinę (zł)', 'Wypłacone świadczenie (zł)', `Kwota refundacji ${formatBasisPoints(s.agreement.refundBasisPoints)} (zł)`],
    ...s.rows.map((r, i) => [i + 1, `${r.lastName} ${r.firstName}`, csvDigits(r.identity), formatHours(r.minutes), csvMoney(r.rateGrosze), csvMoney(r.amountGrosze), csvMoney(r.refundGrosze)]),
    ['', 'Razem', '', formatHours(s.totals.minutes), '', csvMoney(s.totals.amountGrosze), csvMoney(s.totals.refundGrosze)],
    ...metaRows(s),
  ]);
}

// ------------------------------------------------------------------ PDF

function note(doc: Pdf, text: string, size = 8.5) {
  doc.font('regular').fontSize(size).text(text, MARGIN, doc.y, { width: doc.page.width - MARGIN * 2 });
  doc.fontSize(10);
}

function unpaidLine(s: Settlement): string | null {
  if (!s.unpaid.length) return null;
  const list = s.unpaid.map((p) => {
    const why = [p.sicknessDays ? `niezdolność do pracy: ${p.sicknessDays} dn.` : '', p.absenceDays ? `nieobecność: ${p.absenceDays} dn.` : ''].filter(Boolean).join(', ');
    return `${p.lastName} ${p.firstName}${why ? ` (${why})` : ' (brak godzin)'}`;
  });
  return `Bez świadczenia w tym miesiącu: ${list.join('; ')}.`;
}

export async function settlementPdf(db: DbClient, s: Settlement): Promise<Pdf> {
  const header = await centreHeader(db, ['Prace społecznie użyteczne']);
  const doc = createPdf({ title: `Rozliczenie PSU – ${monthLabel(s)}`, header, landscape: true, footerNote: `Rozliczenie PSU ${monthShort(s)}, porozumienie ${s.agreement.number}` });
  heading(doc, 'Rozliczenie świadczeń za wykonywanie prac społecznie użytecznych');
  heading(doc, `za miesiąc ${monthLabel(s)}`, 12);
  keyValues(doc, [
    ['Porozumienie', `nr ${s.agreement.number} z dnia ${formatDate(s.agreement.signedAt)} z: ${s.agreement.pupName}`],
    ['Stawka za godzinę', rateText(s)],
    ['Refundacja z PUP', formatBasisPoints(s.agreement.refundBasisPoints)],
    ['Stan rozliczenia', stateText(s)],
  ]);
  const columns: Column<SettlementPerson>[] = [
    { header: 'Lp.', width: 0.5, align: 'right', value: (_r, i) => String(i + 1) },
    { header: 'Nazwisko i imię', width: 3, value: (r) => `${r.lastName} ${r.firstName}` },
    { header: 'PESEL', width: 1.9, value: (r) => r.identity },
    { header: 'Miejsce wykonywania prac', width: 3.3, value: (r) => r.workplaces.join(', ') },
    { header: 'Godziny', width: 1, align: 'right', value: (r) => formatHours(r.minutes) },
    { header: 'Stawka', width: 1.2, align: 'right', value: (r) => formatMoney(r.rateGrosze) },
    { header: 'Świadczenie', width: 1.6, align: 'right', value: (r) => formatMoney(r.amountGrosze) },
    { header: `Refundacja ${formatBasisPoints(s.agreement.refundBasisPoints)}`, width: 1.6, align: 'right', value: (r) => formatMoney(r.refundGrosze) },
    { header: 'Udział gminy', width: 1.6, align: 'right', value: (r) => formatMoney(r.ownShareGrosze) },
  ];
  table(doc, columns, s.rows, {
    footer: ['', 'Razem', `osób: ${s.totals.people}`, '', formatHours(s.totals.minutes), '', formatMoney(s.totals.amountGrosze), formatMoney(s.totals.refundGrosze), formatMoney(s.totals.ownShareGrosze)],
  });
  note(doc, ROUNDING_NOTE);
  note(doc, NO_CONTRIBUTIONS);
  const unpaid = unpaidLine(s);
  if (unpaid) note(doc, unpaid);
  doc.moveDown(0.5);
  signatures(doc, ['Sporządził(a)', 'Główny księgowy', 'Kierownik ośrodka']);
  return doc;
}

export async function refundClaimPdf(db: DbClient, s: Settlement, today = warsawDate()): Promise<Pdf> {
  const settings = await getCentreSettings(db);
  const header = await centreHeader(db);
  const doc = createPdf({ title: `Wniosek o refundację PSU – ${monthLabel(s)}`, header, footerNote: `Wniosek o refundację PSU ${monthShort(s)}` });
  const width = doc.page.width - MARGIN * 2;
  doc.text(`${settings?.city ? `${settings.city}, ` : ''}dnia ${formatDate(today)}`, MARGIN, doc.y, { width, align: 'right' });
  doc.moveDown(1);
  doc.font('bold').text(s.agreement.pupName, MARGIN + width / 2, doc.y, { width: width / 2 });
  doc.font('regular').moveDown(1.5);
  heading(doc, 'Wniosek o refundację świadczeń wypłaconych za wykonywanie prac społecznie użytecznych', 13);
  doc.x = MARGIN;
  doc.text(
    `Na podstawie porozumienia nr ${s.agreement.number} z dnia ${formatDate(s.agreement.signedAt)} wnosimy o refundację ` +
      `${formatBasisPoints(s.agreement.refundBasisPoints)} świadczeń wypłaconych osobom bezrobotnym za wykonywanie prac ` +
      `społecznie użytecznych w miesiącu ${monthLabel(s)}. Wykaz osób, godzin i kwot:`,
    MARGIN, doc.y, { width, align: 'justify' },
  );
  doc.moveDown(0.5);
  if (s.status !== 'CLOSED') {
    doc.font('bold').text(`PROJEKT – miesiąc ${monthLabel(s)} nie jest zamknięty; kwoty mogą się jeszcze zmienić.`, MARGIN, doc.y, { width });
    doc.font('regular').moveDown(0.5);
  }
  table(doc, [
    { header: 'Lp.', width: 0.5, align: 'right', value: (_r, i) => String(i + 1) },
    { header: 'Nazwisko i imię', width: 2.8, value: (r) => `${r.lastName} ${r.firstName}` },
    { header: 'PESEL', width: 1.9, value: (r) => r.identity },
    { header: 'Godziny', width: 1.3, align: 'right', value: (r) => formatHours(r.minutes) },
    { header: 'Stawka', width: 1.2, align: 'right', value: (r) => formatMoney(r.rateGrosze) },
    { header: 'Wypłacone świadczenie', width: 1.7, align: 'right', value: (r) => formatMoney(r.amountGrosze) },
    { header: 'Kwota refundacji', width: 1.7, align: 'right', value: (r) => formatMoney(r.refundGrosze) },
  ], s.rows, {
    footer: ['', 'Razem', '', formatHours(s.totals.minutes), '', formatMoney(s.totals.amountGrosze), formatMoney(s.totals.refundGrosze)],
  });
  keyValues(doc, [
    ['Łączna kwota wypłaconych świadczeń', formatMoney(s.totals.amountGrosze)],
    [`Wnioskowana kwota refundacji (${formatBasisPoints(s.agreement.refundBasisPoints)})`, formatMoney(s.totals.refundGrosze)],
    ['Udział własny gminy', formatMoney(s.totals.ownShareGrosze)],
    ['Liczba osób', String(s.totals.people)],
  ]);
  note(doc, ROUNDING_NOTE);
  note(doc, NO_CONTRIBUTIONS);
  doc.moveDown(0.5);
  signatures(doc, ['Główny księgowy', 'Kierownik ośrodka']);
  return doc;
}
