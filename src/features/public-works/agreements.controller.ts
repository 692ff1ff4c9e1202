// Agreements with the PUP and their workplaces: list, form, page.
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import { ConflictError, ValidationError } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { parseForm } from '../../http/form.ts';
import { formatMoney } from '../../lib/money.ts';
import { warsawDate } from '../../lib/dates.ts';
import { actorOf } from '../audit/audit.service.ts';
import {
  addWorkplace, createAgreement, getAgreement, getWorkplace, listAgreements, rateFor, updateAgreement, updateWorkplace,
} from './agreements.service.ts';
import { agreementCrumbs, idFrom, monthInRange, PSU_CRUMBS } from './psu-http.ts';
import { monthParam } from './psu-month.ts';
import { editAgreementSchema, newAgreementSchema, workplaceSchema } from './psu.schemas.ts';
import { monthsOverview } from './settlement.service.ts';

const notFound = 'Nie ma takiego porozumienia.';

/** Form values from a stored agreement: amounts back to the way people type them. */
function agreementValues(a: { refundBasisPoints: number; ownRateGrosze: number | null } & Record<string, unknown>) {
  return { ...a, refundBasisPoints: formatMoney(a.refundBasisPoints, false), ownRateGrosze: a.ownRateGrosze ? formatMoney(a.ownRateGrosze, false) : '' };
}

export function agreementsController(db: Database) {
  const renderNew = (res: Response, status: number, values: unknown, errors: Record<string, string> = {}) =>
    res.status(status).render('public-works/agreement-form', { title: 'Nowe porozumienie z PUP', breadcrumbs: PSU_CRUMBS, agreement: null, values, errors });

  const renderEdit = async (res: Response, id: number, status: number, values?: unknown, errors: Record<string, string> = {}) => {
    const agreement = await getAgreement(db.prisma, id);
    res.status(status).render('public-works/agreement-form', {
      title: `Zmiana porozumienia ${agreement.number}`,
      breadcrumbs: agreementCrumbs(agreement),
      agreement,
      values: values ?? agreementValues(agreement),
      errors,
    });
  };

  const renderShow = async (req: Request, res: Response, id: number, status = 200, workplaceValues: unknown = { active: 'on' }, workplaceErrors: Record<string, string> = {}) => {
    const agreement = await getAgreement(db.prisma, id);
    const today = warsawDate();
    const [rate, months] = await Promise.all([rateFor(db.prisma, agreement, today), monthsOverview(db.prisma, agreement, today)]);
    const current = monthParam(monthInRange(req.query.miesiac, agreement.periodStart, agreement.periodEnd));
    const peopleByWorkplace = new Map<number, number>();
    for (const p of agreement.placements) if (p.status === 'ACTIVE') peopleByWorkplace.set(p.workplaceId, (peopleByWorkplace.get(p.workplaceId) ?? 0) + 1);
    res.status(status).render('public-works/agreement', {
      title: `Porozumienie ${agreement.number}`,
      breadcrumbs: PSU_CRUMBS,
      agreement,
      rate,
      months,
      current,
      peopleByWorkplace,
      values: workplaceValues,
      errors: workplaceErrors,
    });
  };

  const list: RequestHandler = async (_req, res) => {
    res.render('public-works/agreements', {
      title: 'Prace społecznie użyteczne',
      breadcrumbs: PSU_CRUMBS.slice(0, 1),
      agreements: await listAgreements(db.prisma),
      currentMonth: monthParam({ year: warsawDate().getUTCFullYear(), month: warsawDate().getUTCMonth() + 1 }),
    });
  };

  const newForm: RequestHandler = (_req, res) => renderNew(res, 200, { refundBasisPoints: '60,00', plannedHoursPerMonth: '40' });

  const create: RequestHandler = async (req, res) => {
    const form = parseForm(newAgreementSchema, req.body);
    if (!form.ok) return renderNew(res, 400, req.body, form.errors);
    try {
      const agreement = await db.prisma.$transaction((tx) => createAgreement(tx, actorOf(req), form.data));
      flash(req, 'success', `Zapisano porozumienie ${agreement.number}.`);
      res.redirect(303, `/psu/porozumienia/${agreement.id}`);
    } catch (err) {
      if (err instanceof ConflictError) return renderNew(res, 409, req.body, { number: err.publicMessage });
      throw err;
    }
  };

  const show: RequestHandler = async (req, res) => renderShow(req, res, idFrom(req, notFound));

  const editForm: RequestHandler = async (req, res) => renderEdit(res, idFrom(req, notFound), 200);

  const update: RequestHandler = async (req, res) => {
    const id = idFrom(req, notFound);
    const form = parseForm(editAgreementSchema, req.body);
    if (!form.ok) return renderEdit(res, id, 400, req.body, form.errors);
    try {
      await db.prisma.$transaction((tx) => updateAgreement(tx, actorOf(req), id, form.data));
    } catch (err) {
      if (err instanceof ConflictError) {
        const field = err.publicMessage.startsWith('Porozumienie o numerze') ? 'number' : '_form';
        return renderEdit(res, id, 409, req.body, { [field]: err.publicMessage });
      }
      throw err;
    }
    flash(req, 'success', 'Zapisano zmiany porozumienia.');
    res.redirect(303, `/psu/porozumienia/${id}`);
  };

  const addWorkplaceAction: RequestHandler = async (req, res) => {
    const id = idFrom(req, notFound);
    const form = parseForm(workplaceSchema, { ...req.body, active: 'on' });
    if (!form.ok) return renderShow(req, res, id, 400, req.body, form.errors);
    try {
      const w = await db.prisma.$transaction((tx) => addWorkplace(tx, actorOf(req), id, form.data));
      flash(req, 'success', `Dodano miejsce wykonywania prac: ${w.name}.`);
    } catch (err) {
      if (err instanceof ConflictError) return renderShow(req, res, id, 409, req.body, { name: err.publicMessage });
      throw err;
    }
    res.redirect(303, `/psu/porozumienia/${id}#miejsca`);
  };

  const renderWorkplace = async (res: Response, id: number, status: number, values?: unknown, errors: Record<string, string> = {}) => {
    const workplace = await getWorkplace(db.prisma, id);
    res.status(status).render('public-works/workplace-form', {
      title: `Miejsce: ${workplace.name}`,
      breadcrumbs: agreementCrumbs(workplace.agreement),
      workplace,
      values: values ?? workplace,
      errors,
    });
  };

  const editWorkplaceForm: RequestHandler = async (req, res) => renderWorkplace(res, idFrom(req), 200);

  const updateWorkplaceAction: RequestHandler = async (req, res) => {
    const id = idFrom(req);
    const form = parseForm(workplaceSchema, req.body);
    if (!form.ok) return renderWorkplace(res, id, 400, req.body, form.errors);
    try {
      const before = await db.prisma.$transaction((tx) => updateWorkplace(tx, actorOf(req), id, form.data));
      flash(req, 'success', 'Zapisano miejsce wykonywania prac.');
      res.redirect(303, `/psu/porozumienia/${before.agreementId}#miejsca`);
    } catch (err) {
      if (err instanceof ConflictError || err instanceof ValidationError) return renderWorkplace(res, id, err.status, req.body, { name: err.publicMessage });
      throw err;
    }
  };

  return { list, newForm, create, show, editForm, update, addWorkplace: addWorkplaceAction, editWorkplaceForm, updateWorkplace: updateWorkplaceAction };
}
