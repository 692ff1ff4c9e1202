// The participant register: create and update a person (with optimistic locking and duplicate checks),
// read one, and search the register. Special-category facts are only touched when the caller passes them.
import type { DbClient } from '../../db/client.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { diffFields, recordAudit, type Actor } from '../audit/audit.service.ts';
import { SENSITIVE_FIELDS, type ListQuery, type ParticipantChanges, type ParticipantInput, type SensitiveInput } from './participants.schemas.ts';

export const PAGE_SIZE = 25;

/** Fields of the participant row a form edits (audited with before/after values: none is special-category). */
const PLAIN_FIELDS = [
  'pesel', 'documentType', 'documentNumber', 'firstName', 'secondName', 'lastName', 'birthDate', 'sex', 'citizenship',
  'street', 'houseNumber', 'flatNumber', 'postalCode', 'city', 'phone', 'email', 'education', 'labourStatus',
  'pupRegisteredAt', 'pupProfile', 'socialWorkerId', 'notes', 'status', 'caseClosedAt',
] as const;

/** The same person is already registered: the page links to the existing record. */
export class DuplicateParticipantError extends ConflictError {
  constructor(
    readonly field: 'pesel' | 'documentNumber',
    readonly existing: { id: number; firstName: string; lastName: string },
  ) {
    super(
      field === 'pesel'
        ? `Osoba z tym numerem PESEL jest już w rejestrze: ${existing.firstName} ${existing.lastName}.`
        : `Osoba z tym dokumentem jest już w rejestrze: ${existing.firstName} ${existing.lastName}.`,
    );
  }
}

export const STALE_PARTICIPANT = 'Ktoś inny zmienił dane tej osoby, gdy je edytowałeś(-aś). Twoje zmiany nie zostały zapisane: sprawdź aktualne dane poniżej i zapisz ponownie.';

async function assertUnique(db: DbClient, input: ParticipantInput, exceptId?: number) {
  const who = { id: true, firstName: true, lastName: true } as const;
  if (input.pesel) {
    const other = await db.participant.findFirst({ where: { pesel: input.pesel, id: exceptId ? { not: exceptId } : undefined }, select: who });
    if (other) throw new DuplicateParticipantError('pesel', other);
  }
  if (input.documentType && input.documentNumber) {
    const other = await db.participant.findFirst({
      where: { documentType: input.documentType, documentNumber: input.documentNumber, id: exceptId ? { not: exceptId } : undefined },
      select: who,
    });
    if (other) throw new DuplicateParticipantError('documentNumber', other);
  }
}

function plainData(input: ParticipantInput) {
  const { pesel, documentType, documentNumber, firstName, secondName, lastName, birthDate, sex, citizenship, street, houseNumber, flatNumber, postalCode, city, phone, email, education, labourStatus, pupRegisteredAt, pupProfile, socialWorkerId, notes } = input;
  return { pesel, documentType, documentNumber, firstName, secondName, lastName, birthDate, sex, citizenship, street, houseNumber, flatNumber, postalCode, city, phone, email, education, labourStatus, pupRegisteredAt, pupProfile, socialWorkerId, notes };
}

/** Names of the special-category fields that differ; their values never go to the audit log. */
export function changedSensitiveFields(before: Partial<SensitiveInput> | null, after: SensitiveInput): string[] {
  const norm = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? null));
  return SENSITIVE_FIELDS.filter((k) => (before ? norm(before[k]) !== norm(after[k]) : Boolean(after[k])));
}

export async function createParticipant(db: DbClient, actor: Actor, input: ParticipantInput, sensitive: SensitiveInput | null) {
  await assertUnique(db, input);
  const participant = await db.participant.create({
    data: { ...plainData(input), sensitive: sensitive ? { create: sensitive } : undefined },
  });
  await recordAudit(db, actor, {
    action: 'participant.create',
    entityType: 'participant',
    entityId: participant.id,
    participantId: participant.id,
    details: { sensitiveFields: sensitive ? changedSensitiveFields(null, sensitive) : [] },
  });
  return participant;
}

