// Attendance percentages by sessions and by hours, per module, and the flags, at their boundaries.
import { describe, expect, it } from 'vitest';
import type { Mark } from '../../src/lib/attendance.ts';
import { addDays, utcDate } from '../../src/lib/dates.ts';
import {
  attendanceFlags, expectedHeldSessions, MIN_HELD_FOR_FLAG, personAttendance, type StatEnrolment, type StatSession,
} from '../../src/features/attendance/attendance-stats.ts';

const start = utcDate(2026, 9, 1);
let nextId = 1;
function session(day: number, o: Partial<StatSession> = {}): StatSession {
  return { id: nextId++, date: addDays(start, day), startMinute: 900, endMinute: 1110, moduleId: 1, groupId: 10, participantId: null, status: 'HELD', ...o };
}
const enrolment: StatEnrolment = { participantId: 5, groupId: 10, startDate: start, endDate: null };
const marksFor = (sessions: StatSession[], marks: (Mark | null)[]) =>
  new Map(sessions.flatMap((s, i) => (marks[i] ? [[s.id, marks[i]!] as const] : [])));

describe('attendance rate', () => {
  it('is 85,00% or 95,00% for 17 present, 2 excused, 1 absent (domain example)', () => {
    const sessions = Array.from({ length: 20 }, (_, i) => session(i * 2));
    const marks = marksFor(sessions, [...Array(17).fill('PRESENT'), 'EXCUSED', 'EXCUSED', 'ABSENT']);
    expect(personAttendance(enrolment, sessions, marks, false).sessionsBp).toBe(8500);
    expect(personAttendance(enrolment, sessions, marks, true).sessionsBp).toBe(9500);
  });

  it('counts an unmarked held session as an absence and ignores planned and cancelled ones', () => {
    const sessions = [session(0), session(2), session(4, { status: 'PLANNED' }), session(6, { status: 'CANCELLED' })];
    const p = personAttendance(enrolment, sessions, marksFor(sessions, ['PRESENT', null]), false);
    expect(p.sessions).toEqual({ held: 2, present: 1, excused: 0, absent: 1 });
    expect(p.sessionsBp).toBe(5000);
  });

  it('differs by hours when sessions have different lengths', () => {
    const long = session(0, { startMinute: 900, endMinute: 1110 }); // 3,5 h present
    const short = session(2, { startMinute: 900, endMinute: 960 }); // 1 h absent
    const p = personAttendance(enrolment, [long, short], marksFor([long, short], ['PRESENT', 'ABSENT']), false);
    expect(p.sessionsBp).toBe(5000);
    expect(p.hoursBp).toBe(7778); // 210 / 270 min = 77,777…% → 77,78%
  });

  it('splits the rate per module', () => {
    const a = session(0, { moduleId: 1 });
    const b = session(2, { moduleId: 2 });
    const c = session(4, { moduleId: 2 });
    const p = personAttendance(enrolment, [a, b, c], marksFor([a, b, c], ['ABSENT', 'PRESENT', 'EXCUSED']), false);
    expect(p.byModule.get(1)!.sessionsBp).toBe(0);
    expect(p.byModule.get(2)!.sessionsBp).toBe(5000);
    expect(personAttendance(enrolment, [a, b, c], marksFor([a, b, c], ['ABSENT', 'PRESENT', 'EXCUSED']), true).byModule.get(2)!.sessionsBp).toBe(10000);
  });

  it('counts a late joiner only from their start, a moved person\'s old-group marks, and their individual sessions', () => {
    const early = session(0);
    const late = session(10);
    const oldGroup = session(3, { groupId: 11 });
    const individual = session(5, { groupId: null, participantId: 5 });
    const someoneElses = session(6, { groupId: null, participantId: 6 });
    const joined = { ...enrolment, startDate: addDays(start, 7) };
    const expected = expectedHeldSessions(joined, [early, late, oldGroup, individual, someoneElses], new Set([oldGroup.id]));
    expect(expected.map((s) => s.id)).toEqual([oldGroup.id, individual.id, late.id]);
  });
});

describe('threshold and flags', () => {
  const today = utcDate(2026, 10, 30);
  const opts = { thresholdPct: 80, today, inactivityDays: 14 };

  it('is below an 80% threshold at 75% and not at exactly 80%', () => {
    const sessions = Array.from({ length: 20 }, (_, i) => session(i * 2));
    const at80 = personAttendance(enrolment, sessions, marksFor(sessions, [...Array(16).fill('PRESENT'), ...Array(4).fill('ABSENT')]), false);
    expect(at80.sessionsBp).toBe(8000);
    expect(attendanceFlags(at80, enrolment, { ...opts, today: addDays(start, 40) }).belowThreshold).toBe(false);
    const below = personAttendance(enrolment, sessions, marksFor(sessions, [...Array(15).fill('PRESENT'), ...Array(5).fill('ABSENT')]), false);
    expect(below.sessionsBp).toBe(7500);
    expect(attendanceFlags(below, enrolment, { ...opts, today: addDays(start, 40) }).belowThreshold).toBe(true);
  });

  it(`does not flag the threshold before ${MIN_HELD_FOR_FLAG} sessions were held`, () => {
    const two = [session(0), session(2)];
    const p2 = personAttendance(enrolment, two, marksFor(two, ['ABSENT', 'ABSENT']), false);
    expect(attendanceFlags(p2, enrolment, { ...opts, today: addDays(start, 3) }).belowThreshold).toBe(false);
    const three = [...two, session(4)];
    const p3 = personAttendance(enrolment, three, marksFor(three, ['ABSENT', 'ABSENT', 'PRESENT']), false);
    expect(attendanceFlags(p3, enrolment, { ...opts, today: addDays(start, 5) }).belowThreshold).toBe(true);
  });

  it('flags no attendance for exactly 14 days with a missed session, not 13', () => {
    const present = session(0);
    const missed = session(7);
    const p = personAttendance(enrolment, [present, missed], marksFor([present, missed], ['PRESENT', 'ABSENT']), false);
    expect(attendanceFlags(p, enrolment, { ...opts, today: addDays(start, 13) }).inactiveDays).toBeNull();
    const f = attendanceFlags(p, enrolment, { ...opts, today: addDays(start, 14) });
    expect(f.inactiveDays).toBe(14);
    expect(f.inactiveSince).toEqual(start);
  });

  it('does not flag a break in the timetable (no session missed since the last presence)', () => {
    const present = session(0);
    const p = personAttendance(enrolment, [present], marksFor([present], ['PRESENT']), false);
    expect(attendanceFlags(p, enrolment, { ...opts, today: addDays(start, 30) }).inactiveDays).toBeNull();
  });

  it('flags someone who never came, counting from their start, including a session on the first day', () => {
    const first = session(0);
    const p = personAttendance(enrolment, [first], new Map(), false);
    expect(attendanceFlags(p, enrolment, { ...opts, today: addDays(start, 14) }).inactiveDays).toBe(14);
  });

  it('uses the centre\'s number of days', () => {
    const present = session(0);
    const missed = session(3);
    const p = personAttendance(enrolment, [present, missed], marksFor([present, missed], ['PRESENT', 'EXCUSED']), false);
    expect(attendanceFlags(p, enrolment, { ...opts, inactivityDays: 7, today: addDays(start, 7) }).inactiveDays).toBe(7);
    expect(attendanceFlags(p, enrolment, { ...opts, inactivityDays: 8, today: addDays(start, 7) }).inactiveDays).toBeNull();
  });
});
