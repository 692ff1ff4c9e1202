// The timetable page, generating a group's sessions (preview, then save), and adding one session.
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import { ConflictError, ValidationError, type FieldErrors } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { parseForm } from '../../http/form.ts';
import { hasPermission } from '../../http/permissions.ts';
import { addDays, formatDate, formatMinuteOfDay, isoDate, parseIsoDate, warsawDate } from '../../lib/dates.ts';
import { actorOf } from '../audit/audit.service.ts';
import { attempt, editionCrumbs, intParam } from './controller-helpers.ts';
import { byMonth, editionHours, listSessions } from './edition-overview.service.ts';
import { getEdition, type EditionWithParts } from './editions.service.ts';
import { sessionsCount, WEEKDAY_OPTIONS } from './labels.ts';
import { addSession } from './sessions.service.ts';
import { generateSchema, newSessionSchema } from './timetable.schemas.ts';
import { previewTimetable, saveTimetable, TimetableChangedError, type TimetablePreview } from './timetable.service.ts';

const editionIdOf = (req: Request) => intParam(req, 'id', 'Nie ma takiej edycji.');
const staffOptions = (edition: EditionWithParts) => edition.staff.map((s) => ({ value: s.staffId, text: `${s.staff.fullName} (${s.role})` }));
const moduleOptions = (edition: EditionWithParts) => edition.modules.map((m) => ({ value: m.id, text: `${m.name} (${m.plannedHours} h)` }));

