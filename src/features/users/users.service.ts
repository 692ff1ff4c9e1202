// Users: authentication lookups and the administrator's management of accounts.
import type { DbClient } from '../../db/client.ts';
import type { Role } from '../../generated/prisma/enums.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../lib/password.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { diffFields, recordAudit, type Actor } from '../audit/audit.service.ts';

export interface SessionUser {
  id: number;
  login: string;
  fullName: string;
  roles: Role[];
}

const sessionFields = { id: true, login: true, fullName: true, roles: true } as const;

/** The user when login and password match an active account; null otherwise (same work either way). */
export async function authenticateUser(db: DbClient, login: string, password: string): Promise<SessionUser | null> {
  const user = await db.user.findUnique({ where: { login: login.trim().toLowerCase() } });
  if (!user || !user.active) {
    await verifyPassword(password, await dummyPasswordHash());
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, login: user.login, fullName: user.fullName, roles: user.roles };
}

export async function findActiveUser(db: DbClient, id: number): Promise<SessionUser | null> {
  return db.user.findFirst({ where: { id, active: true }, select: sessionFields });
}

export async function listUsers(db: DbClient) {
  return db.user.findMany({
    orderBy: [{ active: 'desc' }, { fullName: 'asc' }],
    select: { ...sessionFields, email: true, active: true, lastLoginAt: true, version: true },
  });
}

export async function getUser(db: DbClient, id: number) {
  const user = await db.user.findUnique({
    where: { id },
    select: { ...sessionFields, email: true, active: true, lastLoginAt: true, version: true },
  });
  if (!user) throw new NotFoundError('Nie ma takiego użytkownika.');
  return user;
}

export async function listUsersWithRole(db: DbClient, role: Role) {
  return db.user.findMany({
    where: { active: true, roles: { has: role } },
    orderBy: { fullName: 'asc' },
    select: { id: true, fullName: true },
  });
}

export interface NewUser {
  login: string;
  fullName: string;
  email?: string | null;
  roles: Role[];
  password: string;
}

export async function createUser(db: DbClient, actor: Actor | null, input: NewUser, hashCost?: number) {
  const login = input.login.trim().toLowerCase();
  if (await db.user.findUnique({ where: { login } })) {
    throw new ConflictError(`Login „${login}” jest już zajęty.`);
  }
  const user = await db.user.create({
    data: {
      login,
      fullName: input.fullName.trim(),
      email: input.email || null,
      roles: input.roles,
      passwordHash: await hashPassword(input.password, hashCost),
    },
  });
  await recordAudit(db, actor, {
    action: 'user.create',
    entityType: 'user',
    entityId: user.id,
    details: { login, roles: input.roles },
  });
  return user;
}

export interface UserChanges {
  fullName: string;
  email: string | null;
  roles: Role[];
  active: boolean;
  version: number;
}

export async function updateUser(db: DbClient, actor: Actor, id: number, changes: UserChanges) {
  const before = await getUser(db, id);
  if (actor.id === id && (!changes.active || !changes.roles.includes('ADMIN'))) {
    throw new ConflictError('Nie możesz odebrać sobie roli administratora ani wyłączyć własnego konta.');
  }
  const { count } = await db.user.updateMany({
    where: { id, version: changes.version },
    data: {
      fullName: changes.fullName,
      email: changes.email,
      roles: changes.roles,
      active: changes.active,
      version: { increment: 1 },
    },
  });
  if (count === 0) throw new ConflictError('Ktoś inny zmienił to konto w międzyczasie. Odśwież stronę i wprowadź zmiany ponownie.');
  await recordAudit(db, actor, {
    action: 'user.update',
    entityType: 'user',
    entityId: id,
    details: diffFields(before, { ...changes }, ['fullName', 'email', 'roles', 'active']),
  });
  if (!changes.active) await endSessionsOf(db, id);
}

export async function setPassword(db: DbClient, actor: Actor | null, id: number, password: string, hashCost?: number) {
  await db.user.update({
    where: { id },
    data: { passwordHash: await hashPassword(password, hashCost), passwordSetAt: new Date(), version: { increment: 1 } },
  });
  await recordAudit(db, actor, { action: 'user.password', entityType: 'user', entityId: id });
  // Someone else's password was reset: their open sessions end.
  if (actor?.id !== id) await endSessionsOf(db, id);
}

/** Removes a user's login sessions (deactivated account or password reset by an administrator). */
async function endSessionsOf(db: DbClient, userId: number) {
  await db.$executeRaw`DELETE FROM "session" WHERE (sess -> 'passport' ->> 'user')::int = ${userId}`;
}
