// The coordinator's pages: queue of submitted referrals, the decision page (accept into a group, reserve
// list, reject) and the reserve list with its order.
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import { ConflictError, ValidationError, type FieldErrors } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { parseForm } from '../../http/form.ts';
import { formatDate, warsawDate } from '../../lib/dates.ts';
import { actorOf } from '../audit/audit.service.ts';
import {
  acceptPsuReferral, acceptReferral, activeContractOn, defaultStartDate, moveOnReserveList, openGroups, referralQueue, rejectReferral, reserveList, reserveReferral,
} from './referral-decisions.service.ts';
import { crumbs, referralId } from './referrals.controller.ts';
import * as L from './referrals.labels.ts';
import { acceptSchema, psuAcceptSchema, rejectSchema, versionSchema } from './referrals.schemas.ts';
import { readReferral } from './referrals.service.ts';

export function referralDecisionsController(db: Database) {
  const queue: RequestHandler = async (_req, res) => {
    res.render('referrals/queue', { title: 'Skierowania do decyzji', breadcrumbs: crumbs, rows: await referralQueue(db.prisma, warsawDate()), groups: await openGroups(db.prisma), labels: L });
  };

  const reserve: RequestHandler = async (_req, res) => {
    res.render('referrals/reserve', { title: 'Lista rezerwowa', breadcrumbs: crumbs, rows: await reserveList(db.prisma), groups: await openGroups(db.prisma), labels: L });
  };

  const renderDecision = async (req: Request, res: Response, id: number, status: number, extra: { errors?: FieldErrors; values?: Record<string, unknown> } = {}) => {
    const r = await db.prisma.$transaction((tx) => readReferral(tx, actorOf(req), id));
    const groups = await openGroups(db.prisma);
    const today = warsawDate();
    // Groups of the edition the worker asked for come first.
    groups.sort((a, b) => Number(b.edition.id === r.editionId) - Number(a.edition.id === r.editionId));
    const preferred = groups.find((g) => g.free > 0) ?? groups[0];
    const startDate = preferred ? defaultStartDate(preferred.edition.startDate, today) : today;
    res.status(status).render('referrals/decision', {
      title: `Decyzja: skierowanie ${r.number}`,
      breadcrumbs: [...crumbs, { href: '/skierowania/kolejka', text: 'Do decyzji' }],
      r, labels: L, groups, today,
      contractToday: await activeContractOn(db.prisma, r.participantId, startDate),
      values: { groupId: preferred?.id ?? '', startDate, version: r.version, ...(extra.values ?? {}) },
      errors: extra.errors ?? {},
    });
  };

  const decisionForm: RequestHandler = async (req, res) => renderDecision(req, res, referralId(req), 200);

  const accept: RequestHandler = async (req, res) => {
    const id = referralId(req);
    const kind = (await db.prisma.referral.findUnique({ where: { id }, select: { kind: true } }))?.kind;
    if (kind === 'PSU') {
      const form = parseForm(psuAcceptSchema, req.body);
      if (!form.ok) return renderDecision(req, res, id, 400, { errors: form.errors });
      await db.prisma.$transaction((tx) => acceptPsuReferral(tx, actorOf(req), id, form.data.version));
      flash(req, 'success', 'Przyjęto skierowanie do prac społecznie użytecznych. Przydział do miejsca pracy wpisuje się w module PSU.');
      return res.redirect(303, '/skierowania/kolejka');
    }
    const form = parseForm(acceptSchema, req.body);
    if (!form.ok) return renderDecision(req, res, id, 400, { errors: form.errors, values: req.body });
    try {
      const done = await db.prisma.$transaction((tx) => acceptReferral(tx, actorOf(req), id, form.data));
      flash(req, 'success', `Przyjęto do ${done.group.name} (${done.edition.name}) od ${formatDate(form.data.startDate)}.`);
      res.redirect(303, '/skierowania/kolejka');
    } catch (err) {
      if (err instanceof ValidationError) return renderDecision(req, res, id, 400, { errors: err.fieldErrors, values: req.body });
      if (err instanceof ConflictError) return renderDecision(req, res, id, 409, { errors: { _form: err.publicMessage }, values: req.body });
      throw err;
    }
  };

  const toReserve: RequestHandler = async (req, res) => {
    const id = referralId(req);
    const form = parseForm(versionSchema, req.body);
    if (!form.ok) return renderDecision(req, res, id, 400, { errors: form.errors });
    await db.prisma.$transaction((tx) => reserveReferral(tx, actorOf(req), id, form.data.version));
    flash(req, 'success', 'Wpisano osobę na listę rezerwową.');
    res.redirect(303, '/skierowania/rezerwowa');
  };

  const reject: RequestHandler = async (req, res) => {
    const id = referralId(req);
    const form = parseForm(rejectSchema, req.body);
    if (!form.ok) return renderDecision(req, res, id, 400, { errors: form.errors, values: req.body });
    await db.prisma.$transaction((tx) => rejectReferral(tx, actorOf(req), id, form.data));
    flash(req, 'success', 'Odrzucono skierowanie. Pracownik socjalny zobaczy powód w skierowaniu.');
    res.redirect(303, '/skierowania/kolejka');
  };

  const move = (direction: 'up' | 'down'): RequestHandler => async (req, res) => {
    const id = referralId(req);
    const moved = await db.prisma.$transaction((tx) => moveOnReserveList(tx, actorOf(req), id, direction));
    if (!moved) flash(req, 'info', direction === 'up' ? 'Ta osoba jest już pierwsza na liście.' : 'Ta osoba jest już ostatnia na liście.');
    res.redirect(303, `/skierowania/rezerwowa#r-${id}`);
  };

  return { queue, reserve, decisionForm, accept, toReserve, reject, moveUp: move('up'), moveDown: move('down') };
}
