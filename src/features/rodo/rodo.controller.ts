// RODO pages for the administrator: search, one person's page with the two art. 15 downloads and the
// correction trail, and the anonymisation page with its confirmed run.
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import { NotFoundError } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { idParam, parseForm } from '../../http/form.ts';
import { isoDate, warsawDate } from '../../lib/dates.ts';
import { contentDisposition, sendPdf } from '../../pdf/send.ts';
import { actorOf } from '../audit/audit.service.ts';
import * as P from '../participants/participants.labels.ts';
import { ANONYMISATION_KEEPS, ANONYMISATION_REMOVES } from './anonymise.service.ts';
import { fullName } from './document-format.ts';
import { yearsCount } from './rights-info.ts';
import { personDataJson } from './person-data.json.ts';
import { renderPersonDataPdf } from './person-data.pdf.ts';
import { anonymiseSchema, searchQuerySchema } from './rodo.schemas.ts';
import { anonymisationOverview, exportPersonData, readRodoPage, runConfirmedAnonymisation, searchPeople, SEARCH_LIMIT } from './rodo.service.ts';

const crumbs = [{ href: '/', text: 'Pulpit' }, { href: '/admin/rodo', text: 'Dane osobowe (RODO)' }];

function personId(req: Request): number {
  const r = idParam.safeParse(req.params.id);
  if (!r.success) throw new NotFoundError('Nie ma takiej osoby w rejestrze.');
  return r.data;
}

/** File names without the person's name: a downloaded file should not reveal whom it is about. */
const fileName = (id: number, ext: string) => `dane-osobowe-art15-nr-${id}-${isoDate(warsawDate())}.${ext}`;

export function rodoController(db: Database) {
  const search: RequestHandler = async (req, res) => {
    const { q } = searchQuerySchema.parse(req.query);
    const people = await searchPeople(db.prisma, q);
    res.render('rodo/search', {
      title: 'Dane osobowe (RODO)', breadcrumbs: crumbs.slice(0, 1), q, people, limit: SEARCH_LIMIT, statusLabels: P.PARTICIPANT_STATUS_LABELS, fullName,
    });
  };

  const person: RequestHandler = async (req, res) => {
    const id = personId(req);
    const page = await db.prisma.$transaction((tx) => readRodoPage(tx, actorOf(req), id));
    res.render('rodo/person', {
      title: `Dane osoby (RODO): ${fullName(page.person)}`, breadcrumbs: crumbs, ...page, statusLabels: P.PARTICIPANT_STATUS_LABELS, documentLabels: P.DOCUMENT_TYPE_LABELS, fullName, yearsCount,
    });
  };

  const pdf: RequestHandler = async (req, res) => {
    const id = personId(req);
    const data = await db.prisma.$transaction((tx) => exportPersonData(tx, actorOf(req), id, 'pdf'));
    sendPdf(res, renderPersonDataPdf(data), fileName(id, 'pdf'), false);
  };

  const json: RequestHandler = async (req, res) => {
    const id = personId(req);
    const data = await db.prisma.$transaction((tx) => exportPersonData(tx, actorOf(req), id, 'json'));
    res.setHeader('Content-Disposition', contentDisposition(fileName(id, 'json'), false));
    res.setHeader('Cache-Control', 'private, no-store');
    res.type('application/json; charset=utf-8').send(JSON.stringify(personDataJson(data, new Date()), null, 2));
  };

  const renderAnonymisation = async (res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const overview = await anonymisationOverview(db.prisma);
    res.status(status).render('rodo/anonymisation', {
      title: 'Anonimizacja danych po okresie przechowywania', breadcrumbs: crumbs, ...overview, removes: ANONYMISATION_REMOVES, keeps: ANONYMISATION_KEEPS, fullName, yearsCount, ...extra,
    });
  };

  const anonymisation: RequestHandler = (_req, res) => renderAnonymisation(res, 200);

  const anonymise: RequestHandler = async (req, res) => {
    const form = parseForm(anonymiseSchema, req.body);
    if (!form.ok) return renderAnonymisation(res, 400, { changed: true });
    const result = await runConfirmedAnonymisation(db.prisma, actorOf(req), form.data.ids);
    if (result.kind === 'changed') return renderAnonymisation(res, 409, { changed: true });
    if (result.kind === 'nothing') flash(req, 'info', 'Nikogo nie trzeba anonimizować: lista jest pusta.');
    else flash(req, 'success', `Zanonimizowano dane osób: ${result.count}.`);
    res.redirect(303, '/admin/rodo/anonimizacja');
  };

  return { search, person, pdf, json, anonymisation, anonymise };
}
