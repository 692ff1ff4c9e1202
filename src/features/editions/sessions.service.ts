// One session at a time: add a group or individual session, move or change it, cancel it with a reason,
// restore a cancelled one, delete a mistaken one. Every change checks holidays, the edition's period and
// clashes, and is refused once the edition is closed.
import type { DbClient } from '../../db/client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { formatDate, warsawDate } from '../../lib/dates.ts';
import { diffFields, recordAudit, type Actor } from '../audit/audit.service.ts';
import { assertOpen } from './editions.service.ts';
import { dateProblem, findClashes, type SessionSlot } from './session-rules.ts';
import type { EditSessionInput, NewSessionInput } from './timetable.schemas.ts';

export async function getSession(db: DbClient, id: number) {
  const s = await db.classSession.findUnique({
    where: { id },
    include: {
      edition: true,
      group: true,
      module: true,
      staff: true,
      participant: { select: { id: true, firstName: true, lastName: true } },
    },
  });
  if (!s) throw new NotFoundError('Nie ma takich zajęć.');
  // Counted here, not with Prisma's _count (see src/db/counts.ts).
  return { ...s, _count: { attendance: await db.attendance.count({ where: { sessionId: id } }) } };
}

export type SessionDetails = Awaited<ReturnType<typeof getSession>>;

/** Checks a session's date and time against holidays, the edition's period and other sessions. */
async function checkSlot(db: DbClient, edition: { id: number; startDate: Date; endDate: Date }, slot: SessionSlot) {
  const problem = dateProblem(slot.date, edition);
  if (problem) throw new ValidationError({ date: problem });
  const sameDay = await db.classSession.findMany({
    where: { editionId: edition.id, date: slot.date, status: { not: 'CANCELLED' } },
    select: { id: true, date: true, startMinute: true, endMinute: true, groupId: true, participantId: true, staffId: true },
  });
  let ctx = {};
  if (slot.groupId !== null) {
    const members = await db.enrolment.findMany({ where: { groupId: slot.groupId, status: 'ACTIVE' }, select: { participantId: true } });
    ctx = { groupMemberIds: new Set(members.map((m) => m.participantId)) };
  } else if (slot.participantId !== null) {
    const e = await db.enrolment.findFirst({ where: { editionId: edition.id, participantId: slot.participantId } });
    ctx = { participantGroupId: e?.groupId ?? null };
  }
  const clashes = findClashes(slot, sameDay, ctx);
  if (clashes.length) throw new ValidationError({ startMinute: clashes.join(' ') });
}

async function checkRefs(db: DbClient, editionId: number, input: { moduleId: number | null; staffId: number | null }) {
  if (input.moduleId !== null && !(await db.programmeModule.findFirst({ where: { id: input.moduleId, editionId } }))) {
    throw new ValidationError({ moduleId: 'Wybierz moduł z programu tej edycji.' });
  }
  if (input.staffId !== null && !(await db.staffMember.findUnique({ where: { id: input.staffId } }))) {
    throw new ValidationError({ staffId: 'Wybierz osobę z kadry.' });
  }
}

export async function addSession(db: DbClient, actor: Actor, editionId: number, input: NewSessionInput) {
  const edition = await db.edition.findUnique({ where: { id: editionId } });
  if (!edition) throw new NotFoundError('Nie ma takiej edycji.');
  assertOpen(edition);
  await checkRefs(db, editionId, input);
  let location = input.location;
  if (input.groupId !== null) {
    const group = await db.editionGroup.findFirst({ where: { id: input.groupId, editionId } });
    if (!group) throw new ValidationError({ target: 'Wybierz grupę z tej edycji.' });
    location ??= group.location;
  } else {
    const e = await db.enrolment.findFirst({ where: { editionId, participantId: input.participantId!, status: 'ACTIVE' } });
    if (!e) throw new ValidationError({ target: 'Zajęcia indywidualne można umówić tylko uczestnikowi tej edycji.' });
  }
  await checkSlot(db, edition, { ...input });
  const s = await db.classSession.create({ data: { editionId, ...input, location } });
  await recordAudit(db, actor, {
    action: 'session.create',
    entityType: 'class_session',
    entityId: s.id,
    participantId: input.participantId,
    details: { editionId, groupId: input.groupId, date: formatDate(input.date), individual: input.participantId !== null },
  });
  return s;
}

