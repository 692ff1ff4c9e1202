// The club's yearly report to the voivode (sprawozdanie z działalności KIS, art. 18a ustawy o
// zatrudnieniu socjalnym, due 31 March): staff, participants by group of the law, reintegration effects
// and employment, activities. Pure, from the same data and tables as the monthly report.
import { isoDate, utcDate } from '../../lib/dates.ts';
import { CERTIFICATE_KINDS } from '../certificates/certificate-rules.ts';
import {
  certificateCounts, contractCounts, employmentCounts, peopleInClub, REFERRAL_ROWS, referralCounts, softResults, type PersonInClub,
} from './report-figures.ts';
import type { Period, ReportData, ReportDocument, ReportTable } from './report-model.ts';
import { activityTable, bySexColumns, certificateTable, count, editionRates, editionRatesTable, peopleTables, psuTable, table } from './report-tables.ts';

export const BASIS_LABELS: Record<string, string> = {
  HOMELESS: 'osoby bezdomne realizujące indywidualny program wychodzenia z bezdomności',
  ALCOHOL_ADDICTION: 'osoby uzależnione od alkoholu',
  DRUG_ADDICTION: 'osoby uzależnione od narkotyków lub innych środków odurzających',
  MENTAL_DISORDER: 'osoby chore psychicznie',
  LONG_TERM_UNEMPLOYED: 'osoby długotrwale bezrobotne',
  RELEASED_FROM_PRISON: 'osoby zwalniane z zakładów karnych',
  REFUGEE: 'uchodźcy realizujący indywidualny program integracji',
  DISABLED: 'osoby niepełnosprawne',
};

const AREA_LABELS: Record<string, string> = {
  SOCIAL: 'Reintegracja społeczna',
  VOCATIONAL: 'Reintegracja zawodowa',
  INDIVIDUAL: 'Zajęcia indywidualne',
  LEISURE: 'Czas wolny',
};

/** The group of the law each person came under: the first basis on their (accepted) club referral. */
function basisOf(data: ReportData, participantId: number): string | null {
  const own = data.referrals.filter((r) => r.kind === 'KIS' && r.participantId === participantId && r.eligibilityBases.length);
  const chosen = own.find((r) => r.status === 'ACCEPTED') ?? own[0];
  return chosen?.eligibilityBases[0] ?? null;
}

function sexSplit(people: PersonInClub[]) {
  const f = people.filter((x) => x.sex === 'FEMALE').length;
  const m = people.filter((x) => x.sex === 'MALE').length;
  return [f, m, f + m];
}

