// Certificates (zaświadczenia): the coordinator issues, prints and revokes; social workers read; anyone
// may verify a printed code on the public page, which is rate-limited.
import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Database } from '../../db/client.ts';
import { can, publicRoute } from '../../http/permissions.ts';
import { certificatesController } from './certificates.controller.ts';
import { verificationController } from './verification.controller.ts';

export function certificatesRoutes(db: Database): Router {
  const router = Router();
  const c = certificatesController(db);
  const v = verificationController(db);
  // Codes are 80 random bits, so guessing is hopeless anyway; the limit also keeps scrapers away.
  const verifyLimit = rateLimit({
    windowMs: 15 * 60_000,
    limit: 60,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      res.status(429).render('errors/error', {
        title: 'Zbyt wiele zapytań',
        status: 429,
        message: 'Z tego adresu sprawdzono zbyt wiele kodów w krótkim czasie. Spróbuj ponownie za kwadrans.',
      });
    },
  });

  router.get('/zaswiadczenia', can('certificates.read'), c.list);
  router.post('/zaswiadczenia', can('certificates.issue'), c.issue);
  router.get('/zaswiadczenia/edycja/:id', can('certificates.read'), c.edition);
  router.post('/zaswiadczenia/edycja/:id', can('certificates.issue'), c.issueEdition);
  router.get('/zaswiadczenia/edycja/:id/pdf', can('certificates.issue'), c.editionPdf);
  router.get('/zaswiadczenia/:id', can('certificates.read'), c.show);
  router.get('/zaswiadczenia/:id/pdf', can('certificates.issue'), c.pdf);
  router.post('/zaswiadczenia/:id/uniewaznij', can('certificates.issue'), c.revoke);
  router.get('/weryfikacja', publicRoute, verifyLimit, v.form);
  router.get('/weryfikacja/:code', publicRoute, verifyLimit, v.check);
  return router;
}
