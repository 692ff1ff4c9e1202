// Social contract pages: list, new and edit forms with repeatable goal and action rows (an "add row"
// button posts the form back with one more empty row; no script needed), the contract page and its PDF.
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { idParam, parseForm, positiveInt } from '../../http/form.ts';
import { addDays, warsawDate } from '../../lib/dates.ts';
import { centreHeader } from '../../pdf/header.ts';
import { sendPdf } from '../../pdf/send.ts';
import { actorOf } from '../audit/audit.service.ts';
import { listSocialWorkers } from '../participants/participants.service.ts';
import { renderPersonPicker } from '../participants/person-picker.ts';
import { getCentreSettings } from '../settings/settings.service.ts';
import { buildContractPdf } from './contract.pdf.ts';
import * as L from './contracts.labels.ts';
import { editContractSchema, listQuerySchema, newContractSchema, parseContractRows, rowList } from './contracts.schemas.ts';
import { createContract, getContract, listContracts, OverlappingContractError, readContract, updateContract } from './contracts.service.ts';

export const crumbs = [{ href: '/', text: 'Pulpit' }, { href: '/kontrakty', text: 'Kontrakty' }];

export function contractId(req: Request): number {
  const r = idParam.safeParse(req.params.id);
  if (!r.success) throw new NotFoundError('Nie ma takiego kontraktu.');
  return r.data;
}

const blankGoal = () => ({ description: '', achieved: '' });
const blankAction = (side = 'PARTICIPANT') => ({ side, description: '', deadline: '', doneAt: '' });

/** Rows as the form shows them: what was typed (or stored), plus empty rows to fill in. */
function formRows(body: Record<string, unknown>, add: unknown) {
  const goals: Record<string, unknown>[] = rowList(body.goals);
  const actions: Record<string, unknown>[] = rowList(body.actions);
  if (add === 'goal') goals.push(blankGoal());
  if (add === 'action') actions.push(blankAction(String(actions.at(-1)?.side ?? 'PARTICIPANT')));
  return { goalRows: goals, actionRows: actions, focusRow: add === 'goal' ? `goals.${goals.length - 1}` : add === 'action' ? `actions.${actions.length - 1}` : null };
}

const storedRows = (c: Awaited<ReturnType<typeof getContract>>) => ({
  goals: c.goals.map((g) => ({ description: g.description, achieved: g.achieved === true ? 'yes' : g.achieved === false ? 'no' : '' })),
  actions: c.actions.map((a) => ({ side: a.side, description: a.description, deadline: a.deadline, doneAt: a.doneAt })),
});