export async function updateParticipant(db: DbClient, actor: Actor, id: number, changes: ParticipantChanges, sensitive: SensitiveInput | null) {
  const before = await db.participant.findUnique({ where: { id }, include: { sensitive: true } });
  if (!before) throw new NotFoundError('Nie ma takiej osoby w rejestrze.');
  if (before.status === 'ANONYMISED') throw new ConflictError('Dane tej osoby zostały zanonimizowane i nie można ich zmieniać.');
  await assertUnique(db, changes, id);
  const data = { ...plainData(changes), status: changes.status, caseClosedAt: changes.caseClosedAt };
  const { count } = await db.participant.updateMany({ where: { id, version: changes.version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw new ConflictError(STALE_PARTICIPANT);
  let sensitiveChanged: string[] = [];
  if (sensitive) {
    sensitiveChanged = changedSensitiveFields(before.sensitive, sensitive);
    if (sensitiveChanged.length) {
      await db.participantSensitive.upsert({
        where: { participantId: id },
        create: { participantId: id, ...sensitive },
        update: { ...sensitive, version: { increment: 1 } },
      });
    }
  }
  await recordAudit(db, actor, {
    action: 'participant.update',
    entityType: 'participant',
    entityId: id,
    participantId: id,
    details: { changes: diffFields(before, data, PLAIN_FIELDS), sensitiveFields: sensitiveChanged },
  });
}

export async function getParticipant(db: DbClient, id: number, opts: { sensitive: boolean }) {
  const p = await db.participant.findUnique({
    where: { id },
    include: { socialWorker: { select: { id: true, fullName: true } }, sensitive: opts.sensitive },
  });
  if (!p) throw new NotFoundError('Nie ma takiej osoby w rejestrze.');
  return p;
}

/** Every look at a person's record is logged: who, when, which person, which page. */
export async function recordParticipantRead(db: DbClient, actor: Actor, participantId: number, view: string, sensitiveShown: boolean) {
  await recordAudit(db, actor, {
    action: 'participant.read',
    entityType: 'participant',
    entityId: participantId,
    participantId,
    details: { view, sensitiveShown },
  });
}

/**
 * The register's search as SQL that the indexes of migration 20261123104500_search_indexes serve: each
 * word must begin the surname (or the second part of a double surname) or the first name, or equal a
 * document number; digits are a PESEL prefix. Filters by status, worker and edition.
 */
function participantSearchSql(q: ListQuery & { mine?: number }): Prisma.Sql {
  const and: Prisma.Sql[] = [];
  if (q.status !== 'ALL') and.push(Prisma.sql`p.status = ${q.status}::"ParticipantStatus"`);
  const worker = q.mine ?? q.worker;
  if (worker) and.push(Prisma.sql`p.social_worker_id = ${worker}`);
  if (q.edition) and.push(Prisma.sql`EXISTS (SELECT 1 FROM enrolments e WHERE e.participant_id = p.id AND e.edition_id = ${q.edition})`);
  const text = (q.q ?? '').trim();
  if (/^\d{1,11}$/.test(text)) {
    and.push(Prisma.sql`rtrim(p.pesel) LIKE ${`${text}%`}`);
  } else if (text) {
    for (const word of text.split(/\s+/).slice(0, 4)) {
      const prefix = `${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      and.push(Prisma.sql`(lower(p.last_name) LIKE ${prefix} OR lower(split_part(p.last_name, '-', 2)) LIKE ${prefix}
        OR lower(p.first_name) LIKE ${prefix} OR p.document_number = ${word.toUpperCase()})`);
    }
  }
  return and.length ? Prisma.sql`WHERE ${Prisma.join(and, ' AND ')}` : Prisma.empty;
}

/**
 * A page of the register with the number of matches, in Polish alphabetical order (polish_sort_key, migration
 * 20261206020000, whose index gives a page without sorting the register). With a search term the matches are found first
 * through the prefix indexes and then sorted (MATERIALIZED keeps PostgreSQL from walking the name index
 * in order and filtering most of the register, which it otherwise picks and which grows with the
 * register); without one, the name index gives the page directly.
 */
async function searchPage(db: DbClient, where: Prisma.Sql, byText: boolean, page: number): Promise<{ ids: number[]; total: number }> {
  const offset = (page - 1) * PAGE_SIZE;
  const count = async () => (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM participants p ${where}`)[0]?.n ?? 0;
  if (!byText) {
    const ids = await db.$queryRaw<{ id: number }[]>`
      SELECT p.id FROM participants p ${where}
      ORDER BY polish_sort_key(p.last_name) COLLATE "C", polish_sort_key(p.first_name) COLLATE "C", p.id LIMIT ${PAGE_SIZE} OFFSET ${offset}`;
    return { ids: ids.map((r) => r.id), total: await count() };
  }
  const rows = await db.$queryRaw<{ id: number; total: number }[]>`
    WITH hits AS MATERIALIZED (SELECT p.id, p.last_name, p.first_name FROM participants p ${where})
    SELECT id, (SELECT count(*) FROM hits)::int AS total FROM hits
    ORDER BY polish_sort_key(last_name) COLLATE "C", polish_sort_key(first_name) COLLATE "C", id LIMIT ${PAGE_SIZE} OFFSET ${offset}`;
  if (rows.length) return { ids: rows.map((r) => r.id), total: rows[0]!.total };
  return { ids: [], total: page === 1 ? 0 : await count() };
}

export async function listParticipants(db: DbClient, q: ListQuery & { mine?: number }) {
  const where = participantSearchSql(q);
  const byText = (q.q ?? '').trim() !== '';
  let page = Math.max(1, q.page);
  let { ids, total } = await searchPage(db, where, byText, page);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (page > pages) {
    // Past the last page (a stale link): show the last one.
    page = pages;
    ({ ids, total } = await searchPage(db, where, byText, page));
  }
  const found = await db.participant.findMany({
    where: { id: { in: ids } },
    select: {
      id: true, pesel: true, documentType: true, documentNumber: true, firstName: true, lastName: true, birthDate: true, status: true, city: true,
      socialWorker: { select: { fullName: true } },
      contracts: { where: { status: 'ACTIVE' }, select: { id: true, number: true, endDate: true }, orderBy: { endDate: 'desc' }, take: 1 },
      enrolments: { where: { status: 'ACTIVE' }, select: { edition: { select: { name: true } }, group: { select: { name: true } } }, take: 1 },
    },
  });
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = ids.map((id) => byId.get(id)!).filter(Boolean);
  return { rows, total, page, pages };
}

/** Editions for the register's filter. */
export async function listEditionsForFilter(db: DbClient) {
  return db.edition.findMany({ orderBy: { startDate: 'desc' }, select: { id: true, name: true } });
}

/**
 * Active social workers, by name. Filtered here rather than with `roles: { has }`: on an embedded database
 * created in the same process (first start, the browser tests) that filter fails until a restart.
 */
export async function listSocialWorkers(db: DbClient) {
  const users = await db.user.findMany({ where: { active: true }, orderBy: { fullName: 'asc' }, select: { id: true, fullName: true, roles: true } });
  return users.filter((u) => u.roles.includes('SOCIAL_WORKER')).map(({ id, fullName }) => ({ id, fullName }));
}
