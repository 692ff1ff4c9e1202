// Loads what the reports count, for everything up to a period's end (and back far enough for the
// 12-month chart), into the plain ReportData shape the pure report functions take.
import type { DbClient } from '../../db/client.ts';
import { utcDate, warsawDate } from '../../lib/dates.ts';
import type { ReportData } from './report-model.ts';

const dateOf = (instant: Date | null) => (instant ? warsawDate(instant) : null);

export async function loadReportData(db: DbClient, from: Date, to: Date): Promise<ReportData> {
  // Sessions and PSU from the earliest of the period, its year's start and 12 months back.
  const since = new Date(Math.min(from.getTime(), utcDate(to.getUTCFullYear(), 1, 1).getTime(), utcDate(to.getUTCFullYear(), to.getUTCMonth() - 10, 1).getTime()));
  const [participants, enrolments, referrals, editions, sessions, marks, contracts, certificates, agreements, rates, closedMonths, entries, plans, staff] = await Promise.all([
    db.participant.findMany({ where: { enrolments: { some: {} } }, select: { id: true, sex: true, birthDate: true } }),
    db.enrolment.findMany({
      where: { startDate: { lte: to } },
      select: { participantId: true, editionId: true, startDate: true, endDate: true, status: true, tookUpEmployment: true, employmentDate: true, surveyStartScore: true, surveyEndScore: true },
    }),
    db.referral.findMany({
      where: { OR: [{ submittedAt: { not: null } }, { decidedAt: { not: null } }] },
      select: { kind: true, status: true, submittedAt: true, decidedAt: true, eligibilityBases: true, participantId: true },
    }),
    db.edition.findMany({ where: { startDate: { lte: to } }, orderBy: { startDate: 'asc' }, select: { id: true, name: true, excusedCountsAsPresent: true, groups: { select: { id: true, name: true }, orderBy: { name: 'asc' } } } }),
    db.classSession.findMany({
      where: { date: { gte: since, lte: to } },
      select: { id: true, editionId: true, groupId: true, date: true, startMinute: true, endMinute: true, status: true, module: { select: { area: true } } },
    }),
    db.attendance.groupBy({ by: ['sessionId', 'status'], where: { session: { date: { gte: since, lte: to }, status: 'HELD' } }, _count: { _all: true } }),
    db.socialContract.findMany({ where: { startDate: { lte: to } }, select: { startDate: true, status: true, statusDate: true } }),
    db.certificate.findMany({ where: { issuedOn: { lte: to } }, select: { kind: true, issuedOn: true, revokedAt: true } }),
    db.psuAgreement.findMany({ where: { periodStart: { lte: to } }, orderBy: { number: 'asc' }, select: { id: true, number: true, refundBasisPoints: true, ownRateGrosze: true } }),
    db.psuRate.findMany({ select: { validFrom: true, rateGrosze: true } }),
    db.psuMonth.findMany({ where: { status: 'CLOSED' }, select: { agreementId: true, year: true, month: true, rows: { select: { participantId: true, minutes: true, amountGrosze: true, refundGrosze: true } } } }),
    db.psuHourEntry.findMany({
      where: { date: { gte: since, lte: to }, kind: 'WORK' },
      select: { date: true, minutes: true, placementId: true, participantId: true, placement: { select: { agreementId: true } } },
    }),
    db.individualPlan.findMany({ where: { madeOn: { lte: to } }, select: { madeOn: true } }),
    db.staffMember.findMany({ select: { profession: true, editions: { select: { editionId: true } } } }),
  ]);

  const tally = new Map<number, { present: number; excused: number; absent: number }>();
  for (const m of marks) {
    const t = tally.get(m.sessionId) ?? { present: 0, excused: 0, absent: 0 };
    if (m.status === 'PRESENT') t.present += m._count._all;
    else if (m.status === 'EXCUSED') t.excused += m._count._all;
    else t.absent += m._count._all;
    tally.set(m.sessionId, t);
  }

  const closedKey = new Set(closedMonths.map((m) => `${m.agreementId}:${m.year}:${m.month}`));
  const open = new Map<string, ReportData['psuOpen'][number]>();
  for (const e of entries) {
    const year = e.date.getUTCFullYear();
    const month = e.date.getUTCMonth() + 1;
    if (closedKey.has(`${e.placement.agreementId}:${year}:${month}`)) continue;
    const key = `${e.placementId}:${year}:${month}`;
    const row = open.get(key) ?? { agreementId: e.placement.agreementId, year, month, participantId: e.participantId, placementId: e.placementId, minutes: 0 };
    row.minutes += e.minutes;
    open.set(key, row);
  }

  return {
    participants,
    enrolments,
    referrals: referrals.map((r) => ({ kind: r.kind, status: r.status, submittedOn: dateOf(r.submittedAt), decidedOn: dateOf(r.decidedAt), eligibilityBases: r.eligibilityBases, participantId: r.participantId })),
    editions,
    sessions: sessions.map((s) => ({
      editionId: s.editionId, groupId: s.groupId, date: s.date, minutes: s.endMinute - s.startMinute, status: s.status,
      moduleArea: s.module?.area ?? null, ...(tally.get(s.id) ?? { present: 0, excused: 0, absent: 0 }),
    })),
    contracts,
    certificates: certificates.map((c) => ({ kind: c.kind, issuedOn: c.issuedOn, revokedOn: dateOf(c.revokedAt) })),
    psuAgreements: agreements,
    psuRates: rates,
    psuClosed: closedMonths.flatMap((m) => m.rows.map((r) => ({ agreementId: m.agreementId, year: m.year, month: m.month, ...r }))),
    psuOpen: [...open.values()],
    individualPlans: plans,
    staff: staff.map((s) => ({ profession: s.profession, editionIds: s.editions.map((e) => e.editionId) })),
  };
}
