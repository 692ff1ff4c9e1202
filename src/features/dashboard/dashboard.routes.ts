// The start page: one section for each of the user's roles.
import { Router } from 'express';
import type { Database } from '../../db/client.ts';
import { can } from '../../http/permissions.ts';
import { warsawDate } from '../../lib/dates.ts';
import { flaggedPeople } from '../attendance/attendance-report.service.ts';
import { adminSummary, coordinatorSummary, directorSummary, socialWorkerSummary } from './dashboard.service.ts';
import { psuDashboard } from '../public-works/settlement.service.ts';
import { hasPermission } from '../../http/permissions.ts';

export function dashboardRoutes(db: Database): Router {
  const router = Router();
  router.get('/', can('dashboard.view'), async (req, res) => {
    const roles = req.user!.roles;
    const today = warsawDate();
    const [worker, coordinator, director, admin, psu, clubFlags, caseloadFlags] = await Promise.all([
      roles.includes('SOCIAL_WORKER') ? socialWorkerSummary(db.prisma, req.user!.id, today) : null,
      roles.includes('COORDINATOR') ? coordinatorSummary(db.prisma, today) : null,
      roles.includes('DIRECTOR') ? directorSummary(db.prisma) : null,
      roles.includes('ADMIN') ? adminSummary(db.prisma) : null,
      hasPermission(roles, 'psu.write') ? psuDashboard(db.prisma, today) : null,
      // Club attendance warnings: every participant for the coordinator, the worker's own caseload for them.
      roles.includes('COORDINATOR') ? flaggedPeople(db.prisma, { today }) : null,
      roles.includes('SOCIAL_WORKER') ? flaggedPeople(db.prisma, { socialWorkerId: req.user!.id, today }) : null,
    ]);
    res.render('dashboard/index', { title: 'Pulpit', today, worker, coordinator, director, admin, psu, clubFlags, caseloadFlags, dbKind: db.kind });
  });
  return router;
}
