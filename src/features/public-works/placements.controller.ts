// Placements: a person at a workplace for a period. The placement page also takes hours day by day.
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import { ConflictError, ValidationError } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { parseForm } from '../../http/form.ts';
import { isoDate, warsawDate } from '../../lib/dates.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { getAgreement } from './agreements.service.ts';
import { placementMonth } from './hours.service.ts';
import { createPlacement, getPlacement, placementFormOptions, referredForPsu, updatePlacement } from './placements.service.ts';
import { renderPersonPicker } from '../participants/person-picker.ts';
import { positiveInt } from '../../http/form.ts';
import { agreementCrumbs, idFrom, monthInRange } from './psu-http.ts';
import { addMonths, firstDay, lastDay, monthLabel, monthParam, type YearMonth } from './psu-month.ts';
import { editPlacementSchema, newPlacementSchema } from './psu.schemas.ts';

const notFound = 'Nie ma takiego skierowania do prac.';

export function placementsController(db: Database) {
  const renderNew = async (res: Response, agreementId: number, status: number, values: Record<string, unknown>, errors: Record<string, string> = {}) => {
    const agreement = await getAgreement(db.prisma, agreementId);
    const options = await placementFormOptions(db.prisma, agreementId, positiveInt(values.participantId));
    // A new form names the person's open PSU referral (the newest, when there are more); a posted form keeps its choice.
    if (!('referralId' in values) && options.referrals[0]) values.referralId = options.referrals[0].id;
    res.status(status).render('public-works/placement-form', {
      title: 'Skierowanie osoby do prac',
      breadcrumbs: agreementCrumbs(agreement),
      agreement,
      placement: null,
      options,
      values,
      errors,
    });
  };

  const newForm: RequestHandler = async (req, res) => {
    const id = idFrom(req, 'Nie ma takiego porozumienia.');
    const agreement = await getAgreement(db.prisma, id);
    const pickerUrl = `/psu/porozumienia/${id}/osoby/nowa`;
    // Coming from a PSU referral: the person and the referral are chosen already.
    const referralId = positiveInt(req.query.skierowanie);
    const referral = referralId ? await db.prisma.referral.findFirst({ where: { id: referralId, kind: 'PSU' }, select: { id: true, participantId: true } }) : null;
    const participantId = referral?.participantId ?? positiveInt(req.query.uczestnik);
    if (!participantId) {
      return renderPersonPicker(db.prisma, req, res, {
        title: 'Skierowanie osoby do prac: wybierz osobę', breadcrumbs: agreementCrumbs(agreement), action: pickerUrl,
        next: (pid) => `${pickerUrl}?uczestnik=${pid}`,
        lead: `Porozumienie ${agreement.number}. Wybierz osobę ze skierowaniem do prac społecznie użytecznych albo znajdź inną osobę z aktywną sprawą.`,
        suggested: { heading: 'Osoby ze skierowaniem do prac społecznie użytecznych', people: await referredForPsu(db.prisma) },
      });
    }
    const today = warsawDate();
    const start = today > agreement.periodStart && today <= agreement.periodEnd ? today : agreement.periodStart;
    const values: Record<string, unknown> = {
      participantId, startDate: isoDate(start), endDate: isoDate(agreement.periodEnd), plannedHoursPerMonth: agreement.plannedHoursPerMonth ?? 40,
      ...(referral ? { referralId: referral.id } : {}),
    };
    await renderNew(res, id, 200, values);
  };

  const create: RequestHandler = async (req, res) => {
    const id = idFrom(req, 'Nie ma takiego porozumienia.');
    const form = parseForm(newPlacementSchema, req.body);
    if (!form.ok) return renderNew(res, id, 400, req.body, form.errors);
    try {
      const placement = await db.prisma.$transaction((tx) => createPlacement(tx, actorOf(req), id, form.data));
      flash(req, 'success', 'Zapisano skierowanie osoby do prac.');
      res.redirect(303, `/psu/osoby/${placement.id}`);
    } catch (err) {
      if (err instanceof ValidationError) return renderNew(res, id, 400, req.body, err.fieldErrors);
      if (err instanceof ConflictError) return renderNew(res, id, 409, req.body, { _form: err.publicMessage });
      throw err;
    }
  };

  /** The placement page; the day form comes back here with what was typed when it is refused. */
  const renderShow = async (req: Request, res: Response, id: number, status = 200, entryValues?: Record<string, unknown>, errors: Record<string, string> = {}, ymWanted?: YearMonth) => {
    const placement = await getPlacement(db.prisma, id);
    const ym = ymWanted ?? monthInRange(req.query.miesiac, placement.startDate, placement.endDate);
    const [month, monthRow] = await Promise.all([
      placementMonth(db.prisma, placement, ym),
      db.prisma.psuMonth.findUnique({ where: { agreementId_year_month: { agreementId: placement.agreementId, year: ym.year, month: ym.month } } }),
    ]);
    await recordAudit(db.prisma, actorOf(req), { action: 'psu.placement.read', entityType: 'psu_placement', entityId: id, participantId: placement.participantId });
    const today = warsawDate();
    const defaultDate = today >= firstDay(ym) && today <= lastDay(ym) ? today : lastDay(ym) < today ? lastDay(ym) : firstDay(ym);
    const prev = addMonths(ym, -1);
    const next = addMonths(ym, 1);
    res.status(status).render('public-works/placement', {
      title: `${placement.participant.firstName} ${placement.participant.lastName} – prace społecznie użyteczne`,
      breadcrumbs: agreementCrumbs(placement.agreement),
      placement,
      ym,
      monthKey: monthParam(ym),
      monthLabel: monthLabel(ym),
      prev: lastDay(prev) >= placement.startDate ? monthParam(prev) : null,
      next: firstDay(next) <= placement.endDate ? monthParam(next) : null,
      month,
      closed: monthRow?.status === 'CLOSED',
      values: entryValues ?? { date: isoDate(defaultDate), kind: 'WORK' },
      errors,
    });
  };

  const show: RequestHandler = async (req, res) => renderShow(req, res, idFrom(req, notFound));

  const renderEdit = async (res: Response, id: number, status: number, values?: Record<string, unknown>, errors: Record<string, string> = {}) => {
    const placement = await getPlacement(db.prisma, id);
    res.status(status).render('public-works/placement-form', {
      title: `Zmiana skierowania: ${placement.participant.firstName} ${placement.participant.lastName}`,
      breadcrumbs: agreementCrumbs(placement.agreement),
      agreement: placement.agreement,
      placement,
      options: await placementFormOptions(db.prisma, placement.agreementId, null),
      values: values ?? placement,
      errors,
    });
  };

  const editForm: RequestHandler = async (req, res) => renderEdit(res, idFrom(req, notFound), 200);

  const update: RequestHandler = async (req, res) => {
    const id = idFrom(req, notFound);
    const form = parseForm(editPlacementSchema, req.body);
    if (!form.ok) return renderEdit(res, id, 400, req.body, form.errors);
    try {
      await db.prisma.$transaction((tx) => updatePlacement(tx, actorOf(req), id, form.data));
    } catch (err) {
      if (err instanceof ValidationError) return renderEdit(res, id, 400, req.body, err.fieldErrors);
      if (err instanceof ConflictError) return renderEdit(res, id, 409, req.body, { _form: err.publicMessage });
      throw err;
    }
    flash(req, 'success', 'Zapisano zmiany skierowania.');
    res.redirect(303, `/psu/osoby/${id}`);
  };

  return { newForm, create, show, renderShow, editForm, update };
}
