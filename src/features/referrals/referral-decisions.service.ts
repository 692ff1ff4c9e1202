// The coordinator's side of referrals: the queue of submitted referrals, acceptance into a group (capacity
// and an active social contract checked inside the transaction, enrolment created with it), the reserve
// list in its order, and rejection.
import { invalidateAttendanceFlags } from '../attendance/attendance-report.service.ts';
import type { DbClient } from '../../db/client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { formatDate } from '../../lib/dates.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { assertReferralTransition } from './referral-transitions.ts';
import { STALE_REFERRAL } from './referrals.service.ts';

const RESERVE_LOCK = 72707371;

async function referralRow(db: DbClient, id: number) {
  const r = await db.referral.findUnique({ where: { id }, include: { participant: { select: { firstName: true, lastName: true, status: true } } } });
  if (!r) throw new NotFoundError('Nie ma takiego skierowania.');
  return r;
}

/** Submitted referrals, oldest first (first come, first served). */
export async function referralQueue(db: DbClient, today: Date) {
  const rows = await db.referral.findMany({
    where: { status: 'SUBMITTED' },
    orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
    include: {
      participant: {
        select: {
          id: true, firstName: true, lastName: true,
          contracts: { where: { status: 'ACTIVE' }, select: { number: true, startDate: true, endDate: true }, orderBy: { endDate: 'desc' } },
        },
      },
      author: { select: { fullName: true } },
      edition: { select: { name: true } },
    },
  });
  return rows.map((r) => ({
    ...r,
    activeContract: r.participant.contracts.find((c) => c.startDate <= today && c.endDate >= today) ?? null,
  }));
}

/** Groups of planned and running editions with their free places (ACTIVE enrolments against capacity). */
export async function openGroups(db: DbClient) {
  const groups = await db.editionGroup.findMany({
    where: { edition: { status: { in: ['PLANNED', 'RUNNING'] } } },
    orderBy: [{ edition: { startDate: 'asc' } }, { name: 'asc' }],
    include: {
      edition: { select: { id: true, name: true, startDate: true, endDate: true, status: true } },
      _count: { select: { enrolments: { where: { status: 'ACTIVE' } } } },
    },
  });
  return groups.map((g) => ({ ...g, taken: g._count.enrolments, free: Math.max(0, g.capacity - g._count.enrolments) }));
}

/** The reserve list: per kind and requested edition, in the order people were put on it. */
export async function reserveList(db: DbClient) {
  return db.referral.findMany({
    where: { status: 'RESERVE' },
    orderBy: [{ kind: 'asc' }, { editionId: 'asc' }, { reserveRank: 'asc' }, { decidedAt: 'asc' }, { id: 'asc' }],
    include: {
      participant: {
        select: { id: true, firstName: true, lastName: true, contracts: { where: { status: 'ACTIVE' }, select: { endDate: true }, orderBy: { endDate: 'desc' }, take: 1 } },
      },
      author: { select: { fullName: true } },
      edition: { select: { id: true, name: true } },
    },
  });
}

/** The contract that lets a person take part on a date: ACTIVE and covering it (art. 18 ust. 4). */
export async function activeContractOn(db: DbClient, participantId: number, date: Date) {
  return db.socialContract.findFirst({
    where: { participantId, status: 'ACTIVE', startDate: { lte: date }, endDate: { gte: date } },
    orderBy: { endDate: 'desc' },
    select: { id: true, number: true, endDate: true },
  });
}

/**
 * Accepts a club referral into a group: refused when the group is full or the person has no active
 * contract on the start date. Creates the enrolment in the same transaction.
 */
export async function acceptReferral(db: DbClient, actor: Actor, id: number, input: { groupId: number; startDate: Date; version: number }) {
  const r = await referralRow(db, id);
  const to = assertReferralTransition(r.status, 'accept');
  if (r.kind !== 'KIS') throw new ConflictError('To skierowanie do prac społecznie użytecznych: przyjmij je bez wyboru grupy.');
  if (r.participant.status !== 'ACTIVE') throw new ConflictError('Sprawa tej osoby jest zamknięta: nie można jej przyjąć.');
  // Lock the group row: two coordinators accepting into the last place are served one after the other.
  await db.$queryRaw`SELECT id FROM edition_groups WHERE id = ${input.groupId} FOR UPDATE`;
  const group = await db.editionGroup.findUnique({ where: { id: input.groupId }, include: { edition: true } });
  if (!group) throw new ValidationError({ groupId: 'Wybierz grupę z listy.' });
  const edition = group.edition;
  if (edition.status === 'CLOSED') throw new ValidationError({ groupId: 'Ta edycja jest zamknięta. Wybierz grupę trwającej lub planowanej edycji.' });
  if (input.startDate < edition.startDate || input.startDate > edition.endDate) {
    throw new ValidationError({ startDate: `Data rozpoczęcia musi mieścić się w czasie edycji: ${formatDate(edition.startDate)} – ${formatDate(edition.endDate)}.` });
  }
  const taken = await db.enrolment.count({ where: { groupId: group.id, status: 'ACTIVE' } });
  if (taken >= group.capacity) {
    throw new ConflictError(`${group.name} (${edition.name}) jest pełna: ${taken} z ${group.capacity} miejsc zajętych. Wybierz inną grupę albo wpisz osobę na listę rezerwową.`);
  }
  if (await db.enrolment.findUnique({ where: { editionId_participantId: { editionId: edition.id, participantId: r.participantId } }, select: { id: true } })) {
    throw new ConflictError(`${r.participant.firstName} ${r.participant.lastName} jest już uczestnikiem edycji „${edition.name}”.`);
  }
  const contract = await activeContractOn(db, r.participantId, input.startDate);
  if (!contract) {
    throw new ConflictError(
      `${r.participant.firstName} ${r.participant.lastName} nie ma aktywnego kontraktu socjalnego obowiązującego w dniu ${formatDate(input.startDate)}. ` +
        'Udział w KIS wymaga kontraktu (art. 18 ust. 4 ustawy o zatrudnieniu socjalnym): poproś pracownika socjalnego o jego zawarcie lub przedłużenie.',
    );
  }
  const { count } = await db.referral.updateMany({
    where: { id, version: input.version, status: r.status },
    data: {
      status: to, editionId: edition.id, groupId: group.id, decidedAt: new Date(), decidedById: actor.id, reserveRank: null,
      contractId: r.contractId ?? contract.id, version: { increment: 1 },
    },
  });
  if (count === 0) throw new ConflictError(STALE_REFERRAL);
  invalidateAttendanceFlags(); // who is expected where changed: dashboard flags are stale
  const enrolment = await db.enrolment.create({
    data: { editionId: edition.id, groupId: group.id, participantId: r.participantId, referralId: id, startDate: input.startDate },
  });
  await recordAudit(db, actor, {
    action: 'referral.accept',
    entityType: 'referral',
    entityId: id,
    participantId: r.participantId,
    details: { from: r.status, editionId: edition.id, groupId: group.id, enrolmentId: enrolment.id, startDate: formatDate(input.startDate), contract: contract.number },
  });
  return { enrolment, group, edition };
}

