// PSU agreements (porozumienia) with the county labour office and their workplaces.
import type { DbClient } from '../../db/client.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { warsawDate } from '../../lib/dates.ts';
import { rateOn } from '../../lib/psu.ts';
import { diffFields, recordAudit, type Actor } from '../audit/audit.service.ts';
import { listRates } from './rates.service.ts';
import { psuDataChanged } from './psu-changes.ts';

export interface AgreementInput {
  number: string;
  signedAt: Date;
  pupName: string;
  periodStart: Date;
  periodEnd: Date;
  plannedPeople: number;
  plannedHoursPerMonth: number | null;
  refundBasisPoints: number;
  ownRateGrosze: number | null;
  notes: string | null;
}

export async function listAgreements(db: DbClient) {
  const rows = await db.psuAgreement.findMany({
    orderBy: [{ status: 'asc' }, { periodStart: 'desc' }],
    include: {
      workplaces: { where: { active: true }, orderBy: { name: 'asc' }, select: { id: true, name: true } },
      placements: { where: { status: 'ACTIVE' }, select: { participantId: true } },
    },
  });
  return rows.map((a) => ({ ...a, activePeople: new Set(a.placements.map((p) => p.participantId)).size }));
}

export async function getAgreement(db: DbClient, id: number) {
  const agreement = await db.psuAgreement.findUnique({
    where: { id },
    include: {
      workplaces: { orderBy: [{ active: 'desc' }, { name: 'asc' }] },
      placements: {
        orderBy: [{ status: 'asc' }, { participant: { lastName: 'asc' } }, { participant: { firstName: 'asc' } }],
        include: { participant: { select: { id: true, firstName: true, lastName: true } }, workplace: { select: { id: true, name: true } } },
      },
      months: { orderBy: [{ year: 'asc' }, { month: 'asc' }] },
    },
  });
  if (!agreement) throw new NotFoundError('Nie ma takiego porozumienia.');
  return agreement;
}

/** The hourly rate in force for an agreement on a date, and where it comes from. */
export async function rateFor(db: DbClient, agreement: { ownRateGrosze: number | null }, date = warsawDate()) {
  if (agreement.ownRateGrosze) return { rateGrosze: agreement.ownRateGrosze, source: 'agreement' as const, validFrom: null };
  const rates = await listRates(db);
  const rate = rateOn(date, rates);
  const row = rates.filter((r) => r.validFrom <= date).sort((a, b) => b.validFrom.getTime() - a.validFrom.getTime())[0];
  return { rateGrosze: rate, source: 'table' as const, validFrom: row?.validFrom ?? null };
}

async function refuseTakenNumber(db: DbClient, number: string, exceptId?: number) {
  const other = await db.psuAgreement.findUnique({ where: { number }, select: { id: true } });
  if (other && other.id !== exceptId) throw new ConflictError(`Porozumienie o numerze „${number}” już jest w systemie.`);
}

export async function createAgreement(db: DbClient, actor: Actor, input: AgreementInput & { workplaces: string | null }) {
  await refuseTakenNumber(db, input.number);
  const { workplaces, ...data } = input;
  const names = [...new Set((workplaces ?? '').split(/\r?\n/).map((s) => s.trim()).filter(Boolean))];
  const agreement = await db.psuAgreement.create({
    data: { ...data, workplaces: { create: names.map((name) => ({ name: name.slice(0, 200) })) } },
  });
  psuDataChanged();
  await recordAudit(db, actor, {
    action: 'psu.agreement.create',
    entityType: 'psu_agreement',
    entityId: agreement.id,
    details: { number: agreement.number, workplaces: names },
  });
  return agreement;
}

export async function updateAgreement(db: DbClient, actor: Actor, id: number, input: AgreementInput & { status: 'ACTIVE' | 'ENDED'; version: number }) {
  const before = await db.psuAgreement.findUnique({ where: { id } });
  if (!before) throw new NotFoundError('Nie ma takiego porozumienia.');
  await refuseTakenNumber(db, input.number, id);
  const { version, ...data } = input;
  const { count } = await db.psuAgreement.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw new ConflictError('Ktoś inny zmienił to porozumienie w międzyczasie. Twoje wartości są poniżej: porównaj je i zapisz ponownie.');
  psuDataChanged();
  await recordAudit(db, actor, {
    action: 'psu.agreement.update',
    entityType: 'psu_agreement',
    entityId: id,
    details: diffFields(before, data),
  });
}

export interface WorkplaceInput {
  name: string;
  address: string | null;
  supervisor: string | null;
  active: boolean;
}

export async function getWorkplace(db: DbClient, id: number) {
  const workplace = await db.psuWorkplace.findUnique({ where: { id }, include: { agreement: true } });
  if (!workplace) throw new NotFoundError('Nie ma takiego miejsca wykonywania prac.');
  return workplace;
}

async function refuseTakenWorkplace(db: DbClient, agreementId: number, name: string, exceptId?: number) {
  const other = await db.psuWorkplace.findUnique({ where: { agreementId_name: { agreementId, name } }, select: { id: true } });
  if (other && other.id !== exceptId) throw new ConflictError(`Miejsce „${name}” już jest w tym porozumieniu.`);
}

export async function addWorkplace(db: DbClient, actor: Actor, agreementId: number, input: WorkplaceInput) {
  const agreement = await db.psuAgreement.findUnique({ where: { id: agreementId }, select: { id: true } });
  if (!agreement) throw new NotFoundError('Nie ma takiego porozumienia.');
  await refuseTakenWorkplace(db, agreementId, input.name);
  const w = await db.psuWorkplace.create({ data: { ...input, active: true, agreementId } });
  await recordAudit(db, actor, { action: 'psu.workplace.create', entityType: 'psu_workplace', entityId: w.id, details: { agreementId, name: w.name } });
  return w;
}

export async function updateWorkplace(db: DbClient, actor: Actor, id: number, input: WorkplaceInput) {
  const before = await getWorkplace(db, id);
  await refuseTakenWorkplace(db, before.agreementId, input.name, id);
  await db.psuWorkplace.update({ where: { id }, data: input });
  await recordAudit(db, actor, { action: 'psu.workplace.update', entityType: 'psu_workplace', entityId: id, details: diffFields(before, { ...input }) });
  return before;
}
