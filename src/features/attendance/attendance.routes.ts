// Attendance: the screen for one session, the edition's summary, and the printed lists.
import { Router } from 'express';
import type { Database } from '../../db/client.ts';
import { can } from '../../http/permissions.ts';
import { attendanceController } from './attendance.controller.ts';
import { attendancePdfController } from './attendance-pdf.controller.ts';

export function attendanceRoutes(db: Database): Router {
  const router = Router();
  const c = attendanceController(db);
  const pdf = attendancePdfController(db);
  router.get('/zajecia/:id/obecnosc', can('attendance.read'), c.sheet);
  router.post('/zajecia/:id/obecnosc', can('attendance.write'), c.save);
  router.get('/zajecia/:id/lista-obecnosci.pdf', can('attendance.read'), pdf.sessionList);
  router.get('/edycje/:id/frekwencja', can('attendance.read'), c.summary);
  router.get('/edycje/:id/grupy/:groupId/lista-obecnosci.pdf', can('attendance.read'), pdf.monthList);
  return router;
}
