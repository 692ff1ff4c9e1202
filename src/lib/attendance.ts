// Attendance percentage: sessions (or hours) present ÷ sessions (or hours) held so far.
// An excused absence is an absence unless the edition counts it as present.

export type Mark = 'PRESENT' | 'ABSENT' | 'EXCUSED';

export interface AttendanceTally {
  held: number; // sessions held (or minutes held, for the hours measure)
  present: number;
  excused: number;
  absent: number;
}

/** Basis points (8500 = 85,00%), rounded half up; null when nothing has been held yet. */
export function attendanceBasisPoints(t: AttendanceTally, excusedCountsAsPresent: boolean): number | null {
  if (t.held <= 0) return null;
  const counted = t.present + (excusedCountsAsPresent ? t.excused : 0);
  return Math.floor((counted * 10_000 * 2 + t.held) / (t.held * 2));
}

/** Whether a rate meets the edition's completion threshold (whole percent, e.g. 80). */
export function meetsThreshold(basisPoints: number | null, thresholdPct: number): boolean {
  return basisPoints !== null && basisPoints >= thresholdPct * 100;
}

/** Tally of marks; sessions with no mark count as held and absent (the person was expected). */
export function tally(marks: readonly (Mark | null)[], weights?: readonly number[]): AttendanceTally {
  const t: AttendanceTally = { held: 0, present: 0, excused: 0, absent: 0 };
  marks.forEach((m, i) => {
    const w = weights?.[i] ?? 1;
    t.held += w;
    if (m === 'PRESENT') t.present += w;
    else if (m === 'EXCUSED') t.excused += w;
    else t.absent += w;
  });
  return t;
}
