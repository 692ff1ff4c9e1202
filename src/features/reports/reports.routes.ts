// Reports: the monthly report and the yearly report to the voivode, as a page, a PDF and a spreadsheet.
// The director and the coordinator read them; only an administrator closes or reopens a period.
import { Router } from 'express';
import type { Database } from '../../db/client.ts';
import { can } from '../../http/permissions.ts';
import { reportsController } from './reports.controller.ts';

export function reportsRoutes(db: Database): Router {
  const router = Router();
  const c = reportsController(db);
  router.get('/raporty', can('reports.read'), c.index);
  router.get('/raporty/miesieczny/:year/:month', can('reports.read'), c.show('MONTHLY'));
  router.get('/raporty/miesieczny/:year/:month/pdf', can('reports.read'), c.pdf('MONTHLY'));
  router.get('/raporty/miesieczny/:year/:month/csv', can('reports.read'), c.csv('MONTHLY'));
  router.get('/raporty/miesieczny/:year/:month/xlsx', can('reports.read'), c.xlsx('MONTHLY'));
  router.post('/raporty/miesieczny/:year/:month/zamknij', can('reports.close'), c.close('MONTHLY'));
  router.post('/raporty/miesieczny/:year/:month/otworz', can('reports.close'), c.reopen('MONTHLY'));
  router.get('/raporty/roczny/:year', can('reports.read'), c.show('YEARLY'));
  router.get('/raporty/roczny/:year/pdf', can('reports.read'), c.pdf('YEARLY'));
  router.get('/raporty/roczny/:year/csv', can('reports.read'), c.csv('YEARLY'));
  router.get('/raporty/roczny/:year/xlsx', can('reports.read'), c.xlsx('YEARLY'));
  router.post('/raporty/roczny/:year/zamknij', can('reports.close'), c.close('YEARLY'));
  router.post('/raporty/roczny/:year/otworz', can('reports.close'), c.reopen('YEARLY'));
  return router;
}
