// One person's participation in an edition, managed by the coordinator: moving to another group of the
// edition (within capacity), ending early (dropped out with a reason, or moved to another edition),
// resuming after a mistake, and the soft results (surveys, opinions, employment).
// Accepting a referral (which creates the enrolment) belongs to the referrals feature.
import { invalidateAttendanceFlags } from '../attendance/attendance-report.service.ts';
import type { DbClient } from '../../db/client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { formatDate } from '../../lib/dates.ts';
import { diffFields, recordAudit, type Actor } from '../audit/audit.service.ts';
import { assertOpen } from './editions.service.ts';

export async function getEnrolment(db: DbClient, editionId: number, participantId: number) {
  const e = await db.enrolment.findUnique({
    where: { editionId_participantId: { editionId, participantId } },
    include: {
      edition: true,
      group: true,
      movedToGroup: { include: { edition: { select: { id: true, name: true } } } },
      participant: { select: { id: true, firstName: true, lastName: true, socialWorker: { select: { fullName: true } } } },
    },
  });
  if (!e) throw new NotFoundError('Ta osoba nie uczestniczy w tej edycji.');
  return e;
}

const STALE = 'Ktoś inny zmienił udział tej osoby w międzyczasie. Odśwież stronę i wprowadź zmiany ponownie.';

async function assertRoom(db: DbClient, groupId: number) {
  const group = await db.editionGroup.findUniqueOrThrow({ where: { id: groupId }, include: { _count: { select: { enrolments: { where: { status: 'ACTIVE' } } } } } });
  if (group._count.enrolments >= group.capacity) {
    throw new ValidationError({ groupId: `${group.name} jest pełna (${group._count.enrolments} z ${group.capacity} miejsc).` });
  }
  return group;
}

export async function moveToGroup(db: DbClient, actor: Actor, editionId: number, participantId: number, input: { groupId: number; version: number }) {
  const e = await getEnrolment(db, editionId, participantId);
  assertOpen(e.edition);
  if (e.status !== 'ACTIVE') throw new ConflictError('Przenieść między grupami można tylko osobę, która uczestniczy w edycji.');
  if (input.groupId === e.groupId) throw new ValidationError({ groupId: 'Osoba jest już w tej grupie.' });
  const target = await db.editionGroup.findFirst({ where: { id: input.groupId, editionId } });
  if (!target) throw new ValidationError({ groupId: 'Wybierz grupę tej edycji.' });
  // Lock the target group so two moves cannot both take its last place.
  await db.$queryRaw`SELECT id FROM edition_groups WHERE id = ${target.id} FOR UPDATE`;
  await assertRoom(db, target.id);
  invalidateAttendanceFlags(); // who is expected where changed: dashboard flags are stale
  const { count } = await db.enrolment.updateMany({ where: { id: e.id, version: input.version }, data: { groupId: target.id, version: { increment: 1 } } });
  if (count === 0) throw new ConflictError(STALE);
  await recordAudit(db, actor, { action: 'enrolment.move', entityType: 'enrolment', entityId: e.id, participantId, details: { group: [e.group.name, target.name] } });
  return target;
}

export interface EndInput {
  outcome: 'DROPPED_OUT' | 'MOVED';
  endDate: Date;
  outcomeReason: string | null;
  movedToGroupId: number | null;
  version: number;
}

/** Groups of other editions that are not closed: where a person can be moved. */
export async function otherEditionGroups(db: DbClient, editionId: number) {
  const groups = await db.editionGroup.findMany({
    where: { editionId: { not: editionId }, edition: { status: { not: 'CLOSED' } } },
    include: { edition: { select: { name: true, startDate: true } } },
    orderBy: [{ edition: { startDate: 'asc' } }, { name: 'asc' }],
  });
  return groups.map((g) => ({ value: g.id, text: `${g.edition.name}, ${g.name}` }));
}

export async function assertMoveTarget(db: DbClient, editionId: number, groupId: number | null, field: string) {
  if (groupId === null) return;
  const g = await db.editionGroup.findFirst({ where: { id: groupId, editionId: { not: editionId }, edition: { status: { not: 'CLOSED' } } } });
  if (!g) throw new ValidationError({ [field]: 'Wybierz grupę innej, niezamkniętej edycji.' });
}

export async function endParticipation(db: DbClient, actor: Actor, editionId: number, participantId: number, input: EndInput) {
  const e = await getEnrolment(db, editionId, participantId);
  assertOpen(e.edition);
  if (e.status !== 'ACTIVE') throw new ConflictError('Udział tej osoby jest już zakończony.');
  if (input.endDate < e.startDate) throw new ValidationError({ endDate: `Udział zaczął się ${formatDate(e.startDate)}: data zakończenia nie może być wcześniejsza.` });
  await assertMoveTarget(db, editionId, input.outcome === 'MOVED' ? input.movedToGroupId : null, 'movedToGroupId');
  const data = {
    status: input.outcome, endDate: input.endDate, outcomeReason: input.outcomeReason,
    movedToGroupId: input.outcome === 'MOVED' ? input.movedToGroupId : null,
  };
  invalidateAttendanceFlags(); // who is expected where changed: dashboard flags are stale
  const { count } = await db.enrolment.updateMany({ where: { id: e.id, version: input.version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw new ConflictError(STALE);
  await recordAudit(db, actor, { action: 'enrolment.end', entityType: 'enrolment', entityId: e.id, participantId, details: diffFields(e, data) });
}

export async function resumeParticipation(db: DbClient, actor: Actor, editionId: number, participantId: number, version: number) {
  const e = await getEnrolment(db, editionId, participantId);
  assertOpen(e.edition);
  if (e.status === 'ACTIVE') throw new ConflictError('Ta osoba uczestniczy w edycji.');
  await db.$queryRaw`SELECT id FROM edition_groups WHERE id = ${e.groupId} FOR UPDATE`;
  try {
    await assertRoom(db, e.groupId);
  } catch (err) {
    if (err instanceof ValidationError) throw new ConflictError(`${err.fieldErrors.groupId} Najpierw zwolnij miejsce albo zwiększ liczbę miejsc w grupie.`);
    throw err;
  }
  const data = { status: 'ACTIVE' as const, endDate: null, outcomeReason: null, movedToGroupId: null };
  invalidateAttendanceFlags(); // who is expected where changed: dashboard flags are stale
  const { count } = await db.enrolment.updateMany({ where: { id: e.id, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw new ConflictError(STALE);
  await recordAudit(db, actor, { action: 'enrolment.resume', entityType: 'enrolment', entityId: e.id, participantId, details: { status: [e.status, 'ACTIVE'] } });
}

export interface SoftResults {
  surveyStartScore: number | null;
  surveyEndScore: number | null;
  opinionStart: string | null;
  opinionEnd: string | null;
  tookUpEmployment: boolean;
  employmentDate: Date | null;
  version: number;
}

/** Soft results may still be recorded after the edition closed (employment is often known months later). */
export async function saveSoftResults(db: DbClient, actor: Actor, editionId: number, participantId: number, input: SoftResults) {
  const e = await getEnrolment(db, editionId, participantId);
  const { version, ...data } = input;
  if (!data.tookUpEmployment) data.employmentDate = null;
  invalidateAttendanceFlags(); // who is expected where changed: dashboard flags are stale
  const { count } = await db.enrolment.updateMany({ where: { id: e.id, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw new ConflictError(STALE);
  await recordAudit(db, actor, { action: 'enrolment.results', entityType: 'enrolment', entityId: e.id, participantId, details: diffFields(e, data) });
}
