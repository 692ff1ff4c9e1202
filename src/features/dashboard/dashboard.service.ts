// The numbers each role sees first. Each section is a small function so features can add their own.
import type { DbClient } from '../../db/client.ts';
import { countMap } from '../../db/counts.ts';
import { markCounts } from '../editions/edition-overview.service.ts';
import { addDays, warsawDate } from '../../lib/dates.ts';

export async function socialWorkerSummary(db: DbClient, userId: number, today = warsawDate()) {
  const in14 = addDays(today, 14);
  const [caseload, endingContracts, reviewsDue, overdueActions, overdueActionList, expiredContracts] = await Promise.all([
    db.participant.count({ where: { socialWorkerId: userId, status: 'ACTIVE' } }),
    db.socialContract.findMany({
      where: { socialWorkerId: userId, status: 'ACTIVE', endDate: { gte: today, lte: in14 } },
      orderBy: { endDate: 'asc' },
      select: { id: true, number: true, endDate: true, participant: { select: { id: true, firstName: true, lastName: true } } },
    }),
    db.contractReview.findMany({
      where: { heldAt: null, dueDate: { lte: in14 }, contract: { socialWorkerId: userId, status: 'ACTIVE' } },
      orderBy: { dueDate: 'asc' },
      select: { id: true, dueDate: true, contract: { select: { id: true, number: true, participant: { select: { id: true, firstName: true, lastName: true } } } } },
    }),
    db.contractAction.count({
      where: { doneAt: null, deadline: { lt: today }, contract: { socialWorkerId: userId, status: 'ACTIVE' } },
    }),
    // Casework: the deadlines passed, oldest first, and contracts past their end still marked active.
    db.contractAction.findMany({
      where: { doneAt: null, deadline: { lt: today }, contract: { socialWorkerId: userId, status: 'ACTIVE' } },
      orderBy: [{ deadline: 'asc' }, { id: 'asc' }],
      take: 20,
      select: { id: true, description: true, deadline: true, side: true, contract: { select: { id: true, number: true, participant: { select: { firstName: true, lastName: true } } } } },
    }),
    db.socialContract.findMany({
      where: { socialWorkerId: userId, status: 'ACTIVE', endDate: { lt: today } },
      orderBy: { endDate: 'asc' },
      select: { id: true, number: true, endDate: true, participant: { select: { firstName: true, lastName: true } } },
    }),
  ]);
  return { caseload, endingContracts, reviewsDue, overdueActions, overdueActionList, expiredContracts };
}

export async function coordinatorSummary(db: DbClient, today = warsawDate()) {
  const [editions, sessions, submittedReferrals] = await Promise.all([
    db.edition.findMany({
      where: { status: { in: ['PLANNED', 'RUNNING'] } },
      orderBy: { startDate: 'asc' },
      select: { id: true, name: true, startDate: true, endDate: true, status: true },
    }),
    db.classSession.findMany({
      where: { date: today, status: { not: 'CANCELLED' } },
      orderBy: { startMinute: 'asc' },
      select: {
        id: true, startMinute: true, endMinute: true, status: true,
        edition: { select: { name: true } }, group: { select: { name: true } }, module: { select: { name: true } },
      },
    }),
    db.referral.count({ where: { status: 'SUBMITTED', kind: 'KIS' } }),
  ]);
  // Counted for these rows only (Prisma's _count aggregates whole tables: src/db/counts.ts).
  const [enrolled, marks] = await Promise.all([
    db.enrolment.groupBy({ by: ['editionId'], where: { editionId: { in: editions.map((e) => e.id) } }, _count: { _all: true } }),
    markCounts(db, sessions.map((s) => s.id)),
  ]);
  const enrolments = countMap(editions.map((e) => e.id), enrolled.map((g) => ({ key: g.editionId, n: g._count._all })));
  const runningEditions = editions.map((e) => ({ ...e, _count: { enrolments: enrolments.get(e.id)! } }));
  const todaysSessions = sessions.map((s) => ({ ...s, _count: { attendance: marks.get(s.id)! } }));
  return { runningEditions, todaysSessions, submittedReferrals };
}

export async function directorSummary(db: DbClient) {
  const [activeParticipants, runningEditions, activeContracts, activePlacements] = await Promise.all([
    db.participant.count({ where: { status: 'ACTIVE' } }),
    db.edition.count({ where: { status: 'RUNNING' } }),
    db.socialContract.count({ where: { status: 'ACTIVE' } }),
    db.psuPlacement.count({ where: { status: 'ACTIVE' } }),
  ]);
  return { activeParticipants, runningEditions, activeContracts, activePlacements };
}

export async function adminSummary(db: DbClient) {
  const [activeUsers, recentAudit] = await Promise.all([
    db.user.count({ where: { active: true } }),
    db.auditLog.findMany({
      orderBy: { id: 'desc' },
      take: 10,
      select: { id: true, at: true, userLogin: true, action: true, entityType: true, entityId: true },
    }),
  ]);
  return { activeUsers, recentAudit };
}
