import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { idParam, parseForm } from '../../http/form.ts';
import { verifyPassword } from '../../lib/password.ts';
import { actorOf } from '../audit/audit.service.ts';
import { editUserSchema, newUserSchema, ownPasswordSchema, passwordSchema, ROLE_VALUES } from './users.schemas.ts';
import { createUser, getUser, listUsers, setPassword, updateUser } from './users.service.ts';

const crumbs = [{ href: '/', text: 'Pulpit' }, { href: '/admin/uzytkownicy', text: 'Użytkownicy' }];

function userId(req: Request): number {
  const r = idParam.safeParse(req.params.id);
  if (!r.success) throw new NotFoundError('Nie ma takiego użytkownika.');
  return r.data;
}

export function usersController(db: Database) {
  const renderEdit = async (res: Response, id: number, status: number, extra: Record<string, unknown>) => {
    const user = await getUser(db.prisma, id);
    res.status(status).render('users/edit', {
      title: `Użytkownik: ${user.fullName}`,
      breadcrumbs: crumbs,
      roleValues: ROLE_VALUES,
      account: user,
      values: { ...user, roles: user.roles },
      ...extra,
    });
  };

  const list: RequestHandler = async (_req, res) => {
    res.render('users/list', { title: 'Użytkownicy', breadcrumbs: crumbs.slice(0, 1), users: await listUsers(db.prisma) });
  };

  const newForm: RequestHandler = (_req, res) => {
    res.render('users/new', { title: 'Nowy użytkownik', breadcrumbs: crumbs, roleValues: ROLE_VALUES, values: { roles: [] } });
  };

  const create: RequestHandler = async (req, res) => {
    const form = parseForm(newUserSchema, req.body);
    const values = { ...req.body, password: '', password2: '' };
    if (!form.ok) {
      return res.status(400).render('users/new', { title: 'Nowy użytkownik', breadcrumbs: crumbs, roleValues: ROLE_VALUES, values, errors: form.errors });
    }
    try {
      const user = await createUser(db.prisma, actorOf(req), form.data);
      flash(req, 'success', `Utworzono konto „${user.login}”.`);
      res.redirect(303, '/admin/uzytkownicy');
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      res.status(409).render('users/new', {
        title: 'Nowy użytkownik', breadcrumbs: crumbs, roleValues: ROLE_VALUES, values, errors: { login: err.publicMessage },
      });
    }
  };

  const editForm: RequestHandler = async (req, res) => renderEdit(res, userId(req), 200, {});

  const update: RequestHandler = async (req, res) => {
    const id = userId(req);
    const form = parseForm(editUserSchema, req.body);
    const values = { ...req.body, roles: [req.body?.roles ?? []].flat() };
    if (!form.ok) return renderEdit(res, id, 400, { values, errors: form.errors });
    try {
      await db.prisma.$transaction((tx) => updateUser(tx, actorOf(req), id, form.data));
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      return renderEdit(res, id, 409, { values, errors: { _form: err.publicMessage } });
    }
    flash(req, 'success', 'Zapisano zmiany konta.');
    res.redirect(303, '/admin/uzytkownicy');
  };

  const resetPassword: RequestHandler = async (req, res) => {
    const id = userId(req);
    const form = parseForm(passwordSchema, req.body);
    if (!form.ok) return renderEdit(res, id, 400, { passwordErrors: form.errors });
    await db.prisma.$transaction((tx) => setPassword(tx, actorOf(req), id, form.data.password));
    flash(req, 'success', 'Ustawiono nowe hasło. Przekaż je użytkownikowi osobiście.');
    res.redirect(303, `/admin/uzytkownicy/${id}`);
  };

  const account: RequestHandler = (_req, res) => {
    res.render('users/account', { title: 'Moje konto', breadcrumbs: crumbs.slice(0, 1) });
  };

  const changeOwnPassword: RequestHandler = async (req, res) => {
    const form = parseForm(ownPasswordSchema, req.body);
    const render = (status: number, errors: Record<string, string>) =>
      res.status(status).render('users/account', { title: 'Moje konto', breadcrumbs: crumbs.slice(0, 1), errors });
    if (!form.ok) return render(400, form.errors);
    const me = await db.prisma.user.findUniqueOrThrow({ where: { id: req.user!.id } });
    if (!(await verifyPassword(form.data.current, me.passwordHash))) {
      return render(400, { current: 'Obecne hasło jest nieprawidłowe.' });
    }
    await setPassword(db.prisma, actorOf(req), me.id, form.data.password);
    flash(req, 'success', 'Zmieniono hasło.');
    res.redirect(303, '/konto');
  };

  return { list, newForm, create, editForm, update, resetPassword, account, changeOwnPassword };
}
