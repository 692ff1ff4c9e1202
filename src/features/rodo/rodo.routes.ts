// RODO rights and retention, for the administrator (permission rodo.manage).
import { Router } from 'express';
import type { Database } from '../../db/client.ts';
import { can } from '../../http/permissions.ts';
import { rodoController } from './rodo.controller.ts';

export function rodoRoutes(db: Database): Router {
  const router = Router();
  const c = rodoController(db);
  router.get('/admin/rodo', can('rodo.manage'), c.search);
  router.get('/admin/rodo/osoby/:id', can('rodo.manage'), c.person);
  router.get('/admin/rodo/osoby/:id/dane.pdf', can('rodo.manage'), c.pdf);
  router.get('/admin/rodo/osoby/:id/dane.json', can('rodo.manage'), c.json);
  router.get('/admin/rodo/anonimizacja', can('rodo.manage'), c.anonymisation);
  router.post('/admin/rodo/anonimizacja', can('rodo.manage'), c.anonymise);
  return router;
}