/** Accepts a PSU referral: the placement itself is made in the PSU module. */
export async function acceptPsuReferral(db: DbClient, actor: Actor, id: number, version: number) {
  const r = await referralRow(db, id);
  const to = assertReferralTransition(r.status, 'accept');
  if (r.kind !== 'PSU') throw new ConflictError('Skierowanie do KIS przyjmuje się do konkretnej grupy.');
  const { count } = await db.referral.updateMany({
    where: { id, version, status: r.status },
    data: { status: to, decidedAt: new Date(), decidedById: actor.id, reserveRank: null, version: { increment: 1 } },
  });
  if (count === 0) throw new ConflictError(STALE_REFERRAL);
  await recordAudit(db, actor, { action: 'referral.accept', entityType: 'referral', entityId: id, participantId: r.participantId, details: { from: r.status } });
}

/** Puts a submitted referral at the end of the reserve list. */
export async function reserveReferral(db: DbClient, actor: Actor, id: number, version: number) {
  const r = await referralRow(db, id);
  const to = assertReferralTransition(r.status, 'reserve');
  await db.$executeRaw`SELECT pg_advisory_xact_lock(${RESERVE_LOCK}::int, 0)`;
  const last = await db.referral.aggregate({ where: { status: 'RESERVE', kind: r.kind }, _max: { reserveRank: true } });
  const rank = (last._max.reserveRank ?? 0) + 1;
  const { count } = await db.referral.updateMany({
    where: { id, version, status: r.status },
    data: { status: to, reserveRank: rank, decidedAt: new Date(), decidedById: actor.id, version: { increment: 1 } },
  });
  if (count === 0) throw new ConflictError(STALE_REFERRAL);
  await recordAudit(db, actor, { action: 'referral.reserve', entityType: 'referral', entityId: id, participantId: r.participantId, details: { rank } });
}

export async function rejectReferral(db: DbClient, actor: Actor, id: number, input: { rejectionReason: string; version: number }) {
  const r = await referralRow(db, id);
  const to = assertReferralTransition(r.status, 'reject');
  const { count } = await db.referral.updateMany({
    where: { id, version: input.version, status: r.status },
    data: { status: to, rejectionReason: input.rejectionReason, reserveRank: null, decidedAt: new Date(), decidedById: actor.id, version: { increment: 1 } },
  });
  if (count === 0) throw new ConflictError(STALE_REFERRAL);
  await recordAudit(db, actor, { action: 'referral.reject', entityType: 'referral', entityId: id, participantId: r.participantId, details: { from: r.status } });
}

/** Swaps a reserve-list place with its neighbour on the same list (same kind and requested edition). */
export async function moveOnReserveList(db: DbClient, actor: Actor, id: number, direction: 'up' | 'down') {
  const r = await referralRow(db, id);
  if (r.status !== 'RESERVE' || r.reserveRank === null) throw new ConflictError('To skierowanie nie jest na liście rezerwowej.');
  await db.$executeRaw`SELECT pg_advisory_xact_lock(${RESERVE_LOCK}::int, 0)`;
  const neighbour = await db.referral.findFirst({
    where: { status: 'RESERVE', kind: r.kind, editionId: r.editionId, reserveRank: direction === 'up' ? { lt: r.reserveRank } : { gt: r.reserveRank } },
    orderBy: { reserveRank: direction === 'up' ? 'desc' : 'asc' },
  });
  if (!neighbour || neighbour.reserveRank === null) return false;
  await db.referral.update({ where: { id: r.id }, data: { reserveRank: neighbour.reserveRank, version: { increment: 1 } } });
  await db.referral.update({ where: { id: neighbour.id }, data: { reserveRank: r.reserveRank, version: { increment: 1 } } });
  await recordAudit(db, actor, {
    action: 'referral.reserve.move', entityType: 'referral', entityId: id, participantId: r.participantId, details: { direction, from: r.reserveRank, to: neighbour.reserveRank },
  });
  return true;
}

/** The default start date of a new participant: the edition's start, or today when it already runs. */
export function defaultStartDate(editionStart: Date, today: Date): Date {
  return editionStart > today ? editionStart : today;
}

