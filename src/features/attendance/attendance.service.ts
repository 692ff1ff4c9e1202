// Taking attendance for one session: the roster (the group's active members, plus anyone already marked),
// and saving every mark in one transaction that also marks the session as held. Two coordinators on the
// same session never overwrite each other silently: the form carries the marks as it loaded them; a mark
// someone else changed meanwhile is kept unless this form changed it too, and then (a real conflict)
// nothing is saved and the page shows both values.
import { faultPoint } from '../../db/fault-point.ts';
import { invalidateAttendanceFlags } from './attendance-report.service.ts';
import type { DbClient } from '../../db/client.ts';
import type { Mark } from '../../lib/attendance.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { formatDate, warsawDate } from '../../lib/dates.ts';
import { recordAudit, recordAuditMany, type Actor } from '../audit/audit.service.ts';
import { assertOpen, markRunning } from '../editions/editions.service.ts';

export interface RosterRow {
  participantId: number;
  firstName: string;
  lastName: string;
  /** Current mark in the database. */
  mark: Mark | null;
  recordedBy: string | null;
  recordedAt: Date | null;
  /** Marked here but no longer an active member of the group (left, moved). */
  former: boolean;
}

export async function getSheet(db: DbClient, sessionId: number) {
  const session = await db.classSession.findUnique({
    where: { id: sessionId },
    include: {
      edition: true,
      group: true,
      module: true,
      staff: true,
      participant: { select: { id: true, firstName: true, lastName: true } },
      attendance: { include: { participant: { select: { firstName: true, lastName: true } }, recordedBy: { select: { fullName: true } } } },
    },
  });
  if (!session) throw new NotFoundError('Nie ma takich zajęć.');
  const marks = new Map(session.attendance.map((a) => [a.participantId, a]));
  const rows = new Map<number, RosterRow>();
  const add = (p: { id: number; firstName: string; lastName: string }, former: boolean) => {
    const m = marks.get(p.id);
    rows.set(p.id, {
      participantId: p.id, firstName: p.firstName, lastName: p.lastName, mark: m?.status ?? null,
      recordedBy: m?.recordedBy?.fullName ?? null, recordedAt: m?.recordedAt ?? null, former,
    });
  };
  if (session.participant) {
    add(session.participant, false);
  } else if (session.groupId !== null) {
    const members = await db.enrolment.findMany({
      where: {
        groupId: session.groupId, status: 'ACTIVE', startDate: { lte: session.date },
        OR: [{ endDate: null }, { endDate: { gte: session.date } }],
      },
      include: { participant: { select: { id: true, firstName: true, lastName: true } } },
    });
    for (const e of members) add(e.participant, false);
  }
  for (const a of session.attendance) if (!rows.has(a.participantId)) add({ id: a.participantId, ...a.participant }, true);
  const roster = [...rows.values()].sort((a, b) => a.lastName.localeCompare(b.lastName, 'pl') || a.firstName.localeCompare(b.firstName, 'pl'));
  return { session, roster };
}

export type Sheet = Awaited<ReturnType<typeof getSheet>>;

export interface SheetInput {
  marks: Map<number, Mark>;
  /** Marks as the form loaded them (null = none then). */
  was: Map<number, Mark | null>;
  topic: string | null;
  topicWas: string | null;
}

export interface MarkConflict {
  participantId: number;
  theirs: Mark | null;
  theirsBy: string | null;
  yours: Mark;
}

/** Someone saved different marks since the form was loaded: nothing was saved; the page shows both. */
export class AttendanceConflictError extends ConflictError {
  constructor(
    readonly conflicts: MarkConflict[],
    readonly topicConflict: { theirs: string | null } | null,
  ) {
    super('Ktoś inny zapisał obecność na tych zajęciach, gdy wypełniałeś(-aś) formularz. Nic jeszcze nie zapisano. Porównaj zaznaczone osoby: Twoje wybory są zachowane; zapisz ponownie, jeśli są właściwe.');
  }
}

/** Checks the session may take attendance now (open edition, not cancelled, not in the future). */
export function assertSheetOpen(session: { status: string; date: Date; edition: { status: string } }, today = warsawDate()): void {
  assertOpen(session.edition);
  if (session.status === 'CANCELLED') throw new ConflictError('Zajęcia są odwołane: nie sprawdza się na nich obecności.');
  if (session.date > today) throw new ConflictError(`Zajęcia odbędą się ${formatDate(session.date)}: obecność sprawdzisz w dniu zajęć lub później.`);
}

