// Timetable generation: weekly slots from a start date. A slot falling on a Polish public holiday is
// skipped and the session moves to the next slot, so the edition keeps its number of sessions.
import { addDays, isoWeekday } from './dates.ts';
import { holidayOn } from './holidays.ts';

export interface WeeklySlot {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export interface PlannedSession {
  date: Date;
  startMinute: number;
  endMinute: number;
}

export interface TimetableRequest {
  startDate: Date;
  slots: WeeklySlot[];
  /** Number of sessions to plan; or give `weeks` for weeks × slots sessions. */
  count?: number;
  weeks?: number;
  /** Dates already taken (e.g. the group's existing sessions), as YYYY-MM-DD; skipped like holidays. */
  taken?: ReadonlySet<string>;
}

export interface TimetableResult {
  sessions: PlannedSession[];
  skipped: { date: Date; reason: string }[];
}

const MAX_DAYS = 3 * 366;

export function generateTimetable(req: TimetableRequest): TimetableResult {
  if (req.slots.length === 0) throw new RangeError('At least one weekly slot is needed');
  for (const s of req.slots) {
    if (s.weekday < 1 || s.weekday > 7 || s.endMinute <= s.startMinute) throw new RangeError('Invalid slot');
  }
  const count = req.count ?? (req.weeks ?? 0) * req.slots.length;
  if (count <= 0) throw new RangeError('Give a positive count or number of weeks');
  const slots = [...req.slots].sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
  const sessions: PlannedSession[] = [];
  const skipped: { date: Date; reason: string }[] = [];
  for (let i = 0; sessions.length < count; i++) {
    if (i > MAX_DAYS) throw new RangeError('Timetable does not fit in three years');
    const date = addDays(req.startDate, i);
    const todays = slots.filter((s) => s.weekday === isoWeekday(date));
    if (todays.length === 0) continue;
    const holiday = holidayOn(date);
    const iso = date.toISOString().slice(0, 10);
    if (holiday || req.taken?.has(iso)) {
      skipped.push({ date, reason: holiday ?? 'termin zajęty' });
      continue;
    }
    for (const s of todays) {
      if (sessions.length >= count) break;
      sessions.push({ date, startMinute: s.startMinute, endMinute: s.endMinute });
    }
  }
  return { sessions, skipped };
}
