// Participant register pages: list and search, "my caseload", the person card, create and edit.
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import { ConflictError, NotFoundError, type FieldErrors } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { idParam, parseForm } from '../../http/form.ts';
import { hasPermission } from '../../http/permissions.ts';
import { ageOn, warsawDate } from '../../lib/dates.ts';
import { parsePesel } from '../../lib/pesel.ts';
import { actorOf } from '../audit/audit.service.ts';
import { readParticipantCard } from './participant-card.service.ts';
import * as L from './participants.labels.ts';
import { editParticipantSchema, listQuerySchema, newParticipantSchema, sensitiveSchema, type SensitiveInput } from './participants.schemas.ts';
import {
  createParticipant, DuplicateParticipantError, getParticipant, listEditionsForFilter, listParticipants, listSocialWorkers, recordParticipantRead, updateParticipant,
} from './participants.service.ts';

const crumbs = [{ href: '/', text: 'Pulpit' }, { href: '/uczestnicy', text: 'Uczestnicy' }];

export function participantId(req: Request): number {
  const r = idParam.safeParse(req.params.id);
  if (!r.success) throw new NotFoundError('Nie ma takiej osoby w rejestrze.');
  return r.data;
}

const canSensitive = (req: Request) => hasPermission(req.user?.roles, 'participants.sensitive');

/** Options every participant form needs. */
async function formOptions(db: Database) {
  return {
    workers: (await listSocialWorkers(db.prisma)).map((u) => ({ value: u.id, text: u.fullName })),
    sexOptions: L.optionsOf(L.SEX_LABELS),
    documentOptions: L.optionsOf(L.DOCUMENT_TYPE_LABELS),
    educationOptions: L.optionsOf(L.EDUCATION_LABELS),
    labourOptions: L.optionsOf(L.LABOUR_STATUS_LABELS),
    pupProfileOptions: L.optionsOf(L.PUP_PROFILE_LABELS),
    statusOptions: [{ value: 'ACTIVE', text: L.PARTICIPANT_STATUS_LABELS.ACTIVE }, { value: 'CLOSED', text: L.PARTICIPANT_STATUS_LABELS.CLOSED }],
    disabilityOptions: L.optionsOf(L.DISABILITY_LEVEL_LABELS),
    sensitiveFlags: L.SENSITIVE_FLAG_LABELS,
    sexLabels: L.SEX_LABELS,
    peselInfo: (v: unknown) => (typeof v === 'string' ? parsePesel(v.replace(/[\s-]+/g, '')) : null),
  };
}

/** Parses the participant form plus, for users allowed to, the special-category part. */
function parseSensitive(req: Request): { data: SensitiveInput | null; errors: FieldErrors } {
  if (!canSensitive(req)) return { data: null, errors: {} };
  const r = parseForm(sensitiveSchema, req.body);
  return r.ok ? { data: r.data, errors: {} } : { data: null, errors: r.errors };
}

function duplicateErrors(err: DuplicateParticipantError): FieldErrors {
  return { [err.field]: err.publicMessage };
}

