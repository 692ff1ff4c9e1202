// Club editions: the list, one edition, its groups, programme and staff, people's participation, closing.
import { Router } from 'express';
import type { Database } from '../../db/client.ts';
import { can } from '../../http/permissions.ts';
import { closingController } from './closing.controller.ts';
import { editionPartsController } from './edition-parts.controller.ts';
import { editionsController } from './editions.controller.ts';
import { enrolmentsController } from './enrolments.controller.ts';
import { reopenController } from './reopen.controller.ts';

export function editionsRoutes(db: Database): Router {
  const router = Router();
  const c = editionsController(db);
  const parts = editionPartsController(db);
  const people = enrolmentsController(db);
  const closing = closingController(db);
  const reopen = reopenController(db);
  router.get('/edycje', can('editions.read'), c.list);
  router.get('/edycje/nowa', can('editions.write'), c.newForm);
  router.post('/edycje', can('editions.write'), c.create);
  router.get('/edycje/:id', can('editions.read'), c.show);
  router.get('/edycje/:id/dane', can('editions.write'), c.editForm);
  router.post('/edycje/:id/dane', can('editions.write'), c.update);

  router.get('/edycje/:id/grupy', can('editions.read'), parts.groups);
  router.post('/edycje/:id/grupy', can('editions.write'), parts.addGroup);
  router.post('/edycje/:id/grupy/:groupId', can('editions.write'), parts.updateGroup);
  router.post('/edycje/:id/grupy/:groupId/usun', can('editions.write'), parts.deleteGroup);
  router.get('/edycje/:id/program', can('editions.read'), parts.modules);
  router.post('/edycje/:id/program', can('editions.write'), parts.addModule);
  router.post('/edycje/:id/program/domyslne', can('editions.write'), parts.addDefaults);
  router.post('/edycje/:id/program/:moduleId', can('editions.write'), parts.updateModule);
  router.post('/edycje/:id/program/:moduleId/usun', can('editions.write'), parts.deleteModule);
  router.get('/edycje/:id/kadra', can('editions.read'), parts.staff);
  router.post('/edycje/:id/kadra', can('editions.write'), parts.assignStaff);
  router.post('/edycje/:id/kadra/:staffId/usun', can('editions.write'), parts.unassignStaff);

  router.get('/edycje/:id/uczestnicy/:participantId', can('attendance.read'), people.show);
  router.post('/edycje/:id/uczestnicy/:participantId/grupa', can('editions.write'), people.move);
  router.post('/edycje/:id/uczestnicy/:participantId/zakonczenie', can('editions.write'), people.end);
  router.post('/edycje/:id/uczestnicy/:participantId/wznowienie', can('editions.write'), people.resume);
  router.post('/edycje/:id/uczestnicy/:participantId/wyniki', can('editions.write'), people.results);

  router.get('/edycje/:id/zamkniecie', can('editions.write'), closing.form);
  router.post('/edycje/:id/zamkniecie', can('editions.write'), closing.close);
  router.get('/admin/edycje', can('editions.reopen'), reopen.list);
  router.get('/admin/edycje/:id/otwarcie', can('editions.reopen'), reopen.form);
  router.post('/admin/edycje/:id/otwarcie', can('editions.reopen'), reopen.reopen);
  return router;
}
