// Social contracts (kontrakty socjalne): kept by social workers, read by the club's coordinator.
import { Router } from 'express';
import type { Database } from '../../db/client.ts';
import { can } from '../../http/permissions.ts';
import { contractProgressController } from './contract-progress.controller.ts';
import { contractsController } from './contracts.controller.ts';

export function contractsRoutes(db: Database): Router {
  const router = Router();
  const c = contractsController(db);
  const p = contractProgressController(db);
  router.get('/kontrakty', can('contracts.read'), c.list);
  router.get('/kontrakty/nowy', can('contracts.write'), c.newForm);
  router.post('/kontrakty', can('contracts.write'), c.create);
  router.get('/kontrakty/:id', can('contracts.read'), c.show);
  router.get('/kontrakty/:id/edycja', can('contracts.write'), c.editForm);
  router.post('/kontrakty/:id', can('contracts.write'), c.update);
  router.get('/kontrakty/:id/pdf', can('contracts.read'), c.pdf);
  router.get('/kontrakty/:id/ocena', can('contracts.write'), p.reviewForm);
  router.post('/kontrakty/:id/ocena', can('contracts.write'), p.createReview);
  router.get('/kontrakty/:id/oceny/:reviewId', can('contracts.write'), p.reviewHeldForm);
  router.post('/kontrakty/:id/oceny/:reviewId', can('contracts.write'), p.saveReviewHeld);
  router.get('/kontrakty/:id/przedluzenie', can('contracts.write'), p.extensionForm);
  router.post('/kontrakty/:id/przedluzenie', can('contracts.write'), p.extend);
  router.get('/kontrakty/:id/zakonczenie', can('contracts.write'), p.statusForm);
  router.post('/kontrakty/:id/zakonczenie', can('contracts.write'), p.changeStatus);
  router.post('/kontrakty/:id/dzialania/:actionId/wykonane', can('contracts.write'), p.actionDone);
  return router;
}
