// Attendance of a whole edition (every person's rate by sessions and hours, per module, and the flags),
// and the flags across all open editions for the dashboards.
import type { DbClient } from '../../db/client.ts';
import type { Mark } from '../../lib/attendance.ts';
import { NotFoundError } from '../../http/errors.ts';
import { daysBetween, warsawDate } from '../../lib/dates.ts';
import { KeptFor } from '../../lib/kept.ts';
import { attendanceBasisPoints, meetsThreshold } from '../../lib/attendance.ts';
import { attendanceFlags, MIN_HELD_FOR_FLAG, personAttendance, type AttendanceFlags, type PersonAttendance, type StatSession } from './attendance-stats.ts';

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

interface FlagRow {
  edition_id: number;
  edition_name: string;
  threshold_pct: number;
  excused_counts: boolean;
  group_name: string;
  participant_id: number;
  first_name: string;
  last_name: string;
  start_date: Date;
  held: number;
  present: number;
  excused: number;
  last_present: Date | null;
  missed_since: boolean;
}

/**
 * People in open editions below the threshold or away too long; only a social worker's caseload when given.
 * The same rules as personAttendance/attendanceFlags (attendance-stats.ts), counted in one SQL query per
 * call instead of loading every mark of every open edition: the expected sessions of an enrolment are the
 * edition's held sessions that the person has a mark for, their individual sessions, and their group's
 * sessions within the enrolment period. They are counted without listing them: the group's sessions in the
 * period, plus individual sessions outside that, plus marked sessions that are neither (a mark is unique per
 * session and person). Missed since the last presence: an expected session is later than it (none can be
 * marked present, the last presence being the latest), or, with no presence, on or after the start.
 */
export async function flaggedPeople(db: DbClient, opts: { socialWorkerId?: number; today?: Date } = {}): Promise<FlaggedPerson[]> {
  const today = opts.today ?? warsawDate();
  const days = await inactivityDays(db);
  // Dashboards opened together share one computation.
  return keptFlags.get(`${opts.socialWorkerId ?? 'all'}|${today.toISOString()}|${days}`, () => computeFlaggedPeople(db, today, opts.socialWorkerId ?? null, days));
}

/**
 * The flags over every open edition are the heaviest read on a dashboard (every mark of every running
 * group), so a result is kept for a minute; any attendance save in this process forgets it at once.
 */
const keptFlags = new KeptFor<FlaggedPerson[]>(60_000);

export function invalidateAttendanceFlags(): void {
  keptFlags.forget();
}

async function computeFlaggedPeople(db: DbClient, today: Date, worker: number | null, days: number): Promise<FlaggedPerson[]> {
  const rows = await db.$queryRaw<FlagRow[]>`
      WITH active AS (
        SELECT e.id, e.edition_id, e.group_id, e.participant_id, e.start_date, e.end_date
        FROM enrolments e
        JOIN editions ed ON ed.id = e.edition_id AND ed.status <> 'CLOSED'
        JOIN participants p ON p.id = e.participant_id
        WHERE e.status = 'ACTIVE' AND (${worker}::int IS NULL OR p.social_worker_id = ${worker}::int)
      ),
      grp AS (
        SELECT a.id AS enrolment_id, count(*)::int AS n, max(s.date) AS last_date
        FROM active a JOIN class_sessions s
          ON s.group_id = a.group_id AND s.status = 'HELD' AND s.date >= a.start_date AND (a.end_date IS NULL OR s.date <= a.end_date)
        GROUP BY a.id
      ),
      ind AS (
        SELECT a.id AS enrolment_id, count(*)::int AS n, max(s.date) AS last_date
        FROM active a JOIN class_sessions s
          ON s.participant_id = a.participant_id AND s.edition_id = a.edition_id AND s.status = 'HELD'
        WHERE NOT coalesce(s.group_id = a.group_id AND s.date >= a.start_date AND (a.end_date IS NULL OR s.date <= a.end_date), false)
        GROUP BY a.id
      ),
      marked AS (
        SELECT a.id AS enrolment_id,
               count(*) FILTER (WHERE NOT coalesce(s.group_id = a.group_id AND s.date >= a.start_date AND (a.end_date IS NULL OR s.date <= a.end_date), false)
                                  AND s.participant_id IS DISTINCT FROM a.participant_id)::int AS extra,
               count(*) FILTER (WHERE m.status = 'PRESENT')::int AS present,
               count(*) FILTER (WHERE m.status = 'EXCUSED')::int AS excused,
               max(s.date) FILTER (WHERE m.status = 'PRESENT') AS last_present,
               max(s.date) AS last_date
        FROM active a
        JOIN attendance m ON m.participant_id = a.participant_id
        JOIN class_sessions s ON s.id = m.session_id AND s.edition_id = a.edition_id AND s.status = 'HELD'
        GROUP BY a.id
      )
      SELECT a.edition_id, ed.name AS edition_name, ed.completion_threshold_pct AS threshold_pct,
             ed.excused_counts_as_present AS excused_counts, g.name AS group_name, a.participant_id,
             p.first_name, p.last_name, a.start_date,
             (COALESCE(gs.n, 0) + COALESCE(i.n, 0) + COALESCE(k.extra, 0))::int AS held,
             COALESCE(k.present, 0) AS present, COALESCE(k.excused, 0) AS excused, k.last_present,
             COALESCE(GREATEST(gs.last_date, i.last_date, k.last_date) > COALESCE(k.last_present, a.start_date - 1), false) AS missed_since
      FROM active a
      JOIN editions ed ON ed.id = a.edition_id
      JOIN edition_groups g ON g.id = a.group_id
      JOIN participants p ON p.id = a.participant_id
      LEFT JOIN grp gs ON gs.enrolment_id = a.id
      LEFT JOIN ind i ON i.enrolment_id = a.id
      LEFT JOIN marked k ON k.enrolment_id = a.id
      ORDER BY ed.start_date, a.edition_id, p.last_name, p.first_name`;
  const out: FlaggedPerson[] = [];
  for (const r of rows) {
    const tallySessions = { held: r.held, present: r.present, excused: r.excused, absent: r.held - r.present - r.excused };
    const sessionsBp = attendanceBasisPoints(tallySessions, r.excused_counts);
    const belowThreshold = r.held >= MIN_HELD_FOR_FLAG && !meetsThreshold(sessionsBp, r.threshold_pct);
    const since = r.last_present ?? r.start_date;
    const away = daysBetween(since, today);
    const inactiveDays = away >= days && r.missed_since ? away : null;
    if (!belowThreshold && inactiveDays === null) continue;
    out.push({
      editionId: r.edition_id,
      editionName: r.edition_name,
      participantId: r.participant_id,
      name: `${r.last_name} ${r.first_name}`,
      groupName: r.group_name,
      sessionsBp,
      thresholdPct: r.threshold_pct,
      belowThreshold,
      inactiveDays,
      lastPresent: r.last_present,
    });
  }
  return out;
}
