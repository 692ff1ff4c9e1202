// Referrals written by social workers: create and edit drafts, submit, withdraw, read and list.
import type { DbClient } from '../../db/client.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { ReferralKind } from '../../generated/prisma/enums.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { warsawDate } from '../../lib/dates.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { nextCaseNumber } from './case-numbers.ts';
import { assertReferralTransition } from './referral-transitions.ts';
import { submissionProblems, type ReferralChanges, type ReferralInput, type ReferralListQuery } from './referrals.schemas.ts';

export const PAGE_SIZE = 25;
const OPEN = ['DRAFT', 'SUBMITTED', 'RESERVE'] as const;

/** The person already has an open referral of the same kind: the page links to it instead of making a second. */
export class OpenReferralExistsError extends ConflictError {
  constructor(readonly existing: { id: number; number: string }) {
    super(`Ta osoba ma już otwarte skierowanie tego rodzaju (${existing.number}). Uzupełnij je zamiast wystawiać nowe.`);
  }
}

export const STALE_REFERRAL = 'Ktoś inny zmienił to skierowanie w międzyczasie. Twoje zmiany nie zostały zapisane: sprawdź stan skierowania i spróbuj ponownie.';

async function checkReferences(db: DbClient, input: ReferralInput) {
  const person = await db.participant.findUnique({ where: { id: input.participantId }, select: { status: true } });
  if (!person) throw new ValidationError({ participantId: 'Wybierz osobę z listy.' });
  if (person.status !== 'ACTIVE') throw new ValidationError({ participantId: 'Sprawa tej osoby jest zamknięta: nie można jej skierować.' });
  if (input.contractId) {
    const c = await db.socialContract.findUnique({ where: { id: input.contractId }, select: { participantId: true } });
    if (!c || c.participantId !== input.participantId) throw new ValidationError({ contractId: 'Wybierz kontrakt socjalny tej osoby.' });
  }
  if (input.editionId && !(await db.edition.findFirst({ where: { id: input.editionId, status: { not: 'CLOSED' } }, select: { id: true } }))) {
    throw new ValidationError({ editionId: 'Wybierz edycję, która jeszcze trwa lub jest planowana.' });
  }
  if (input.psuAgreementId && !(await db.psuAgreement.findUnique({ where: { id: input.psuAgreementId }, select: { id: true } }))) {
    throw new ValidationError({ psuAgreementId: 'Wybierz porozumienie z listy.' });
  }
  if (input.intent === 'submit') {
    const problems = submissionProblems(input);
    if (Object.keys(problems).length) throw new ValidationError(problems, 'Skierowanie nie może jeszcze zostać złożone.');
  }
}

async function assertNoOtherOpen(db: DbClient, participantId: number, kind: ReferralKind, exceptId?: number) {
  const other = await db.referral.findFirst({
    where: { participantId, kind, status: { in: [...OPEN] }, id: exceptId ? { not: exceptId } : undefined },
    select: { id: true, number: true },
  });
  if (other) throw new OpenReferralExistsError(other);
}

function fields(input: ReferralInput) {
  return {
    kind: input.kind,
    participantId: input.participantId,
    eligibilityBases: input.eligibilityBases,
    reasons: input.reasons,
    contractId: input.contractId,
    editionId: input.editionId,
    psuAgreementId: input.psuAgreementId,
    consentGiven: input.consentGiven,
    consentDate: input.consentDate,
    gdprInfoDate: input.gdprInfoDate,
  };
}

export async function createReferral(db: DbClient, actor: Actor, input: ReferralInput) {
  await checkReferences(db, input);
  await assertNoOtherOpen(db, input.participantId, input.kind);
  const submit = input.intent === 'submit';
  const referral = await db.referral.create({
    data: {
      ...fields(input),
      number: await nextCaseNumber(db, 'SK', warsawDate().getUTCFullYear()),
      authorId: actor.id,
      status: submit ? 'SUBMITTED' : 'DRAFT',
      submittedAt: submit ? new Date() : null,
    },
  });
  await recordAudit(db, actor, {
    action: submit ? 'referral.create.submit' : 'referral.create',
    entityType: 'referral',
    entityId: referral.id,
    participantId: referral.participantId,
    details: { number: referral.number, kind: referral.kind, status: referral.status },
  });
  return referral;
}

