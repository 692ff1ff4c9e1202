// Pure attendance arithmetic over rows read from the database: which held sessions a person was expected
// at, their percentage by sessions and by hours (overall and per module), and the two warning flags
// (below the edition's threshold; no attendance for N days). The percentages come from src/lib/attendance.ts.
import { attendanceBasisPoints, meetsThreshold, tally, type AttendanceTally, type Mark } from '../../lib/attendance.ts';
import { daysBetween } from '../../lib/dates.ts';

export interface StatSession {
  id: number;
  date: Date;
  startMinute: number;
  endMinute: number;
  moduleId: number | null;
  groupId: number | null;
  participantId: number | null;
  status: 'PLANNED' | 'HELD' | 'CANCELLED';
}

export interface StatEnrolment {
  participantId: number;
  groupId: number;
  startDate: Date;
  endDate: Date | null;
}

export interface Rate {
  sessions: AttendanceTally;
  minutes: AttendanceTally;
  /** Basis points (8500 = 85,00%); null when nothing was held yet. */
  sessionsBp: number | null;
  hoursBp: number | null;
}

export interface PersonAttendance extends Rate {
  participantId: number;
  byModule: Map<number | null, Rate>;
  lastPresent: Date | null;
  /** Held sessions the person was expected at, oldest first, with their mark (null = not marked). */
  expected: { session: StatSession; mark: Mark | null }[];
}

/** Sessions below this many held do not raise the "below threshold" flag: one absence in week one is noise. */
export const MIN_HELD_FOR_FLAG = 3;

/**
 * Held sessions a person counts against: those where they have a mark (also in a group they left), their
 * individual sessions, and their current group's sessions within their enrolment period.
 */
export function expectedHeldSessions(e: StatEnrolment, sessions: readonly StatSession[], markedSessionIds: ReadonlySet<number>): StatSession[] {
  return sessions
    .filter((s) => s.status === 'HELD')
    .filter((s) =>
      markedSessionIds.has(s.id) ||
      s.participantId === e.participantId ||
      (s.groupId !== null && s.groupId === e.groupId && s.date >= e.startDate && (!e.endDate || s.date <= e.endDate)))
    .sort((a, b) => a.date.getTime() - b.date.getTime() || a.startMinute - b.startMinute);
}

function rate(rows: { session: StatSession; mark: Mark | null }[], excusedCountsAsPresent: boolean): Rate {
  const marks = rows.map((r) => r.mark);
  const sessions = tally(marks);
  const minutes = tally(marks, rows.map((r) => r.session.endMinute - r.session.startMinute));
  return {
    sessions,
    minutes,
    sessionsBp: attendanceBasisPoints(sessions, excusedCountsAsPresent),
    hoursBp: attendanceBasisPoints(minutes, excusedCountsAsPresent),
  };
}

/** `marks`: this person's marks by session id. */
export function personAttendance(
  e: StatEnrolment,
  sessions: readonly StatSession[],
  marks: ReadonlyMap<number, Mark>,
  excusedCountsAsPresent: boolean,
): PersonAttendance {
  const expected = expectedHeldSessions(e, sessions, new Set(marks.keys())).map((session) => ({ session, mark: marks.get(session.id) ?? null }));
  const byModuleRows = new Map<number | null, typeof expected>();
  for (const r of expected) {
    const list = byModuleRows.get(r.session.moduleId) ?? [];
    list.push(r);
    byModuleRows.set(r.session.moduleId, list);
  }
  const byModule = new Map([...byModuleRows].map(([k, rows]) => [k, rate(rows, excusedCountsAsPresent)] as const));
  const present = expected.filter((r) => r.mark === 'PRESENT');
  return {
    participantId: e.participantId,
    ...rate(expected, excusedCountsAsPresent),
    byModule,
    lastPresent: present.at(-1)?.session.date ?? null,
    expected,
  };
}

export interface FlagOptions {
  thresholdPct: number;
  today: Date;
  inactivityDays: number;
}

export interface AttendanceFlags {
  belowThreshold: boolean;
  /** Days since the last presence (or since the start) when the person has been away too long; else null. */
  inactiveDays: number | null;
  inactiveSince: Date | null;
}

export function attendanceFlags(p: PersonAttendance, e: StatEnrolment, o: FlagOptions): AttendanceFlags {
  const belowThreshold = p.sessions.held >= MIN_HELD_FOR_FLAG && !meetsThreshold(p.sessionsBp, o.thresholdPct);
  const since = p.lastPresent ?? e.startDate;
  const days = daysBetween(since, o.today);
  // Only when the person actually missed a held session since then (a break in the timetable is nobody's fault).
  const missedSince = p.expected.some((r) => (p.lastPresent ? r.session.date > since : r.session.date >= since) && r.mark !== 'PRESENT');
  const inactive = days >= o.inactivityDays && missedSince;
  return { belowThreshold, inactiveDays: inactive ? days : null, inactiveSince: inactive ? since : null };
}
