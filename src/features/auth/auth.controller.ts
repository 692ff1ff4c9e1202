import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type passport from 'passport';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { parseForm } from '../../http/form.ts';
import { SESSION_COOKIE } from '../../http/session.ts';
import { safeReturnPath } from '../home/preferences.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { SessionUser } from '../users/users.service.ts';

const loginSchema = z.object({
  login: z.string().trim().min(1, 'Wpisz login.').max(100, 'Login jest za długi.'),
  password: z.string().min(1, 'Wpisz hasło.').max(200, 'Hasło jest za długie.'),
});

/** The same words whether the login exists or not, so the page never tells which accounts exist. */
export const BAD_CREDENTIALS = 'Nieprawidłowy login lub hasło.';

function renderLogin(res: Response, status: number, extra: Record<string, unknown> = {}) {
  res.status(status).render('auth/login', { title: 'Logowanie', ...extra });
}

export function loginController(db: Database) {
  const showLogin: RequestHandler = (req, res) => {
    if (req.user) return res.redirect(303, '/');
    renderLogin(res, 200, { loggedOut: req.query.wylogowano === '1' });
  };

  const login: RequestHandler = (req, res, next) => {
    const form = parseForm(loginSchema, req.body);
    const typedLogin = String((req.body as Record<string, unknown>)?.login ?? '').slice(0, 100);
    if (!form.ok) return renderLogin(res, 400, { values: { login: typedLogin }, errors: form.errors });

    const auth = req.app.locals.passport as passport.PassportStatic;
    auth.authenticate('local', (err: unknown, user: SessionUser | false) => {
      if (err) return next(err);
      if (!user) {
        recordAudit(db.prisma, null, {
          action: 'login.failure',
          details: { login: form.data.login.toLowerCase() },
        }).then(
          () => renderLogin(res, 401, { values: { login: typedLogin }, loginError: BAD_CREDENTIALS }),
          next,
        );
        return;
      }
      const returnTo = safeReturnPath(req.session.returnTo);
      // passport regenerates the session id here (no session fixation).
      req.logIn(user, (loginErr) => {
        if (loginErr) return next(loginErr);
        recordAudit(db.prisma, { id: user.id, login: user.login, ip: req.ip }, { action: 'login.success' }).then(
          () => res.redirect(303, returnTo === '/login' ? '/' : returnTo),
          next,
        );
      });
    })(req, res, next);
  };

  const tooManyAttempts = (_req: Request, res: Response) => {
    renderLogin(res, 429, {
      loginError: 'Zbyt wiele nieudanych prób logowania z tego komputera. Odczekaj 15 minut i spróbuj ponownie.',
    });
  };

  const logout: RequestHandler = (req, res, next: NextFunction) => {
    const actor = { id: req.user!.id, login: req.user!.login, ip: req.ip };
    req.logout((err) => {
      if (err) return next(err);
      req.session.destroy((destroyErr) => {
        if (destroyErr) return next(destroyErr);
        res.clearCookie(SESSION_COOKIE);
        recordAudit(db.prisma, actor, { action: 'logout' }).then(() => res.redirect(303, '/login?wylogowano=1'), next);
      });
    });
  };

  return { showLogin, login, logout, tooManyAttempts };
}
