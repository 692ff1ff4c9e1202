// The monthly and yearly reports computed from a small fixture whose answers were worked out by hand.
import { describe, expect, it } from 'vitest';
import { computeMonthlyReport } from '../../src/features/reports/monthly-report.ts';
import { computeYearlyReport } from '../../src/features/reports/yearly-report.ts';
import { ADDITIVE } from '../../src/features/reports/report-tables.ts';
import type { ReportData, ReportDocument, ReportTable } from '../../src/features/reports/report-model.ts';
import { utcDate } from '../../src/lib/dates.ts';

const d = (s: string) => {
  const [y, m, day] = s.split('-').map(Number);
  return utcDate(y!, m!, day!);
};

const enrolment = (participantId: number, editionId: number, start: string, end: string | null, status: 'ACTIVE' | 'COMPLETED' | 'DROPPED_OUT', extra: Partial<ReportData['enrolments'][number]> = {}) => ({
  participantId, editionId, startDate: d(start), endDate: end ? d(end) : null, status,
  tookUpEmployment: false, employmentDate: null, surveyStartScore: null, surveyEndScore: null, ...extra,
});
const session = (editionId: number, groupId: number | null, date: string, minutes: number, status: 'PLANNED' | 'HELD' | 'CANCELLED', present = 0, excused = 0, absent = 0, moduleArea: string | null = 'SOCIAL') =>
  ({ editionId, groupId, date: d(date), minutes, status, present, excused, absent, moduleArea });

export const fixture: ReportData = {
  participants: [
    { id: 1, sex: 'FEMALE', birthDate: d('1990-05-10') },
    { id: 2, sex: 'MALE', birthDate: d('2002-01-01') },
    { id: 3, sex: 'MALE', birthDate: d('1960-06-01') },
    { id: 4, sex: 'FEMALE', birthDate: d('1980-03-31') },
    { id: 5, sex: 'MALE', birthDate: d('1975-12-01') },
    { id: 6, sex: 'FEMALE', birthDate: d('1958-01-01') },
  ],
  enrolments: [
    enrolment(1, 1, '2025-01-07', null, 'ACTIVE'),
    enrolment(2, 2, '2025-03-04', null, 'ACTIVE'),
    enrolment(3, 1, '2025-01-07', '2025-03-20', 'COMPLETED', { surveyStartScore: 3, surveyEndScore: 3 }),
    enrolment(4, 1, '2025-01-07', '2025-02-14', 'DROPPED_OUT'),
    enrolment(5, 9, '2024-10-01', '2025-01-20', 'COMPLETED', { tookUpEmployment: true, employmentDate: d('2025-03-10'), surveyStartScore: 2, surveyEndScore: 4 }),
    enrolment(6, 2, '2025-03-04', '2025-03-25', 'DROPPED_OUT', { surveyStartScore: 4, surveyEndScore: 2 }),
  ],
  referrals: [
    { kind: 'KIS', status: 'ACCEPTED', submittedOn: d('2025-03-02'), decidedOn: d('2025-03-05'), eligibilityBases: ['HOMELESS'], participantId: 2 },
    { kind: 'KIS', status: 'REJECTED', submittedOn: d('2025-02-20'), decidedOn: d('2025-03-01'), eligibilityBases: [], participantId: 7 },
    { kind: 'KIS', status: 'RESERVE', submittedOn: d('2025-03-15'), decidedOn: d('2025-03-16'), eligibilityBases: [], participantId: 8 },
    { kind: 'KIS', status: 'SUBMITTED', submittedOn: d('2025-03-28'), decidedOn: null, eligibilityBases: [], participantId: 9 },
    { kind: 'PSU', status: 'ACCEPTED', submittedOn: d('2025-03-10'), decidedOn: d('2025-03-11'), eligibilityBases: [], participantId: 100 },
    { kind: 'KIS', status: 'ACCEPTED', submittedOn: d('2025-01-10'), decidedOn: d('2025-01-12'), eligibilityBases: ['LONG_TERM_UNEMPLOYED', 'DISABLED'], participantId: 1 },
  ],
  editions: [
    { id: 1, name: 'E1', excusedCountsAsPresent: false, groups: [{ id: 11, name: 'Grupa A' }] },
    { id: 2, name: 'E2', excusedCountsAsPresent: true, groups: [{ id: 21, name: 'Grupa A' }] },
    { id: 9, name: 'E0', excusedCountsAsPresent: false, groups: [{ id: 91, name: 'Grupa A' }] },
  ],
  sessions: [
    session(1, 11, '2025-02-04', 180, 'HELD', 6),
    session(1, 11, '2025-02-06', 180, 'HELD', 6, 0, 0, 'VOCATIONAL'),
    session(1, 11, '2025-03-04', 180, 'HELD', 5, 1, 0),
    session(1, 11, '2025-03-06', 180, 'HELD', 4, 1, 1),
    session(1, 11, '2025-03-11', 180, 'CANCELLED'),
    session(1, 11, '2025-03-13', 180, 'HELD', 6),
    session(2, 21, '2025-03-05', 120, 'HELD', 3, 1, 0),
    session(2, 21, '2025-03-12', 120, 'HELD', 2, 0, 2),
    session(2, 21, '2025-03-31', 120, 'PLANNED'),
    session(2, null, '2025-03-20', 60, 'HELD', 1, 0, 0, null),
  ],
  contracts: [
    { startDate: d('2025-03-03'), status: 'ACTIVE', statusDate: null },
    { startDate: d('2024-11-01'), status: 'FULFILLED', statusDate: d('2025-03-20') },
    { startDate: d('2025-01-10'), status: 'BROKEN', statusDate: d('2025-02-15') },
    { startDate: d('2025-02-01'), status: 'ENDED_EARLY', statusDate: d('2025-03-31') },
  ],
  certificates: [
    { kind: 'KIS_COMPLETION', issuedOn: d('2025-03-21'), revokedOn: null },
    { kind: 'KIS_COMPLETION', issuedOn: d('2025-03-21'), revokedOn: d('2025-03-25') },
    { kind: 'LABOUR_LAW', issuedOn: d('2025-02-10'), revokedOn: null },
  ],
  psuAgreements: [{ id: 1, number: 'PSU/2025/1', refundBasisPoints: 6000, ownRateGrosze: null }],
  psuRates: [{ validFrom: d('2017-06-01'), rateGrosze: 810 }, { validFrom: d('2018-06-01'), rateGrosze: 830 }],
  // February was closed at a rate of its own: the stored amounts are used as they are.
  psuClosed: [{ agreementId: 1, year: 2025, month: 2, participantId: 100, minutes: 2400, amountGrosze: 36000, refundGrosze: 21600 }],
  psuOpen: [
    { agreementId: 1, year: 2025, month: 3, participantId: 100, placementId: 1, minutes: 36 * 60 },
    { agreementId: 1, year: 2025, month: 3, participantId: 101, placementId: 2, minutes: 90 },
  ],
  individualPlans: [{ madeOn: d('2025-01-15') }, { madeOn: d('2024-12-01') }],
  staff: [{ profession: 'psycholog', editionIds: [1, 2] }, { profession: 'doradca zawodowy', editionIds: [2] }, { profession: 'prawnik', editionIds: [7] }],
};