export function computeYearlyReport(data: ReportData, year: number, generatedAt = new Date()): ReportDocument {
  const p: Period = { from: utcDate(year, 1, 1), to: utcDate(year, 12, 31) };
  const labels = ['rok'];
  const people = peopleInClub(data, p);

  const professions = new Map<string, number>();
  const activeEditions = new Set(data.sessions.filter((s) => s.date >= p.from && s.date <= p.to).map((s) => s.editionId));
  for (const s of data.staff) {
    if (s.editionIds.some((id) => activeEditions.has(id))) professions.set(s.profession, (professions.get(s.profession) ?? 0) + 1);
  }
  const staffTable = table('staff', 'Kadra prowadząca zajęcia', [count('Osoby')],
    [...professions].sort((a, b) => a[0].localeCompare(b[0], 'pl')).map(([label, n]) => ({ label, values: [n] })),
    { total: 'Razem', note: 'Osoby prowadzące zajęcia w edycjach, które miały zajęcia w danym roku.' });

  const bases = [...Object.keys(BASIS_LABELS), null];
  const basisTable = table('bases', 'Uczestnicy według grup osób, o których mowa w art. 1 ust. 2 ustawy', bySexColumns(labels),
    bases.map((b) => ({
      label: b ? BASIS_LABELS[b]! : 'brak wskazanej podstawy w skierowaniu',
      values: sexSplit(people.filter((x) => basisOf(data, x.participantId) === b)),
    })),
    { total: 'Razem uczestników', note: 'Każda osoba liczona raz, według pierwszej podstawy wskazanej w skierowaniu do klubu.' });

  const certs = certificateCounts(data, p, CERTIFICATE_KINDS);
  const jobs = employmentCounts(data, p);
  const soft = softResults(data, p);
  const effects = table('effects', 'Efekty reintegracji', [count('Liczba')], [
    { label: 'Osoby, które ukończyły udział w klubie', values: [people.filter((x) => x.category === 'completed').length] },
    { label: 'Osoby, które przerwały udział', values: [people.filter((x) => x.category === 'dropped').length] },
    { label: 'Wydane zaświadczenia (wszystkie rodzaje)', values: [certs.byKind.reduce((s, n) => s + n, 0)] },
    { label: 'Opracowane indywidualne plany działania (IPD)', values: [data.individualPlans.filter((x) => x.madeOn >= p.from && x.madeOn <= p.to).length] },
    { label: 'Osoby, które podjęły zatrudnienie', values: [jobs.female + jobs.male] },
    { label: 'Osoby z lepszym wynikiem ankiety na końcu udziału', values: [soft.improved] },
  ]);

  const areaMinutes = new Map<string, number>();
  for (const s of data.sessions) {
    if (s.status !== 'HELD' || s.date < p.from || s.date > p.to) continue;
    const area = s.moduleArea ?? (s.groupId === null ? 'INDIVIDUAL' : 'SOCIAL');
    areaMinutes.set(area, (areaMinutes.get(area) ?? 0) + s.minutes);
  }
  const areaTable = table('areas', 'Godziny odbytych zajęć według rodzaju reintegracji', [{ label: 'Godziny', measure: 'minutes' }],
    Object.keys(AREA_LABELS).map((a) => ({ label: AREA_LABELS[a]!, values: [areaMinutes.get(a) ?? 0] })), { total: 'Razem' });

  const c = contractCounts(data, p);
  const referralTable = table('referrals', 'Skierowania do klubu', [count('Liczba')],
    REFERRAL_ROWS.map((r) => ({ label: r.label, values: [referralCounts(data, p, 'KIS')[r.key]!] })));

  const tables: { title: string; tables: ReportTable[] }[] = [
    { title: 'Kadra', tables: [staffTable] },
    { title: 'Uczestnicy', tables: [basisTable, ...peopleTables([people], labels), referralTable] },
    {
      title: 'Efekty reintegracji i zatrudnienie',
      tables: [
        effects,
        table('employment', 'Osoby, które podjęły zatrudnienie', [count('rok')], [
          { label: 'Kobiety', values: [jobs.female] }, { label: 'Mężczyźni', values: [jobs.male] },
        ], { total: 'Razem' }),
        certificateTable([certs.byKind], labels, [certs.revoked]),
        table('contracts-ended', 'Kontrakty socjalne uczestników zakończone w roku', [count('rok')], [
          { label: 'Zrealizowane', values: [c.fulfilled] }, { label: 'Zakończone przed terminem', values: [c.endedEarly] },
          { label: 'Zerwane', values: [c.broken] },
        ], { total: 'Razem zakończone' }),
      ],
    },
    {
      title: 'Działania',
      tables: [activityTable('activity-year', 'Zajęcia według edycji i grup', data, p), areaTable, editionRatesTable(data, [p], labels)],
    },
    { title: 'Prace społecznie użyteczne', tables: [psuTable('psu-year', 'PSU w roku', data, p)] },
  ];

  return {
    kind: 'YEARLY',
    year,
    month: 0,
    title: `Sprawozdanie z działalności Klubu Integracji Społecznej za ${year} r.`,
    periodLabel: `rok ${year}`,
    from: isoDate(p.from),
    to: isoDate(p.to),
    generatedAt: generatedAt.toISOString(),
    sections: tables,
    charts: [{ id: 'chart-attendance', title: 'Frekwencja według edycji', measure: 'bp', series: labels, bars: editionRates(data, [p]) }],
  };
}
