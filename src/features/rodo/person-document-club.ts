// Sections 5–7 of the art. 15 document: taking part in the club (with attendance), socially useful
// work (hours and amounts by month) and certificates.
import { formatMinuteOfDay, MONTH_NAMES } from '../../lib/dates.ts';
import { formatBasisPoints, formatHours, formatMoney } from '../../lib/money.ts';
import { KIND_LABELS } from '../certificates/certificate-rules.ts';
import { ENROLMENT_STATUS_LABELS, MARK_LABELS } from '../editions/labels.ts';
import { PSU_PLACEMENT_STATUS_LABELS } from '../participants/participants.labels.ts';
import { d, dash, yesNo, type Block, type Section } from './document-format.ts';
import type { PersonData } from './person-data.service.ts';

function clubSection(data: PersonData): Section {
  const blocks: Block[] = [];
  for (const e of data.person.enrolments) {
    const rate = data.rates.find((r) => r.enrolmentId === e.id);
    const t = rate?.sessions;
    const bp = e.attendanceFinalBp ?? rate?.sessionsBp ?? null;
    blocks.push({ kind: 'subheading', text: `Edycja „${e.edition.name}”, ${e.group.name}` });
    const rows: [string, string][] = [
      ['Okres udziału', `${d(e.startDate)} – ${e.endDate ? d(e.endDate) : `nadal (edycja do ${d(e.edition.endDate)})`}`],
      ['Stan udziału', ENROLMENT_STATUS_LABELS[e.status]],
      ['Frekwencja', bp === null ? 'zajęcia jeszcze się nie odbyły' : `${formatBasisPoints(bp)}${e.attendanceFinalBp !== null ? ' (ustalona przy zamknięciu edycji)' : ''}`],
    ];
    if (t && t.held > 0) rows.push(['Zajęcia', `odbyło się ${t.held}, obecność ${t.present}, nieobecność usprawiedliwiona ${t.excused}, nieobecność ${t.absent}`]);
    if (e.surveyStartScore !== null || e.surveyEndScore !== null) rows.push(['Ankieta (na początku / na końcu)', `${e.surveyStartScore ?? '—'} / ${e.surveyEndScore ?? '—'}`]);
    if (e.opinionStart) rows.push(['Opinia na początku', e.opinionStart]);
    if (e.opinionEnd) rows.push(['Opinia na końcu', e.opinionEnd]);
    rows.push(['Podjęcie zatrudnienia', e.tookUpEmployment ? `tak${e.employmentDate ? `, od ${d(e.employmentDate)}` : ''}` : 'nie odnotowano']);
    if (e.certificateEligible !== null) rows.push(['Spełnia warunki zaświadczenia', yesNo(e.certificateEligible)]);
    if (e.outcomeReason) rows.push(['Uzasadnienie wyniku', e.outcomeReason]);
    blocks.push({ kind: 'rows', rows });
    const marks = data.attendance.filter((a) => a.session.editionId === e.editionId);
    blocks.push({
      kind: 'table', empty: 'Brak zapisanych obecności.',
      columns: [{ header: 'Data', width: 14 }, { header: 'Godziny', width: 14 }, { header: 'Zajęcia', width: 44 }, { header: 'Obecność', width: 28 }],
      rows: marks.map((a) => [
        d(a.session.date),
        `${formatMinuteOfDay(a.session.startMinute)}–${formatMinuteOfDay(a.session.endMinute)}`,
        a.session.module?.name ?? a.session.topic ?? 'zajęcia indywidualne',
        `${MARK_LABELS[a.status]}${a.note ? ` (${a.note})` : ''}`,
      ]),
    });
  }
  if (!data.person.enrolments.length) blocks.push({ kind: 'text', text: 'Osoba nie uczestniczyła w zajęciach Klubu Integracji Społecznej.' });
  for (const plan of data.person.individualPlans) {
    blocks.push({ kind: 'subheading', text: `Indywidualny plan działania z ${d(plan.madeOn)}` });
    blocks.push({ kind: 'rows', rows: [['Cele', plan.goals], ...(plan.notes ? [['Uwagi', plan.notes] as [string, string]] : [])] });
  }
  return { heading: '5. Udział w Klubie Integracji Społecznej (KIS) i frekwencja', blocks };
}

interface MonthRow { year: number; month: number; minutes: number; sick: number; absent: number; settled: { minutes: number; rate: number; amount: number } | null }

