// The administrator's side of PSU: the dated rate table and reopening a closed month (with a reason).
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import { ConflictError } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { parseForm } from '../../http/form.ts';
import { formatDate } from '../../lib/dates.ts';
import { formatMoney } from '../../lib/money.ts';
import { hasPermission } from '../../http/permissions.ts';
import { actorOf } from '../audit/audit.service.ts';
import { idFrom } from './psu-http.ts';
import { monthLabel } from './psu-month.ts';
import { reopenSchema, rateSchema } from './psu.schemas.ts';
import { addRate, deleteRate, listRates } from './rates.service.ts';
import { getMonth, listClosedMonths, reopenMonth } from './settlement.service.ts';

const crumbs = [{ href: '/', text: 'Pulpit' }];
const RATES_URL = '/admin/stawki-psu';

export function psuAdminController(db: Database) {
  const renderRates = async (req: Request, res: Response, status = 200, values: unknown = {}, errors: Record<string, string> = {}) => {
    const [rates, months] = await Promise.all([
      listRates(db.prisma),
      hasPermission(req.user!.roles, 'psu.reopen') ? listClosedMonths(db.prisma) : Promise.resolve([]),
    ]);
    res.status(status).render('public-works/admin-rates', { title: 'Prace społecznie użyteczne: stawki i zamknięte miesiące', breadcrumbs: crumbs, rates, months, values, errors });
  };

  const rates: RequestHandler = async (req, res) => renderRates(req, res);

  const addRateAction: RequestHandler = async (req, res) => {
    const form = parseForm(rateSchema, req.body);
    if (!form.ok) return renderRates(req, res, 400, req.body, form.errors);
    try {
      const rate = await db.prisma.$transaction((tx) => addRate(tx, actorOf(req), form.data));
      flash(req, 'success', `Dodano stawkę ${formatMoney(rate.rateGrosze)} za godzinę od ${formatDate(rate.validFrom)}.`);
    } catch (err) {
      if (err instanceof ConflictError) return renderRates(req, res, 409, req.body, { validFrom: err.publicMessage });
      throw err;
    }
    res.redirect(303, RATES_URL);
  };

  const deleteRateAction: RequestHandler = async (req, res) => {
    const rate = await db.prisma.$transaction((tx) => deleteRate(tx, actorOf(req), idFrom(req, 'Nie ma takiej stawki.')));
    flash(req, 'success', `Usunięto stawkę od ${formatDate(rate.validFrom)}.`);
    res.redirect(303, RATES_URL);
  };

  const renderReopen = async (res: Response, id: number, status: number, values?: unknown, errors: Record<string, string> = {}) => {
    const month = await getMonth(db.prisma, id);
    res.status(status).render('public-works/reopen', {
      title: `Ponowne otwarcie miesiąca ${monthLabel(month)}`,
      breadcrumbs: [...crumbs, { href: RATES_URL, text: 'PSU: stawki i miesiące' }],
      month,
      monthLabel: monthLabel(month),
      values: values ?? { version: month.version },
      errors,
    });
  };

  const reopenForm: RequestHandler = async (req, res) => renderReopen(res, idFrom(req, 'Nie ma takiego miesiąca rozliczenia.'), 200);

  const reopen: RequestHandler = async (req, res) => {
    const id = idFrom(req, 'Nie ma takiego miesiąca rozliczenia.');
    const form = parseForm(reopenSchema, req.body);
    if (!form.ok) return renderReopen(res, id, 400, req.body, form.errors);
    try {
      const month = await db.prisma.$transaction((tx) => reopenMonth(tx, actorOf(req), id, form.data));
      flash(req, 'success', `Otwarto ponownie miesiąc ${monthLabel(month)} porozumienia ${month.agreement.number}. Po poprawkach organizator zamknie go jeszcze raz.`);
    } catch (err) {
      if (err instanceof ConflictError) return renderReopen(res, id, 409, req.body, { _form: err.publicMessage });
      throw err;
    }
    res.redirect(303, RATES_URL);
  };

  return { rates, addRate: addRateAction, deleteRate: deleteRateAction, reopenForm, reopen };
}
