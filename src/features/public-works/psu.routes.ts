// Socially useful work (prace społecznie użyteczne): agreements with the PUP, placements, hours with
// the legal limits, the monthly settlement and its documents; the administrator's rates and reopening.
import { Router } from 'express';
import type { Database } from '../../db/client.ts';
import { can } from '../../http/permissions.ts';
import { agreementsController } from './agreements.controller.ts';
import { hoursController } from './hours.controller.ts';
import { placementsController } from './placements.controller.ts';
import { psuAdminController } from './psu-admin.controller.ts';
import { settlementController } from './settlement.controller.ts';

export function publicWorksRoutes(db: Database): Router {
  const router = Router();
  const a = agreementsController(db);
  const p = placementsController(db);
  const h = hoursController(db);
  const s = settlementController(db);
  const admin = psuAdminController(db);

  // Agreements and workplaces
  router.get('/psu', can('psu.read'), a.list);
  router.get('/psu/porozumienia/nowe', can('psu.write'), a.newForm);
  router.post('/psu/porozumienia', can('psu.write'), a.create);
  router.get('/psu/porozumienia/:id', can('psu.read'), a.show);
  router.get('/psu/porozumienia/:id/edycja', can('psu.write'), a.editForm);
  router.post('/psu/porozumienia/:id', can('psu.write'), a.update);
  router.post('/psu/porozumienia/:id/miejsca', can('psu.write'), a.addWorkplace);
  router.get('/psu/miejsca/:id/edycja', can('psu.write'), a.editWorkplaceForm);
  router.post('/psu/miejsca/:id', can('psu.write'), a.updateWorkplace);

  // Placements and hours
  router.get('/psu/porozumienia/:id/osoby/nowa', can('psu.write'), p.newForm);
  router.post('/psu/porozumienia/:id/osoby', can('psu.write'), p.create);
  router.get('/psu/osoby/:id', can('psu.read'), p.show);
  router.get('/psu/osoby/:id/edycja', can('psu.write'), p.editForm);
  router.post('/psu/osoby/:id', can('psu.write'), p.update);
  router.post('/psu/osoby/:id/godziny', can('psu.write'), h.saveDay);
  router.post('/psu/wpisy/:id/usun', can('psu.write'), h.deleteDay);
  router.get('/psu/osoby/:id/karta/:month', can('psu.read'), h.card);
  router.get('/psu/miejsca/:id/godziny/:month', can('psu.read'), h.grid);
  router.post('/psu/miejsca/:id/godziny/:month', can('psu.write'), h.saveGrid);

  // Monthly settlement and documents
  router.get('/psu/porozumienia/:id/rozliczenie/:month', can('psu.read'), s.show);
  router.post('/psu/porozumienia/:id/rozliczenie/:month/zamknij', can('psu.write'), s.close);
  router.get('/psu/porozumienia/:id/rozliczenie/:month/rozliczenie.pdf', can('psu.read'), s.settlementPdf);
  router.get('/psu/porozumienia/:id/rozliczenie/:month/rozliczenie.csv', can('psu.read'), s.settlementCsv);
  router.get('/psu/porozumienia/:id/rozliczenie/:month/wniosek.pdf', can('psu.read'), s.claimPdf);
  router.get('/psu/porozumienia/:id/rozliczenie/:month/wniosek.csv', can('psu.read'), s.claimCsv);

  // Administrator: rates and reopening a closed month
  router.get('/admin/stawki-psu', can('settings.manage'), admin.rates);
  router.post('/admin/stawki-psu', can('settings.manage'), admin.addRate);
  router.post('/admin/stawki-psu/:id/usun', can('settings.manage'), admin.deleteRate);
  router.get('/admin/psu-miesiace/:id/otworz', can('psu.reopen'), admin.reopenForm);
  router.post('/admin/psu-miesiace/:id/otworz', can('psu.reopen'), admin.reopen);
  return router;
}