/** Hours by calendar month, with the settled amount of each closed month. */
export function psuMonths(data: PersonData): MonthRow[] {
  const months = new Map<string, MonthRow>();
  const row = (year: number, month: number) => {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    let r = months.get(key);
    if (!r) months.set(key, (r = { year, month, minutes: 0, sick: 0, absent: 0, settled: null }));
    return r;
  };
  for (const e of data.psuEntries) {
    const r = row(e.date.getUTCFullYear(), e.date.getUTCMonth() + 1);
    r.minutes += e.minutes;
    if (e.kind === 'SICKNESS') r.sick += 1;
    if (e.kind === 'ABSENCE') r.absent += 1;
  }
  for (const s of data.person.psuSettlementRows) {
    if (s.month.status !== 'CLOSED') continue;
    const r = row(s.month.year, s.month.month);
    const prev = r.settled ?? { minutes: 0, rate: s.rateGrosze, amount: 0 };
    r.settled = { minutes: prev.minutes + s.minutes, rate: s.rateGrosze, amount: prev.amount + s.amountGrosze };
  }
  return [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, r]) => r);
}

function psuSection(data: PersonData): Section {
  const blocks: Block[] = [];
  const placements = data.person.psuPlacements;
  if (!placements.length && !data.psuEntries.length) {
    return { heading: '6. Prace społecznie użyteczne (PSU)', blocks: [{ kind: 'text', text: 'Osoba nie wykonywała prac społecznie użytecznych.' }] };
  }
  blocks.push({
    kind: 'table', empty: 'Brak przydziałów.',
    columns: [{ header: 'Porozumienie z PUP', width: 22 }, { header: 'Miejsce wykonywania', width: 30 }, { header: 'Okres', width: 22 }, { header: 'Plan godzin / mies.', width: 12 }, { header: 'Stan', width: 14 }],
    rows: placements.map((p) => [
      `${p.agreement.number} (${p.agreement.pupName})${p.pupReferralNumber ? `, skierowanie PUP ${p.pupReferralNumber}` : ''}`,
      `${p.workplace.name}${p.workplace.address ? `, ${p.workplace.address}` : ''}`,
      `${d(p.startDate)} – ${d(p.endDate)}`,
      String(p.plannedHoursPerMonth),
      `${PSU_PLACEMENT_STATUS_LABELS[p.status]}${p.endReason ? `: ${p.endReason}` : ''}`,
    ]),
  });
  const months = psuMonths(data);
  const total = months.reduce((s, m) => s + (m.settled?.amount ?? 0), 0);
  blocks.push({
    kind: 'table', empty: 'Brak wpisanych godzin.',
    columns: [{ header: 'Miesiąc', width: 20 }, { header: 'Godziny przepracowane', width: 16 }, { header: 'Dni choroby', width: 11 }, { header: 'Dni nieobecności', width: 13 }, { header: 'Stawka za godzinę', width: 14 }, { header: 'Świadczenie', width: 16 }],
    rows: [
      ...months.map((m) => [
        `${MONTH_NAMES[m.month - 1]} ${m.year}`,
        formatHours(m.minutes),
        String(m.sick),
        String(m.absent),
        m.settled ? formatMoney(m.settled.rate) : '—',
        m.settled ? formatMoney(m.settled.amount) : 'miesiąc nierozliczony',
      ]),
      ...(months.length
        ? [['Razem', formatHours(months.reduce((s, m) => s + m.minutes, 0)), '', '', '', `${formatMoney(total)}${months.some((m) => !m.settled) ? ' (za miesiące rozliczone)' : ''}`]]
        : []),
    ],
  });
  blocks.push({ kind: 'text', text: 'Świadczenie to liczba przepracowanych godzin pomnożona przez stawkę godzinową; od świadczenia nie potrąca się składek. Za godziny nieprzepracowane (także z powodu choroby) świadczenie nie przysługuje.' });
  return { heading: '6. Prace społecznie użyteczne (PSU)', blocks };
}

function certificatesSection(data: PersonData): Section {
  return {
    heading: '7. Zaświadczenia',
    blocks: [{
      kind: 'table', empty: 'Nie wydano zaświadczeń.',
      columns: [{ header: 'Numer', width: 16 }, { header: 'Rodzaj', width: 36 }, { header: 'Data wydania', width: 14 }, { header: 'Edycja', width: 22 }, { header: 'Uwagi', width: 12 }],
      rows: data.person.certificates.map((c) => [c.number, KIND_LABELS[c.kind], d(c.issuedOn), dash(c.edition?.name), c.revokedAt ? `unieważnione ${d(c.revokedAt)}` : 'ważne']),
    }],
  };
}

export function clubSections(data: PersonData): Section[] {
  return [clubSection(data), psuSection(data), certificatesSection(data)];
}
