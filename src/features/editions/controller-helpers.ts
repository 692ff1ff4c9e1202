// Small helpers the club's controllers share: route ids, the edition's breadcrumbs, and running a
// service call that may refuse (bad input → 400, conflict → 409) with the page rendered again.
import type { Request } from 'express';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../../http/errors.ts';
import { idParam } from '../../http/form.ts';

export function intParam(req: Request, name: string, message = 'Nie znaleziono strony ani rekordu, którego szukasz.'): number {
  const r = idParam.safeParse(req.params[name]);
  if (!r.success) throw new NotFoundError(message);
  return r.data;
}

export const editionsCrumb = [{ href: '/', text: 'Pulpit' }, { href: '/edycje', text: 'Edycje KIS' }];

export function editionCrumbs(edition: { id: number; name: string }) {
  return [...editionsCrumb, { href: `/edycje/${edition.id}`, text: edition.name }];
}

/**
 * Runs `action`; on a ValidationError or ConflictError renders the page again through `rerender` with the
 * messages (the user's values are the caller's to keep) and returns false.
 */
export async function attempt(action: () => Promise<unknown>, rerender: (status: number, errors: FieldErrors) => unknown): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (err) {
    if (err instanceof ValidationError) {
      await rerender(400, err.fieldErrors);
      return false;
    }
    if (err instanceof ConflictError) {
      await rerender(409, { _form: err.publicMessage });
      return false;
    }
    throw err;
  }
}
