// The administrator's side of personal data: find a person, their RODO page (status, retention, the
// correction trail), the audited art. 15 exports, and the anonymisation run confirmed on screen.
import type { Db, DbClient } from '../../db/client.ts';
import { NotFoundError } from '../../http/errors.ts';
import { warsawDate } from '../../lib/dates.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { recordParticipantRead } from '../participants/participants.service.ts';
import { anonymisationDate, anonymiseDue, findDueForAnonymisation, retentionYears } from './anonymise.service.ts';
import { buildTrail, TRAIL_ACTIONS } from './correction-trail.ts';
import { collectPersonData } from './person-data.service.ts';

export const SEARCH_LIMIT = 50;

/**
 * People by PESEL (or its beginning), surname (or the beginning of either part of a double surname) or
 * document number, in every state of the case. Kept here rather than borrowed from the register's search,
 * which filters by state and paginates for other purposes.
 */
export function rodoSearchWhere(q: string): Prisma.ParticipantWhereInput | null {
  const text = q.trim();
  if (!text) return null;
  if (/^\d{1,11}$/.test(text)) return { pesel: { startsWith: text } };
  return {
    AND: text.split(/\s+/).slice(0, 3).map((word) => ({
      OR: [
        { lastName: { startsWith: word, mode: 'insensitive' as const } },
        { lastName: { contains: `-${word}`, mode: 'insensitive' as const } },
        { documentNumber: { equals: word.toUpperCase() } },
      ],
    })),
  };
}

export async function searchPeople(db: DbClient, q: string) {
  const where = rodoSearchWhere(q);
  if (!where) return [];
  return db.participant.findMany({
    where,
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }, { id: 'asc' }],
    take: SEARCH_LIMIT,
    select: { id: true, firstName: true, lastName: true, pesel: true, documentNumber: true, birthDate: true, status: true, caseClosedAt: true },
  });
}

/** What the person's RODO page shows; the look is logged like any other read of the record. */
export async function readRodoPage(db: DbClient, actor: Actor, id: number, today = warsawDate()) {
  const person = await db.participant.findUnique({
    where: { id },
    select: {
      id: true, firstName: true, secondName: true, lastName: true, pesel: true, documentType: true, documentNumber: true, birthDate: true,
      status: true, caseClosedAt: true, anonymisedAt: true, createdAt: true, socialWorker: { select: { fullName: true } },
    },
  });
  if (!person) throw new NotFoundError('Nie ma takiej osoby w rejestrze.');
  const [rows, years, exports] = await Promise.all([
    db.auditLog.findMany({
      where: { participantId: id, action: { in: [...TRAIL_ACTIONS] } },
      orderBy: { id: 'desc' },
      select: { id: true, at: true, userLogin: true, action: true, details: true, user: { select: { fullName: true, roles: true } } },
    }),
    retentionYears(db),
    db.auditLog.findMany({ where: { participantId: id, action: 'participant.export' }, orderBy: { id: 'desc' }, take: 10, select: { at: true, userLogin: true, details: true } }),
  ]);
  const workerIds = new Set<number>();
  for (const r of rows) {
    const pair = (r.details as { changes?: Record<string, unknown> } | null)?.changes?.socialWorkerId;
    if (Array.isArray(pair)) for (const v of pair) if (typeof v === 'number') workerIds.add(v);
  }
  const workers = await db.user.findMany({ where: { id: { in: [...workerIds] } }, select: { id: true, fullName: true } });
  await recordParticipantRead(db, actor, id, 'rodo', false);
  const dueOn = person.status === 'CLOSED' && person.caseClosedAt ? anonymisationDate(person.caseClosedAt, years) : null;
  return {
    person,
    trail: buildTrail(rows, new Map(workers.map((w) => [w.id, w.fullName]))),
    retention: { years, dueOn, due: dueOn !== null && dueOn <= today },
    exports,
  };
}

export type ExportFormat = 'pdf' | 'json';

/** Gathers everything held on the person and logs the disclosure, in one transaction. */
export async function exportPersonData(db: DbClient, actor: Actor, id: number, format: ExportFormat) {
  const data = await collectPersonData(db, id);
  await recordAudit(db, actor, { action: 'participant.export', entityType: 'participant', entityId: id, participantId: id, details: { format, article: 'art. 15 RODO' } });
  return data;
}

/** The anonymisation page: who is due, and how many closed cases wait for their turn. */
export async function anonymisationOverview(db: DbClient, today = warsawDate()) {
  const due = await findDueForAnonymisation(db, today);
  const dueIds = due.people.map((p) => p.id);
  const [people, waiting, next, done] = await Promise.all([
    db.participant.findMany({
      where: { id: { in: dueIds } },
      orderBy: [{ caseClosedAt: 'asc' }, { id: 'asc' }],
      select: {
        id: true, firstName: true, lastName: true, pesel: true, documentNumber: true, caseClosedAt: true, socialWorker: { select: { fullName: true } },
        _count: { select: { referrals: true, contracts: true, enrolments: true, psuPlacements: true, certificates: true } },
      },
    }),
    db.participant.count({ where: { status: 'CLOSED', id: { notIn: dueIds } } }),
    db.participant.findFirst({ where: { status: 'CLOSED', caseClosedAt: { gt: due.cutoff } }, orderBy: { caseClosedAt: 'asc' }, select: { caseClosedAt: true } }),
    db.participant.count({ where: { status: 'ANONYMISED' } }),
  ]);
  return {
    years: due.years,
    cutoff: due.cutoff,
    people,
    waiting,
    nextDueOn: next?.caseClosedAt ? anonymisationDate(next.caseClosedAt, due.years) : null,
    anonymisedSoFar: done,
  };
}

export type AnonymisationResult =
  | { kind: 'nothing' }
  | { kind: 'changed' }
  | { kind: 'done'; count: number };

/**
 * Runs the anonymisation the administrator saw: the same anonymiseDue as the CLI, but only when the list
 * of people due is still exactly the list that was on the screen. A repeated click finds nobody due.
 */
export async function runConfirmedAnonymisation(db: Db, actor: Actor, shownIds: readonly number[], today = warsawDate()): Promise<AnonymisationResult> {
  const { people } = await findDueForAnonymisation(db, today);
  if (people.length === 0) return { kind: 'nothing' };
  const now = people.map((p) => p.id).sort((a, b) => a - b);
  const shown = [...new Set(shownIds)].sort((a, b) => a - b);
  if (now.length !== shown.length || now.some((id, i) => id !== shown[i])) return { kind: 'changed' };
  return { kind: 'done', count: await anonymiseDue(db, actor, today) };
}
