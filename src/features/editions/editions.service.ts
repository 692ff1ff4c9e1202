// Editions: the list, one edition with its parts, creating and editing the edition's own data.
import { countMap } from '../../db/counts.ts';
import type { DbClient } from '../../db/client.ts';
import type { FundingSource } from '../../generated/prisma/enums.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { formatDate } from '../../lib/dates.ts';
import { diffFields, recordAudit, type Actor } from '../audit/audit.service.ts';
import { DEFAULT_PROGRAMME, groupNames } from './programme-defaults.ts';

export const EDITION_LIST_PAGE = 25;
export type EditionListFilter = 'current' | 'closed' | 'all';

/** Editions newest first: planned and running ones by default (a big centre has hundreds closed), a page at a time. */
export async function listEditions(db: DbClient, opts: { filter?: EditionListFilter; page?: number } = {}) {
  const filter = opts.filter ?? 'current';
  const where = filter === 'current' ? { status: { in: ['PLANNED' as const, 'RUNNING' as const] } } : filter === 'closed' ? { status: 'CLOSED' as const } : {};
  const total = await db.edition.count({ where });
  const pages = Math.max(1, Math.ceil(total / EDITION_LIST_PAGE));
  const page = Math.min(Math.max(1, opts.page ?? 1), pages);
  const editions = await db.edition.findMany({
    where,
    orderBy: [{ startDate: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * EDITION_LIST_PAGE,
    take: EDITION_LIST_PAGE,
    select: {
      id: true, name: true, startDate: true, endDate: true, status: true, fundingSource: true, plannedParticipants: true,
      groups: { select: { capacity: true } },
    },
  });
  const active = await activeEnrolmentCounts(db, 'editionId', editions.map((e) => e.id));
  const rows = editions.map((e) => ({ ...e, _count: { enrolments: active.get(e.id)! } }));
  return { rows, total, page, pages, filter };
}

/** People taking part now (active enrolments) per edition or per group, for the ids given. */
export async function activeEnrolmentCounts(db: DbClient, by: 'editionId' | 'groupId', ids: number[]): Promise<Map<number, number>> {
  const groups = await db.enrolment.groupBy({ by: [by], where: { [by]: { in: ids }, status: 'ACTIVE' }, _count: { _all: true } });
  return countMap(ids, groups.map((g) => ({ key: g[by] as number, n: g._count._all })));
}

export async function getEdition(db: DbClient, id: number) {
  const found = await db.edition.findUnique({
    where: { id },
    include: {
      groups: { orderBy: { name: 'asc' } },
      modules: { orderBy: [{ position: 'asc' }, { name: 'asc' }], include: { staff: { select: { id: true, fullName: true } } } },
      staff: { include: { staff: true }, orderBy: { staff: { fullName: 'asc' } } },
      closedBy: { select: { fullName: true } },
    },
  });
  if (!found) throw new NotFoundError('Nie ma takiej edycji.');
  const active = await activeEnrolmentCounts(db, 'groupId', found.groups.map((g) => g.id));
  return { ...found, groups: found.groups.map((g) => ({ ...g, _count: { enrolments: active.get(g.id)! } })) };
}

export type EditionWithParts = Awaited<ReturnType<typeof getEdition>>;

export const CLOSED_MESSAGE = 'Edycja jest zamknięta: jej harmonogramu, obecności i uczestników nie można już zmieniać. Jeśli trzeba coś poprawić, administrator może ją otworzyć ponownie.';

/** A closed edition is a record: refuse any change to it. */
export function assertOpen(edition: { status: string }): void {
  if (edition.status === 'CLOSED') throw new ConflictError(CLOSED_MESSAGE);
}

export async function getOpenEdition(db: DbClient, id: number) {
  const edition = await db.edition.findUnique({ where: { id } });
  if (!edition) throw new NotFoundError('Nie ma takiej edycji.');
  assertOpen(edition);
  return edition;
}

export interface EditionInput {
  name: string;
  startDate: Date;
  endDate: Date;
  fundingSource: FundingSource;
  funderName: string | null;
  projectNumber: string | null;
  projectTitle: string | null;
  plannedParticipants: number;
  completionThresholdPct: number;
  excusedCountsAsPresent: boolean;
  notes: string | null;
}

/** Editions are told apart by name on lists and documents; this also stops a double-submitted form. */
async function assertNameFree(db: DbClient, name: string, exceptId?: number) {
  const clash = await db.edition.findFirst({ where: { name: { equals: name.trim(), mode: 'insensitive' }, id: exceptId ? { not: exceptId } : undefined } });
  if (clash) throw new ValidationError({ name: `Edycja „${clash.name}” już istnieje. Nadaj nowej edycji inną nazwę.` });
}

const EDITION_FIELDS = ['name', 'startDate', 'endDate', 'fundingSource', 'funderName', 'projectNumber', 'projectTitle', 'plannedParticipants', 'completionThresholdPct', 'excusedCountsAsPresent', 'notes'] as const;

export async function createEdition(
  db: DbClient,
  actor: Actor,
  input: EditionInput & { groupCount: number; groupCapacity: number; addDefaultProgramme: boolean },
) {
  const { groupCount, groupCapacity, addDefaultProgramme, ...data } = input;
  await assertNameFree(db, data.name);
  const edition = await db.edition.create({
    data: {
      ...data,
      groups: { create: groupNames(groupCount).map((name) => ({ name, capacity: groupCapacity })) },
      modules: addDefaultProgramme ? { create: DEFAULT_PROGRAMME.map((m, i) => ({ ...m, position: i + 1 })) } : undefined,
    },
  });
  await recordAudit(db, actor, {
    action: 'edition.create',
    entityType: 'edition',
    entityId: edition.id,
    details: { name: data.name, groups: `${groupCount} × ${groupCapacity}`, defaultProgramme: addDefaultProgramme },
  });
  return edition;
}

export async function updateEdition(db: DbClient, actor: Actor, id: number, input: EditionInput & { version: number }) {
  const before = await getOpenEdition(db, id);
  const { version, ...data } = input;
  await assertNameFree(db, data.name, id);
  const outside = await db.classSession.count({
    where: { editionId: id, status: { not: 'CANCELLED' }, OR: [{ date: { lt: data.startDate } }, { date: { gt: data.endDate } }] },
  });
  if (outside > 0) {
    throw new ValidationError({
      endDate: `Zajęć w harmonogramie poza okresem ${formatDate(data.startDate)}–${formatDate(data.endDate)}: ${outside}. Najpierw przenieś je albo odwołaj.`,
    });
  }
  const { count } = await db.edition.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw new ConflictError('Ktoś inny zmienił tę edycję w międzyczasie. Twoje wartości są poniżej: porównaj je i zapisz ponownie.');
  await recordAudit(db, actor, { action: 'edition.update', entityType: 'edition', entityId: id, details: diffFields(before, data, EDITION_FIELDS) });
}

/** Marks a planned edition as running once anything has happened in it (first attendance). */
export async function markRunning(db: DbClient, editionId: number): Promise<void> {
  await db.edition.updateMany({ where: { id: editionId, status: 'PLANNED' }, data: { status: 'RUNNING' } });
}
