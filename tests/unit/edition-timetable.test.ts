// The club's timetable rules: holidays (fixed and Easter-dependent) skipped with the count kept, sessions
// per month, moving a session (holidays, the edition's period, clashes) and planned vs held hours.
import { describe, expect, it } from 'vitest';
import { formatDate, isoDate, utcDate } from '../../src/lib/dates.ts';
import { generateTimetable } from '../../src/lib/timetable.ts';
import { dateProblem, findClashes, type SessionSlot } from '../../src/features/editions/session-rules.ts';
import { moduleHours, planGap } from '../../src/features/editions/hours.ts';
import { DEFAULT_PROGRAMME, groupNames, missingDefaults } from '../../src/features/editions/programme-defaults.ts';

const slot = (weekday: number, start = 15 * 60, end = 18 * 60 + 30) => ({ weekday, startMinute: start, endMinute: end });
const dates = (r: { sessions: { date: Date }[] }) => r.sessions.map((s) => formatDate(s.date));
const perMonth = (r: { sessions: { date: Date }[] }) => {
  const out: Record<string, number> = {};
  for (const s of r.sessions) out[isoDate(s.date).slice(0, 7)] = (out[isoDate(s.date).slice(0, 7)] ?? 0) + 1;
  return out;
};

describe('timetable generation for an edition', () => {
  it('skips Easter Monday 2027 (Easter on 28 March) and keeps three sessions', () => {
    const r = generateTimetable({ startDate: utcDate(2027, 3, 22), slots: [slot(1)], count: 3 });
    expect(dates(r)).toEqual(['22.03.2027', '05.04.2027', '12.04.2027']);
    expect(r.skipped.map((s) => [formatDate(s.date), s.reason])).toEqual([['29.03.2027', 'Poniedziałek Wielkanocny']]);
  });

  it('skips Corpus Christi (Easter + 60 days) on a Thursday: 27.05.2027', () => {
    const r = generateTimetable({ startDate: utcDate(2027, 5, 20), slots: [slot(4)], count: 3 });
    expect(dates(r)).toEqual(['20.05.2027', '03.06.2027', '10.06.2027']);
    expect(r.skipped[0]!.reason).toBe('Boże Ciało');
  });

  it('skips Pentecost Sunday for a Sunday slot (24.05.2026)', () => {
    const r = generateTimetable({ startDate: utcDate(2026, 5, 17), slots: [slot(7)], count: 2 });
    expect(dates(r)).toEqual(['17.05.2026', '31.05.2026']);
    expect(r.skipped.map((s) => s.reason)).toEqual(['Zielone Świątki']);
  });

  it('skips Christmas Eve from 2025 on, but not in 2024', () => {
    const wed2025 = generateTimetable({ startDate: utcDate(2025, 12, 17), slots: [slot(3)], count: 3 });
    expect(dates(wed2025)).toEqual(['17.12.2025', '31.12.2025', '07.01.2026']);
    expect(wed2025.skipped.map((s) => formatDate(s.date))).toEqual(['24.12.2025']);
    const tue2024 = generateTimetable({ startDate: utcDate(2024, 12, 17), slots: [slot(2)], count: 2 });
    expect(dates(tue2024)).toEqual(['17.12.2024', '24.12.2024']);
  });

  it('counts 12 weeks of Tuesdays and Thursdays per month: 9 + 9 + 6', () => {
    const r = generateTimetable({ startDate: utcDate(2026, 9, 1), slots: [slot(2), slot(4)], weeks: 12 });
    expect(r.sessions).toHaveLength(24);
    expect(perMonth(r)).toEqual({ '2026-09': 9, '2026-10': 9, '2026-11': 6 });
    expect(r.skipped).toEqual([]);
  });

  it('moves the session past Independence Day and keeps the month count of Mondays and Wednesdays', () => {
    const r = generateTimetable({ startDate: utcDate(2026, 11, 2), slots: [slot(1), slot(3)], count: 6 });
    expect(dates(r)).toEqual(['02.11.2026', '04.11.2026', '09.11.2026', '16.11.2026', '18.11.2026', '23.11.2026']);
    expect(perMonth(r)).toEqual({ '2026-11': 6 });
    expect(r.skipped.map((s) => [formatDate(s.date), s.reason])).toEqual([['11.11.2026', 'Narodowe Święto Niepodległości']]);
  });

  it('moves Friday sessions past Christmas and New Year into January', () => {
    const r = generateTimetable({ startDate: utcDate(2026, 12, 21), slots: [slot(5)], count: 2 });
    expect(dates(r)).toEqual(['08.01.2027', '15.01.2027']);
    expect(perMonth(r)).toEqual({ '2027-01': 2 });
    expect(r.skipped.map((s) => formatDate(s.date))).toEqual(['25.12.2026', '01.01.2027']);
  });
});