export async function updateReferral(db: DbClient, actor: Actor, id: number, input: ReferralChanges) {
  const before = await getReferralRow(db, id);
  if (before.status !== 'DRAFT') throw new ConflictError('Zmieniać można tylko szkic skierowania. To skierowanie zostało już złożone.');
  await checkReferences(db, input);
  await assertNoOtherOpen(db, input.participantId, input.kind, id);
  const submit = input.intent === 'submit';
  const { count } = await db.referral.updateMany({
    where: { id, version: input.version, status: 'DRAFT' },
    data: { ...fields(input), status: submit ? 'SUBMITTED' : 'DRAFT', submittedAt: submit ? new Date() : null, version: { increment: 1 } },
  });
  if (count === 0) throw new ConflictError(STALE_REFERRAL);
  const changed = (Object.keys(fields(input)) as (keyof ReturnType<typeof fields>)[]).filter(
    (k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(fields(input)[k] ?? null),
  );
  await recordAudit(db, actor, {
    action: submit ? 'referral.update.submit' : 'referral.update',
    entityType: 'referral',
    entityId: id,
    participantId: input.participantId,
    // Eligibility bases name health facts: only the names of changed fields are logged.
    details: { changedFields: changed },
  });
}

async function getReferralRow(db: DbClient, id: number) {
  const r = await db.referral.findUnique({ where: { id } });
  if (!r) throw new NotFoundError('Nie ma takiego skierowania.');
  return r;
}

export async function submitReferral(db: DbClient, actor: Actor, id: number, version: number) {
  const r = await getReferralRow(db, id);
  const to = assertReferralTransition(r.status, 'submit');
  const problems = submissionProblems(r);
  if (Object.keys(problems).length) throw new ValidationError(problems, 'Skierowanie nie może jeszcze zostać złożone.');
  const { count } = await db.referral.updateMany({
    where: { id, version, status: r.status },
    data: { status: to, submittedAt: new Date(), version: { increment: 1 } },
  });
  if (count === 0) throw new ConflictError(STALE_REFERRAL);
  await recordAudit(db, actor, { action: 'referral.submit', entityType: 'referral', entityId: id, participantId: r.participantId });
}

export async function withdrawReferral(db: DbClient, actor: Actor, id: number, input: { withdrawalReason: string; version: number }) {
  const r = await getReferralRow(db, id);
  const to = assertReferralTransition(r.status, 'withdraw');
  const { count } = await db.referral.updateMany({
    where: { id, version: input.version, status: r.status },
    data: { status: to, withdrawalReason: input.withdrawalReason, reserveRank: null, version: { increment: 1 } },
  });
  if (count === 0) throw new ConflictError(STALE_REFERRAL);
  await recordAudit(db, actor, {
    action: 'referral.withdraw', entityType: 'referral', entityId: id, participantId: r.participantId, details: { from: r.status },
  });
}

/** A referral with everything its page shows; the read is logged (it names the person and health facts). */
export async function readReferral(db: DbClient, actor: Actor, id: number) {
  const r = await db.referral.findUnique({
    where: { id },
    include: {
      participant: { select: { id: true, firstName: true, lastName: true, pesel: true, birthDate: true, status: true } },
      author: { select: { fullName: true } },
      decidedBy: { select: { fullName: true } },
      contract: { select: { id: true, number: true, startDate: true, endDate: true, status: true } },
      edition: { select: { id: true, name: true, startDate: true, endDate: true } },
      group: { select: { name: true } },
      psuAgreement: { select: { number: true, pupName: true } },
      enrolments: { select: { id: true, startDate: true, status: true } },
    },
  });
  if (!r) throw new NotFoundError('Nie ma takiego skierowania.');
  await recordAudit(db, actor, { action: 'referral.read', entityType: 'referral', entityId: id, participantId: r.participantId });
  return r;
}

export async function getReferralForEdit(db: DbClient, id: number) {
  return getReferralRow(db, id);
}

export function referralWhere(q: ReferralListQuery, userId: number): Prisma.ReferralWhereInput {
  const and: Prisma.ReferralWhereInput[] = [];
  if (q.status) and.push({ status: q.status });
  if (q.kind) and.push({ kind: q.kind });
  if (q.mine) and.push({ authorId: userId });
  const text = (q.q ?? '').trim();
  if (/^SK\//i.test(text)) and.push({ number: { startsWith: text.toUpperCase() } });
  else if (/^\d{1,11}$/.test(text)) and.push({ participant: { pesel: { startsWith: text } } });
  else if (text) {
    for (const word of text.split(/\s+/).slice(0, 4)) {
      and.push({ participant: { OR: [{ lastName: { startsWith: word, mode: 'insensitive' } }, { firstName: { startsWith: word, mode: 'insensitive' } }] } });
    }
  }
  return { AND: and };
}

export async function listReferrals(db: DbClient, q: ReferralListQuery, userId: number) {
  const where = referralWhere(q, userId);
  const total = await db.referral.count({ where });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(q.page, pages);
  const rows = await db.referral.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    include: {
      participant: { select: { id: true, firstName: true, lastName: true } },
      author: { select: { fullName: true } },
      edition: { select: { name: true } },
      group: { select: { name: true } },
    },
  });
  return { rows, total, page, pages };
}

/** Choices for the referral form: the person's contracts, open editions and PSU agreements. */
export async function referralFormChoices(db: DbClient, participantId: number | null) {
  const [contracts, editions, agreements, person] = await Promise.all([
    participantId
      ? db.socialContract.findMany({ where: { participantId }, orderBy: { startDate: 'desc' }, select: { id: true, number: true, startDate: true, endDate: true, status: true } })
      : Promise.resolve([]),
    db.edition.findMany({ where: { status: { not: 'CLOSED' } }, orderBy: { startDate: 'asc' }, select: { id: true, name: true, startDate: true } }),
    db.psuAgreement.findMany({ where: { status: 'ACTIVE' }, orderBy: { signedAt: 'desc' }, select: { id: true, number: true, pupName: true } }),
    participantId ? db.participant.findUnique({ where: { id: participantId }, select: { id: true, firstName: true, lastName: true, pesel: true, status: true } }) : Promise.resolve(null),
  ]);
  return { contracts, editions, agreements, person };
}
