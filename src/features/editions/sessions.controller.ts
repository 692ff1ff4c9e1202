// One session's page: details, change of date/time/module/staff, cancel with a reason, restore, delete.
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import type { FieldErrors } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { parseForm } from '../../http/form.ts';
import { hasPermission } from '../../http/permissions.ts';
import { formatDate, formatMinuteOfDay, isoDate, warsawDate } from '../../lib/dates.ts';
import { actorOf } from '../audit/audit.service.ts';
import { attempt, editionCrumbs, intParam } from './controller-helpers.ts';
import { getEdition } from './editions.service.ts';
import { cancelSession, deleteSession, getSession, restoreSession, updateSession } from './sessions.service.ts';
import { cancelSchema, editSessionSchema, versionSchema } from './timetable.schemas.ts';

const sessionIdOf = (req: Request) => intParam(req, 'id', 'Nie ma takich zajęć.');

export function sessionsController(db: Database) {
  const render = async (req: Request, res: Response, id: number, status = 200, state: { form?: 'edit' | 'cancel'; values?: Record<string, unknown>; errors?: FieldErrors } = {}) => {
    const session = await getSession(db.prisma, id);
    const edition = await getEdition(db.prisma, session.editionId);
    const current = {
      moduleId: session.moduleId ?? '', staffId: session.staffId ?? '', date: isoDate(session.date),
      startMinute: formatMinuteOfDay(session.startMinute), endMinute: formatMinuteOfDay(session.endMinute),
      topic: session.topic ?? '', location: session.location ?? '', version: session.version,
    };
    res.status(status).render('editions/session', {
      title: `Zajęcia ${formatDate(session.date)}`, breadcrumbs: [...editionCrumbs(edition), { href: `/edycje/${edition.id}/harmonogram`, text: 'Harmonogram' }],
      session, edition, today: warsawDate(), showNames: hasPermission(req.user!.roles, 'participants.read'),
      moduleOptions: edition.modules.map((m) => ({ value: m.id, text: m.name })),
      staffOptions: edition.staff.map((s) => ({ value: s.staffId, text: `${s.staff.fullName} (${s.role})` })),
      form: state.form ?? null,
      values: state.form === 'edit' ? state.values : current,
      cancelValues: state.form === 'cancel' ? state.values : { version: session.version },
      errors: state.errors ?? {},
    });
  };

  const show: RequestHandler = async (req, res) => render(req, res, sessionIdOf(req));

  const update: RequestHandler = async (req, res) => {
    const id = sessionIdOf(req);
    const values = req.body ?? {};
    const form = parseForm(editSessionSchema, values);
    if (!form.ok) return render(req, res, id, 400, { form: 'edit', values, errors: form.errors });
    const ok = await attempt(
      () => db.prisma.$transaction((tx) => updateSession(tx, actorOf(req), id, form.data)),
      (status, errors) => render(req, res, id, status, { form: 'edit', values, errors }),
    );
    if (!ok) return;
    flash(req, 'success', `Zapisano zajęcia: ${formatDate(form.data.date)}, ${formatMinuteOfDay(form.data.startMinute)}–${formatMinuteOfDay(form.data.endMinute)}.`);
    res.redirect(303, `/zajecia/${id}`);
  };

  const cancel: RequestHandler = async (req, res) => {
    const id = sessionIdOf(req);
    const values = req.body ?? {};
    const form = parseForm(cancelSchema, values);
    if (!form.ok) return render(req, res, id, 400, { form: 'cancel', values, errors: form.errors });
    const ok = await attempt(
      () => db.prisma.$transaction((tx) => cancelSession(tx, actorOf(req), id, form.data)),
      // A refusal (held session, closed edition) is shown at the top: the cancel form may no longer be offered.
      (status, errors) => render(req, res, id, status, status === 409 ? { errors } : { form: 'cancel', values, errors }),
    );
    if (!ok) return;
    flash(req, 'success', 'Odwołano zajęcia. Jeśli grupa ma je odrobić, dodaj zajęcia zastępcze.');
    res.redirect(303, `/zajecia/${id}`);
  };

  const restore: RequestHandler = async (req, res) => {
    const id = sessionIdOf(req);
    const form = parseForm(versionSchema, req.body);
    if (!form.ok) return render(req, res, id, 400, { errors: { _form: 'Odśwież stronę i spróbuj ponownie.' } });
    const ok = await attempt(
      () => db.prisma.$transaction((tx) => restoreSession(tx, actorOf(req), id, form.data.version)),
      (status, errors) => render(req, res, id, status, { errors: { _form: Object.values(errors).join(' ') } }),
    );
    if (!ok) return;
    flash(req, 'success', 'Przywrócono zajęcia do harmonogramu.');
    res.redirect(303, `/zajecia/${id}`);
  };

  const remove: RequestHandler = async (req, res) => {
    const id = sessionIdOf(req);
    const form = parseForm(versionSchema, req.body);
    if (!form.ok) return render(req, res, id, 400, { errors: { _form: 'Odśwież stronę i spróbuj ponownie.' } });
    let editionId = 0;
    const ok = await attempt(
      async () => { editionId = (await db.prisma.$transaction((tx) => deleteSession(tx, actorOf(req), id, form.data.version))).editionId; },
      (status, errors) => render(req, res, id, status, { errors }),
    );
    if (!ok) return;
    flash(req, 'success', 'Usunięto zajęcia z harmonogramu.');
    res.redirect(303, `/edycje/${editionId}/harmonogram`);
  };

  return { show, update, cancel, restore, remove };
}