describe('moving one session', () => {
  const period = { startDate: utcDate(2026, 9, 1), endDate: utcDate(2026, 12, 18) };
  const base: SessionSlot = { id: 1, date: utcDate(2026, 11, 10), startMinute: 900, endMinute: 1110, groupId: 7, participantId: null, staffId: 3 };

  it('refuses a holiday, naming it, and dates outside the edition', () => {
    expect(dateProblem(utcDate(2026, 11, 11), period)).toContain('Narodowe Święto Niepodległości');
    expect(dateProblem(utcDate(2026, 12, 24), period)).toContain('Wigilia');
    expect(dateProblem(utcDate(2026, 8, 31), period)).toContain('poza okresem edycji');
    expect(dateProblem(utcDate(2026, 12, 19), period)).toContain('poza okresem edycji');
    expect(dateProblem(utcDate(2026, 12, 18), period)).toBeNull();
    expect(dateProblem(utcDate(2026, 9, 1), period)).toBeNull();
  });

  it('does not clash with itself, and clashes with the group, the staff member or the participant', () => {
    expect(findClashes(base, [base])).toEqual([]);
    const other = { ...base, id: 2, startMinute: 1080, endMinute: 1200 };
    expect(findClashes(base, [other])[0]).toContain('Grupa ma już zajęcia');
    expect(findClashes(base, [{ ...other, groupId: 8 }])[0]).toContain('Prowadzący ma w tym czasie');
    expect(findClashes(base, [{ ...other, groupId: 8, staffId: 4 }])).toEqual([]);
    // Touching ends are not a clash: 15:00–18:30 then 18:30–20:00.
    expect(findClashes(base, [{ ...other, startMinute: 1110, endMinute: 1200 }])).toEqual([]);
    // Another day is never a clash.
    expect(findClashes(base, [{ ...other, date: utcDate(2026, 11, 12) }])).toEqual([]);
  });

  it('clashes an individual session with the person\'s group session and the other way round', () => {
    const individual: SessionSlot = { date: base.date, startMinute: 960, endMinute: 1020, groupId: null, participantId: 55, staffId: 9 };
    expect(findClashes(individual, [base], { participantGroupId: 7 })[0]).toContain('Uczestnik ma w tym czasie');
    expect(findClashes(individual, [base], { participantGroupId: 8 })).toEqual([]);
    expect(findClashes(base, [{ ...individual, id: 5 }], { groupMemberIds: new Set([55]) })[0]).toContain('zajęcia indywidualne');
  });
});

describe('planned vs held hours per module', () => {
  const modules = [{ id: 1, name: 'Diagnoza osobowości', plannedHours: 24 }, { id: 2, name: 'Poradnictwo prawne', plannedHours: 6 }];
  const s = (moduleId: number | null, groupId: number | null, status: 'PLANNED' | 'HELD' | 'CANCELLED', minutes = 180) =>
    ({ moduleId, groupId, participantId: groupId === null ? 9 : null, startMinute: 900, endMinute: 900 + minutes, status });

  it('sums scheduled and held minutes per group, leaves cancelled sessions out, keeps individual ones apart', () => {
    const rows = moduleHours(modules, [10, 11], [
      s(1, 10, 'HELD'), s(1, 10, 'HELD'), s(1, 10, 'PLANNED'), s(1, 10, 'CANCELLED'),
      s(1, 11, 'PLANNED'), s(2, null, 'HELD', 60), s(null, 10, 'HELD', 90),
    ]);
    const diag = rows.find((r) => r.moduleId === 1)!;
    expect(diag.plannedMinutes).toBe(24 * 60);
    expect(diag.groups[10]).toEqual({ scheduled: 540, held: 360 });
    expect(diag.groups[11]).toEqual({ scheduled: 180, held: 0 });
    expect(rows.find((r) => r.moduleId === 2)!.individual).toEqual({ scheduled: 60, held: 60 });
    expect(rows.find((r) => r.moduleId === null)!.groups[10]).toEqual({ scheduled: 90, held: 90 });
  });

  it('tells short, exact and over-plan apart at the boundary', () => {
    expect(planGap(360, { scheduled: 359, held: 0 })).toBe('short');
    expect(planGap(360, { scheduled: 360, held: 0 })).toBe('ok');
    expect(planGap(360, { scheduled: 361, held: 0 })).toBe('over');
  });
});

describe('default programme', () => {
  it('offers the seven modules of the domain notes with their hours', () => {
    expect(DEFAULT_PROGRAMME.map((m) => m.plannedHours)).toEqual([24, 12, 48, 24, 36, 36, 6]);
    expect(DEFAULT_PROGRAMME.reduce((t, m) => t + m.plannedHours, 0)).toBe(186);
  });
  it('adds only the modules an edition lacks, ignoring case', () => {
    expect(missingDefaults(['diagnoza osobowości', 'Poradnictwo prawne']).map((m) => m.name)).not.toContain('Diagnoza osobowości');
    expect(missingDefaults(['diagnoza osobowości', 'Poradnictwo prawne'])).toHaveLength(5);
  });
  it('names groups A, B, C…', () => {
    expect(groupNames(3)).toEqual(['Grupa A', 'Grupa B', 'Grupa C']);
  });
});

describe('Polish count of sessions', () => {
  it('uses the right plural form', async () => {
    const { sessionsCount } = await import('../../src/features/editions/labels.ts');
    expect([1, 2, 4, 5, 12, 14, 21, 22, 25, 112].map(sessionsCount)).toEqual([
      '1 zajęcia', '2 zajęcia', '4 zajęcia', '5 zajęć', '12 zajęć', '14 zajęć', '21 zajęć', '22 zajęcia', '25 zajęć', '112 zajęć',
    ]);
  });
});
