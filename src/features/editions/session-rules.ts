// Pure checks for one session's time: holidays, the edition's period, and clashes with the group's,
// the staff member's or the participant's other sessions on the same day.
import { formatDate, formatMinuteOfDay } from '../../lib/dates.ts';
import { holidayOn } from '../../lib/holidays.ts';

export interface SessionSlot {
  id?: number;
  date: Date;
  startMinute: number;
  endMinute: number;
  groupId: number | null;
  participantId: number | null;
  staffId: number | null;
}

export interface ClashContext {
  /** For a group session: the group's active members (their individual sessions clash). */
  groupMemberIds?: ReadonlySet<number>;
  /** For an individual session: the participant's group in this edition (its sessions clash). */
  participantGroupId?: number | null;
}

const sameDay = (a: Date, b: Date) => a.getTime() === b.getTime();
const overlaps = (a: SessionSlot, b: SessionSlot) => a.startMinute < b.endMinute && b.startMinute < a.endMinute;
const when = (s: SessionSlot) => `${formatDate(s.date)}, ${formatMinuteOfDay(s.startMinute)}–${formatMinuteOfDay(s.endMinute)}`;

/** Messages for each clash of `candidate` with `existing` (cancelled sessions must be left out by the caller). */
export function findClashes(candidate: SessionSlot, existing: readonly SessionSlot[], ctx: ClashContext = {}): string[] {
  const out: string[] = [];
  for (const s of existing) {
    if (s.id !== undefined && s.id === candidate.id) continue;
    if (!sameDay(s.date, candidate.date) || !overlaps(s, candidate)) continue;
    if (candidate.groupId !== null && s.groupId === candidate.groupId) {
      out.push(`Grupa ma już zajęcia w tym czasie (${when(s)}).`);
    } else if (candidate.staffId !== null && s.staffId === candidate.staffId) {
      out.push(`Prowadzący ma w tym czasie inne zajęcia (${when(s)}).`);
    } else if (candidate.participantId !== null && (s.participantId === candidate.participantId || (s.groupId !== null && s.groupId === ctx.participantGroupId))) {
      out.push(`Uczestnik ma w tym czasie inne zajęcia (${when(s)}).`);
    } else if (candidate.groupId !== null && s.participantId !== null && ctx.groupMemberIds?.has(s.participantId)) {
      out.push(`Osoba z tej grupy ma w tym czasie zajęcia indywidualne (${when(s)}).`);
    }
  }
  return [...new Set(out)];
}

/** Why a date cannot hold a session of the edition, or null when it can. */
export function dateProblem(date: Date, period: { startDate: Date; endDate: Date }): string | null {
  const holiday = holidayOn(date);
  if (holiday) return `${formatDate(date)} to dzień wolny od pracy (${holiday}). Wybierz inny dzień.`;
  if (date < period.startDate || date > period.endDate) {
    return `Data poza okresem edycji (${formatDate(period.startDate)}–${formatDate(period.endDate)}). Zmień datę albo najpierw okres edycji.`;
  }
  return null;
}
