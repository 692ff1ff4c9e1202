// CSRF: a synchronizer token kept in the session. Every state-changing request must send it back in
// the `_csrf` form field or the `x-csrf-token` header; forms get it from res.locals.csrfToken.
// File uploads are the one exception to where the field is read: a multipart body is only parsed by the
// upload route's own parser (src/http/upload.ts), after this middleware, so for the paths in
// UPLOAD_PATHS the check of the `_csrf` field is left to that parser (marked `req.csrfPending`), which
// refuses the request before the file is used. Any other multipart request without the header is refused
// here as before.
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

/** POST routes that take a file (multipart/form-data); each must use readUpload() (a test checks it). */
export const UPLOAD_PATHS: ReadonlySet<string> = new Set(['/admin/import']);

export function csrfRefused(): HttpError {
  return new HttpError(
    403,
    'Formularz wygasł lub został wysłany z innej strony. Wróć, odśwież stronę i wyślij go ponownie.',
    'CSRF token missing or wrong',
  );
}

/** The token a form sent matches the session's (used by the upload parser for a multipart body). */
export function csrfTokenMatches(req: Request, sent: unknown): boolean {
  return sameToken(sent, req.session.csrfToken);
}

const isMultipart = (req: Request) => /^multipart\/form-data\b/i.test(req.get('content-type') ?? '');

export const csrfProtection: RequestHandler = (req, res, next) => {
  if (!SAFE.has(req.method)) {
    const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
    if (!sameToken(sent, req.session.csrfToken)) {
      if (sent === undefined && isMultipart(req) && UPLOAD_PATHS.has(req.path)) req.csrfPending = true;
      else return next(csrfRefused());
    }
  }
  res.locals.csrfToken = csrfToken(req);
  next();
};
