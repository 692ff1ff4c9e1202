// Closing an edition: every person gets an outcome (completed, dropped out with a reason, moved), their
// final attendance is frozen and the certificate eligibility computed from the edition's threshold
// (completed and attendance by sessions at or above it). Afterwards the edition refuses changes.
import { invalidateAttendanceFlags } from '../attendance/attendance-report.service.ts';
import { countMap } from '../../db/counts.ts';
import type { DbClient } from '../../db/client.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../../http/errors.ts';
import { meetsThreshold } from '../../lib/attendance.ts';
import { formatDate, warsawDate } from '../../lib/dates.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { editionAttendance } from '../attendance/attendance-report.service.ts';
import { assertOpen } from './editions.service.ts';
import { assertMoveTarget } from './enrolments.service.ts';
import type { CloseRow } from './enrolments.schemas.ts';

/** Whether a person with this outcome and attendance gets a certificate. */
export function certificateEligibility(outcome: string, sessionsBp: number | null, thresholdPct: number): boolean {
  return outcome === 'COMPLETED' && meetsThreshold(sessionsBp, thresholdPct);
}

/** Sessions neither held nor cancelled: the edition cannot close while its timetable is unsettled. */
export async function unsettledSessions(db: DbClient, editionId: number) {
  return db.classSession.findMany({
    where: { editionId, status: 'PLANNED' },
    orderBy: [{ date: 'asc' }, { startMinute: 'asc' }],
    select: { id: true, date: true, group: { select: { name: true } } },
  });
}

