// The participant register and the person card.
import { Router } from 'express';
import type { Database } from '../../db/client.ts';
import { can } from '../../http/permissions.ts';
import { participantsController } from './participants.controller.ts';

export function participantsRoutes(db: Database): Router {
  const router = Router();
  const c = participantsController(db);
  router.get('/uczestnicy', can('participants.read'), c.list);
  router.get('/uczestnicy/moi', can('participants.read'), c.mine);
  router.get('/uczestnicy/nowy', can('participants.write'), c.newForm);
  router.post('/uczestnicy', can('participants.write'), c.create);
  router.get('/uczestnicy/:id', can('participants.read'), c.card);
  router.get('/uczestnicy/:id/edycja', can('participants.write'), c.editForm);
  router.post('/uczestnicy/:id', can('participants.write'), c.update);
  return router;
}
