import type { RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import { flash } from '../../http/flash.ts';
import { parseForm } from '../../http/form.ts';
import { hasPermission } from '../../http/permissions.ts';
import { warsawDate } from '../../lib/dates.ts';
import { actorOf } from '../audit/audit.service.ts';
import { editionAttendance } from '../attendance/attendance-report.service.ts';
import { attempt, editionCrumbs, editionsCrumb, intParam } from './controller-helpers.ts';
import { editionHours, sessionsAwaitingAttendance, upcomingSessions } from './edition-overview.service.ts';
import { editionSchema, newEditionSchema } from './editions.schemas.ts';
import { createEdition, getEdition, listEditions, updateEdition, type EditionListFilter } from './editions.service.ts';
import { FUNDING_LABELS, FUNDING_VALUES, optionsOf } from './labels.ts';
import { DEFAULT_PROGRAMME } from './programme-defaults.ts';

const fundingOptions = optionsOf(FUNDING_LABELS, FUNDING_VALUES);

export function editionsController(db: Database) {
  const list: RequestHandler = async (req, res) => {
    const stan = String(req.query.stan ?? '');
    const filter: EditionListFilter = stan === 'zamkniete' ? 'closed' : stan === 'wszystkie' ? 'all' : 'current';
    const result = await listEditions(db.prisma, { filter, page: Number(req.query.page) || 1 });
    const stanParam = { current: 'biezace', closed: 'zamkniete', all: 'wszystkie' }[filter];
    res.render('editions/list', {
      title: 'Edycje KIS', breadcrumbs: editionsCrumb.slice(0, 1), ...result, stan: stanParam,
      link: (page: number) => `/edycje?${new URLSearchParams({ stan: stanParam, page: String(page) })}`,
    });
  };

  const renderNew = (res: Response, status: number, values: Record<string, unknown>, errors: Record<string, string> = {}) =>
    res.status(status).render('editions/new', {
      title: 'Nowa edycja', breadcrumbs: editionsCrumb, fundingOptions, defaults: DEFAULT_PROGRAMME, values, errors,
    });

  const newForm: RequestHandler = (_req, res) => {
    renderNew(res, 200, { groupCount: 2, groupCapacity: 8, plannedParticipants: 16, completionThresholdPct: 80, addDefaultProgramme: 'on', fundingSource: 'MINISTRY_GRANT' });
  };

  const create: RequestHandler = async (req, res) => {
    const form = parseForm(newEditionSchema, req.body);
    if (!form.ok) return renderNew(res, 400, req.body ?? {}, form.errors);
    let id = 0;
    const ok = await attempt(
      async () => { id = (await db.prisma.$transaction((tx) => createEdition(tx, actorOf(req), form.data))).id; },
      (status, errors) => renderNew(res, status, req.body ?? {}, errors),
    );
    if (!ok) return;
    flash(req, 'success', `Utworzono edycję „${form.data.name}”. Teraz ułóż harmonogram grup.`);
    res.redirect(303, `/edycje/${id}`);
  };

  const show: RequestHandler = async (req, res) => {
    const id = intParam(req, 'id', 'Nie ma takiej edycji.');
    const edition = await getEdition(db.prisma, id);
    const today = warsawDate();
    const showNames = hasPermission(req.user!.roles, 'participants.read');
    const [attendance, hours, upcoming, awaiting] = await Promise.all([
      editionAttendance(db.prisma, id, today),
      editionHours(db.prisma, id),
      upcomingSessions(db.prisma, id, today),
      sessionsAwaitingAttendance(db.prisma, id, today),
    ]);
    res.render('editions/show', {
      title: edition.name, breadcrumbs: editionsCrumb, edition, tab: 'overview',
      rows: showNames ? attendance.rows : [], showNames, hours, upcoming, awaiting, inactivityDays: attendance.inactivityDays,
      flagged: attendance.rows.filter((r) => r.flags.belowThreshold || r.flags.inactiveDays !== null).length,
    });
  };

  const renderEdit = async (res: Response, id: number, status: number, extra: { values?: Record<string, unknown>; errors?: Record<string, string> }) => {
    const edition = await getEdition(db.prisma, id);
    res.status(status).render('editions/edit', {
      title: 'Dane edycji', breadcrumbs: editionCrumbs(edition), edition, tab: 'data', fundingOptions,
      values: extra.values ?? { ...edition, excusedCountsAsPresent: edition.excusedCountsAsPresent ? 'on' : '' },
      errors: extra.errors ?? {},
    });
  };

  const editForm: RequestHandler = async (req, res) => renderEdit(res, intParam(req, 'id', 'Nie ma takiej edycji.'), 200, {});

  const update: RequestHandler = async (req, res) => {
    const id = intParam(req, 'id', 'Nie ma takiej edycji.');
    const values = req.body ?? {};
    const form = parseForm(editionSchema, values);
    if (!form.ok) return renderEdit(res, id, 400, { values, errors: form.errors });
    const ok = await attempt(
      () => db.prisma.$transaction((tx) => updateEdition(tx, actorOf(req), id, form.data)),
      (status, errors) => renderEdit(res, id, status, { values, errors }),
    );
    if (!ok) return;
    flash(req, 'success', 'Zapisano dane edycji.');
    res.redirect(303, `/edycje/${id}`);
  };

  return { list, newForm, create, show, editForm, update };
}
