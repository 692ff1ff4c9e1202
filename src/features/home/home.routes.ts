// Pages open to everybody: health check, accessibility statement, display preferences.
import { Router } from 'express';
import type { Database } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { publicRoute } from '../../http/permissions.ts';
import { safeReturnPath, writePreferences } from './preferences.ts';

export function homeRoutes(db: Database, config: Config): Router {
  const router = Router();

  router.get('/healthz', publicRoute, async (_req, res) => {
    try {
      await db.raw.query('SELECT 1');
      res.json({ status: 'ok', database: db.kind });
    } catch {
      res.status(503).json({ status: 'unavailable', database: db.kind });
    }
  });

  router.get('/deklaracja-dostepnosci', publicRoute, (_req, res) => {
    res.render('home/accessibility', { title: 'Deklaracja dostępności' });
  });

  router.post('/preferencje', publicRoute, (req, res) => {
    const body = req.body as Record<string, string | undefined>;
    const current = res.locals.prefs as { largeText: boolean; highContrast: boolean };
    const prefs = {
      largeText: body.toggle === 'text' ? !current.largeText : current.largeText,
      highContrast: body.toggle === 'contrast' ? !current.highContrast : current.highContrast,
    };
    writePreferences(res, prefs, config.COOKIE_SECURE);
    res.redirect(303, safeReturnPath(body.returnTo));
  });

  return router;
}
