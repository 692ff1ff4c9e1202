// Loads what the reports count, for everything up to a period's end (and back far enough for the
// 12-month chart), into the plain ReportData shape the pure report functions take.
import type { DbClient } from '../../db/client.ts';
import { utcDate, warsawDate } from '../../lib/dates.ts';
import type { ReportData } from './report-model.ts';

const dateOf = (instant: Date | null) => (instant ? warsawDate(instant) : null);

export async function loadReportData(db: DbClient, from: Date, to: Date): Promise<ReportData> {
  // Sessions and PSU from the earliest of the period, its year's start and 12 months back.
  const since = new Date(Math.min(from.getTime(), utcDate(to.getUTCFullYear(), 1, 1).getTime(), utcDate(to.getUTCFullYear(), to.getUTCMonth() - 10, 1).getTime()));
  const [participants, enrolments, referrals, editions, sessions, contracts, certificates, agreements, rates, closedMonths, entries, plans, staff] = await Promise.all([
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
    // Sessions with their marks counted in the database: a year of a big centre is hundreds of thousands of marks.
    db.$queryRaw<(ReportData['sessions'][number])[]>`
      WITH ses AS (
        SELECT id, edition_id, group_id, module_id, date, end_minute - start_minute AS minutes, status
        FROM class_sessions WHERE date >= ${since} AND date <= ${to}
      ), marks AS (
        SELECT a.session_id,
          count(*) FILTER (WHERE a.status = 'PRESENT')::int AS present,
          count(*) FILTER (WHERE a.status = 'EXCUSED')::int AS excused,
          count(*) FILTER (WHERE a.status NOT IN ('PRESENT', 'EXCUSED'))::int AS absent
        FROM attendance a JOIN ses ON ses.id = a.session_id AND ses.status = 'HELD'
        GROUP BY a.session_id
      )
      SELECT ses.edition_id AS "editionId", ses.group_id AS "groupId", ses.date, ses.minutes::int AS minutes, ses.status::text AS status,
        m.area::text AS "moduleArea", coalesce(marks.present, 0) AS present, coalesce(marks.excused, 0) AS excused, coalesce(marks.absent, 0) AS absent
      FROM ses LEFT JOIN programme_modules m ON m.id = ses.module_id LEFT JOIN marks ON marks.session_id = ses.id`,
    db.socialContract.findMany({ where: { startDate: { lte: to } }, select: { startDate: true, status: true, statusDate: true } }),
    db.certificate.findMany({ where: { issuedOn: { lte: to } }, select: { kind: true, issuedOn: true, revokedAt: true } }),
    db.psuAgreement.findMany({ where: { periodStart: { lte: to } }, orderBy: { number: 'asc' }, select: { id: true, number: true, refundBasisPoints: true, ownRateGrosze: true } }),
    db.psuRate.findMany({ select: { validFrom: true, rateGrosze: true } }),
    db.psuMonth.findMany({ where: { status: 'CLOSED' }, select: { agreementId: true, year: true, month: true, rows: { select: { participantId: true, minutes: true, amountGrosze: true, refundGrosze: true } } } }),
    // Worked minutes per placement and month, summed in the database.
    db.$queryRaw<{ agreementId: number; placementId: number; participantId: number; year: number; month: number; minutes: number }[]>`
      SELECT p.agreement_id AS "agreementId", e.placement_id AS "placementId", e.participant_id AS "participantId",
        extract(year FROM e.date)::int AS year, extract(month FROM e.date)::int AS month, sum(e.minutes)::int AS minutes
      FROM psu_hour_entries e JOIN psu_placements p ON p.id = e.placement_id
      WHERE e.kind = 'WORK' AND e.date >= ${since} AND e.date <= ${to}
      GROUP BY 1, 2, 3, 4, 5`,
    db.individualPlan.findMany({ where: { madeOn: { lte: to } }, select: { madeOn: true } }),
    db.staffMember.findMany({ select: { profession: true, editions: { select: { editionId: true } } } }),
  ]);

  const closedKey = new Set(closedMonths.map((m) => `${m.agreementId}:${m.year}:${m.month}`));
  const psuOpen = entries.filter((e) => !closedKey.has(`${e.agreementId}:${e.year}:${e.month}`));

  return {
    participants,
    enrolments,
    referrals: referrals.map((r) => ({ kind: r.kind, status: r.status, submittedOn: dateOf(r.submittedAt), decidedOn: dateOf(r.decidedAt), eligibilityBases: r.eligibilityBases, participantId: r.participantId })),
    editions,
    sessions,
    contracts,
    certificates: certificates.map((c) => ({ kind: c.kind, issuedOn: c.issuedOn, revokedOn: dateOf(c.revokedAt) })),
    psuAgreements: agreements,
    psuRates: rates,
    psuClosed: closedMonths.flatMap((m) => m.rows.map((r) => ({ agreementId: m.agreementId, year: m.year, month: m.month, ...r }))),
    psuOpen,
    individualPlans: plans,
    staff: staff.map((s) => ({ profession: s.profession, editionIds: s.editions.map((e) => e.editionId) })),
  };
}
