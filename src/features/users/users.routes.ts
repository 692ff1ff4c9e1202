// The administrator's user management, and each user's own account page.
import { Router } from 'express';
import type { Database } from '../../db/client.ts';
import { can } from '../../http/permissions.ts';
import { usersController } from './users.controller.ts';

export function usersRoutes(db: Database): Router {
  const router = Router();
  const c = usersController(db);
  router.get('/admin/uzytkownicy', can('users.manage'), c.list);
  router.get('/admin/uzytkownicy/nowy', can('users.manage'), c.newForm);
  router.post('/admin/uzytkownicy', can('users.manage'), c.create);
  router.get('/admin/uzytkownicy/:id', can('users.manage'), c.editForm);
  router.post('/admin/uzytkownicy/:id', can('users.manage'), c.update);
  router.post('/admin/uzytkownicy/:id/haslo', can('users.manage'), c.resetPassword);
  router.get('/konto', can('account.self'), c.account);
  router.post('/konto/haslo', can('account.self'), c.changeOwnPassword);
  return router;
}