export async function saveAttendance(db: DbClient, actor: Actor, sessionId: number, input: SheetInput, today = warsawDate()) {
  // One save at a time per session: a second coordinator's transaction waits here and then sees the first's marks.
  await db.$queryRaw`SELECT id FROM class_sessions WHERE id = ${sessionId} FOR UPDATE`;
  const { session, roster } = await getSheet(db, sessionId);
  assertSheetOpen(session, today);

  const missing = roster.filter((r) => !input.marks.has(r.participantId));
  if (missing.length) {
    throw new ValidationError(Object.fromEntries(missing.map((r) => [`mark_${r.participantId}`, `Zaznacz obecność: ${r.firstName} ${r.lastName}.`])));
  }
  const onRoster = new Set(roster.map((r) => r.participantId));
  const strangers = [...input.marks.keys()].filter((id) => !onRoster.has(id));
  if (strangers.length) throw new ConflictError('Skład grupy zmienił się od otwarcia formularza. Odśwież stronę i zaznacz obecność ponownie.');

  // Three-way comparison of each mark: as loaded in the form, as submitted, as now in the database.
  // Unchanged since loading: the submitted mark is written. Changed by someone else and left alone in
  // this form: their mark stays. Changed on both sides to different marks: a conflict, nothing is saved.
  const conflicts: MarkConflict[] = [];
  const writes: { row: RosterRow; status: Mark }[] = [];
  let keptTheirs = 0;
  for (const r of roster) {
    const yours = input.marks.get(r.participantId)!;
    const loaded = input.was.get(r.participantId) ?? null;
    if (r.mark === loaded) {
      if (yours !== r.mark) writes.push({ row: r, status: yours });
    } else if (yours === loaded) {
      keptTheirs += 1;
    } else if (yours !== r.mark) {
      conflicts.push({ participantId: r.participantId, theirs: r.mark, theirsBy: r.recordedBy, yours });
    }
  }
  const topicChangedThere = session.topic !== input.topicWas;
  const topicChangedHere = input.topic !== input.topicWas;
  const topicConflict = topicChangedThere && topicChangedHere && session.topic !== input.topic ? { theirs: session.topic } : null;
  if (conflicts.length || topicConflict) throw new AttendanceConflictError(conflicts, topicConflict);
  const topic = topicChangedHere ? input.topic : session.topic;

  // One statement for all marks and one for their audit rows, whatever the size of the group.
  if (writes.length) {
    const ids = writes.map((w) => w.row.participantId);
    const statuses = writes.map((w) => w.status);
    await db.$executeRaw`
      INSERT INTO attendance (session_id, participant_id, status, recorded_by_id, recorded_at)
      SELECT ${sessionId}, u.pid, u.st::"AttendanceStatus", ${actor.id}, now()
      FROM unnest(${ids}::int[], ${statuses}::text[]) AS u(pid, st)
      ON CONFLICT (session_id, participant_id)
      DO UPDATE SET status = EXCLUDED.status, recorded_by_id = EXCLUDED.recorded_by_id, recorded_at = EXCLUDED.recorded_at`;
    await recordAuditMany(db, actor, writes.map(({ row: r, status }) => ({
      action: 'attendance.mark',
      entityType: 'class_session',
      entityId: sessionId,
      participantId: r.participantId,
      details: { date: formatDate(session.date), status: [r.mark, status] },
    })));
  }
  await faultPoint('attendance.save');
  await db.classSession.update({ where: { id: sessionId }, data: { status: 'HELD', topic, version: { increment: 1 } } });
  await markRunning(db, session.editionId);
  await recordAudit(db, actor, {
    action: 'attendance.save',
    entityType: 'class_session',
    entityId: sessionId,
    details: { editionId: session.editionId, date: formatDate(session.date), people: roster.length, changed: writes.length, keptTheirs },
  });
  invalidateAttendanceFlags();
  const final = roster.map((r) => writes.find((w) => w.row === r)?.status ?? r.mark);
  return { session, changed: writes.length, keptTheirs, present: final.filter((m) => m === 'PRESENT').length, total: roster.length };
}