function tableOf(r: ReportDocument, id: string): ReportTable {
  const t = r.sections.flatMap((s) => s.tables).find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
}
const rows = (t: ReportTable) => Object.fromEntries([...t.rows, ...(t.total ? [t.total] : [])].map((r) => [r.label, r.values]));

export function expectTotalsAreSums(r: ReportDocument) {
  for (const t of r.sections.flatMap((s) => s.tables)) {
    if (!t.total) continue;
    t.columns.forEach((c, i) => {
      if (!ADDITIVE.includes(c.measure)) return;
      expect(t.total!.values[i], `${t.id}: ${c.label}`).toBe(t.rows.reduce((s, row) => s + (row.values[i] ?? 0), 0));
    });
  }
}

describe('monthly report (March 2025)', () => {
  const r = computeMonthlyReport(fixture, 2025, 3, new Date('2025-04-02T10:00:00Z'));

  it('counts each person in the club once, by sex, for the month and the year so far', () => {
    expect(rows(tableOf(r, 'people'))).toEqual({
      'Nowi (rozpoczęli udział w okresie)': [0, 1, 1, 1, 1, 2],
      Kontynuujący: [1, 0, 1, 0, 0, 0],
      'Ukończyli udział': [0, 1, 1, 0, 2, 2],
      'Przerwali udział': [1, 0, 1, 2, 0, 2],
      'Razem w klubie': [2, 2, 4, 3, 3, 6],
    });
    const age = rows(tableOf(r, 'age'));
    expect(age['do 24 lat']).toEqual([0, 1, 1, 0, 1, 1]);
    expect(age['25–34 lata']).toEqual([1, 0, 1, 1, 0, 1]);
    expect(age['45–54 lata']).toEqual([0, 0, 0, 1, 1, 2]); // born 31.03.1980: 45 on the last day of March
    expect(age['55–64 lata']).toEqual([0, 1, 1, 0, 1, 1]);
    expect(age['65 lat i więcej']).toEqual([1, 0, 1, 1, 0, 1]);
    expect(age['Razem w klubie']).toEqual([2, 2, 4, 3, 3, 6]);
  });

  it('counts referrals received and decided', () => {
    const t = rows(tableOf(r, 'referrals'));
    expect(t['Wpłynęły']).toEqual([3, 1, 4, 5, 1, 6]);
    expect(t['Przyjęte']).toEqual([1, 1, 2, 2, 1, 3]);
    expect(t['Na liście rezerwowej']).toEqual([1, 0, 1, 1, 0, 1]);
    expect(t['Odrzucone']).toEqual([1, 0, 1, 1, 0, 1]);
  });

  it('gives sessions and hours against plan, and attendance per group, edition and overall', () => {
    expect(rows(tableOf(r, 'activity-month'))).toEqual({
      'E1 – Grupa A': [4, 3, 720, 540, 8333],
      'E2 – Grupa A': [3, 2, 360, 240, 7500],
      'E2 – zajęcia indywidualne': [1, 1, 60, 60, 10000],
      Razem: [8, 6, 1140, 840, 8148],
    });
    expect(rows(tableOf(r, 'attendance-editions'))).toEqual({ E1: [8333, 9000], E2: [7778, 7778], 'Wszystkie edycje': [8148, 8718] });
    expect(r.charts[0]!.bars).toEqual([{ label: 'E1', values: [8333, 9000] }, { label: 'E2', values: [7778, 7778] }]);
  });

  it('counts contracts, certificates, jobs and soft results', () => {
    expect(rows(tableOf(r, 'contracts'))).toEqual({ Zawarte: [1, 3], 'Aktywne na koniec okresu': [1, 1] });
    expect(rows(tableOf(r, 'contracts-ended'))).toEqual({
      Zrealizowane: [1, 1], 'Zakończone przed terminem': [1, 1], 'Zerwane (niedotrzymane przez uczestnika)': [0, 1], 'Razem zakończone': [2, 3],
    });
    const certs = tableOf(r, 'certificates');
    expect(certs.total!.values).toEqual([2, 3]);
    expect(certs.note).toContain('Unieważnione w okresie: 1 / 1');
    expect(rows(tableOf(r, 'employment'))).toEqual({ Kobiety: [0, 0], Mężczyźni: [1, 1], Razem: [1, 1] });
    expect(rows(tableOf(r, 'soft'))).toEqual({ 'Wynik lepszy': [0, 1], 'Wynik bez zmian': [1, 1], 'Wynik gorszy': [1, 1], 'Osoby z obiema ankietami': [2, 3] });
    expect(rows(tableOf(r, 'soft-avg'))).toEqual({ 'Na początku udziału': [350, 300], 'Na końcu udziału': [250, 300] });
  });

  it('settles open PSU months with the shared rules and takes closed months as stored', () => {
    // 36 h at 8,30 zł = 298,80 zł, refund 60% = 179,28 zł (the worked example), plus 1,5 h = 12,45 zł.
    expect(rows(tableOf(r, 'psu-month'))['Porozumienie PSU/2025/1']).toEqual([2, 2250, 31125, 18675, 12450]);
    expect(rows(tableOf(r, 'psu-ytd'))['Porozumienie PSU/2025/1']).toEqual([2, 4650, 67125, 40275, 26850]);
  });

  it('draws people in the club over the last 12 months', () => {
    const bars = r.charts[1]!.bars;
    expect(bars).toHaveLength(12);
    expect(bars[0]).toEqual({ label: 'kwi 24', values: [0] });
    expect(bars.slice(-4).map((b) => b.values[0])).toEqual([1, 4, 3, 4]);
  });

  it('makes every total the sum of its rows, and is plain JSON', () => {
    expectTotalsAreSums(r);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('yearly report to the voivode (2025)', () => {
  const r = computeYearlyReport(fixture, 2025);

  it('counts people by group of the law, staff and effects', () => {
    const bases = rows(tableOf(r, 'bases'));
    expect(bases['osoby bezdomne realizujące indywidualny program wychodzenia z bezdomności']).toEqual([0, 1, 1]);
    expect(bases['osoby długotrwale bezrobotne']).toEqual([1, 0, 1]);
    expect(bases['brak wskazanej podstawy w skierowaniu']).toEqual([2, 2, 4]);
    expect(bases['Razem uczestników']).toEqual([3, 3, 6]);
    expect(rows(tableOf(r, 'staff'))).toEqual({ 'doradca zawodowy': [1], psycholog: [1], Razem: [2] });
    const effects = rows(tableOf(r, 'effects'));
    expect(effects['Opracowane indywidualne plany działania (IPD)']).toEqual([1]);
    expect(effects['Osoby, które podjęły zatrudnienie']).toEqual([1]);
    expect(effects['Wydane zaświadczenia (wszystkie rodzaje)']).toEqual([3]);
    expect(rows(tableOf(r, 'areas'))).toEqual({
      'Reintegracja społeczna': [960], 'Reintegracja zawodowa': [180], 'Zajęcia indywidualne': [60], 'Czas wolny': [0], Razem: [1200],
    });
    expectTotalsAreSums(r);
  });
});
