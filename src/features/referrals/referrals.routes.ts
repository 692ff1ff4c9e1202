// Referrals to the club (KIS) and to socially useful work (PSU): the worker writes and submits them, the
// coordinator decides.
import { Router } from 'express';
import type { Database } from '../../db/client.ts';
import { can } from '../../http/permissions.ts';
import { referralDecisionsController } from './referral-decisions.controller.ts';
import { referralsController } from './referrals.controller.ts';

export function referralsRoutes(db: Database): Router {
  const router = Router();
  const c = referralsController(db);
  const d = referralDecisionsController(db);
  router.get('/skierowania', can('referrals.read'), c.list);
  router.get('/skierowania/kolejka', can('referrals.decide'), d.queue);
  router.get('/skierowania/rezerwowa', can('referrals.read'), d.reserve);
  router.get('/skierowania/nowe', can('referrals.write'), c.newForm);
  router.post('/skierowania', can('referrals.write'), c.create);
  router.get('/skierowania/:id', can('referrals.read'), c.show);
  router.get('/skierowania/:id/edycja', can('referrals.write'), c.editForm);
  router.post('/skierowania/:id', can('referrals.write'), c.update);
  router.post('/skierowania/:id/zloz', can('referrals.write'), c.submit);
  router.post('/skierowania/:id/wycofaj', can('referrals.write'), c.withdraw);
  router.get('/skierowania/:id/decyzja', can('referrals.decide'), d.decisionForm);
  router.post('/skierowania/:id/przyjmij', can('referrals.decide'), d.accept);
  router.post('/skierowania/:id/rezerwa', can('referrals.decide'), d.toReserve);
  router.post('/skierowania/:id/odrzuc', can('referrals.decide'), d.reject);
  router.post('/skierowania/:id/rezerwa/wyzej', can('referrals.decide'), d.moveUp);
  router.post('/skierowania/:id/rezerwa/nizej', can('referrals.decide'), d.moveDown);
  return router;
}