export function contractsController(db: Database) {
  const list: RequestHandler = async (req, res) => {
    const q = listQuerySchema.parse(req.query);
    const today = warsawDate();
    const result = await listContracts(db.prisma, q, today);
    const params: Record<string, string> = { status: q.status };
    if (q.worker) params.worker = String(q.worker);
    if (q.ending) params.ending = '1';
    if (q.q) params.q = q.q;
    res.render('contracts/list', {
      title: 'Kontrakty socjalne', breadcrumbs: crumbs.slice(0, 1), query: q, ...result, labels: L, today, soon: addDays(today, 14),
      workers: await listSocialWorkers(db.prisma),
      link: (page: number) => `/kontrakty?${new URLSearchParams({ ...params, page: String(page) })}`,
    });
  };

  const renderForm = async (res: Response, status: number, o: { mode: 'new' | 'edit'; values: Record<string, unknown>; errors?: FieldErrors; contractId?: number; addRow?: unknown; overlap?: { id: number; number: string }; stale?: boolean }) => {
    const participantId = positiveInt(o.values.participantId);
    const person = participantId
      ? await db.prisma.participant.findUnique({ where: { id: participantId }, select: { id: true, firstName: true, lastName: true, pesel: true } })
      : null;
    res.status(status).render('contracts/form', {
      title: o.mode === 'new' ? 'Nowy kontrakt socjalny' : 'Edycja kontraktu socjalnego',
      breadcrumbs: o.mode === 'new' ? crumbs : [...crumbs, { href: `/kontrakty/${o.contractId}`, text: 'Kontrakt' }],
      action: o.mode === 'new' ? '/kontrakty' : `/kontrakty/${o.contractId}`,
      person,
      workers: (await listSocialWorkers(db.prisma)).map((u) => ({ value: u.id, text: u.fullName })),
      kindOptions: Object.entries(L.CONTRACT_KIND_LABELS).map(([value, text]) => ({ value, text })),
      sideOptions: Object.entries(L.CONTRACT_SIDE_LABELS).map(([value, text]) => ({ value, text })),
      ...formRows(o.values, o.addRow),
      ...o,
    });
  };

  const newForm: RequestHandler = async (req, res) => {
    const today = warsawDate();
    const participantId = positiveInt(req.query.uczestnik);
    if (!participantId) {
      return renderPersonPicker(db.prisma, req, res, {
        title: 'Nowy kontrakt socjalny: wybierz osobę', breadcrumbs: crumbs, action: '/kontrakty/nowy',
        next: (id) => `/kontrakty/nowy?uczestnik=${id}`,
        lead: 'Znajdź osobę, z którą zawierasz kontrakt socjalny. Kontrakt można też zawrzeć z karty osoby.',
      });
    }
    await renderForm(res, 200, {
      mode: 'new',
      values: {
        participantId, socialWorkerId: req.user!.id, kind: 'STANDARD', signedAt: today, startDate: today, endDate: addDays(today, 182), firstReviewDate: addDays(today, 30),
        goals: [blankGoal(), blankGoal(), blankGoal()],
        actions: [blankAction('PARTICIPANT'), blankAction('PARTICIPANT'), blankAction('WORKER'), blankAction('WORKER')],
      },
    });
  };

  /** Row errors join the main form's errors, so everything wrong shows at once. */
  const rowsOf = (body: Record<string, unknown>, main: { ok: true; data: { startDate: Date } } | { ok: false; errors: FieldErrors }) => {
    const rows = parseContractRows(body, { kind: String(body.kind ?? ''), startDate: main.ok ? main.data.startDate : null });
    return { rows, errors: { ...(main.ok ? {} : main.errors), ...rows.errors } };
  };

  const create: RequestHandler = async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.addRow) return renderForm(res, 200, { mode: 'new', values: body, addRow: body.addRow });
    const form = parseForm(newContractSchema, body);
    const { rows, errors } = rowsOf(body, form);
    if (!form.ok || Object.keys(errors).length) return renderForm(res, 400, { mode: 'new', values: body, errors });
    try {
      const c = await db.prisma.$transaction((tx) => createContract(tx, actorOf(req), form.data, rows));
      flash(req, 'success', `Zapisano kontrakt socjalny ${c.number}.`);
      res.redirect(303, `/kontrakty/${c.id}`);
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(res, 400, { mode: 'new', values: body, errors: err.fieldErrors });
      if (err instanceof OverlappingContractError) return renderForm(res, 409, { mode: 'new', values: body, errors: { _form: err.publicMessage }, overlap: err.existing });
      throw err;
    }
  };

  const show: RequestHandler = async (req, res) => {
    const id = contractId(req);
    const c = await db.prisma.$transaction((tx) => readContract(tx, actorOf(req), id, 'page'));
    const today = warsawDate();
    res.render('contracts/show', { title: `Kontrakt socjalny ${c.number}`, breadcrumbs: crumbs, c, labels: L, today, soon: addDays(today, 14) });
  };

  const editForm: RequestHandler = async (req, res) => {
    const id = contractId(req);
    const c = await db.prisma.$transaction((tx) => readContract(tx, actorOf(req), id, 'edit-form'));
    if (c.status !== 'ACTIVE') {
      flash(req, 'info', 'Zakończonego kontraktu nie można już zmieniać.');
      return res.redirect(303, `/kontrakty/${id}`);
    }
    await renderForm(res, 200, { mode: 'edit', contractId: id, values: { ...c, ...storedRows(c) } });
  };

  const update: RequestHandler = async (req, res) => {
    const id = contractId(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.addRow) return renderForm(res, 200, { mode: 'edit', contractId: id, values: body, addRow: body.addRow });
    const form = parseForm(editContractSchema, body);
    const { rows, errors } = rowsOf(body, form);
    if (!form.ok || Object.keys(errors).length) return renderForm(res, 400, { mode: 'edit', contractId: id, values: body, errors });
    try {
      await db.prisma.$transaction((tx) => updateContract(tx, actorOf(req), id, form.data, rows));
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(res, 400, { mode: 'edit', contractId: id, values: body, errors: err.fieldErrors });
      if (err instanceof OverlappingContractError) return renderForm(res, 409, { mode: 'edit', contractId: id, values: body, errors: { _form: err.publicMessage }, overlap: err.existing });
      if (err instanceof ConflictError) {
        // Keep everything typed; the new version lets the user save again after looking at the contract.
        const current = await getContract(db.prisma, id);
        return renderForm(res, 409, { mode: 'edit', contractId: id, values: { ...body, version: current.version }, errors: { _form: err.publicMessage }, stale: true });
      }
      throw err;
    }
    flash(req, 'success', 'Zapisano zmiany kontraktu.');
    res.redirect(303, `/kontrakty/${id}`);
  };

  const pdf: RequestHandler = async (req, res) => {
    const id = contractId(req);
    const c = await db.prisma.$transaction((tx) => readContract(tx, actorOf(req), id, 'pdf'));
    const settings = await getCentreSettings(db.prisma);
    const header = await centreHeader(db.prisma);
    const doc = buildContractPdf(c, { header, place: settings?.city ?? '', centreName: settings?.name ?? header.centreName });
    sendPdf(res, doc, `Kontrakt socjalny ${c.number.replace(/\//g, '-')} ${c.participant.lastName}.pdf`);
  };

  return { list, newForm, create, show, editForm, update, pdf };
}
