// Login sessions stored in the database (table "session") on both backends. The cookie rolls with each
// request, so a session ends after SESSION_IDLE_MINUTES without activity.
import session from 'express-session';
import connectPgSimple from 'connect-pg-simple';
import type { RequestHandler, Response } from 'express';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';

export const SESSION_COOKIE = 'reintegra.sid';

export function sessionMiddleware(db: Database, config: Config, secret: string): RequestHandler {
  const PgStore = connectPgSimple(session);
  const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
  const store = new PgStore({
    pool: db.sessionPool as never,
    tableName: 'session',
    createTableIfMissing: false,
    // Expired rows are removed every 15 minutes; never in tests (timers would keep the process alive).
    pruneSessionInterval: config.NODE_ENV === 'test' ? false : 15 * 60,
    errorLog: () => undefined,
  });
  throttleTouch(store, Math.min(60_000, idleMs / 10));
  return session({
    name: SESSION_COOKIE,
    store,
    secret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    unset: 'destroy',
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.COOKIE_SECURE,
      maxAge: idleMs,
    },
  });
}

/**
 * A rolling session would write its new expiry to the database on every request. Writing it at most once
 * a minute per session keeps the idle timeout (to within that minute) without a write on every page view.
 */
function throttleTouch(store: session.Store, everyMs: number): void {
  const touch = store.touch?.bind(store);
  if (!touch) return;
  const last = new Map<string, number>();
  store.touch = (sid, sess, callback) => {
    const now = Date.now();
    const previous = last.get(sid);
    if (previous !== undefined && now - previous < everyMs) {
      callback?.();
      return;
    }
    if (last.size > 50_000) last.clear();
    last.set(sid, now);
    touch(sid, sess, callback);
  };
}

/**
 * express-session writes a changed session to the store only when the response ends, and sends the headers
 * before that write has finished. After a redirect the browser may then ask for the next page before the
 * session (with its flash message, "Zapisano…") is in the database: the message goes missing, or shows one
 * page late. This makes every redirect wait until the session is stored, then send it.
 */
export const saveSessionBeforeRedirect: RequestHandler = (req, res, next) => {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    if (!req.session) return redirect(...args);
    req.session.save((err) => {
      if (err) return next(err);
      if (!res.headersSent) redirect(...args);
    });
  }) as Response['redirect'];
  next();
};
