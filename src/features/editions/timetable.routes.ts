// The timetable: generating a group's sessions, adding, moving, cancelling and restoring single sessions.
import { Router } from 'express';
import type { Database } from '../../db/client.ts';
import { can } from '../../http/permissions.ts';
import { sessionsController } from './sessions.controller.ts';
import { timetableController } from './timetable.controller.ts';

export function timetableRoutes(db: Database): Router {
  const router = Router();
  const t = timetableController(db);
  const s = sessionsController(db);
  router.get('/edycje/:id/harmonogram', can('editions.read'), t.show);
  router.get('/edycje/:id/harmonogram/generuj', can('editions.write'), t.generateForm);
  router.post('/edycje/:id/harmonogram/generuj', can('editions.write'), t.generate);
  router.get('/edycje/:id/zajecia/nowe', can('editions.write'), t.newSessionForm);
  router.post('/edycje/:id/zajecia', can('editions.write'), t.createSession);
  router.get('/zajecia/:id', can('editions.read'), s.show);
  router.post('/zajecia/:id', can('editions.write'), s.update);
  router.post('/zajecia/:id/odwolanie', can('editions.write'), s.cancel);
  router.post('/zajecia/:id/przywrocenie', can('editions.write'), s.restore);
  router.post('/zajecia/:id/usuniecie', can('editions.write'), s.remove);
  return router;
}
