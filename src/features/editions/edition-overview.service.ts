// What the edition page and the timetable page show: sessions grouped by month with their module, staff
// and attendance state, and the planned vs held hours per module.
import type { DbClient } from '../../db/client.ts';
import { isoDate, MONTH_NAMES, warsawDate } from '../../lib/dates.ts';
import { moduleHours } from './hours.ts';
import { countMap } from '../../db/counts.ts';

export async function listSessions(db: DbClient, editionId: number, filter: { groupId?: number | null; individual?: boolean } = {}) {
  const sessions = await db.classSession.findMany({
    where: {
      editionId,
      ...(filter.groupId ? { groupId: filter.groupId } : {}),
      ...(filter.individual ? { participantId: { not: null } } : {}),
    },
    orderBy: [{ date: 'asc' }, { startMinute: 'asc' }, { groupId: 'asc' }],
    include: {
      group: { select: { id: true, name: true } },
      module: { select: { id: true, name: true } },
      staff: { select: { id: true, fullName: true } },
      participant: { select: { id: true, firstName: true, lastName: true } },
    },
  });
  const counts = await markCounts(db, sessions.map((s) => s.id));
  return sessions.map((s) => ({ ...s, _count: { attendance: counts.get(s.id)! } }));
}

/** Attendance marks taken per session, for the sessions given. */
export async function markCounts(db: DbClient, sessionIds: number[]): Promise<Map<number, number>> {
  const marks = await db.attendance.groupBy({ by: ['sessionId'], where: { sessionId: { in: sessionIds } }, _count: { _all: true } });
  return countMap(sessionIds, marks.map((m) => ({ key: m.sessionId, n: m._count._all })));
}

export type SessionRow = Awaited<ReturnType<typeof listSessions>>[number];

export function byMonth(sessions: readonly SessionRow[]) {
  const months = new Map<string, { key: string; label: string; sessions: SessionRow[]; minutes: number; held: number }>();
  for (const s of sessions) {
    const key = isoDate(s.date).slice(0, 7);
    const m = months.get(key) ?? { key, label: `${MONTH_NAMES[s.date.getUTCMonth()]} ${s.date.getUTCFullYear()}`, sessions: [], minutes: 0, held: 0 };
    m.sessions.push(s);
    if (s.status !== 'CANCELLED') m.minutes += s.endMinute - s.startMinute;
    if (s.status === 'HELD') m.held += 1;
    months.set(key, m);
  }
  return [...months.values()];
}

export async function editionHours(db: DbClient, editionId: number) {
  const [modules, groups, sessions] = await Promise.all([
    db.programmeModule.findMany({ where: { editionId }, orderBy: [{ position: 'asc' }, { name: 'asc' }] }),
    db.editionGroup.findMany({ where: { editionId }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    db.classSession.findMany({ where: { editionId }, select: { moduleId: true, groupId: true, participantId: true, startMinute: true, endMinute: true, status: true } }),
  ]);
  return { groups, rows: moduleHours(modules, groups.map((g) => g.id), sessions), hasIndividual: sessions.some((s) => s.participantId !== null) };
}

export async function upcomingSessions(db: DbClient, editionId: number, today = warsawDate(), take = 6) {
  return db.classSession.findMany({
    where: { editionId, date: { gte: today }, status: 'PLANNED' },
    orderBy: [{ date: 'asc' }, { startMinute: 'asc' }],
    take,
    include: { group: { select: { name: true } }, module: { select: { name: true } }, participant: { select: { firstName: true, lastName: true } } },
  });
}

/** Sessions in the past still waiting for attendance (neither held nor cancelled). */
export async function sessionsAwaitingAttendance(db: DbClient, editionId: number, today = warsawDate()) {
  return db.classSession.findMany({
    where: { editionId, date: { lte: today }, status: 'PLANNED' },
    orderBy: [{ date: 'asc' }, { startMinute: 'asc' }],
    include: { group: { select: { name: true } }, module: { select: { name: true } } },
  });
}
