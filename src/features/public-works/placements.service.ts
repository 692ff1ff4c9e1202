// Placements: a person referred to socially useful work at one workplace for a period.
import type { DbClient } from '../../db/client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { formatDate } from '../../lib/dates.ts';
import { diffFields, recordAudit, type Actor } from '../audit/audit.service.ts';

export interface PlacementInput {
  workplaceId: number;
  pupReferralNumber: string | null;
  startDate: Date;
  endDate: Date;
  plannedHoursPerMonth: number;
}

const personFields = { id: true, firstName: true, lastName: true, pesel: true, documentType: true, documentNumber: true, socialWorkerId: true } as const;

/** People with an open PSU referral, newest referral first: offered before any search on a new placement. */
export async function referredForPsu(db: DbClient) {
  const referrals = await db.referral.findMany({
    where: { kind: 'PSU', status: { in: ['SUBMITTED', 'ACCEPTED', 'RESERVE'] }, participant: { status: 'ACTIVE' } },
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: { number: true, participant: { select: { id: true, firstName: true, lastName: true, birthDate: true } } },
  });
  // One line per person, with their newest referral.
  const people = new Map<number, { id: number; firstName: string; lastName: string; birthDate: Date; note: string }>();
  for (const r of referrals) if (!people.has(r.participant.id)) people.set(r.participant.id, { ...r.participant, note: `skierowanie ${r.number}` });
  return [...people.values()];
}

/** What the placement form offers for the chosen person: their open PSU referrals, and the workplaces. */
export async function placementFormOptions(db: DbClient, agreementId: number, participantId: number | null) {
  const [person, referrals, workplaces] = await Promise.all([
    participantId ? db.participant.findFirst({ where: { id: participantId, status: 'ACTIVE' }, select: { id: true, firstName: true, lastName: true, birthDate: true, pesel: true } }) : null,
    participantId
      ? db.referral.findMany({
        where: { kind: 'PSU', participantId, status: { in: ['SUBMITTED', 'ACCEPTED', 'RESERVE'] } },
        orderBy: { createdAt: 'desc' },
        select: { id: true, number: true },
      })
      : [],
    db.psuWorkplace.findMany({ where: { agreementId, active: true }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  ]);
  return { person, referrals: person ? referrals : [], workplaces };
}

export async function getPlacement(db: DbClient, id: number) {
  const placement = await db.psuPlacement.findUnique({
    where: { id },
    include: {
      participant: { select: personFields },
      workplace: true,
      agreement: true,
      referral: { select: { id: true, number: true } },
    },
  });
  if (!placement) throw new NotFoundError('Nie ma takiego skierowania do prac.');
  return placement;
}

async function checkPlacement(
  db: DbClient,
  agreement: { id: number; periodStart: Date; periodEnd: Date },
  participantId: number,
  input: PlacementInput,
  exceptId?: number,
) {
  const errors: Record<string, string> = {};
  const workplace = await db.psuWorkplace.findFirst({ where: { id: input.workplaceId, agreementId: agreement.id } });
  if (!workplace) errors.workplaceId = 'Wybierz miejsce z tego porozumienia.';
  if (input.startDate < agreement.periodStart) errors.startDate = `Porozumienie obowiązuje od ${formatDate(agreement.periodStart)}.`;
  if (input.endDate > agreement.periodEnd) errors.endDate = `Porozumienie obowiązuje do ${formatDate(agreement.periodEnd)}.`;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const overlapping = await db.psuPlacement.findFirst({
    where: {
      participantId,
      workplaceId: input.workplaceId,
      status: 'ACTIVE',
      startDate: { lte: input.endDate },
      endDate: { gte: input.startDate },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true, startDate: true, endDate: true },
  });
  if (overlapping) {
    throw new ConflictError(
      `Ta osoba ma już skierowanie do tego miejsca w okresie ${formatDate(overlapping.startDate)}–${formatDate(overlapping.endDate)}.`,
    );
  }
}

export async function createPlacement(
  db: DbClient,
  actor: Actor,
  agreementId: number,
  input: PlacementInput & { participantId: number; referralId: number | null },
) {
  const agreement = await db.psuAgreement.findUnique({ where: { id: agreementId } });
  if (!agreement) throw new NotFoundError('Nie ma takiego porozumienia.');
  if (agreement.status !== 'ACTIVE') throw new ConflictError('Porozumienie jest zakończone: nie można kierować do niego nowych osób.');
  const person = await db.participant.findUnique({ where: { id: input.participantId }, select: { id: true, status: true } });
  if (!person || person.status !== 'ACTIVE') throw new ValidationError({ participantId: 'Wybierz osobę z aktywną sprawą.' });
  if (input.referralId) {
    const referral = await db.referral.findUnique({ where: { id: input.referralId }, select: { kind: true, participantId: true } });
    if (!referral || referral.kind !== 'PSU' || referral.participantId !== input.participantId) {
      throw new ValidationError({ referralId: 'Wybierz skierowanie do PSU tej samej osoby albo zostaw puste.' });
    }
  }
  await checkPlacement(db, agreement, input.participantId, input);
  const placement = await db.psuPlacement.create({ data: { ...input, agreementId } });
  await recordAudit(db, actor, {
    action: 'psu.placement.create',
    entityType: 'psu_placement',
    entityId: placement.id,
    participantId: input.participantId,
    details: { agreementId, workplaceId: input.workplaceId, startDate: formatDate(input.startDate), endDate: formatDate(input.endDate) },
  });
  return placement;
}

export async function updatePlacement(
  db: DbClient,
  actor: Actor,
  id: number,
  input: PlacementInput & { status: 'ACTIVE' | 'ENDED'; endReason: string | null; version: number },
) {
  const before = await getPlacement(db, id);
  await checkPlacement(db, before.agreement, before.participantId, input, id);
  // Hours already entered must stay inside the placement's period.
  const outside = await db.psuHourEntry.findFirst({
    where: { placementId: id, OR: [{ date: { lt: input.startDate } }, { date: { gt: input.endDate } }] },
    orderBy: { date: 'asc' },
    select: { date: true },
  });
  if (outside) {
    const field = outside.date < input.startDate ? 'startDate' : 'endDate';
    throw new ValidationError({ [field]: `Są wpisane godziny z dnia ${formatDate(outside.date)}: okres musi go obejmować.` });
  }
  const { version, ...data } = input;
  const { count } = await db.psuPlacement.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw new ConflictError('Ktoś inny zmienił to skierowanie w międzyczasie. Twoje wartości są poniżej: porównaj je i zapisz ponownie.');
  await recordAudit(db, actor, {
    action: 'psu.placement.update',
    entityType: 'psu_placement',
    entityId: id,
    participantId: before.participantId,
    details: diffFields(before, data),
  });
}
