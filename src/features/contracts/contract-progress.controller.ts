// Steps in a running contract, each on its own small page: plan or record a review, record a planned
// review as held, extend, end (fulfilled / broken / ended early), and mark an action done.
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { idParam, parseForm } from '../../http/form.ts';
import { addDays, formatDate, warsawDate } from '../../lib/dates.ts';
import { actorOf } from '../audit/audit.service.ts';
import { addReview, changeContractStatus, extendContract, markActionDone, recordReviewHeld } from './contract-progress.service.ts';
import { contractId, crumbs } from './contracts.controller.ts';
import * as L from './contracts.labels.ts';
import { actionDoneSchema, extensionSchema, FINAL_STATUSES, reviewHeldSchema, reviewSchema, statusSchema } from './contracts.schemas.ts';
import { getContract } from './contracts.service.ts';

function childId(req: Request, name: 'reviewId' | 'actionId'): number {
  const r = idParam.safeParse(req.params[name]);
  if (!r.success) throw new NotFoundError('Nie ma takiej pozycji w kontrakcie.');
  return r.data;
}

type Step = 'review-new' | 'review-held' | 'extend' | 'status';
const TITLES: Record<Step, string> = {
  'review-new': 'Ocena realizacji kontraktu',
  'review-held': 'Przebieg oceny kontraktu',
  extend: 'Przedłużenie kontraktu',
  status: 'Zakończenie kontraktu',
};

export function contractProgressController(db: Database) {
  const render = async (res: Response, step: Step, id: number, status: number, o: { values?: Record<string, unknown>; errors?: FieldErrors; reviewId?: number } = {}) => {
    const c = await getContract(db.prisma, id);
    const review = o.reviewId ? c.reviews.find((r) => r.id === o.reviewId) : undefined;
    if (o.reviewId && !review) throw new NotFoundError('Nie ma takiej oceny w tym kontrakcie.');
    res.status(status).render(`contracts/${step}`, {
      title: TITLES[step],
      breadcrumbs: [...crumbs, { href: `/kontrakty/${id}`, text: c.number }],
      c, review, labels: L,
      statusOptions: FINAL_STATUSES.map((s) => ({ value: s, text: L.CONTRACT_STATUS_LABELS[s] })),
      values: { version: c.version, ...(o.values ?? {}) },
      errors: o.errors ?? {},
    });
  };

  /** Runs a step: 400 with the form on bad input, 409 with the typed values kept when the contract moved on. */
  const run = (step: Step, handler: (req: Request, id: number) => Promise<string>) => {
    const h: RequestHandler = async (req, res) => {
      const id = contractId(req);
      const reviewId = step === 'review-held' ? childId(req, 'reviewId') : undefined;
      try {
        const message = await handler(req, id);
        flash(req, 'success', message);
        res.redirect(303, `/kontrakty/${id}`);
      } catch (err) {
        if (err instanceof ValidationError) return render(res, step, id, 400, { values: req.body, errors: err.fieldErrors, reviewId });
        if (err instanceof ConflictError) {
          const current = await getContract(db.prisma, id);
          return render(res, step, id, 409, { values: { ...req.body, version: current.version }, errors: { _form: err.publicMessage }, reviewId });
        }
        throw err;
      }
    };
    return h;
  };

  const parsed = <T>(r: { ok: true; data: T } | { ok: false; errors: FieldErrors }): T => {
    if (!r.ok) throw new ValidationError(r.errors);
    return r.data;
  };

  const reviewForm: RequestHandler = async (req, res) => {
    const today = warsawDate();
    await render(res, 'review-new', contractId(req), 200, { values: { dueDate: addDays(today, 30) } });
  };
  const createReview = run('review-new', async (req, id) => {
    const data = parsed(parseForm(reviewSchema, req.body));
    await db.prisma.$transaction((tx) => addReview(tx, actorOf(req), id, data));
    return data.heldAt ? 'Zapisano ocenę realizacji kontraktu.' : `Zaplanowano ocenę na ${formatDate(data.dueDate)}.`;
  });

  const reviewHeldForm: RequestHandler = async (req, res) => {
    await render(res, 'review-held', contractId(req), 200, { values: { heldAt: warsawDate() }, reviewId: childId(req, 'reviewId') });
  };
  const saveReviewHeld = run('review-held', async (req, id) => {
    const data = parsed(parseForm(reviewHeldSchema, req.body));
    await db.prisma.$transaction((tx) => recordReviewHeld(tx, actorOf(req), id, childId(req, 'reviewId'), data));
    return 'Zapisano przebieg oceny kontraktu.';
  });

  const extensionForm: RequestHandler = async (req, res) => render(res, 'extend', contractId(req), 200);
  const extend = run('extend', async (req, id) => {
    const data = parsed(parseForm(extensionSchema, req.body));
    await db.prisma.$transaction((tx) => extendContract(tx, actorOf(req), id, data));
    return `Przedłużono kontrakt do ${formatDate(data.newEnd)}.`;
  });

  const statusForm: RequestHandler = async (req, res) => render(res, 'status', contractId(req), 200, { values: { statusDate: warsawDate() } });
  const changeStatus = run('status', async (req, id) => {
    const data = parsed(parseForm(statusSchema, req.body));
    const running = await db.prisma.$transaction((tx) => changeContractStatus(tx, actorOf(req), id, data));
    const note = running.length
      ? ` Osoba nadal uczestniczy w KIS (${running.map((e) => e.edition.name).join(', ')}): bez aktywnego kontraktu nie może dalej brać udziału, poinformuj koordynatora.`
      : '';
    return `Zapisano: kontrakt ${L.CONTRACT_STATUS_LABELS[data.status]}.${note}`;
  });

  const actionDone: RequestHandler = async (req, res) => {
    const id = contractId(req);
    const actionId = childId(req, 'actionId');
    const form = parseForm(actionDoneSchema, req.body);
    try {
      const data = parsed(form);
      await db.prisma.$transaction((tx) => markActionDone(tx, actorOf(req), id, actionId, data));
      flash(req, 'success', 'Oznaczono działanie jako wykonane.');
    } catch (err) {
      if (!(err instanceof ValidationError) && !(err instanceof ConflictError)) throw err;
      flash(req, 'error', err instanceof ValidationError ? Object.values(err.fieldErrors).join(' ') : err.publicMessage);
    }
    res.redirect(303, `/kontrakty/${id}#dzialania`);
  };

  return { reviewForm, createReview, reviewHeldForm, saveReviewHeld, extensionForm, extend, statusForm, changeStatus, actionDone };
}
