// The director's monthly report as a pure function of loaded data: every table has the month and the
// year to date, and the charts draw numbers that also appear in the tables.
import { endOfMonth, isoDate, MONTH_NAMES, utcDate } from '../../lib/dates.ts';
import { CERTIFICATE_KINDS } from '../certificates/certificate-rules.ts';
import {
  certificateCounts, contractCounts, employmentCounts, peopleInClub, REFERRAL_ROWS, referralCounts, softResults,
} from './report-figures.ts';
import type { Period, ReportChart, ReportData, ReportDocument, ReportTable } from './report-model.ts';
import { activityTable, certificateTable, count, editionRates, editionRatesTable, peopleTables, psuTable, table } from './report-tables.ts';

const MONTH_SHORT = ['sty', 'lut', 'mar', 'kwi', 'maj', 'cze', 'lip', 'sie', 'wrz', 'paź', 'lis', 'gru'];

export function monthPeriod(year: number, month: number): Period {
  const from = utcDate(year, month, 1);
  return { from, to: endOfMonth(from) };
}

export function monthLabel(year: number, month: number): string {
  return `${MONTH_NAMES[month - 1]} ${year}`;
}

export function computeMonthlyReport(data: ReportData, year: number, month: number, generatedAt = new Date()): ReportDocument {
  const m = monthPeriod(year, month);
  const ytd: Period = { from: utcDate(year, 1, 1), to: m.to };
  const both = [m, ytd];
  const labels = ['miesiąc', 'od początku roku'];

  const referralTable = table(
    'referrals', 'Skierowania do KIS i do prac społecznie użytecznych',
    [count('KIS – miesiąc'), count('PSU – miesiąc'), count('Razem – miesiąc'), count('KIS – od początku roku'), count('PSU – od początku roku'), count('Razem – od początku roku')],
    REFERRAL_ROWS.map((r) => ({
      label: r.label,
      values: both.flatMap((p) => {
        const kis = referralCounts(data, p, 'KIS')[r.key]!;
        const psu = referralCounts(data, p, 'PSU')[r.key]!;
        return [kis, psu, kis + psu];
      }),
    })),
    { note: 'Wpłynęły: złożone w okresie. Pozostałe wiersze: decyzje podjęte w okresie, według obecnego stanu skierowania.' },
  );

  const contracts = both.map((p) => contractCounts(data, p));
  const contractTables: ReportTable[] = [
    table('contracts', 'Kontrakty socjalne', labels.map(count), [
      { label: 'Zawarte', values: contracts.map((c) => c.started) },
      { label: 'Aktywne na koniec okresu', values: contracts.map((c) => c.activeAtEnd) },
    ]),
    table('contracts-ended', 'Kontrakty socjalne zakończone', labels.map(count), [
      { label: 'Zrealizowane', values: contracts.map((c) => c.fulfilled) },
      { label: 'Zakończone przed terminem', values: contracts.map((c) => c.endedEarly) },
      { label: 'Zerwane (niedotrzymane przez uczestnika)', values: contracts.map((c) => c.broken) },
    ], { total: 'Razem zakończone' }),
  ];

  const certs = both.map((p) => certificateCounts(data, p, CERTIFICATE_KINDS));
  const jobs = both.map((p) => employmentCounts(data, p));
  const soft = both.map((p) => softResults(data, p));
  const results: ReportTable[] = [
    certificateTable(certs.map((c) => c.byKind), labels, certs.map((c) => c.revoked)),
    table('employment', 'Osoby, które podjęły zatrudnienie', labels.map(count), [
      { label: 'Kobiety', values: jobs.map((j) => j.female) },
      { label: 'Mężczyźni', values: jobs.map((j) => j.male) },
    ], { total: 'Razem' }),
    table('soft', 'Rezultaty miękkie: ankieta na początku i na końcu udziału', labels.map(count), [
      { label: 'Wynik lepszy', values: soft.map((s) => s.improved) },
      { label: 'Wynik bez zmian', values: soft.map((s) => s.same) },
      { label: 'Wynik gorszy', values: soft.map((s) => s.worse) },
    ], { total: 'Osoby z obiema ankietami', note: 'Osoby, które zakończyły udział w okresie i wypełniły ankietę na początku i na końcu.' }),
    table('soft-avg', 'Średni wynik ankiety', labels.map((l) => ({ label: l, measure: 'score' as const })), [
      { label: 'Na początku udziału', values: soft.map((s) => s.avgStart) },
      { label: 'Na końcu udziału', values: soft.map((s) => s.avgEnd) },
    ]),
  ];

  const charts: ReportChart[] = [
    { id: 'chart-attendance', title: 'Frekwencja według edycji', measure: 'bp', series: labels, bars: editionRates(data, both) },
    { id: 'chart-people', title: 'Osoby w klubie w ostatnich 12 miesiącach', measure: 'count', series: ['osoby w klubie'], bars: last12Months(data, year, month) },
  ];

  return {
    kind: 'MONTHLY',
    year,
    month,
    title: `Raport miesięczny – ${monthLabel(year, month)}`,
    periodLabel: monthLabel(year, month),
    from: isoDate(m.from),
    to: isoDate(m.to),
    generatedAt: generatedAt.toISOString(),
    sections: [
      { title: 'Uczestnicy klubu', tables: peopleTables(both.map((p) => peopleInClub(data, p)), labels) },
      { title: 'Skierowania', tables: [referralTable] },
      {
        title: 'Zajęcia i frekwencja',
        tables: [
          activityTable('activity-month', 'Zajęcia w miesiącu według edycji i grup', data, m),
          activityTable('activity-ytd', 'Zajęcia od początku roku według edycji i grup', data, ytd),
          editionRatesTable(data, both, labels),
        ],
      },
      { title: 'Kontrakty socjalne', tables: contractTables },
      { title: 'Rezultaty', tables: results },
      {
        title: 'Prace społecznie użyteczne',
        tables: [psuTable('psu-month', 'PSU w miesiącu', data, m), psuTable('psu-ytd', 'PSU od początku roku', data, ytd)],
      },
    ],
    charts,
  };
}

/** People in the club in each of the 12 months ending with the report's month. */
function last12Months(data: ReportData, year: number, month: number) {
  const out = [];
  for (let i = 11; i >= 0; i--) {
    const d = utcDate(year, month - i, 1);
    const y = d.getUTCFullYear();
    const mo = d.getUTCMonth() + 1;
    out.push({ label: `${MONTH_SHORT[mo - 1]} ${String(y).slice(2)}`, values: [peopleInClub(data, monthPeriod(y, mo)).length] });
  }
  return out;
}
