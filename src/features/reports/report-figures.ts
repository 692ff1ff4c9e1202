// Pure counting over loaded data for one period: who was in the club, what the club held, referrals,
// contracts, certificates, PSU money, jobs and soft results. Every function takes the data and a period
// and returns plain numbers, so tests build fixtures with known answers.
import { attendanceBasisPoints } from '../../lib/attendance.ts';
import { ageOn, utcDate } from '../../lib/dates.ts';
import { rateOn, settlePerson } from '../../lib/psu.ts';
import { within, type Period, type ReportData, type Sex } from './report-model.ts';

export type Category = 'new' | 'continuing' | 'completed' | 'dropped';
export const CATEGORIES: { key: Category; label: string }[] = [
  { key: 'new', label: 'Nowi (rozpoczęli udział w okresie)' },
  { key: 'continuing', label: 'Kontynuujący' },
  { key: 'completed', label: 'Ukończyli udział' },
  { key: 'dropped', label: 'Przerwali udział' },
];

export const AGE_BANDS: { label: string; max: number }[] = [
  { label: 'do 24 lat', max: 24 },
  { label: '25–34 lata', max: 34 },
  { label: '35–44 lata', max: 44 },
  { label: '45–54 lata', max: 54 },
  { label: '55–64 lata', max: 64 },
  { label: '65 lat i więcej', max: Number.POSITIVE_INFINITY },
];

export interface PersonInClub {
  participantId: number;
  sex: Sex;
  ageBand: number;
  category: Category;
}

/** Each person in the club at any time in the period, once, by their latest participation. */
export function peopleInClub(data: ReportData, p: Period): PersonInClub[] {
  const latest = new Map<number, ReportData['enrolments'][number]>();
  for (const e of data.enrolments) {
    if (e.startDate > p.to || (e.endDate && e.endDate < p.from)) continue;
    const prev = latest.get(e.participantId);
    if (!prev || e.startDate > prev.startDate) latest.set(e.participantId, e);
  }
  const people = new Map(data.participants.map((x) => [x.id, x]));
  const out: PersonInClub[] = [];
  for (const [participantId, e] of latest) {
    const person = people.get(participantId);
    if (!person) continue;
    const left = within(e.endDate, p) && (e.status === 'COMPLETED' || e.status === 'DROPPED_OUT');
    const category: Category = left ? (e.status === 'COMPLETED' ? 'completed' : 'dropped') : e.startDate >= p.from ? 'new' : 'continuing';
    const age = ageOn(person.birthDate, p.to);
    out.push({ participantId, sex: person.sex, ageBand: AGE_BANDS.findIndex((b) => age <= b.max), category });
  }
  return out;
}

export interface GroupActivity {
  editionId: number;
  groupId: number | null;
  label: string;
  plannedSessions: number;
  heldSessions: number;
  plannedMinutes: number;
  heldMinutes: number;
  /** Marks at held sessions; `counted` already follows the edition's rule for excused absences. */
  marks: number;
  counted: number;
}

export function rateOf(a: { marks: number; counted: number }): number | null {
  return attendanceBasisPoints({ held: a.marks, present: a.counted, excused: 0, absent: a.marks - a.counted }, false);
}

/** Sessions planned and held, hours and attendance marks for each group (and individual sessions) of each edition. */
export function editionActivity(data: ReportData, p: Period): GroupActivity[] {
  const rows = new Map<string, GroupActivity>();
  const byEdition = new Map<number, ReportData['sessions']>();
  for (const s of data.sessions) {
    if (!within(s.date, p)) continue;
    const list = byEdition.get(s.editionId);
    if (list) list.push(s);
    else byEdition.set(s.editionId, [s]);
  }
  for (const ed of data.editions) {
    for (const s of byEdition.get(ed.id) ?? []) {
      const key = `${ed.id}:${s.groupId ?? 'ind'}`;
      let row = rows.get(key);
      if (!row) {
        const group = ed.groups.find((g) => g.id === s.groupId);
        row = {
          editionId: ed.id, groupId: s.groupId, label: `${ed.name} – ${group ? group.name : 'zajęcia indywidualne'}`,
          plannedSessions: 0, heldSessions: 0, plannedMinutes: 0, heldMinutes: 0, marks: 0, counted: 0,
        };
        rows.set(key, row);
      }
      row.plannedSessions += 1;
      row.plannedMinutes += s.minutes;
      if (s.status === 'HELD') {
        row.heldSessions += 1;
        row.heldMinutes += s.minutes;
        row.marks += s.present + s.excused + s.absent;
        row.counted += s.present + (ed.excusedCountsAsPresent ? s.excused : 0);
      }
    }
  }
  return [...rows.values()].sort((a, b) => a.label.localeCompare(b.label, 'pl'));
}

