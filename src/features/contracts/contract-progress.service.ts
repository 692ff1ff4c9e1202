// What happens to a contract while it runs: reviews planned and held, extension, actions done, and the
// end (fulfilled, broken with what happened, ended early). Each bumps the contract's version, so a
// stale page or a double click is told instead of doing the step twice.
import type { DbClient } from '../../db/client.ts';
import type { ContractStatus } from '../../generated/prisma/enums.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { formatDate } from '../../lib/dates.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { STALE_CONTRACT } from './contracts.service.ts';

async function contractRow(db: DbClient, id: number) {
  const c = await db.socialContract.findUnique({ where: { id } });
  if (!c) throw new NotFoundError('Nie ma takiego kontraktu.');
  return c;
}

/** Claims the contract's current version for this step (optimistic lock). */
async function bumpVersion(db: DbClient, id: number, version: number, extra: { status?: 'ACTIVE' } = {}) {
  const { count } = await db.socialContract.updateMany({ where: { id, version, ...extra }, data: { version: { increment: 1 } } });
  if (count === 0) throw new ConflictError(STALE_CONTRACT);
}

function assertActive(status: ContractStatus) {
  if (status !== 'ACTIVE') throw new ConflictError('Ten kontrakt jest już zakończony: tej czynności nie można wykonać.');
}

export async function addReview(db: DbClient, actor: Actor, id: number, input: { dueDate: Date | null; heldAt: Date | null; notes: string | null; version: number }) {
  const c = await contractRow(db, id);
  assertActive(c.status);
  if (input.dueDate && (input.dueDate < c.startDate || input.dueDate > c.endDate)) {
    throw new ValidationError({ dueDate: `Termin oceny musi przypadać w czasie obowiązywania kontraktu: ${formatDate(c.startDate)} – ${formatDate(c.endDate)}.` });
  }
  await bumpVersion(db, id, input.version, { status: 'ACTIVE' });
  const review = await db.contractReview.create({ data: { contractId: id, dueDate: input.dueDate, heldAt: input.heldAt, notes: input.notes, authorId: actor.id } });
  await recordAudit(db, actor, {
    action: 'contract.review.add', entityType: 'contract', entityId: id, participantId: c.participantId,
    details: { reviewId: review.id, dueDate: input.dueDate ? formatDate(input.dueDate) : null, held: Boolean(input.heldAt) },
  });
}

export async function recordReviewHeld(db: DbClient, actor: Actor, id: number, reviewId: number, input: { heldAt: Date; notes: string; version: number }) {
  const c = await contractRow(db, id);
  const review = await db.contractReview.findFirst({ where: { id: reviewId, contractId: id } });
  if (!review) throw new NotFoundError('Nie ma takiej oceny w tym kontrakcie.');
  if (review.heldAt) throw new ConflictError(`Ta ocena została już zapisana (${formatDate(review.heldAt)}).`);
  if (input.heldAt < c.startDate) throw new ValidationError({ heldAt: 'Ocena nie może odbyć się przed początkiem kontraktu.' });
  await bumpVersion(db, id, input.version);
  await db.contractReview.update({ where: { id: reviewId }, data: { heldAt: input.heldAt, notes: input.notes, authorId: actor.id } });
  await recordAudit(db, actor, { action: 'contract.review.held', entityType: 'contract', entityId: id, participantId: c.participantId, details: { reviewId } });
}

export async function extendContract(db: DbClient, actor: Actor, id: number, input: { newEnd: Date; reason: string; version: number }) {
  const c = await contractRow(db, id);
  assertActive(c.status);
  if (input.newEnd <= c.endDate) throw new ValidationError({ newEnd: `Nowa data końca musi być późniejsza niż obecna (${formatDate(c.endDate)}).` });
  const { count } = await db.socialContract.updateMany({ where: { id, version: input.version, status: 'ACTIVE' }, data: { endDate: input.newEnd, version: { increment: 1 } } });
  if (count === 0) throw new ConflictError(STALE_CONTRACT);
  await db.contractExtension.create({ data: { contractId: id, previousEnd: c.endDate, newEnd: input.newEnd, reason: input.reason } });
  await recordAudit(db, actor, {
    action: 'contract.extend', entityType: 'contract', entityId: id, participantId: c.participantId,
    details: { endDate: [formatDate(c.endDate), formatDate(input.newEnd)] },
  });
}

/**
 * Ends the contract. A breach is recorded with what happened; what follows from it for benefits
 * (art. 11 ust. 2 ustawy o pomocy społecznej) is the social worker's decision, not the system's.
 * Returns the club enrolments still running, which need the coordinator's attention (art. 18 ust. 4).
 */
export async function changeContractStatus(
  db: DbClient,
  actor: Actor,
  id: number,
  input: { status: 'FULFILLED' | 'BROKEN' | 'ENDED_EARLY'; statusDate: Date; statusReason: string | null; evaluation: string | null; version: number },
) {
  const c = await contractRow(db, id);
  assertActive(c.status);
  if (input.statusDate < c.startDate) throw new ValidationError({ statusDate: `Data nie może być wcześniejsza niż początek kontraktu (${formatDate(c.startDate)}).` });
  const { count } = await db.socialContract.updateMany({
    where: { id, version: input.version, status: 'ACTIVE' },
    data: {
      status: input.status, statusDate: input.statusDate, statusReason: input.status === 'FULFILLED' ? null : input.statusReason,
      evaluation: input.evaluation ?? c.evaluation, version: { increment: 1 },
    },
  });
  if (count === 0) throw new ConflictError(STALE_CONTRACT);
  await recordAudit(db, actor, {
    action: 'contract.status', entityType: 'contract', entityId: id, participantId: c.participantId,
    details: { status: ['ACTIVE', input.status], statusDate: formatDate(input.statusDate) },
  });
  return db.enrolment.findMany({ where: { participantId: c.participantId, status: 'ACTIVE' }, select: { edition: { select: { name: true } } } });
}

export async function markActionDone(db: DbClient, actor: Actor, id: number, actionId: number, input: { doneAt: Date; version: number }) {
  const c = await contractRow(db, id);
  const action = await db.contractAction.findFirst({ where: { id: actionId, contractId: id } });
  if (!action) throw new NotFoundError('Nie ma takiego działania w tym kontrakcie.');
  if (action.doneAt) throw new ConflictError(`To działanie zostało już oznaczone jako wykonane (${formatDate(action.doneAt)}).`);
  assertActive(c.status);
  await bumpVersion(db, id, input.version, { status: 'ACTIVE' });
  await db.contractAction.update({ where: { id: actionId }, data: { doneAt: input.doneAt } });
  await recordAudit(db, actor, { action: 'contract.action.done', entityType: 'contract', entityId: id, participantId: c.participantId, details: { actionId, doneAt: formatDate(input.doneAt) } });
}
