// The parts of an edition the coordinator sets up: groups with capacity, programme modules with planned
// hours, and the staff assigned to the edition with their roles. A closed edition refuses all of it.
import type { DbClient } from '../../db/client.ts';
import type { ModuleArea } from '../../generated/prisma/enums.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { diffFields, recordAudit, type Actor } from '../audit/audit.service.ts';
import { getOpenEdition } from './editions.service.ts';
import { missingDefaults } from './programme-defaults.ts';

export interface GroupInput {
  name: string;
  capacity: number;
  location: string | null;
}

async function assertGroupNameFree(db: DbClient, editionId: number, name: string, exceptId?: number) {
  const clash = await db.editionGroup.findFirst({ where: { editionId, name: { equals: name, mode: 'insensitive' }, id: exceptId ? { not: exceptId } : undefined } });
  if (clash) throw new ValidationError({ name: `W tej edycji jest już „${clash.name}”. Wybierz inną nazwę.` });
}

export async function addGroup(db: DbClient, actor: Actor, editionId: number, input: GroupInput) {
  await getOpenEdition(db, editionId);
  await assertGroupNameFree(db, editionId, input.name);
  const group = await db.editionGroup.create({ data: { editionId, ...input } });
  await recordAudit(db, actor, { action: 'edition.group.create', entityType: 'edition_group', entityId: group.id, details: { editionId, ...input } });
  return group;
}

async function getGroup(db: DbClient, editionId: number, groupId: number) {
  const group = await db.editionGroup.findFirst({
    where: { id: groupId, editionId },
    include: { _count: { select: { enrolments: { where: { status: 'ACTIVE' } }, sessions: true } } },
  });
  if (!group) throw new NotFoundError('Nie ma takiej grupy w tej edycji.');
  return group;
}

export async function updateGroup(db: DbClient, actor: Actor, editionId: number, groupId: number, input: GroupInput) {
  await getOpenEdition(db, editionId);
  const before = await getGroup(db, editionId, groupId);
  await assertGroupNameFree(db, editionId, input.name, groupId);
  if (input.capacity < before._count.enrolments) {
    throw new ValidationError({ capacity: `W grupie uczestniczy ${before._count.enrolments} osób: liczba miejsc nie może być mniejsza.` });
  }
  await db.editionGroup.update({ where: { id: groupId }, data: input });
  await recordAudit(db, actor, { action: 'edition.group.update', entityType: 'edition_group', entityId: groupId, details: diffFields(before, { ...input }) });
}

export async function deleteGroup(db: DbClient, actor: Actor, editionId: number, groupId: number) {
  await getOpenEdition(db, editionId);
  const group = await getGroup(db, editionId, groupId);
  const anyEnrolment = await db.enrolment.count({ where: { OR: [{ groupId }, { movedToGroupId: groupId }] } });
  const referrals = await db.referral.count({ where: { groupId } });
  if (anyEnrolment || group._count.sessions || referrals) {
    throw new ConflictError(`Nie można usunąć grupy „${group.name}”: ma uczestników, skierowania lub zajęcia w harmonogramie.`);
  }
  await db.editionGroup.delete({ where: { id: groupId } });
  await recordAudit(db, actor, { action: 'edition.group.delete', entityType: 'edition_group', entityId: groupId, details: { editionId, name: group.name } });
}

export interface ModuleInput {
  name: string;
  area: ModuleArea;
  plannedHours: number;
  position: number | null;
  staffId: number | null;
}

async function checkModule(db: DbClient, editionId: number, input: ModuleInput, exceptId?: number) {
  const clash = await db.programmeModule.findFirst({ where: { editionId, name: { equals: input.name, mode: 'insensitive' }, id: exceptId ? { not: exceptId } : undefined } });
  if (clash) throw new ValidationError({ name: `Moduł „${clash.name}” już jest w programie tej edycji.` });
  if (input.staffId !== null && !(await db.staffMember.findUnique({ where: { id: input.staffId } }))) {
    throw new ValidationError({ staffId: 'Wybierz osobę z listy kadry.' });
  }
}

