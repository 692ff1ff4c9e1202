// The one permission table: which roles may do what. Every route names one permission through
// `can(...)` (or `publicRoute`), and tests/integration/permissions.test.ts checks every route of the app
// against this table for every role, so a new route cannot land unprotected.
import type { RequestHandler } from 'express';
import type { Role } from '../generated/prisma/enums.ts';
import { ForbiddenError } from './errors.ts';

const ALL: Role[] = ['ADMIN', 'SOCIAL_WORKER', 'COORDINATOR', 'DIRECTOR'];

export const PERMISSIONS = {
  'dashboard.view': ALL,
  'account.self': ALL,
  // people and casework
  'participants.read': ['SOCIAL_WORKER', 'COORDINATOR', 'ADMIN'],
  'participants.write': ['SOCIAL_WORKER'],
  /** Special-category data (health, disability, addiction, criminal record): RODO art. 9 and 10. */
  'participants.sensitive': ['SOCIAL_WORKER'],
  'referrals.read': ['SOCIAL_WORKER', 'COORDINATOR'],
  'referrals.write': ['SOCIAL_WORKER'],
  'referrals.decide': ['COORDINATOR'],
  'contracts.read': ['SOCIAL_WORKER', 'COORDINATOR'],
  'contracts.write': ['SOCIAL_WORKER'],
  // the club
  'editions.read': ['COORDINATOR', 'SOCIAL_WORKER', 'DIRECTOR'],
  'editions.write': ['COORDINATOR'],
  /** Reopening a closed edition to correct it: an administrator's act, with a reason, logged. */
  'editions.reopen': ['ADMIN'],
  'attendance.read': ['COORDINATOR', 'SOCIAL_WORKER'],
  'attendance.write': ['COORDINATOR'],
  'certificates.read': ['COORDINATOR', 'SOCIAL_WORKER'],
  'certificates.issue': ['COORDINATOR'],
  // socially useful work
  'psu.read': ['SOCIAL_WORKER', 'COORDINATOR', 'DIRECTOR'],
  'psu.write': ['SOCIAL_WORKER', 'COORDINATOR'],
  'psu.reopen': ['ADMIN'],
  // reports
  'reports.read': ['DIRECTOR', 'COORDINATOR', 'ADMIN'],
  'reports.close': ['ADMIN'],
  // administration
  'users.manage': ['ADMIN'],
  'settings.manage': ['ADMIN'],
  'audit.read': ['ADMIN'],
  'rodo.manage': ['ADMIN'],
  'import.run': ['ADMIN'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export interface GuardedHandler extends RequestHandler {
  permission: Permission | 'public';
}

export function hasPermission(roles: readonly Role[] | undefined, permission: Permission): boolean {
  if (!roles) return false;
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}

/** Route guard: the user must be logged in and hold a role the table allows for `permission`. */
export function can(permission: Permission): GuardedHandler {
  const guard: RequestHandler = (req, res, next) => {
    if (!req.user) {
      if (req.method === 'GET' || req.method === 'HEAD') req.session.returnTo = req.originalUrl;
      const wantsJson = req.accepts(['html', 'json']) === 'json';
      if (wantsJson) {
        res.status(401).json({ error: 'Zaloguj się.' });
        return;
      }
      res.redirect(303, '/login');
      return;
    }
    if (!hasPermission(req.user.roles, permission)) return next(new ForbiddenError());
    next();
  };
  return Object.assign(guard, { permission });
}

/** Marks a route as open to everybody (login page, health check, certificate verification…). */
export const publicRoute: GuardedHandler = Object.assign<RequestHandler, { permission: 'public' }>(
  (_req, _res, next) => next(),
  { permission: 'public' },
);

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'administrator',
  SOCIAL_WORKER: 'pracownik socjalny',
  COORDINATOR: 'koordynator KIS',
  DIRECTOR: 'dyrektor',
};
