// Attendance of a whole edition (every person's rate by sessions and hours, per module, and the flags),
// and the flags across all open editions for the dashboards.
import type { DbClient } from '../../db/client.ts';
import type { Mark } from '../../lib/attendance.ts';
import { NotFoundError } from '../../http/errors.ts';
import { warsawDate } from '../../lib/dates.ts';
import { attendanceFlags, personAttendance, type AttendanceFlags, type PersonAttendance, type StatSession } from './attendance-stats.ts';

const DEFAULT_INACTIVITY_DAYS = 14;

export async function inactivityDays(db: DbClient): Promise<number> {
  const s = await db.centreSettings.findUnique({ where: { id: 1 }, select: { inactivityFlagDays: true } });
  return s?.inactivityFlagDays ?? DEFAULT_INACTIVITY_DAYS;
}

const sessionSelect = { id: true, date: true, startMinute: true, endMinute: true, moduleId: true, groupId: true, participantId: true, status: true } as const;

export interface PersonRow {
  enrolment: {
    id: number;
    participantId: number;
    groupId: number;
    startDate: Date;
    endDate: Date | null;
    status: 'ACTIVE' | 'COMPLETED' | 'DROPPED_OUT' | 'MOVED';
    version: number;
    attendanceFinalBp: number | null;
    certificateEligible: boolean | null;
    participant: { id: number; firstName: string; lastName: string; socialWorkerId: number | null };
  };
  attendance: PersonAttendance;
  flags: AttendanceFlags;
}

export async function editionAttendance(db: DbClient, editionId: number, today = warsawDate()) {
  const edition = await db.edition.findUnique({
    where: { id: editionId },
    include: { groups: { orderBy: { name: 'asc' } }, modules: { orderBy: [{ position: 'asc' }, { name: 'asc' }] } },
  });
  if (!edition) throw new NotFoundError('Nie ma takiej edycji.');
  const [sessions, enrolments, marks, days] = await Promise.all([
    db.classSession.findMany({ where: { editionId }, select: sessionSelect, orderBy: [{ date: 'asc' }, { startMinute: 'asc' }] }),
    db.enrolment.findMany({
      where: { editionId },
      select: {
        id: true, participantId: true, groupId: true, startDate: true, endDate: true, status: true, version: true,
        attendanceFinalBp: true, certificateEligible: true,
        participant: { select: { id: true, firstName: true, lastName: true, socialWorkerId: true } },
      },
    }),
    db.attendance.findMany({ where: { session: { editionId } }, select: { sessionId: true, participantId: true, status: true } }),
    inactivityDays(db),
  ]);
  const byPerson = new Map<number, Map<number, Mark>>();
  for (const m of marks) {
    const map = byPerson.get(m.participantId) ?? new Map<number, Mark>();
    map.set(m.sessionId, m.status);
    byPerson.set(m.participantId, map);
  }
  const open = edition.status !== 'CLOSED';
  const rows: PersonRow[] = enrolments
    .map((e) => {
      const attendance = personAttendance(e, sessions as StatSession[], byPerson.get(e.participantId) ?? new Map(), edition.excusedCountsAsPresent);
      const flags = open && e.status === 'ACTIVE'
        ? attendanceFlags(attendance, e, { thresholdPct: edition.completionThresholdPct, today, inactivityDays: days })
        : { belowThreshold: false, inactiveDays: null, inactiveSince: null };
      return { enrolment: e, attendance, flags };
    })
    .sort((a, b) => a.enrolment.participant.lastName.localeCompare(b.enrolment.participant.lastName, 'pl') || a.enrolment.participant.firstName.localeCompare(b.enrolment.participant.firstName, 'pl'));
  return { edition, sessions: sessions as StatSession[], rows, inactivityDays: days };
}

export type EditionAttendance = Awaited<ReturnType<typeof editionAttendance>>;

export interface FlaggedPerson {
  editionId: number;
  editionName: string;
  participantId: number;
  name: string;
  groupName: string;
  sessionsBp: number | null;
  thresholdPct: number;
  belowThreshold: boolean;
  inactiveDays: number | null;
  lastPresent: Date | null;
}

/** People in open editions below the threshold or away too long; only a social worker's caseload when given. */
export async function flaggedPeople(db: DbClient, opts: { socialWorkerId?: number; today?: Date } = {}): Promise<FlaggedPerson[]> {
  const editions = await db.edition.findMany({
    where: {
      status: { not: 'CLOSED' },
      ...(opts.socialWorkerId ? { enrolments: { some: { status: 'ACTIVE', participant: { socialWorkerId: opts.socialWorkerId } } } } : {}),
    },
    select: { id: true },
    orderBy: { startDate: 'asc' },
  });
  const out: FlaggedPerson[] = [];
  for (const { id } of editions) {
    const { edition, rows } = await editionAttendance(db, id, opts.today);
    for (const r of rows) {
      if (!r.flags.belowThreshold && r.flags.inactiveDays === null) continue;
      if (opts.socialWorkerId && r.enrolment.participant.socialWorkerId !== opts.socialWorkerId) continue;
      out.push({
        editionId: edition.id,
        editionName: edition.name,
        participantId: r.enrolment.participantId,
        name: `${r.enrolment.participant.lastName} ${r.enrolment.participant.firstName}`,
        groupName: edition.groups.find((g) => g.id === r.enrolment.groupId)?.name ?? '',
        sessionsBp: r.attendance.sessionsBp,
        thresholdPct: edition.completionThresholdPct,
        belowThreshold: r.flags.belowThreshold,
        inactiveDays: r.flags.inactiveDays,
        lastPresent: r.attendance.lastPresent,
      });
    }
  }
  return out;
}
