// Every feature's router, in one list. A new feature adds one line here (and its nav item in
// src/http/navigation.ts, its permissions in src/http/permissions.ts).
import type { Router } from 'express';
import type { AppDeps } from '../app.ts';
import { attendanceRoutes } from './attendance/attendance.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { certificatesRoutes } from './certificates/certificates.routes.ts';
import { contractsRoutes } from './contracts/contracts.routes.ts';
import { dashboardRoutes } from './dashboard/dashboard.routes.ts';
import { editionsRoutes } from './editions/editions.routes.ts';
import { staffRoutes } from './editions/staff.routes.ts';
import { timetableRoutes } from './editions/timetable.routes.ts';
import { homeRoutes } from './home/home.routes.ts';
import { importRoutes } from './import/import.routes.ts';
import { publicWorksRoutes } from './public-works/psu.routes.ts';
import { reportsRoutes } from './reports/reports.routes.ts';
import { participantsRoutes } from './participants/participants.routes.ts';
import { referralsRoutes } from './referrals/referrals.routes.ts';
import { rodoRoutes } from './rodo/rodo.routes.ts';
import { settingsRoutes } from './settings/settings.routes.ts';
import { usersRoutes } from './users/users.routes.ts';

export function featureRouters({ db, config }: AppDeps): Router[] {
  return [
    homeRoutes(db, config),
    authRoutes(db, config),
    dashboardRoutes(db),
    usersRoutes(db),
    settingsRoutes(db),
    auditRoutes(db),
    editionsRoutes(db),
    timetableRoutes(db),
    attendanceRoutes(db),
    staffRoutes(db),
    publicWorksRoutes(db),
    certificatesRoutes(db),
    reportsRoutes(db),
    participantsRoutes(db),
    referralsRoutes(db),
    contractsRoutes(db),
    rodoRoutes(db),
    importRoutes(db),
  ];
}
