// Everything held about one person (RODO art. 15), gathered for the PDF, the JSON export and the
// administrator's RODO page. Only rows that belong to this person are read: other people's data
// (fellow group members, other names in a settlement) never enters the result.
import type { DbClient } from '../../db/client.ts';
import { NotFoundError } from '../../http/errors.ts';
import type { Mark } from '../../lib/attendance.ts';
import { personAttendance, type StatSession } from '../attendance/attendance-stats.ts';
import { getCentreSettings, DEFAULT_SETTINGS } from '../settings/settings.service.ts';
import { TRAIL_ACTIONS } from './correction-trail.ts';

const sessionSelect = { id: true, date: true, startMinute: true, endMinute: true, moduleId: true, groupId: true, participantId: true, status: true } as const;

export async function collectPersonData(db: DbClient, participantId: number) {
  const person = await db.participant.findUnique({
    where: { id: participantId },
    include: {
      socialWorker: { select: { fullName: true } },
      sensitive: true,
      referrals: { orderBy: { createdAt: 'asc' }, include: { edition: { select: { name: true } }, group: { select: { name: true } }, psuAgreement: { select: { number: true, pupName: true } } } },
      contracts: {
        orderBy: { startDate: 'asc' },
        include: {
          goals: { orderBy: { position: 'asc' } },
          actions: { orderBy: { position: 'asc' } },
          reviews: { orderBy: [{ dueDate: 'asc' }, { heldAt: 'asc' }] },
          extensions: { orderBy: { createdAt: 'asc' } },
          socialWorker: { select: { fullName: true } },
        },
      },
      enrolments: {
        orderBy: { startDate: 'asc' },
        include: { edition: { select: { name: true, startDate: true, endDate: true, excusedCountsAsPresent: true, completionThresholdPct: true } }, group: { select: { name: true } } },
      },
      individualPlans: { orderBy: { madeOn: 'asc' } },
      psuPlacements: { orderBy: { startDate: 'asc' }, include: { workplace: { select: { name: true, address: true } }, agreement: { select: { number: true, pupName: true } } } },
      psuSettlementRows: { include: { month: { select: { year: true, month: true, status: true } } } },
      certificates: {
        orderBy: { issuedOn: 'asc' },
        select: { number: true, kind: true, issuedOn: true, revokedAt: true, revokedReason: true, verificationCode: true, content: true, edition: { select: { name: true } } },
      },
    },
  });
  if (!person) throw new NotFoundError('Nie ma takiej osoby w rejestrze.');
  const editionIds = person.enrolments.map((e) => e.editionId);
  const [attendance, sessions, psuEntries, changes, settings] = await Promise.all([
    db.attendance.findMany({
      where: { participantId },
      orderBy: [{ session: { date: 'asc' } }, { session: { startMinute: 'asc' } }],
      select: {
        sessionId: true, status: true, note: true,
        session: { select: { editionId: true, date: true, startMinute: true, endMinute: true, topic: true, module: { select: { name: true } }, edition: { select: { name: true } } } },
      },
    }),
    db.classSession.findMany({ where: { editionId: { in: editionIds } }, select: { ...sessionSelect, editionId: true } }),
    db.psuHourEntry.findMany({ where: { participantId }, orderBy: { date: 'asc' }, select: { date: true, kind: true, minutes: true, note: true, placementId: true } }),
    // The correction trail: who changed what and when (values are kept in the log until anonymisation).
    db.auditLog.findMany({
      where: { participantId, action: { in: [...TRAIL_ACTIONS] } },
      orderBy: { id: 'asc' },
      select: { id: true, at: true, userLogin: true, action: true, details: true, user: { select: { fullName: true, roles: true } } },
    }),
    getCentreSettings(db),
  ]);
  // Names of the users a change moved the case between (socialWorkerId before → after).
  const workerIds = new Set<number>();
  for (const c of changes) {
    const pair = (c.details as { changes?: Record<string, unknown> } | null)?.changes?.socialWorkerId;
    if (Array.isArray(pair)) for (const v of pair) if (typeof v === 'number') workerIds.add(v);
  }
  const workers = workerIds.size
    ? await db.user.findMany({ where: { id: { in: [...workerIds] } }, select: { id: true, fullName: true } })
    : [];

  // Attendance rate of each enrolment, by the same rules as the club's own pages.
  const marks = new Map<number, Mark>(attendance.map((a) => [a.sessionId, a.status]));
  const rates = person.enrolments.map((e) => {
    const own = sessions.filter((s) => s.editionId === e.editionId) as StatSession[];
    const ownMarks = new Map([...marks].filter(([sid]) => own.some((s) => s.id === sid)));
    const r = personAttendance(e, own, ownMarks, e.edition.excusedCountsAsPresent);
    return { enrolmentId: e.id, sessions: r.sessions, sessionsBp: r.sessionsBp, hoursBp: r.hoursBp };
  });

  return {
    person,
    attendance,
    rates,
    psuEntries,
    changes,
    workerNames: new Map(workers.map((w) => [w.id, w.fullName])),
    centre: settings ?? { ...DEFAULT_SETTINGS, phone: null, email: null, dpoContact: null, retentionYears: 10 },
  };
}

export type PersonData = Awaited<ReturnType<typeof collectPersonData>>;
