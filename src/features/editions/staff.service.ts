// Kadra: the register of people who run the club's sessions (not necessarily users of the app).
import { countMap } from '../../db/counts.ts';
import type { DbClient } from '../../db/client.ts';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import { diffFields, recordAudit, type Actor } from '../audit/audit.service.ts';

export interface StaffInput {
  fullName: string;
  profession: string;
  email: string | null;
  phone: string | null;
  active: boolean;
}

export async function listStaff(db: DbClient, opts: { activeOnly?: boolean } = {}) {
  const staff = await db.staffMember.findMany({
    where: opts.activeOnly ? { active: true } : undefined,
    orderBy: [{ active: 'desc' }, { fullName: 'asc' }],
  });
  // Counted for these people only (Prisma's _count aggregates whole tables: src/db/counts.ts).
  const ids = staff.map((s) => s.id);
  const [editions, sessions] = await Promise.all([
    db.editionStaff.groupBy({ by: ['staffId'], where: { staffId: { in: ids } }, _count: { _all: true } }),
    db.classSession.groupBy({ by: ['staffId'], where: { staffId: { in: ids } }, _count: { _all: true } }),
  ]);
  const e = countMap(ids, editions.map((g) => ({ key: g.staffId, n: g._count._all })));
  const s = countMap(ids, sessions.map((g) => ({ key: g.staffId!, n: g._count._all })));
  return staff.map((m) => ({ ...m, _count: { editions: e.get(m.id)!, sessions: s.get(m.id)! } }));
}

export async function getStaffMember(db: DbClient, id: number) {
  const s = await db.staffMember.findUnique({
    where: { id },
    include: { editions: { include: { edition: { select: { id: true, name: true, status: true } } } } },
  });
  if (!s) throw new NotFoundError('Nie ma takiej osoby w kadrze.');
  return s;
}

export async function createStaffMember(db: DbClient, actor: Actor, input: StaffInput) {
  const same = await db.staffMember.findFirst({
    where: { fullName: { equals: input.fullName, mode: 'insensitive' }, profession: { equals: input.profession, mode: 'insensitive' } },
  });
  if (same) throw new ValidationError({ fullName: `${same.fullName} (${same.profession}) już jest w rejestrze kadry.` });
  const s = await db.staffMember.create({ data: input });
  await recordAudit(db, actor, { action: 'staff.create', entityType: 'staff_member', entityId: s.id, details: { fullName: s.fullName, profession: s.profession } });
  return s;
}

export async function updateStaffMember(db: DbClient, actor: Actor, id: number, input: StaffInput) {
  const before = await getStaffMember(db, id);
  await db.staffMember.update({ where: { id }, data: input });
  await recordAudit(db, actor, { action: 'staff.update', entityType: 'staff_member', entityId: id, details: diffFields(before, { ...input }) });
}