export async function closeEdition(db: DbClient, actor: Actor, editionId: number, editionVersion: number, rows: ReadonlyMap<number, CloseRow>, today = warsawDate()) {
  await db.$queryRaw`SELECT id FROM editions WHERE id = ${editionId} FOR UPDATE`;
  const { edition, rows: people } = await editionAttendance(db, editionId, today);
  assertOpen(edition);
  if (edition.version !== editionVersion) throw new ConflictError('Ktoś inny zmienił tę edycję w międzyczasie. Odśwież stronę.');
  const unsettled = await unsettledSessions(db, editionId);
  if (unsettled.length) {
    const list = unsettled.slice(0, 5).map((s) => `${formatDate(s.date)}${s.group ? ` (${s.group.name})` : ''}`).join(', ');
    throw new ConflictError(`Zajęć bez obecności i bez odwołania: ${unsettled.length} (${list}${unsettled.length > 5 ? '…' : ''}). Sprawdź na nich obecność albo je odwołaj, potem zamknij edycję.`);
  }
  const missing: FieldErrors = {};
  for (const p of people) if (!rows.has(p.enrolment.participantId)) missing[`outcome_${p.enrolment.participantId}`] = 'Wybierz wynik udziału.';
  if (Object.keys(missing).length) throw new ValidationError(missing);

  let eligible = 0;
  for (const p of people) {
    const pid = p.enrolment.participantId;
    const row = rows.get(pid)!;
    await assertMoveTarget(db, editionId, row.outcome === 'MOVED' ? row.movedToGroupId : null, `movedToGroupId_${pid}`);
    const certificateEligible = certificateEligibility(row.outcome, p.attendance.sessionsBp, edition.completionThresholdPct);
    if (certificateEligible) eligible += 1;
    const endDate = row.outcome === 'COMPLETED' ? edition.endDate : (p.enrolment.endDate ?? (today < edition.endDate ? today : edition.endDate));
    invalidateAttendanceFlags(); // who is expected where changed: dashboard flags are stale
    const { count } = await db.enrolment.updateMany({
      where: { id: p.enrolment.id, version: row.version },
      data: {
        status: row.outcome,
        outcomeReason: row.outcomeReason,
        movedToGroupId: row.outcome === 'MOVED' ? row.movedToGroupId : null,
        endDate,
        surveyStartScore: row.surveyStartScore,
        surveyEndScore: row.surveyEndScore,
        tookUpEmployment: row.tookUpEmployment,
        employmentDate: row.tookUpEmployment ? row.employmentDate : null,
        attendanceFinalBp: p.attendance.sessionsBp,
        certificateEligible,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw new ConflictError(`Ktoś inny zmienił udział: ${p.enrolment.participant.firstName} ${p.enrolment.participant.lastName}. Odśwież stronę.`);
    await recordAudit(db, actor, {
      action: 'enrolment.close',
      entityType: 'enrolment',
      entityId: p.enrolment.id,
      participantId: pid,
      details: { outcome: row.outcome, attendanceBp: p.attendance.sessionsBp, certificateEligible },
    });
  }
  const closed = await db.edition.updateMany({
    where: { id: editionId, version: editionVersion },
    data: { status: 'CLOSED', closedAt: new Date(), closedById: actor.id, version: { increment: 1 } },
  });
  if (closed.count === 0) throw new NotFoundError('Nie ma takiej edycji.');
  await recordAudit(db, actor, { action: 'edition.close', entityType: 'edition', entityId: editionId, details: { people: people.length, certificateEligible: eligible } });
  return { people: people.length, eligible };
}

/** Closed editions for the administrator, newest first, with what reopening would touch. */
export async function closedEditions(db: DbClient, onlyId?: number) {
  const editions = await db.edition.findMany({
    where: { status: 'CLOSED', ...(onlyId === undefined ? {} : { id: onlyId }) },
    orderBy: [{ closedAt: 'desc' }, { id: 'desc' }],
    select: { id: true, name: true, startDate: true, endDate: true, closedAt: true, version: true, closedBy: { select: { fullName: true } } },
  });
  const ids = editions.map((e) => e.id);
  const [completed, certificates] = await Promise.all([
    db.enrolment.groupBy({ by: ['editionId'], where: { editionId: { in: ids }, status: 'COMPLETED' }, _count: { _all: true } }),
    db.certificate.groupBy({ by: ['editionId'], where: { editionId: { in: ids }, revokedAt: null }, _count: { _all: true } }),
  ]);
  const completedBy = countMap(ids, completed.map((g) => ({ key: g.editionId, n: g._count._all })));
  const certificatesBy = countMap<number | null>(ids, certificates.map((g) => ({ key: g.editionId, n: g._count._all })));
  return editions.map((e) => ({ ...e, completed: completedBy.get(e.id)!, certificates: certificatesBy.get(e.id)! }));
}

/**
 * Reopens a closed edition so its attendance, timetable and outcomes can be corrected: the people who
 * completed it are back in the club (their final attendance and eligibility are computed again at the next
 * close; survey scores and employment stay), those who dropped out or moved keep that. Certificates already
 * issued stay valid: one that turns out wrong is revoked in the register. Logged with the reason.
 */
export async function reopenEdition(db: DbClient, actor: Actor, editionId: number, input: { reason: string; version: number }) {
  const edition = await db.edition.findUnique({ where: { id: editionId }, select: { id: true, name: true, status: true } });
  if (!edition) throw new NotFoundError('Nie ma takiej edycji.');
  if (edition.status !== 'CLOSED') throw new ConflictError(`Edycja „${edition.name}” jest otwarta.`);
  const { count } = await db.edition.updateMany({
    where: { id: editionId, version: input.version, status: 'CLOSED' },
    data: { status: 'RUNNING', closedAt: null, closedById: null, version: { increment: 1 } },
  });
  if (count === 0) throw new ConflictError('Ktoś inny zmienił tę edycję w międzyczasie. Odśwież stronę.');
  const back = await db.enrolment.updateMany({
    where: { editionId, status: 'COMPLETED' },
    data: { status: 'ACTIVE', endDate: null, certificateEligible: null, attendanceFinalBp: null, version: { increment: 1 } },
  });
  invalidateAttendanceFlags();
  const certificates = await db.certificate.count({ where: { editionId, revokedAt: null } });
  await recordAudit(db, actor, {
    action: 'edition.reopen', entityType: 'edition', entityId: editionId,
    details: { reason: input.reason, peopleBackInClub: back.count, certificatesStillValid: certificates },
  });
  return { name: edition.name, peopleBack: back.count, certificates };
}
