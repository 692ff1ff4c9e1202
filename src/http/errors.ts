// Typed errors the services throw, and the one handler that turns them into pages.
// Users see a Polish message; internals (stack, SQL, file paths) never leave the server.
import type { ErrorRequestHandler, RequestHandler } from 'express';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    /** Polish text safe to show to the user. */
    readonly publicMessage: string,
    internal?: string,
  ) {
    super(internal ?? publicMessage);
  }
}

export class NotFoundError extends HttpError {
  constructor(publicMessage = 'Nie znaleziono strony ani rekordu, którego szukasz.') {
    super(404, publicMessage);
  }
}

export class ForbiddenError extends HttpError {
  constructor(publicMessage = 'Nie masz uprawnień do tej strony lub czynności.') {
    super(403, publicMessage);
  }
}

/** The action clashes with the current state (illegal transition, full group, edited by someone else…). */
export class ConflictError extends HttpError {
  constructor(publicMessage: string) {
    super(409, publicMessage);
  }
}

export type FieldErrors = Record<string, string>;

/** Input that breaks a rule the service checks (beyond the form's schema), with messages per field. */
export class ValidationError extends HttpError {
  constructor(
    readonly fieldErrors: FieldErrors,
    publicMessage = 'Formularz zawiera błędy.',
  ) {
    super(400, publicMessage);
  }
}

export class ServiceUnavailableError extends HttpError {
  constructor() {
    super(503, 'Baza danych jest chwilowo niedostępna. Spróbuj ponownie za chwilę.');
  }
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(new NotFoundError());

/** Connection failures from pg, PGlite or Prisma mean the database is away, not a bug. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; name?: string; message?: string } | null;
  if (!e) return false;
  const codes = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', '57P01', '57P02', '57P03', '08006', '08001', '08003', 'P1001', 'P1017'];
  if (e.code && codes.includes(e.code)) return true;
  return /Can't reach database|Connection terminated|connect ECONNREFUSED|PGlite is closed|DatabaseNotReachable/i.test(e.message ?? '');
}

export function errorHandler(options: { log: (err: unknown) => void }): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    let status = 500;
    let message = 'Wystąpił nieoczekiwany błąd. Zgłoś go administratorowi, podając godzinę.';
    if (err instanceof HttpError) {
      status = err.status;
      message = err.publicMessage;
    } else if (isDatabaseUnavailable(err)) {
      status = 503;
      message = new ServiceUnavailableError().publicMessage;
    } else if ((err as { type?: string }).type === 'entity.too.large') {
      status = 413;
      message = 'Przesłane dane są zbyt duże.';
    } else if ((err as { type?: string; status?: number }).status === 400) {
      status = 400;
      message = 'Nieprawidłowe żądanie.';
    }
    if (status >= 500) options.log(err);
    const titles: Record<number, string> = {
      400: 'Nieprawidłowe żądanie',
      403: 'Brak uprawnień',
      404: 'Nie znaleziono',
      409: 'Nie można wykonać czynności',
      413: 'Zbyt duże dane',
      503: 'Usługa chwilowo niedostępna',
    };
    res.status(status);
    if (status === 503) res.setHeader('Retry-After', '10');
    const wantsJson = req.accepts(['html', 'json']) === 'json';
    if (wantsJson) {
      res.json({ error: message });
      return;
    }
    // The error may come before the locals middleware ran (session store down, CSRF refused).
    res.locals.nav ??= [];
    res.locals.flash ??= [];
    res.locals.breadcrumbs ??= [];
    res.locals.errors ??= {};
    res.locals.values ??= {};
    res.render('errors/error', { title: titles[status] ?? 'Błąd serwera', status, message }, (renderErr, html) => {
      if (renderErr) {
        options.log(renderErr);
        res.type('text/plain; charset=utf-8').send(message);
        return;
      }
      res.send(html);
    });
  };
}
