// CSRF: a synchronizer token kept in the session. Every state-changing request must send it back in
// the `_csrf` form field or the `x-csrf-token` header; forms get it from res.locals.csrfToken.
import crypto from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { HttpError } from './errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function csrfToken(req: Request): string {
  req.session.csrfToken ??= crypto.randomBytes(32).toString('base64url');
  return req.session.csrfToken;
}

function sameToken(a: unknown, b: string | undefined): boolean {
  if (typeof a !== 'string' || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export const csrfProtection: RequestHandler = (req, res, next) => {
  if (!SAFE.has(req.method)) {
    const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
    if (!sameToken(sent, req.session.csrfToken)) {
      return next(
        new HttpError(
          403,
          'Formularz wygasł lub został wysłany z innej strony. Wróć, odśwież stronę i wyślij go ponownie.',
          'CSRF token missing or wrong',
        ),
      );
    }
  }
  res.locals.csrfToken = csrfToken(req);
  next();
};
