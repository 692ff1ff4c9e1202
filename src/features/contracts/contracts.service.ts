// Social contracts: create and edit (with their goal and action rows), read with an audit entry, list.
import type { DbClient } from '../../db/client.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { addDays, formatDate } from '../../lib/dates.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { nextCaseNumber } from '../referrals/case-numbers.ts';
import type { ActionRow, ContractListQuery, ContractMain, ContractMainChanges, GoalRow } from './contracts.schemas.ts';

export const PAGE_SIZE = 25;
export const STALE_CONTRACT = 'Ktoś inny zmienił ten kontrakt w międzyczasie. Twoje zmiany nie zostały zapisane: sprawdź aktualną treść i zapisz ponownie.';

/** A person has one active contract at a time: a second one overlapping it is refused with a link. */
export class OverlappingContractError extends ConflictError {
  constructor(readonly existing: { id: number; number: string; startDate: Date; endDate: Date }) {
    super(`Ta osoba ma już aktywny kontrakt ${existing.number} (${formatDate(existing.startDate)} – ${formatDate(existing.endDate)}). Przedłuż go albo zakończ, zanim zawrzesz nowy.`);
  }
}

const TEXT_FIELDS = ['socialWorkerId', 'kind', 'thirdPartyName', 'signedAt', 'startDate', 'endDate', 'assessment', 'causes', 'supportOffered'] as const;

async function checkPeople(db: DbClient, input: { participantId: number; socialWorkerId: number }) {
  const person = await db.participant.findUnique({ where: { id: input.participantId }, select: { status: true } });
  if (!person) throw new ValidationError({ participantId: 'Wybierz osobę z listy.' });
  if (person.status !== 'ACTIVE') throw new ValidationError({ participantId: 'Sprawa tej osoby jest zamknięta: nie można zawrzeć kontraktu.' });
  // Roles checked in code: a `roles: { has }` filter fails on a freshly created embedded database.
  const worker = await db.user.findFirst({ where: { id: input.socialWorkerId, active: true }, select: { roles: true } });
  if (!worker?.roles.includes('SOCIAL_WORKER')) throw new ValidationError({ socialWorkerId: 'Wybierz pracownika socjalnego z listy.' });
}

async function assertNoOverlap(db: DbClient, participantId: number, startDate: Date, endDate: Date, exceptId?: number) {
  const other = await db.socialContract.findFirst({
    where: { participantId, status: 'ACTIVE', startDate: { lte: endDate }, endDate: { gte: startDate }, id: exceptId ? { not: exceptId } : undefined },
    select: { id: true, number: true, startDate: true, endDate: true },
  });
  if (other) throw new OverlappingContractError(other);
}

const goalData = (goals: GoalRow[]) => goals.map((g, i) => ({ position: i + 1, description: g.description, achieved: g.achieved }));
const actionData = (actions: ActionRow[]) => actions.map((a, i) => ({ position: i + 1, side: a.side, description: a.description, deadline: a.deadline, doneAt: a.doneAt }));

export async function createContract(db: DbClient, actor: Actor, input: ContractMain, rows: { goals: GoalRow[]; actions: ActionRow[] }) {
  await checkPeople(db, input);
  await assertNoOverlap(db, input.participantId, input.startDate, input.endDate);
  const contract = await db.socialContract.create({
    data: {
      number: await nextCaseNumber(db, 'KS', input.signedAt.getUTCFullYear()),
      participantId: input.participantId,
      socialWorkerId: input.socialWorkerId,
      kind: input.kind,
      thirdPartyName: input.kind === 'THREE_PARTY' ? input.thirdPartyName : null,
      signedAt: input.signedAt,
      startDate: input.startDate,
      endDate: input.endDate,
      assessment: input.assessment,
      causes: input.causes,
      supportOffered: input.supportOffered,
      goals: { create: goalData(rows.goals) },
      actions: { create: actionData(rows.actions) },
      reviews: input.firstReviewDate ? { create: [{ dueDate: input.firstReviewDate, authorId: actor.id }] } : undefined,
    },
  });
  await recordAudit(db, actor, {
    action: 'contract.create',
    entityType: 'contract',
    entityId: contract.id,
    participantId: contract.participantId,
    details: { number: contract.number, goals: rows.goals.length, actions: rows.actions.length },
  });
  return contract;
}

