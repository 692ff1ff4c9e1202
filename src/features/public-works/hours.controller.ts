// Hours: one day on the placement page, the month grid of a workplace, and the hours card PDF.
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import { ValidationError } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { parseForm } from '../../http/form.ts';
import { formatDate } from '../../lib/dates.ts';
import { sendPdf } from '../../pdf/send.ts';
import { finishPdf } from '../../pdf/document.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { GridChangedError, GridRefusedError, loadGrid, saveGrid } from './grid.service.ts';
import { hoursCardPdf } from './hours-card.pdf.ts';
import { deleteDayEntry, MonthClosedError, saveDayEntry } from './hours.service.ts';
import { getPlacement } from './placements.service.ts';
import { placementsController } from './placements.controller.ts';
import { agreementCrumbs, idFrom, monthFrom } from './psu-http.ts';
import { addMonths, firstDay, lastDay, monthLabel, monthOf, monthParam, type YearMonth } from './psu-month.ts';
import { dayEntrySchema } from './psu.schemas.ts';

export function hoursController(db: Database) {
  const placements = placementsController(db);

  const saveDay: RequestHandler = async (req, res) => {
    const id = idFrom(req, 'Nie ma takiego skierowania do prac.');
    const form = parseForm(dayEntrySchema, req.body);
    if (!form.ok) return placements.renderShow(req, res, id, 400, req.body, form.errors);
    try {
      const { ym } = await db.prisma.$transaction((tx) => saveDayEntry(tx, actorOf(req), id, form.data));
      flash(req, 'success', `Zapisano dzień ${formatDate(form.data.date)}.`);
      res.redirect(303, `/psu/osoby/${id}?miesiac=${monthParam(ym)}#godziny`);
    } catch (err) {
      const ym = monthOf(form.data.date);
      if (err instanceof MonthClosedError) return placements.renderShow(req, res, id, 409, req.body, { date: err.publicMessage }, ym);
      if (err instanceof ValidationError) return placements.renderShow(req, res, id, 400, req.body, err.fieldErrors, ym);
      throw err;
    }
  };

  const deleteDay: RequestHandler = async (req, res) => {
    const id = idFrom(req, 'Nie ma takiego wpisu godzin.');
    try {
      const { placementId, ym } = await db.prisma.$transaction((tx) => deleteDayEntry(tx, actorOf(req), id));
      flash(req, 'success', 'Usunięto wpis.');
      res.redirect(303, `/psu/osoby/${placementId}?miesiac=${monthParam(ym)}#godziny`);
    } catch (err) {
      if (!(err instanceof MonthClosedError)) throw err;
      const entry = await db.prisma.psuHourEntry.findUniqueOrThrow({ where: { id } });
      flash(req, 'error', err.publicMessage);
      res.redirect(303, `/psu/osoby/${entry.placementId}?miesiac=${monthParam(monthOf(entry.date))}#godziny`);
    }
  };

  const renderGrid = async (req: Request, res: Response, workplaceId: number, ym: YearMonth, status = 200, extra: Record<string, unknown> = {}) => {
    const grid = await loadGrid(db.prisma, workplaceId, ym);
    const agreement = grid.agreement;
    const prev = addMonths(ym, -1);
    const next = addMonths(ym, 1);
    res.status(status).render('public-works/grid', {
      title: `Godziny: ${grid.workplace.name}, ${monthLabel(ym)}`,
      breadcrumbs: agreementCrumbs(agreement),
      grid,
      monthKey: monthParam(ym),
      monthLabel: monthLabel(ym),
      prev: lastDay(prev) >= agreement.periodStart ? monthParam(prev) : null,
      next: firstDay(next) <= agreement.periodEnd ? monthParam(next) : null,
      editable: res.locals.can('psu.write') && !grid.closed,
      submitted: null,
      marked: {},
      rowMessages: {},
      errors: {},
      ...extra,
    });
  };

  const grid: RequestHandler = async (req, res) => renderGrid(req, res, idFrom(req, 'Nie ma takiego miejsca wykonywania prac.'), monthFrom(req));

  const saveGridAction: RequestHandler = async (req, res) => {
    const id = idFrom(req, 'Nie ma takiego miejsca wykonywania prac.');
    const ym = monthFrom(req);
    const token = typeof req.body?.token === 'string' ? req.body.token : '';
    try {
      const r = await db.prisma.$transaction((tx) => saveGrid(tx, actorOf(req), id, ym, req.body, token));
      flash(req, 'success', r.changed ? `Zapisano godziny: zmienionych dni ${r.changed}, osób ${r.people}.` : 'Nic się nie zmieniło: siatka jest taka jak w systemie.');
      res.redirect(303, `/psu/miejsca/${id}/godziny/${monthParam(ym)}`);
    } catch (err) {
      const submitted = req.body ?? {};
      if (err instanceof GridRefusedError) {
        return renderGrid(req, res, id, ym, 400, { submitted, marked: err.marked, rowMessages: err.rowMessages, errors: err.fieldErrors });
      }
      if (err instanceof GridChangedError || err instanceof MonthClosedError) {
        return renderGrid(req, res, id, ym, 409, { submitted, errors: { _form: err.publicMessage }, editable: err instanceof GridChangedError });
      }
      throw err;
    }
  };

  const card: RequestHandler = async (req, res) => {
    const id = idFrom(req, 'Nie ma takiego skierowania do prac.');
    const ym = monthFrom(req);
    const placement = await getPlacement(db.prisma, id);
    await recordAudit(db.prisma, actorOf(req), { action: 'psu.card.print', entityType: 'psu_placement', entityId: id, participantId: placement.participantId, details: { month: monthParam(ym) } });
    const doc = await hoursCardPdf(db.prisma, placement, ym);
    sendPdf(res, doc, `Karta ewidencji godzin ${monthParam(ym)} ${placement.participant.lastName} ${placement.participant.firstName}.pdf`);
    finishPdf(doc);
  };

  return { saveDay, deleteDay, grid, saveGrid: saveGridAction, card };
}