export function timetableController(db: Database) {
  const show: RequestHandler = async (req, res) => {
    const id = editionIdOf(req);
    const edition = await getEdition(db.prisma, id);
    const filter = String(req.query.grupa ?? '');
    const groupId = edition.groups.find((g) => String(g.id) === filter)?.id ?? null;
    const individual = filter === 'indywidualne';
    const sessions = await listSessions(db.prisma, id, { groupId, individual });
    res.render('editions/timetable', {
      title: 'Harmonogram', breadcrumbs: editionCrumbs(edition), edition, tab: 'timetable',
      months: byMonth(sessions), filter: groupId ? String(groupId) : individual ? 'indywidualne' : '',
      hours: await editionHours(db.prisma, id), showNames: hasPermission(req.user!.roles, 'participants.read'), today: warsawDate(),
    });
  };

  const renderGenerate = async (
    res: Response, edition: EditionWithParts, status: number,
    state: { values: Record<string, unknown>; errors?: FieldErrors; preview?: TimetablePreview | null },
  ) => {
    res.status(status).render('editions/generate', {
      title: 'Generuj zajęcia grupy', breadcrumbs: editionCrumbs(edition), edition, tab: 'timetable',
      groupOptions: edition.groups.map((g) => ({ value: g.id, text: `${g.name} (${g.capacity} miejsc)` })),
      moduleOptions: moduleOptions(edition), staffOptions: staffOptions(edition), weekdayOptions: WEEKDAY_OPTIONS,
      values: state.values, errors: state.errors ?? {}, preview: state.preview ?? null,
    });
  };

  const generateForm: RequestHandler = async (req, res) => {
    const edition = await getEdition(db.prisma, editionIdOf(req));
    const group = edition.groups.find((g) => String(g.id) === String(req.query.grupa)) ?? edition.groups[0];
    const last = group ? await db.prisma.classSession.findFirst({ where: { groupId: group.id, status: { not: 'CANCELLED' } }, orderBy: { date: 'desc' } }) : null;
    // Continue after the group's last session; a full timetable starts again from the edition's start.
    const start = last && last.date < edition.endDate ? addDays(last.date, 1) : edition.startDate;
    await renderGenerate(res, edition, 200, {
      values: { groupId: group?.id, startDate: isoDate(start), startMinute: '15:00', endMinute: '18:30', weekdays: [] },
    });
  };

  const generate: RequestHandler = async (req, res) => {
    const id = editionIdOf(req);
    const edition = await getEdition(db.prisma, id);
    const values = { ...(req.body ?? {}), weekdays: [req.body?.weekdays ?? []].flat() };
    const form = parseForm(generateSchema, values);
    if (!form.ok) return renderGenerate(res, edition, 400, { values, errors: form.errors });
    const rerender = (status: number, errors: FieldErrors, preview?: TimetablePreview | null) => renderGenerate(res, edition, status, { values, errors, preview });
    if (req.body?.action !== 'save') {
      let preview: TimetablePreview | null = null;
      const ok = await attempt(async () => { preview = await previewTimetable(db.prisma, id, form.data); }, rerender);
      if (ok) await rerender(200, {}, preview);
      return;
    }
    try {
      const r = await db.prisma.$transaction((tx) => saveTimetable(tx, actorOf(req), id, form.data, String(req.body?.planKey ?? '')));
      if (r.alreadySaved) {
        flash(req, 'info', 'Te zajęcia są już w harmonogramie (formularz wysłano drugi raz). Nic nie dodano.');
      } else {
        const first = r.preview.sessions[0]!.date;
        const last = r.preview.sessions.at(-1)!.date;
        flash(req, 'success', `Zapisano ${sessionsCount(r.created)}: ${r.groupName}, ${formatDate(first)}–${formatDate(last)}, ${formatMinuteOfDay(form.data.startMinute)}–${formatMinuteOfDay(form.data.endMinute)}.`);
        if (r.preview.skipped.length) {
          flash(req, 'info', `Pominięte dni (zajęcia przesunięto na kolejny termin): ${r.preview.skipped.map((s) => `${formatDate(s.date)} – ${s.reason}`).join('; ')}.`);
        }
      }
      res.redirect(303, `/edycje/${id}/harmonogram?grupa=${form.data.groupId}`);
    } catch (err) {
      if (err instanceof TimetableChangedError) return rerender(409, { _form: err.publicMessage }, err.preview);
      if (err instanceof ValidationError) return rerender(400, err.fieldErrors, await previewTimetable(db.prisma, id, form.data).catch(() => null));
      if (err instanceof ConflictError) return rerender(409, { _form: err.publicMessage });
      throw err;
    }
  };

  const renderNewSession = async (res: Response, edition: EditionWithParts, status: number, values: Record<string, unknown>, errors: FieldErrors = {}) => {
    const people = await db.prisma.enrolment.findMany({
      where: { editionId: edition.id, status: 'ACTIVE' },
      include: { participant: { select: { id: true, firstName: true, lastName: true } } },
      orderBy: [{ participant: { lastName: 'asc' } }, { participant: { firstName: 'asc' } }],
    });
    const targetOptions = [
      ...edition.groups.map((g) => ({ value: `g${g.id}`, text: `Zajęcia grupowe: ${g.name}` })),
      ...people.map((e) => ({ value: `p${e.participantId}`, text: `Zajęcia indywidualne: ${e.participant.lastName} ${e.participant.firstName}` })),
    ];
    res.status(status).render('editions/session-new', {
      title: 'Nowe zajęcia', breadcrumbs: editionCrumbs(edition), edition, tab: 'timetable',
      targetOptions, moduleOptions: moduleOptions(edition), staffOptions: staffOptions(edition), values, errors,
    });
  };

  const newSessionForm: RequestHandler = async (req, res) => {
    const edition = await getEdition(db.prisma, editionIdOf(req));
    const q = req.query as Record<string, string | undefined>;
    const date = q.data && parseIsoDate(q.data) ? q.data : '';
    await renderNewSession(res, edition, 200, {
      target: q.grupa ? `g${q.grupa}` : q.uczestnik ? `p${q.uczestnik}` : '',
      moduleId: q.modul ?? '', staffId: q.prowadzacy ?? '', date,
      startMinute: q.od ?? '15:00', endMinute: q.do ?? '18:30',
    });
  };

  const createSession: RequestHandler = async (req, res) => {
    const edition = await getEdition(db.prisma, editionIdOf(req));
    const values = req.body ?? {};
    const form = parseForm(newSessionSchema, values);
    if (!form.ok) return renderNewSession(res, edition, 400, values, form.errors);
    let sessionId = 0;
    const ok = await attempt(
      async () => { sessionId = (await db.prisma.$transaction((tx) => addSession(tx, actorOf(req), edition.id, form.data))).id; },
      (status, errors) => renderNewSession(res, edition, status, values, errors),
    );
    if (!ok) return;
    flash(req, 'success', `Dodano zajęcia ${formatDate(form.data.date)}, ${formatMinuteOfDay(form.data.startMinute)}–${formatMinuteOfDay(form.data.endMinute)}.`);
    res.redirect(303, `/zajecia/${sessionId}`);
  };

  return { show, generateForm, generate, newSessionForm, createSession };
}