export async function updateContract(db: DbClient, actor: Actor, id: number, input: ContractMainChanges, rows: { goals: GoalRow[]; actions: ActionRow[] }) {
  const before = await db.socialContract.findUnique({ where: { id }, include: { goals: { orderBy: { position: 'asc' } }, actions: { orderBy: { position: 'asc' } } } });
  if (!before) throw new NotFoundError('Nie ma takiego kontraktu.');
  if (before.status !== 'ACTIVE') throw new ConflictError('Zakończonego kontraktu nie można już zmieniać.');
  if (input.participantId !== before.participantId) throw new ValidationError({ participantId: 'Nie można przenieść kontraktu na inną osobę.' });
  await checkPeople(db, input);
  await assertNoOverlap(db, before.participantId, input.startDate, input.endDate, id);
  const data = {
    socialWorkerId: input.socialWorkerId,
    kind: input.kind,
    thirdPartyName: input.kind === 'THREE_PARTY' ? input.thirdPartyName : null,
    signedAt: input.signedAt,
    startDate: input.startDate,
    endDate: input.endDate,
    assessment: input.assessment,
    causes: input.causes,
    supportOffered: input.supportOffered,
  };
  const { count } = await db.socialContract.updateMany({ where: { id, version: input.version, status: 'ACTIVE' }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw new ConflictError(STALE_CONTRACT);
  await db.contractGoal.deleteMany({ where: { contractId: id } });
  await db.contractGoal.createMany({ data: goalData(rows.goals).map((g) => ({ ...g, contractId: id })) });
  await db.contractAction.deleteMany({ where: { contractId: id } });
  await db.contractAction.createMany({ data: actionData(rows.actions).map((a) => ({ ...a, contractId: id })) });
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const changed: string[] = TEXT_FIELDS.filter((k) => !same(before[k], data[k]));
  if (!same(goalData(before.goals), goalData(rows.goals))) changed.push('goals');
  if (!same(actionData(before.actions), actionData(rows.actions))) changed.push('actions');
  await recordAudit(db, actor, {
    action: 'contract.update',
    entityType: 'contract',
    entityId: id,
    participantId: before.participantId,
    // The contract's texts describe the person's situation (often health): names of changed parts only.
    details: { changedFields: changed },
  });
}

export const contractInclude = {
  participant: {
    select: {
      id: true, firstName: true, secondName: true, lastName: true, pesel: true, documentType: true, documentNumber: true, birthDate: true,
      street: true, houseNumber: true, flatNumber: true, postalCode: true, city: true, status: true,
      enrolments: { where: { status: 'ACTIVE' }, select: { edition: { select: { name: true } }, group: { select: { name: true } } } },
    },
  },
  socialWorker: { select: { id: true, fullName: true } },
  goals: { orderBy: { position: 'asc' } },
  actions: { orderBy: { position: 'asc' } },
  reviews: { orderBy: [{ dueDate: 'asc' }, { heldAt: 'asc' }, { id: 'asc' }], include: { author: { select: { fullName: true } } } },
  extensions: { orderBy: { createdAt: 'asc' } },
  referrals: { select: { id: true, number: true, kind: true, status: true }, orderBy: { createdAt: 'asc' } },
} satisfies Prisma.SocialContractInclude;

export async function getContract(db: DbClient, id: number) {
  const c = await db.socialContract.findUnique({ where: { id }, include: contractInclude });
  if (!c) throw new NotFoundError('Nie ma takiego kontraktu.');
  return c;
}

export type ContractFull = Awaited<ReturnType<typeof getContract>>;

/** The contract page and the printout name the person: each read is logged. */
export async function readContract(db: DbClient, actor: Actor, id: number, view: 'page' | 'pdf' | 'edit-form') {
  const c = await getContract(db, id);
  await recordAudit(db, actor, {
    action: view === 'pdf' ? 'contract.print' : 'contract.read',
    entityType: 'contract',
    entityId: id,
    participantId: c.participantId,
    details: { view },
  });
  return c;
}

export function contractWhere(q: ContractListQuery, today: Date): Prisma.SocialContractWhereInput {
  const and: Prisma.SocialContractWhereInput[] = [];
  if (q.status !== 'ALL') and.push({ status: q.status });
  if (q.worker) and.push({ socialWorkerId: q.worker });
  if (q.ending) and.push({ status: 'ACTIVE', endDate: { gte: today, lte: addDays(today, 14) } });
  const text = (q.q ?? '').trim();
  if (/^KS\//i.test(text)) and.push({ number: { startsWith: text.toUpperCase() } });
  else if (/^\d{1,11}$/.test(text)) and.push({ participant: { pesel: { startsWith: text } } });
  else if (text) {
    for (const word of text.split(/\s+/).slice(0, 4)) {
      and.push({ participant: { OR: [{ lastName: { startsWith: word, mode: 'insensitive' } }, { firstName: { startsWith: word, mode: 'insensitive' } }] } });
    }
  }
  return { AND: and };
}

export async function listContracts(db: DbClient, q: ContractListQuery, today: Date) {
  const where = contractWhere(q, today);
  const total = await db.socialContract.count({ where });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(q.page, pages);
  const rows = await db.socialContract.findMany({
    where,
    orderBy: [{ endDate: 'asc' }, { id: 'asc' }],
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    include: {
      participant: { select: { id: true, firstName: true, lastName: true } },
      socialWorker: { select: { fullName: true } },
      reviews: { where: { heldAt: null }, orderBy: { dueDate: 'asc' }, take: 1, select: { dueDate: true } },
      _count: { select: { actions: { where: { doneAt: null, deadline: { lt: today } } } } },
    },
  });
  return { rows, total, page, pages };
}
