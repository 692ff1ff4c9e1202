// Reading the audit log for the administrator: filters by user, person, action and date.
import type { DbClient } from '../../db/client.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { addDays } from '../../lib/dates.ts';

export interface AuditFilter {
  userId: number | null;
  person: string | null; // PESEL, or the beginning of a surname
  action: string | null; // exact code, or a prefix ending with '.'
  from: Date | null; // calendar dates, Warsaw
  to: Date | null;
}

export const AUDIT_PAGE_SIZE = 50;

/** Warsaw midnight of a calendar date as an instant (CET/CEST resolved by Intl). */
function warsawMidnight(date: Date): Date {
  const utcGuess = new Date(date.getTime());
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', hour: '2-digit', hourCycle: 'h23' });
  const offsetHours = Number(fmt.format(utcGuess)); // Warsaw hour at UTC midnight = UTC offset
  return new Date(date.getTime() - offsetHours * 3_600_000);
}

export async function auditWhere(db: DbClient, f: AuditFilter): Promise<Prisma.AuditLogWhereInput> {
  const where: Prisma.AuditLogWhereInput = {};
  if (f.userId) where.userId = f.userId;
  if (f.action) where.action = f.action.endsWith('.') ? { startsWith: f.action } : f.action;
  if (f.from || f.to) {
    where.at = {
      ...(f.from ? { gte: warsawMidnight(f.from) } : {}),
      ...(f.to ? { lt: warsawMidnight(addDays(f.to, 1)) } : {}),
    };
  }
  if (f.person) {
    const q = f.person.trim();
    const people = await db.participant.findMany({
      where: /^\d{11}$/.test(q) ? { pesel: q } : { lastName: { startsWith: q, mode: 'insensitive' } },
      select: { id: true },
      take: 500,
    });
    where.participantId = { in: people.map((p) => p.id) };
  }
  return where;
}

export async function listAudit(db: DbClient, f: AuditFilter, page: number) {
  const where = await auditWhere(db, f);
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: { id: 'desc' },
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      include: { participant: { select: { id: true, firstName: true, lastName: true } } },
    }),
  ]);
  return { total, rows, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

export async function auditActions(db: DbClient): Promise<string[]> {
  const rows = await db.auditLog.findMany({ distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } });
  return rows.map((r) => r.action);
}

/** Rows for the export, oldest first, in batches so a long log does not sit in memory at once. */
export async function* exportAudit(db: DbClient, f: AuditFilter, batch = 2000) {
  const where = await auditWhere(db, f);
  let cursor: bigint | undefined;
  for (;;) {
    const rows = await db.auditLog.findMany({
      where: cursor === undefined ? where : { AND: [where, { id: { gt: cursor } }] },
      orderBy: { id: 'asc' },
      take: batch,
      include: { participant: { select: { firstName: true, lastName: true } } },
    });
    if (rows.length === 0) return;
    yield rows;
    cursor = rows.at(-1)!.id;
    if (rows.length < batch) return;
  }
}
