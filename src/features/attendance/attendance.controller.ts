// The attendance screen for one session (take or correct marks), and the edition's attendance summary.
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import { attendanceBasisPoints, type AttendanceTally, type Mark } from '../../lib/attendance.ts';
import { ConflictError, ValidationError, type FieldErrors } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { hasPermission } from '../../http/permissions.ts';
import { formatDate, warsawDate } from '../../lib/dates.ts';
import { actorOf } from '../audit/audit.service.ts';
import { editionCrumbs, intParam } from '../editions/controller-helpers.ts';
import { fillRequest, readSheetForm } from './attendance.schemas.ts';
import { AttendanceConflictError, assertSheetOpen, getSheet, saveAttendance, type MarkConflict, type SheetInput } from './attendance.service.ts';
import { editionAttendance } from './attendance-report.service.ts';

interface SheetState {
  status?: number;
  input?: SheetInput;
  errors?: FieldErrors;
  conflicts?: MarkConflict[];
  topicConflict?: { theirs: string | null } | null;
  notice?: string;
}

export function attendanceController(db: Database) {
  const renderSheet = async (req: Request, res: Response, state: SheetState = {}) => {
    const sessionId = intParam(req, 'id', 'Nie ma takich zajęć.');
    const { session, roster } = await getSheet(db.prisma, sessionId);
    let closedReason: string | null = null;
    try {
      assertSheetOpen(session, warsawDate());
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      closedReason = err.publicMessage;
    }
    const canWrite = hasPermission(req.user!.roles, 'attendance.write') && !closedReason;
    const conflicts = new Map((state.conflicts ?? []).map((c) => [c.participantId, c]));
    const input = state.input;
    const rows = roster.map((r) => {
      const yours = input?.marks.get(r.participantId) ?? null;
      const loaded = input?.was.get(r.participantId) ?? null;
      // After a conflict, a mark someone else saved meanwhile that this form left alone is shown as saved.
      const theirsKept = !!state.conflicts && !conflicts.has(r.participantId) && r.mark !== loaded && yours === loaded;
      return {
        ...r,
        // What the radios show: the user's choice when the form comes back, else the saved mark.
        choice: !input ? r.mark : theirsKept ? r.mark : yours,
        // After a conflict the form carries the marks as they are now, so saving again is a deliberate choice.
        was: state.conflicts ? r.mark : input?.was.has(r.participantId) ? loaded : r.mark,
        conflict: conflicts.get(r.participantId) ?? null,
        theirsKept,
      };
    });
    const topicConflict = state.topicConflict ?? null;
    res.status(state.status ?? 200).render('attendance/sheet', {
      title: `Obecność: ${session.group ? session.group.name : 'zajęcia indywidualne'}, ${formatDate(session.date)}`,
      breadcrumbs: [...editionCrumbs(session.edition), { href: `/edycje/${session.editionId}/harmonogram`, text: 'Harmonogram' }],
      session, rows, canWrite, closedReason, notice: state.notice ?? null,
      // A topic someone else saved meanwhile that this form left alone is shown as saved.
      topic: (!input || (state.conflicts && input.topic === input.topicWas) ? session.topic : input.topic) ?? '',
      topicWas: state.conflicts ? session.topic ?? '' : input ? input.topicWas ?? '' : session.topic ?? '',
      topicConflict, errors: state.errors ?? {},
      counts: countMarks(rows.map((r) => r.choice)),
    });
  };

  const sheet: RequestHandler = async (req, res) => renderSheet(req, res);

  const save: RequestHandler = async (req, res) => {
    const sessionId = intParam(req, 'id', 'Nie ma takich zajęć.');
    const { input, errors } = readSheetForm(req.body);
    const fill = fillRequest(req.body);
    if (fill) {
      // "All present" without JavaScript: fill every radio group, nothing saved yet.
      const { roster } = await getSheet(db.prisma, sessionId);
      for (const r of roster) input.marks.set(r.participantId, fill);
      return renderSheet(req, res, { input, notice: 'Zaznaczono wszystkich jako obecnych. Popraw nieobecnych i zapisz listę.' });
    }
    if (Object.keys(errors).length) return renderSheet(req, res, { status: 400, input, errors });
    try {
      const r = await db.prisma.$transaction((tx) => saveAttendance(tx, actorOf(req), sessionId, input));
      flash(req, 'success', `Zapisano obecność: obecnych ${r.present} z ${r.total}${r.changed ? '' : ' (bez zmian)'}.`);
      if (r.keptTheirs) flash(req, 'info', `Zachowano ${r.keptTheirs} zaznaczeń, które w międzyczasie zapisał ktoś inny (tych osób nie zmieniałeś(-aś)).`);
      res.redirect(303, `/zajecia/${sessionId}/obecnosc`);
    } catch (err) {
      if (err instanceof AttendanceConflictError) {
        return renderSheet(req, res, { status: 409, input, conflicts: err.conflicts, topicConflict: err.topicConflict, errors: { _form: err.publicMessage } });
      }
      if (err instanceof ValidationError) return renderSheet(req, res, { status: 400, input, errors: err.fieldErrors });
      if (err instanceof ConflictError) return renderSheet(req, res, { status: 409, input, errors: { _form: err.publicMessage } });
      throw err;
    }
  };

  const summary: RequestHandler = async (req, res) => {
    const id = intParam(req, 'id', 'Nie ma takiej edycji.');
    const report = await editionAttendance(db.prisma, id, warsawDate());
    const filter = String(req.query.grupa ?? '');
    const groupId = report.edition.groups.find((g) => String(g.id) === filter)?.id ?? null;
    const rows = groupId ? report.rows.filter((r) => r.enrolment.groupId === groupId) : report.rows;
    res.render('attendance/summary', {
      title: 'Frekwencja', breadcrumbs: editionCrumbs(report.edition), edition: report.edition, tab: 'attendance',
      rows, filter: groupId ? String(groupId) : '', inactivityDays: report.inactivityDays,
      moduleTotals: moduleTotals(report.edition.modules.map((m) => m.id), rows, report.edition.excusedCountsAsPresent),
    });
  };

  return { sheet, save, summary };
}

function countMarks(marks: (Mark | null)[]) {
  return {
    PRESENT: marks.filter((m) => m === 'PRESENT').length,
    ABSENT: marks.filter((m) => m === 'ABSENT').length,
    EXCUSED: marks.filter((m) => m === 'EXCUSED').length,
    none: marks.filter((m) => m === null).length,
  };
}

/** The module's attendance rate by hours over the shown people (person-hours present ÷ person-hours held). */
function moduleTotals(moduleIds: number[], rows: Awaited<ReturnType<typeof editionAttendance>>['rows'], excusedCountsAsPresent: boolean) {
  const sums = new Map<number, AttendanceTally>(moduleIds.map((id) => [id, { held: 0, present: 0, excused: 0, absent: 0 }]));
  for (const r of rows) {
    for (const [moduleId, rate] of r.attendance.byModule) {
      const t = moduleId === null ? undefined : sums.get(moduleId);
      if (!t) continue;
      t.held += rate.minutes.held;
      t.present += rate.minutes.present;
      t.excused += rate.minutes.excused;
      t.absent += rate.minutes.absent;
    }
  }
  return new Map([...sums].map(([id, t]) => [id, { heldMinutes: t.held, bp: attendanceBasisPoints(t, excusedCountsAsPresent) }]));
}
