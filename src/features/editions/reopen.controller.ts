// The administrator's side of the club: the closed editions, and reopening one to correct it (with a reason).
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import { NotFoundError, type FieldErrors } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { parseForm } from '../../http/form.ts';
import { actorOf } from '../audit/audit.service.ts';
import { closedEditions, reopenEdition } from './closing.service.ts';
import { attempt, intParam } from './controller-helpers.ts';
import { reopenEditionSchema } from './editions.schemas.ts';

const LIST_URL = '/admin/edycje';
const crumbs = [{ href: '/', text: 'Pulpit' }];

export function reopenController(db: Database) {
  const list: RequestHandler = async (_req, res) => {
    res.render('editions/admin-closed', { title: 'Zamknięte edycje KIS', breadcrumbs: crumbs, editions: await closedEditions(db.prisma) });
  };

  const render = async (req: Request, res: Response, status = 200, posted?: { values: Record<string, unknown>; errors: FieldErrors }) => {
    const id = intParam(req, 'id', 'Nie ma takiej edycji.');
    const closed = (await closedEditions(db.prisma, id))[0] ?? null;
    // An edition that is not (or no longer) closed: only its name is needed, to say so.
    const edition = closed ?? (await db.prisma.edition.findUnique({ where: { id }, select: { id: true, name: true } }));
    if (!edition) throw new NotFoundError('Nie ma takiej edycji.');
    res.status(status).render('editions/reopen', {
      title: `Ponowne otwarcie: ${edition.name}`,
      breadcrumbs: [...crumbs, { href: LIST_URL, text: 'Zamknięte edycje KIS' }],
      edition, closed,
      values: posted?.values ?? { version: closed?.version ?? '' },
      errors: posted?.errors ?? {},
    });
  };

  const form: RequestHandler = async (req, res) => render(req, res);

  const reopen: RequestHandler = async (req, res) => {
    const id = intParam(req, 'id', 'Nie ma takiej edycji.');
    const values = req.body ?? {};
    const parsed = parseForm(reopenEditionSchema, values);
    if (!parsed.ok) return render(req, res, 400, { values, errors: parsed.errors });
    let done = { name: '', peopleBack: 0, certificates: 0 };
    const ok = await attempt(
      async () => { done = await db.prisma.$transaction((tx) => reopenEdition(tx, actorOf(req), id, parsed.data)); },
      (status, errors) => render(req, res, status, { values, errors }),
    );
    if (!ok) return;
    flash(req, 'success', `Otwarto ponownie edycję „${done.name}”. Wróciło do zajęć: ${done.peopleBack}. Po poprawkach koordynator zamknie ją jeszcze raz.`);
    res.redirect(303, LIST_URL);
  };

  return { list, form, reopen };
}
