// Kadra: the register of staff who run the club's sessions.
import { Router } from 'express';
import type { Database } from '../../db/client.ts';
import { can } from '../../http/permissions.ts';
import { staffController } from './staff.controller.ts';

export function staffRoutes(db: Database): Router {
  const router = Router();
  const c = staffController(db);
  router.get('/kadra', can('editions.read'), c.list);
  router.post('/kadra', can('editions.write'), c.create);
  router.get('/kadra/:id', can('editions.write'), c.editForm);
  router.post('/kadra/:id', can('editions.write'), c.update);
  return router;
}
