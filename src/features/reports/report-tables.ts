// Building blocks shared by the monthly and the yearly report: turning figures into tables whose totals
// are the sums of their rows.
import { CERTIFICATE_KINDS, KIND_LABELS } from '../certificates/certificate-rules.ts';
import {
  AGE_BANDS, CATEGORIES, editionActivity, psuFigures, rateOf, type GroupActivity, type PersonInClub,
} from './report-figures.ts';
import type { Measure, Period, ReportColumn, ReportData, ReportRow, ReportTable } from './report-model.ts';

export const ADDITIVE: readonly Measure[] = ['count', 'minutes', 'grosze'];

/** Column sums for additive measures; other columns get the values given (pooled rates). */
export function totalRow(label: string, columns: ReportColumn[], rows: ReportRow[], others: (number | null)[] = []): ReportRow {
  return {
    label,
    values: columns.map((c, i) =>
      ADDITIVE.includes(c.measure) ? rows.reduce((s, r) => s + (r.values[i] ?? 0), 0) : (others[i] ?? null),
    ),
  };
}

export function table(id: string, title: string, columns: ReportColumn[], rows: ReportRow[], opts: { total?: string; note?: string; pooled?: (number | null)[] } = {}): ReportTable {
  const t: ReportTable = { id, title, columns, rows };
  if (opts.total) t.total = totalRow(opts.total, columns, rows, opts.pooled);
  if (opts.note) t.note = opts.note;
  return t;
}

export const count = (label: string): ReportColumn => ({ label, measure: 'count' });

/** Women / men / together for each period. */
export function bySexColumns(periods: string[]): ReportColumn[] {
  return periods.flatMap((p) => [count(`Kobiety – ${p}`), count(`Mężczyźni – ${p}`), count(`Razem – ${p}`)]);
}

function sexSplit(people: PersonInClub[]): number[] {
  const f = people.filter((x) => x.sex === 'FEMALE').length;
  const m = people.filter((x) => x.sex === 'MALE').length;
  return [f, m, f + m];
}

export function peopleTables(sets: PersonInClub[][], periods: string[]): ReportTable[] {
  const columns = bySexColumns(periods);
  const byCategory = CATEGORIES.map((c) => ({ label: c.label, values: sets.flatMap((s) => sexSplit(s.filter((x) => x.category === c.key))) }));
  const byAge = AGE_BANDS.map((b, i) => ({ label: b.label, values: sets.flatMap((s) => sexSplit(s.filter((x) => x.ageBand === i))) }));
  return [
    table('people', 'Uczestnicy klubu według przebiegu udziału i płci', columns, byCategory, {
      total: 'Razem w klubie',
      note: 'Każda osoba liczona raz, według ostatniego uczestnictwa w okresie.',
    }),
    table('age', 'Uczestnicy klubu według wieku (wiek na koniec okresu) i płci', columns, byAge, { total: 'Razem w klubie' }),
  ];
}

const activityColumns: ReportColumn[] = [
  count('Zajęcia planowane'), count('Zajęcia odbyte'), { label: 'Godziny planowane', measure: 'minutes' },
  { label: 'Godziny odbyte', measure: 'minutes' }, { label: 'Frekwencja', measure: 'bp' },
];

function pooled(rows: GroupActivity[]) {
  return rateOf({ marks: rows.reduce((s, r) => s + r.marks, 0), counted: rows.reduce((s, r) => s + r.counted, 0) });
}

export function activityTable(id: string, title: string, data: ReportData, p: Period): ReportTable {
  const acts = editionActivity(data, p);
  const rows = acts.map((a) => ({ label: a.label, values: [a.plannedSessions, a.heldSessions, a.plannedMinutes, a.heldMinutes, rateOf(a)] }));
  return table(id, title, activityColumns, rows, {
    total: 'Razem',
    pooled: [null, null, null, null, pooled(acts)],
    note: rows.length ? 'Frekwencja: obecności ÷ odnotowane obecności i nieobecności na odbytych zajęciach (usprawiedliwione według ustawień edycji).' : 'W tym okresie nie było zajęć.',
  });
}

/** Attendance per edition in each period (the chart draws the same numbers). */
export function editionRates(data: ReportData, periods: Period[]): { label: string; values: (number | null)[] }[] {
  const per = periods.map((p) => editionActivity(data, p));
  return data.editions
    .filter((ed) => per.some((acts) => acts.some((a) => a.editionId === ed.id)))
    .map((ed) => ({ label: ed.name, values: per.map((acts) => pooled(acts.filter((a) => a.editionId === ed.id))) }));
}

export function editionRatesTable(data: ReportData, periods: Period[], labels: string[]): ReportTable {
  const rows = editionRates(data, periods);
  const columns = labels.map((l) => ({ label: `Frekwencja – ${l}`, measure: 'bp' as const }));
  return table('attendance-editions', 'Frekwencja według edycji', columns, rows, {
    total: 'Wszystkie edycje',
    pooled: periods.map((p) => pooled(editionActivity(data, p))),
  });
}

export const psuColumns: ReportColumn[] = [
  count('Osoby'), { label: 'Godziny', measure: 'minutes' }, { label: 'Kwota świadczeń', measure: 'grosze' },
  { label: 'Refundacja z PUP (wniosek)', measure: 'grosze' }, { label: 'Udział własny gminy', measure: 'grosze' },
];

export function psuTable(id: string, title: string, data: ReportData, p: Period): ReportTable {
  const rows = psuFigures(data, p).map((a) => ({
    label: `Porozumienie ${a.number}`, values: [a.people, a.minutes, a.amountGrosze, a.refundGrosze, a.ownShareGrosze],
  }));
  return table(id, title, psuColumns, rows, {
    total: 'Razem',
    note: 'Miesiące zamknięte według zatwierdzonych list wypłat; miesiące otwarte wyliczone z bieżących godzin (stawka i refundacja z porozumienia). Osoba pracująca w dwóch porozumieniach liczona w każdym.',
  });
}

export function certificateTable(rowsByKind: number[][], periodLabels: string[], revoked: number[]): ReportTable {
  return table(
    'certificates', 'Wydane zaświadczenia', periodLabels.map(count),
    CERTIFICATE_KINDS.map((k, i) => ({ label: KIND_LABELS[k], values: rowsByKind.map((col) => col[i]!) })),
    { total: 'Razem wydane', note: `Unieważnione w okresie: ${revoked.join(' / ')} (${periodLabels.join(' / ')}).` },
  );
}
