// Import from the sheets centres keep (CSV or XLSX): participants, or PSU hours. Upload, preview,
// import, progress.
import { Router } from 'express';
import type { Database } from '../../db/client.ts';
import { can } from '../../http/permissions.ts';
import { readUpload } from '../../http/upload.ts';
import { importController, MAX_UPLOAD_BYTES } from './import.controller.ts';

export function importRoutes(db: Database): Router {
  const router = Router();
  const c = importController(db);
  router.get('/admin/import', can('import.run'), c.index);
  router.get('/admin/import/wzor.csv', can('import.run'), c.template);
  router.get('/admin/import/wzor-psu.csv', can('import.run'), c.psuTemplate);
  router.post('/admin/import', can('import.run'), readUpload({ field: 'file', maxBytes: MAX_UPLOAD_BYTES }), c.upload);
  router.get('/admin/import/:id', can('import.run'), c.show);
  router.get('/admin/import/:id/postep', can('import.run'), c.progress);
  router.post('/admin/import/:id/import', can('import.run'), c.run);
  router.post('/admin/import/:id/anuluj', can('import.run'), c.cancel);
  return router;
}
