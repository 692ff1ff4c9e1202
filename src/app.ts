// Builds the Express application: middleware in order, the feature routers, 404 and the error handler.
import path from 'node:path';
import express, { type Express } from 'express';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { featureRouters } from './features/index.ts';
import { authentication } from './http/auth.ts';
import { csrfProtection } from './http/csrf.ts';
import { errorHandler, notFoundHandler } from './http/errors.ts';
import { locals } from './http/locals.ts';
import { onceOnly } from './http/once.ts';
import { securityHeaders } from './http/security.ts';
import { saveSessionBeforeRedirect, sessionMiddleware } from './http/session.ts';
import { setupViews } from './http/views.ts';

export interface AppDeps {
  db: Database;
  config: Config;
  sessionSecret: string;
  log?: (err: unknown) => void;
}

export const PUBLIC_DIR = path.resolve(import.meta.dirname, '../public');

export function createApp(deps: AppDeps): Express {
  const { db, config } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  setupViews(app, config.NODE_ENV === 'production');

  app.use(securityHeaders(config.COOKIE_SECURE));
  app.use(express.static(PUBLIC_DIR, { maxAge: config.NODE_ENV === 'production' ? '1d' : 0, index: false }));
  app.use(express.urlencoded({ extended: true, limit: '1mb', parameterLimit: 5000 }));
  app.use(express.json({ limit: '1mb' }));
  app.use(sessionMiddleware(db, config, deps.sessionSecret));
  app.use(saveSessionBeforeRedirect);
  app.use(authentication(db));
  app.use(csrfProtection);
  app.use(locals(db));
  app.use(onceOnly(db));

  for (const router of featureRouters(deps)) app.use(router);

  app.use(notFoundHandler);
  app.use(
    errorHandler({ log: deps.log ?? ((err) => console.error(err)) }),
  );
  return app;
}
