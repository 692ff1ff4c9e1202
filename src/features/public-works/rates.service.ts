// The dated table of minimum hourly rates for PSU (indexed every 1 June), kept by the administrator.
import type { DbClient } from '../../db/client.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { formatDate } from '../../lib/dates.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';

export async function listRates(db: DbClient) {
  return db.psuRate.findMany({ orderBy: { validFrom: 'desc' } });
}

export async function addRate(db: DbClient, actor: Actor, input: { validFrom: Date; rateGrosze: number; note: string | null }) {
  if (await db.psuRate.findUnique({ where: { validFrom: input.validFrom } })) {
    throw new ConflictError(`Stawka od ${formatDate(input.validFrom)} już jest w tabeli. Usuń ją, jeśli trzeba ją poprawić.`);
  }
  const rate = await db.psuRate.create({ data: input });
  await recordAudit(db, actor, {
    action: 'psu.rate.create',
    entityType: 'psu_rate',
    entityId: rate.id,
    details: { validFrom: formatDate(rate.validFrom), rateGrosze: rate.rateGrosze },
  });
  return rate;
}

/** Closed months keep the rate they were settled with (copied into their rows), so removal is safe. */
export async function deleteRate(db: DbClient, actor: Actor, id: number) {
  const rate = await db.psuRate.findUnique({ where: { id } });
  if (!rate) throw new NotFoundError('Nie ma takiej stawki.');
  await db.psuRate.delete({ where: { id } });
  await recordAudit(db, actor, {
    action: 'psu.rate.delete',
    entityType: 'psu_rate',
    entityId: id,
    details: { validFrom: formatDate(rate.validFrom), rateGrosze: rate.rateGrosze },
  });
  return rate;
}
