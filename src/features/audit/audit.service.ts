// Writes the audit log: who did or saw what, when, on which record. Append-only: the application
// has no code that updates or deletes these rows.
import type { Request } from 'express';
import type { DbClient } from '../../db/client.ts';
import type { Prisma } from '../../generated/prisma/client.ts';

export interface Actor {
  id: number;
  login: string;
  ip?: string | undefined;
}

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: string | number;
  participantId?: number | null;
  details?: Prisma.InputJsonValue;
}

export async function recordAudit(db: DbClient, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      userId: actor?.id ?? null,
      userLogin: actor?.login ?? null,
      ip: actor?.ip ?? null,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId === undefined ? null : String(entry.entityId),
      participantId: entry.participantId ?? null,
      details: entry.details ?? undefined,
    },
  });
}

/** Several entries by one actor in one statement (e.g. every mark of an attendance list). */
export async function recordAuditMany(db: DbClient, actor: Actor | null, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  await db.auditLog.createMany({
    data: entries.map((entry) => ({
      userId: actor?.id ?? null,
      userLogin: actor?.login ?? null,
      ip: actor?.ip ?? null,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId === undefined ? null : String(entry.entityId),
      participantId: entry.participantId ?? null,
      details: entry.details ?? undefined,
    })),
  });
}

/** The logged-in user as an audit actor. */
export function actorOf(req: Request): Actor {
  if (!req.user) throw new Error('actorOf() needs a logged-in user');
  return { id: req.user.id, login: req.user.login, ip: req.ip };
}

type Plain = string | number | boolean | null;
function plain(v: unknown): Plain {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v === undefined) return null;
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return v as Plain;
}

/** { field: [before, after] } for the fields that differ (what the audit log stores for a change). */
export function diffFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  fields: readonly string[] = Object.keys(after),
): Record<string, [Plain, Plain]> {
  const out: Record<string, [Plain, Plain]> = {};
  for (const f of fields) {
    const a = plain(before?.[f]);
    const b = plain(after[f]);
    if (a !== b) out[f] = [a, b];
  }
  return out;
}