const EDIT_FIELDS = ['moduleId', 'staffId', 'date', 'startMinute', 'endMinute', 'topic', 'location'] as const;

export async function updateSession(db: DbClient, actor: Actor, id: number, input: EditSessionInput, today = warsawDate()) {
  const before = await getSession(db, id);
  assertOpen(before.edition);
  const { version, ...data } = input;
  await checkRefs(db, before.editionId, data);
  if (before.status === 'CANCELLED') throw new ConflictError('Zajęcia są odwołane. Przywróć je, zanim zmienisz termin.');
  if (before.status === 'HELD' && data.date > today) {
    throw new ValidationError({ date: 'Zajęcia z zapisaną obecnością nie mogą mieć daty w przyszłości.' });
  }
  await checkSlot(db, before.edition, { id, ...data, groupId: before.groupId, participantId: before.participantId });
  const { count } = await db.classSession.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw new ConflictError('Ktoś inny zmienił te zajęcia w międzyczasie. Twoje wartości są poniżej: porównaj je i zapisz ponownie.');
  await recordAudit(db, actor, {
    action: 'session.update',
    entityType: 'class_session',
    entityId: id,
    participantId: before.participantId,
    details: diffFields(before, data, EDIT_FIELDS),
  });
}

export async function cancelSession(db: DbClient, actor: Actor, id: number, input: { cancelReason: string; version: number }) {
  const s = await getSession(db, id);
  assertOpen(s.edition);
  if (s.status === 'CANCELLED') throw new ConflictError('Te zajęcia są już odwołane.');
  if (s._count.attendance > 0) {
    throw new ConflictError('Na tych zajęciach zapisano już obecność, więc się odbyły: nie można ich odwołać.');
  }
  const { count } = await db.classSession.updateMany({
    where: { id, version: input.version },
    data: { status: 'CANCELLED', cancelReason: input.cancelReason, version: { increment: 1 } },
  });
  if (count === 0) throw new ConflictError('Ktoś inny zmienił te zajęcia w międzyczasie. Odśwież stronę.');
  await recordAudit(db, actor, { action: 'session.cancel', entityType: 'class_session', entityId: id, participantId: s.participantId, details: { date: formatDate(s.date), reason: input.cancelReason } });
  return s;
}

export async function restoreSession(db: DbClient, actor: Actor, id: number, version: number) {
  const s = await getSession(db, id);
  assertOpen(s.edition);
  if (s.status !== 'CANCELLED') throw new ConflictError('Te zajęcia nie są odwołane.');
  // Another session may have taken the slot since.
  await checkSlot(db, s.edition, { id, date: s.date, startMinute: s.startMinute, endMinute: s.endMinute, groupId: s.groupId, participantId: s.participantId, staffId: s.staffId });
  const { count } = await db.classSession.updateMany({ where: { id, version }, data: { status: 'PLANNED', cancelReason: null, version: { increment: 1 } } });
  if (count === 0) throw new ConflictError('Ktoś inny zmienił te zajęcia w międzyczasie. Odśwież stronę.');
  await recordAudit(db, actor, { action: 'session.restore', entityType: 'class_session', entityId: id, participantId: s.participantId, details: { date: formatDate(s.date) } });
}

export async function deleteSession(db: DbClient, actor: Actor, id: number, version: number) {
  const s = await getSession(db, id);
  assertOpen(s.edition);
  if (s.status !== 'PLANNED' || s._count.attendance > 0) {
    throw new ConflictError('Usunąć można tylko zaplanowane zajęcia bez obecności. Odbyte zajęcia zostają w dokumentacji; zaplanowane możesz też odwołać.');
  }
  const { count } = await db.classSession.deleteMany({ where: { id, version } });
  if (count === 0) throw new ConflictError('Ktoś inny zmienił te zajęcia w międzyczasie. Odśwież stronę.');
  await recordAudit(db, actor, { action: 'session.delete', entityType: 'class_session', entityId: id, participantId: s.participantId, details: { editionId: s.editionId, groupId: s.groupId, date: formatDate(s.date) } });
  return s;
}