export const REFERRAL_ROWS: { key: string; label: string }[] = [
  { key: 'received', label: 'Wpłynęły' },
  { key: 'ACCEPTED', label: 'Przyjęte' },
  { key: 'RESERVE', label: 'Na liście rezerwowej' },
  { key: 'REJECTED', label: 'Odrzucone' },
  { key: 'WITHDRAWN', label: 'Wycofane' },
];

/** Referrals received (submitted) in the period, and decided in it by their present status. */
export function referralCounts(data: ReportData, p: Period, kind: 'KIS' | 'PSU'): Record<string, number> {
  const own = data.referrals.filter((r) => r.kind === kind);
  const out: Record<string, number> = { received: own.filter((r) => within(r.submittedOn, p)).length };
  for (const status of ['ACCEPTED', 'RESERVE', 'REJECTED', 'WITHDRAWN']) {
    out[status] = own.filter((r) => r.status === status && within(r.decidedOn, p)).length;
  }
  return out;
}

export function contractCounts(data: ReportData, p: Period) {
  const ended = (s: string) => data.contracts.filter((c) => c.status === s && within(c.statusDate, p)).length;
  return {
    started: data.contracts.filter((c) => within(c.startDate, p)).length,
    activeAtEnd: data.contracts.filter((c) => c.startDate <= p.to && (c.status === 'ACTIVE' || !c.statusDate || c.statusDate > p.to)).length,
    fulfilled: ended('FULFILLED'),
    endedEarly: ended('ENDED_EARLY'),
    broken: ended('BROKEN'),
  };
}

export function certificateCounts(data: ReportData, p: Period, kinds: readonly string[]) {
  return {
    byKind: kinds.map((k) => data.certificates.filter((c) => c.kind === k && within(c.issuedOn, p)).length),
    revoked: data.certificates.filter((c) => within(c.revokedOn, p)).length,
  };
}

export interface PsuAgreementFigures {
  agreementId: number;
  number: string;
  people: number;
  minutes: number;
  amountGrosze: number;
  refundGrosze: number;
  ownShareGrosze: number;
}

/**
 * PSU money per agreement for the months in the period: closed months exactly as stored, open months
 * settled per person with the shared rules (rate on the first day of the month, refund per row).
 */
export function psuFigures(data: ReportData, p: Period): PsuAgreementFigures[] {
  const inPeriod = (year: number, month: number) => within(utcDate(year, month, 1), { from: utcDate(p.from.getUTCFullYear(), p.from.getUTCMonth() + 1, 1), to: p.to });
  return data.psuAgreements.map((a) => {
    const people = new Set<number>();
    const t = { minutes: 0, amountGrosze: 0, refundGrosze: 0 };
    for (const r of data.psuClosed) {
      if (r.agreementId !== a.id || !inPeriod(r.year, r.month)) continue;
      if (r.minutes > 0) people.add(r.participantId);
      t.minutes += r.minutes;
      t.amountGrosze += r.amountGrosze;
      t.refundGrosze += r.refundGrosze;
    }
    for (const r of data.psuOpen) {
      if (r.agreementId !== a.id || !inPeriod(r.year, r.month) || r.minutes <= 0) continue;
      const rate = rateOn(utcDate(r.year, r.month, 1), data.psuRates, a.ownRateGrosze) ?? 0;
      const row = settlePerson(r.minutes, rate, a.refundBasisPoints);
      people.add(r.participantId);
      t.minutes += row.minutes;
      t.amountGrosze += row.amountGrosze;
      t.refundGrosze += row.refundGrosze;
    }
    return { agreementId: a.id, number: a.number, people: people.size, ...t, ownShareGrosze: t.amountGrosze - t.refundGrosze };
  });
}

export function employmentCounts(data: ReportData, p: Period) {
  const sexOf = new Map(data.participants.map((x) => [x.id, x.sex]));
  const jobs = data.enrolments.filter((e) => e.tookUpEmployment && within(e.employmentDate, p));
  return {
    female: jobs.filter((e) => sexOf.get(e.participantId) === 'FEMALE').length,
    male: jobs.filter((e) => sexOf.get(e.participantId) === 'MALE').length,
  };
}

/** People who left in the period with a survey at the start and at the end. Averages in hundredths. */
export function softResults(data: ReportData, p: Period) {
  const both = data.enrolments.filter((e) => within(e.endDate, p) && e.surveyStartScore !== null && e.surveyEndScore !== null);
  const avg = (xs: number[]) => (xs.length ? Math.round((xs.reduce((s, x) => s + x, 0) * 100) / xs.length) : null);
  return {
    improved: both.filter((e) => e.surveyEndScore! > e.surveyStartScore!).length,
    same: both.filter((e) => e.surveyEndScore === e.surveyStartScore).length,
    worse: both.filter((e) => e.surveyEndScore! < e.surveyStartScore!).length,
    avgStart: avg(both.map((e) => e.surveyStartScore!)),
    avgEnd: avg(both.map((e) => e.surveyEndScore!)),
  };
}