export async function addModule(db: DbClient, actor: Actor, editionId: number, input: ModuleInput) {
  await getOpenEdition(db, editionId);
  await checkModule(db, editionId, input);
  const position = input.position ?? ((await db.programmeModule.aggregate({ where: { editionId }, _max: { position: true } }))._max.position ?? 0) + 1;
  const m = await db.programmeModule.create({ data: { editionId, ...input, position } });
  await recordAudit(db, actor, { action: 'edition.module.create', entityType: 'programme_module', entityId: m.id, details: { editionId, name: m.name, plannedHours: m.plannedHours } });
  return m;
}

async function getModule(db: DbClient, editionId: number, moduleId: number) {
  const m = await db.programmeModule.findFirst({ where: { id: moduleId, editionId }, include: { _count: { select: { sessions: true } } } });
  if (!m) throw new NotFoundError('Nie ma takiego modułu w tej edycji.');
  return m;
}

export async function updateModule(db: DbClient, actor: Actor, editionId: number, moduleId: number, input: ModuleInput) {
  await getOpenEdition(db, editionId);
  const before = await getModule(db, editionId, moduleId);
  await checkModule(db, editionId, input, moduleId);
  await db.programmeModule.update({ where: { id: moduleId }, data: { ...input, position: input.position ?? before.position } });
  await recordAudit(db, actor, { action: 'edition.module.update', entityType: 'programme_module', entityId: moduleId, details: diffFields(before, { ...input }, ['name', 'area', 'plannedHours', 'position', 'staffId']) });
}

export async function deleteModule(db: DbClient, actor: Actor, editionId: number, moduleId: number) {
  await getOpenEdition(db, editionId);
  const m = await getModule(db, editionId, moduleId);
  if (m._count.sessions) throw new ConflictError(`Nie można usunąć modułu „${m.name}”: ma zajęcia w harmonogramie. Zmień najpierw moduł tych zajęć.`);
  await db.programmeModule.delete({ where: { id: moduleId } });
  await recordAudit(db, actor, { action: 'edition.module.delete', entityType: 'programme_module', entityId: moduleId, details: { editionId, name: m.name } });
}

/** Adds the default modules the edition lacks; returns how many were added. */
export async function addDefaultModules(db: DbClient, actor: Actor, editionId: number): Promise<number> {
  await getOpenEdition(db, editionId);
  const existing = await db.programmeModule.findMany({ where: { editionId }, select: { name: true, position: true } });
  const toAdd = missingDefaults(existing.map((m) => m.name));
  let position = Math.max(0, ...existing.map((m) => m.position));
  for (const m of toAdd) await db.programmeModule.create({ data: { editionId, ...m, position: (position += 1) } });
  if (toAdd.length) {
    await recordAudit(db, actor, { action: 'edition.module.defaults', entityType: 'edition', entityId: editionId, details: { added: toAdd.map((m) => m.name) } });
  }
  return toAdd.length;
}

export async function assignStaff(db: DbClient, actor: Actor, editionId: number, input: { staffId: number; role: string }) {
  await getOpenEdition(db, editionId);
  const member = await db.staffMember.findUnique({ where: { id: input.staffId } });
  if (!member || !member.active) throw new ValidationError({ staffId: 'Wybierz aktywną osobę z listy kadry.' });
  await db.editionStaff.upsert({
    where: { editionId_staffId: { editionId, staffId: input.staffId } },
    create: { editionId, staffId: input.staffId, role: input.role },
    update: { role: input.role },
  });
  await recordAudit(db, actor, { action: 'edition.staff.assign', entityType: 'edition', entityId: editionId, details: { staffId: input.staffId, fullName: member.fullName, role: input.role } });
  return member;
}

export async function unassignStaff(db: DbClient, actor: Actor, editionId: number, staffId: number) {
  await getOpenEdition(db, editionId);
  const link = await db.editionStaff.findUnique({ where: { editionId_staffId: { editionId, staffId } }, include: { staff: true } });
  if (!link) throw new NotFoundError('Ta osoba nie jest przypisana do edycji.');
  await db.editionStaff.delete({ where: { editionId_staffId: { editionId, staffId } } });
  await recordAudit(db, actor, { action: 'edition.staff.unassign', entityType: 'edition', entityId: editionId, details: { staffId, fullName: link.staff.fullName } });
}
