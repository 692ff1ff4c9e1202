// Login and logout.
import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { can, publicRoute } from '../../http/permissions.ts';
import { loginController } from './auth.controller.ts';

export function authRoutes(db: Database, config: Config): Router {
  const router = Router();
  const c = loginController(db);
  // Failed attempts per client address; a correct login does not count.
  const limiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: config.LOGIN_RATE_LIMIT,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: c.tooManyAttempts,
  });

  router.get('/login', publicRoute, c.showLogin);
  router.post('/login', publicRoute, limiter, c.login);
  router.post('/logout', can('account.self'), c.logout);
  return router;
}
