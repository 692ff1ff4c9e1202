// Referral pages for social workers: list, new (pick a person, then the form), show, edit a draft,
// submit and withdraw.
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { idParam, parseForm, positiveInt } from '../../http/form.ts';
import { warsawDate } from '../../lib/dates.ts';
import { actorOf } from '../audit/audit.service.ts';
import { optionsOf } from '../participants/participants.labels.ts';
import { renderPersonPicker } from '../participants/person-picker.ts';
import { allowedReferralActions } from './referral-transitions.ts';
import * as L from './referrals.labels.ts';
import { editReferralSchema, listQuerySchema, newReferralSchema, versionSchema, withdrawSchema } from './referrals.schemas.ts';
import {
  createReferral, getReferralForEdit, listReferrals, OpenReferralExistsError, readReferral, referralFormChoices, submitReferral, updateReferral, withdrawReferral,
} from './referrals.service.ts';

export const crumbs = [{ href: '/', text: 'Pulpit' }, { href: '/skierowania', text: 'Skierowania' }];

export function referralId(req: Request): number {
  const r = idParam.safeParse(req.params.id);
  if (!r.success) throw new NotFoundError('Nie ma takiego skierowania.');
  return r.data;
}

export function referralsController(db: Database) {
  const list: RequestHandler = async (req, res) => {
    const q = listQuerySchema.parse(req.query);
    const result = await listReferrals(db.prisma, q, req.user!.id);
    const params: Record<string, string> = {};
    if (q.status) params.status = q.status;
    if (q.kind) params.kind = q.kind;
    if (q.mine) params.mine = '1';
    if (q.q) params.q = q.q;
    res.render('referrals/list', {
      title: 'Skierowania', breadcrumbs: crumbs.slice(0, 1), query: q, ...result, labels: L,
      link: (page: number) => `/skierowania?${new URLSearchParams({ ...params, page: String(page) })}`,
    });
  };

  const renderForm = async (res: Response, status: number, o: { mode: 'new' | 'edit'; values: Record<string, unknown>; errors?: Record<string, string>; referralId?: number; open?: { id: number; number: string } }) => {
    const participantId = positiveInt(o.values.participantId);
    const choices = await referralFormChoices(db.prisma, participantId);
    res.status(status).render('referrals/form', {
      title: o.mode === 'new' ? 'Nowe skierowanie' : 'Edycja szkicu skierowania',
      breadcrumbs: crumbs,
      ...o,
      ...choices,
      kindOptions: optionsOf(L.REFERRAL_KIND_LABELS),
      basisOptions: optionsOf(L.ELIGIBILITY_LABELS),
      action: o.mode === 'new' ? '/skierowania' : `/skierowania/${o.referralId}`,
    });
  };

  const newForm: RequestHandler = async (req, res) => {
    const participantId = positiveInt(req.query.uczestnik);
    if (!participantId) {
      return renderPersonPicker(db.prisma, req, res, {
        title: 'Nowe skierowanie: wybierz osobę', breadcrumbs: crumbs, action: '/skierowania/nowe',
        next: (id) => `/skierowania/nowe?uczestnik=${id}`,
        lead: 'Znajdź osobę, którą kierujesz do KIS lub do prac społecznie użytecznych. Skierowanie można też wystawić z karty osoby.',
      });
    }
    const today = warsawDate();
    // The person's active contract is the usual one to name; the worker can change it.
    const contract = await db.prisma.socialContract.findFirst({ where: { participantId, status: 'ACTIVE' }, orderBy: { endDate: 'desc' }, select: { id: true } });
    await renderForm(res, 200, { mode: 'new', values: { participantId, kind: 'KIS', contractId: contract?.id ?? '', consentDate: today, gdprInfoDate: today } });
  };

  const create: RequestHandler = async (req, res) => {
    const form = parseForm(newReferralSchema, req.body);
    if (!form.ok) return renderForm(res, 400, { mode: 'new', values: req.body, errors: form.errors });
    try {
      const r = await db.prisma.$transaction((tx) => createReferral(tx, actorOf(req), form.data));
      flash(req, 'success', r.status === 'SUBMITTED' ? `Złożono skierowanie ${r.number}. Czeka na decyzję koordynatora.` : `Zapisano szkic skierowania ${r.number}.`);
      res.redirect(303, `/skierowania/${r.id}`);
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(res, 400, { mode: 'new', values: req.body, errors: err.fieldErrors });
      if (err instanceof OpenReferralExistsError) return renderForm(res, 409, { mode: 'new', values: req.body, errors: { _form: err.publicMessage }, open: err.existing });
      throw err;
    }
  };

  const show: RequestHandler = async (req, res) => {
    const id = referralId(req);
    const r = await db.prisma.$transaction((tx) => readReferral(tx, actorOf(req), id));
    res.render('referrals/show', {
      title: `Skierowanie ${r.number}`, breadcrumbs: crumbs, r, labels: L, actions: allowedReferralActions(r.status), errors: res.locals.errors,
    });
  };

  const editForm: RequestHandler = async (req, res) => {
    const id = referralId(req);
    const r = await getReferralForEdit(db.prisma, id);
    if (r.status !== 'DRAFT') {
      flash(req, 'info', 'To skierowanie zostało już złożone, więc nie można go zmieniać.');
      return res.redirect(303, `/skierowania/${id}`);
    }
    await renderForm(res, 200, { mode: 'edit', values: { ...r }, referralId: id });
  };

  const update: RequestHandler = async (req, res) => {
    const id = referralId(req);
    const form = parseForm(editReferralSchema, req.body);
    if (!form.ok) return renderForm(res, 400, { mode: 'edit', values: req.body, errors: form.errors, referralId: id });
    try {
      await db.prisma.$transaction((tx) => updateReferral(tx, actorOf(req), id, form.data));
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(res, 400, { mode: 'edit', values: req.body, errors: err.fieldErrors, referralId: id });
      if (err instanceof OpenReferralExistsError) return renderForm(res, 409, { mode: 'edit', values: req.body, errors: { _form: err.publicMessage }, referralId: id, open: err.existing });
      if (err instanceof ConflictError) {
        const current = await getReferralForEdit(db.prisma, id);
        return renderForm(res, 409, { mode: 'edit', values: { ...req.body, version: current.version }, errors: { _form: err.publicMessage }, referralId: id });
      }
      throw err;
    }
    flash(req, 'success', form.data.intent === 'submit' ? 'Złożono skierowanie. Czeka na decyzję koordynatora.' : 'Zapisano szkic skierowania.');
    res.redirect(303, `/skierowania/${id}`);
  };

  const submit: RequestHandler = async (req, res) => {
    const id = referralId(req);
    const form = parseForm(versionSchema, req.body);
    if (!form.ok) throw new ConflictError('Brak wersji skierowania. Odśwież stronę i spróbuj ponownie.');
    try {
      await db.prisma.$transaction((tx) => submitReferral(tx, actorOf(req), id, form.data.version));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      // What is missing is filled in on the draft's form.
      const r = await getReferralForEdit(db.prisma, id);
      return renderForm(res, 400, { mode: 'edit', values: { ...r }, errors: err.fieldErrors, referralId: id });
    }
    flash(req, 'success', 'Złożono skierowanie. Czeka na decyzję koordynatora.');
    res.redirect(303, `/skierowania/${id}`);
  };

  const withdraw: RequestHandler = async (req, res) => {
    const id = referralId(req);
    const form = parseForm(withdrawSchema, req.body);
    if (!form.ok) {
      const r = await db.prisma.$transaction((tx) => readReferral(tx, actorOf(req), id));
      return res.status(400).render('referrals/show', {
        title: `Skierowanie ${r.number}`, breadcrumbs: crumbs, r, labels: L, actions: allowedReferralActions(r.status), errors: form.errors, values: req.body,
      });
    }
    await db.prisma.$transaction((tx) => withdrawReferral(tx, actorOf(req), id, form.data));
    flash(req, 'success', 'Wycofano skierowanie.');
    res.redirect(303, `/skierowania/${id}`);
  };

  return { list, newForm, create, show, editForm, update, submit, withdraw };
}
