// The per-person monthly hours card (karta ewidencji godzin): one line per day with a signature
// column; weekends and public holidays shaded. Printed blank in advance or filled from the entries.
import type { DbClient } from '../../db/client.ts';
import { formatDate } from '../../lib/dates.ts';
import { formatHours } from '../../lib/money.ts';
import { createPdf, heading, keyValues, MARGIN, signatures, table } from '../../pdf/document.ts';
import { centreHeader } from '../../pdf/header.ts';
import { daysOfMonth, firstDay, lastDay, monthLabel, monthShort, type YearMonth } from './psu-month.ts';
import type { getPlacement } from './placements.service.ts';

type Placement = Awaited<ReturnType<typeof getPlacement>>;

const KIND_TEXT = { SICKNESS: 'niezdolność do pracy', ABSENCE: 'nieobecność' } as const;

export async function hoursCardPdf(db: DbClient, placement: Placement, ym: YearMonth) {
  const entries = await db.psuHourEntry.findMany({
    where: { placementId: placement.id, date: { gte: firstDay(ym), lte: lastDay(ym) } },
  });
  const byDay = new Map(entries.map((e) => [e.date.getUTCDate(), e]));
  const person = placement.participant;
  const header = await centreHeader(db, ['Prace społecznie użyteczne']);
  const doc = createPdf({ title: `Karta ewidencji godzin – ${person.lastName} ${person.firstName} – ${monthLabel(ym)}`, header, footerNote: `Karta ewidencji godzin PSU ${monthShort(ym)}` });
  heading(doc, 'Karta ewidencji godzin prac społecznie użytecznych', 13);
  heading(doc, `miesiąc: ${monthLabel(ym)}`, 11);
  const w = placement.workplace;
  keyValues(doc, [
    ['Imię i nazwisko', `${person.firstName} ${person.lastName}`],
    ['PESEL', person.pesel ?? (person.documentNumber ? `dokument ${person.documentNumber}` : '—')],
    ['Miejsce wykonywania prac', `${w.name}${w.address ? `, ${w.address}` : ''}${w.supervisor ? ` (opiekun: ${w.supervisor})` : ''}`],
    ['Porozumienie', `${placement.agreement.number}${placement.pupReferralNumber ? `, skierowanie PUP nr ${placement.pupReferralNumber}` : ''}, okres ${formatDate(placement.startDate)} – ${formatDate(placement.endDate)}`],
  ]);
  const days = daysOfMonth(ym);
  const total = entries.filter((e) => e.kind === 'WORK').reduce((s, e) => s + e.minutes, 0);
  table(doc, [
    { header: 'Dzień', width: 1.6, value: (d) => `${formatDate(d.date).slice(0, 5)} ${d.weekday}` },
    { header: 'Liczba godzin', width: 1.2, align: 'right', value: (d) => {
      const e = byDay.get(d.day);
      return e?.kind === 'WORK' ? formatHours(e.minutes) : '';
    } },
    { header: 'Uwagi', width: 3.4, value: (d) => {
      const e = byDay.get(d.day);
      const outside = d.date < placement.startDate || d.date > placement.endDate ? 'poza okresem skierowania' : '';
      return [d.holiday ?? '', e && e.kind !== 'WORK' ? KIND_TEXT[e.kind] : '', e?.note ?? '', outside].filter(Boolean).join('; ');
    } },
    { header: 'Podpis osoby wykonującej prace', width: 3, value: () => '' },
  ], days, { fontSize: 7.5, rowFill: (d) => (d.free ? '#e6e6e6' : undefined) });
  doc.font('bold').text(`Razem przepracowano: ${formatHours(total)} h`, MARGIN, doc.y);
  doc.font('regular').fontSize(8).text('Limit: 10 godzin w tygodniu (poniedziałek–niedziela) i 40 godzin w miesiącu. Dni niezdolności do pracy i nieobecności nie są płatne. Wiersze zacienione: soboty, niedziele i święta.', MARGIN, doc.y, { width: doc.page.width - MARGIN * 2 });
  doc.fontSize(10);
  signatures(doc, ['Osoba wykonująca prace', 'Opiekun w miejscu wykonywania prac', 'Organizator (ośrodek)']);
  return doc;
}