export function participantsController(db: Database) {
  const renderList = async (req: Request, res: Response, mine: boolean) => {
    const q = listQuerySchema.parse(req.query);
    const result = await listParticipants(db.prisma, { ...q, mine: mine ? req.user!.id : undefined });
    const params = new URLSearchParams();
    for (const k of ['q', 'status', 'worker', 'edition'] as const) if (q[k] !== undefined && q[k] !== '') params.set(k, String(q[k]));
    const base = mine ? '/uczestnicy/moi' : '/uczestnicy';
    res.render('participants/list', {
      title: mine ? 'Moi podopieczni' : 'Uczestnicy',
      breadcrumbs: crumbs.slice(0, 1),
      mine,
      query: q,
      ...result,
      link: (page: number) => `${base}?${new URLSearchParams({ ...Object.fromEntries(params), page: String(page) })}`,
      workers: await listSocialWorkers(db.prisma),
      editions: await listEditionsForFilter(db.prisma),
      documentLabels: L.DOCUMENT_TYPE_LABELS,
    });
  };

  const list: RequestHandler = (req, res) => renderList(req, res, false);
  const mine: RequestHandler = (req, res) => renderList(req, res, true);

  const renderNew = async (res: Response, status: number, extra: Record<string, unknown>) => {
    res.status(status).render('participants/form', {
      title: 'Nowa osoba', breadcrumbs: crumbs, mode: 'new', action: '/uczestnicy', ...(await formOptions(db)), ...extra,
    });
  };

  const newForm: RequestHandler = async (req, res) =>
    renderNew(res, 200, { values: { citizenship: 'polskie', socialWorkerId: req.user!.roles.includes('SOCIAL_WORKER') ? req.user!.id : '' }, showSensitive: canSensitive(req) });

  const create: RequestHandler = async (req, res) => {
    const form = parseForm(newParticipantSchema, req.body);
    const sensitive = parseSensitive(req);
    const showSensitive = canSensitive(req);
    if (!form.ok || Object.keys(sensitive.errors).length) {
      return renderNew(res, 400, { values: req.body, errors: { ...(form.ok ? {} : form.errors), ...sensitive.errors }, showSensitive });
    }
    try {
      const p = await db.prisma.$transaction((tx) => createParticipant(tx, actorOf(req), form.data, sensitive.data));
      flash(req, 'success', `Dodano do rejestru: ${p.firstName} ${p.lastName}.`);
      res.redirect(303, `/uczestnicy/${p.id}`);
    } catch (err) {
      if (!(err instanceof DuplicateParticipantError)) throw err;
      renderNew(res, 409, { values: req.body, errors: duplicateErrors(err), duplicate: err.existing, showSensitive });
    }
  };

  const card: RequestHandler = async (req, res) => {
    const id = participantId(req);
    const withSensitive = canSensitive(req);
    const data = await db.prisma.$transaction((tx) => readParticipantCard(tx, actorOf(req), id, { withSensitive, today: warsawDate() }));
    const p = data.participant;
    res.render('participants/card', {
      title: `${p.firstName} ${p.lastName}`.trim(), // an anonymised person has no first name
      breadcrumbs: crumbs,
      ...data,
      withSensitive,
      labels: L,
      age: ageOn(p.birthDate, warsawDate()),
    });
  };

  const renderEdit = async (req: Request, res: Response, id: number, status: number, extra: Record<string, unknown>) => {
    const showSensitive = canSensitive(req);
    const p = await getParticipant(db.prisma, id, { sensitive: showSensitive });
    const stored = { ...p, ...(p.sensitive ?? {}), version: p.version };
    res.status(status).render('participants/form', {
      title: `Edycja danych: ${p.firstName} ${p.lastName}`,
      breadcrumbs: [...crumbs, { href: `/uczestnicy/${id}`, text: `${p.firstName} ${p.lastName}` }],
      mode: 'edit',
      action: `/uczestnicy/${id}`,
      participant: p,
      showSensitive,
      values: stored,
      ...(await formOptions(db)),
      ...extra,
    });
  };

  const editForm: RequestHandler = async (req, res) => {
    const id = participantId(req);
    await getParticipant(db.prisma, id, { sensitive: false }); // 404 before anything is logged
    await recordParticipantRead(db.prisma, actorOf(req), id, 'edit-form', canSensitive(req));
    await renderEdit(req, res, id, 200, {});
  };

  const update: RequestHandler = async (req, res) => {
    const id = participantId(req);
    const form = parseForm(editParticipantSchema, req.body);
    const sensitive = parseSensitive(req);
    if (!form.ok || Object.keys(sensitive.errors).length) {
      return renderEdit(req, res, id, 400, { values: req.body, errors: { ...(form.ok ? {} : form.errors), ...sensitive.errors } });
    }
    try {
      await db.prisma.$transaction((tx) => updateParticipant(tx, actorOf(req), id, form.data, sensitive.data));
    } catch (err) {
      if (err instanceof DuplicateParticipantError) {
        return renderEdit(req, res, id, 409, { values: req.body, errors: duplicateErrors(err), duplicate: err.existing });
      }
      if (!(err instanceof ConflictError)) throw err;
      // Stale version: keep what this user typed, show what is stored now, and let them save again.
      const current = await getParticipant(db.prisma, id, { sensitive: false });
      return renderEdit(req, res, id, 409, { values: { ...req.body, version: current.version }, errors: { _form: err.publicMessage }, stale: current });
    }
    flash(req, 'success', 'Zapisano zmiany danych osoby.');
    res.redirect(303, `/uczestnicy/${id}`);
  };

  return { list, mine, newForm, create, card, editForm, update };
}
