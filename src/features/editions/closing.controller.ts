// The closing form: one row per person with outcome, reason, soft results and the computed eligibility.
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import type { FieldErrors } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { isoDate, warsawDate } from '../../lib/dates.ts';
import { actorOf } from '../audit/audit.service.ts';
import { editionAttendance } from '../attendance/attendance-report.service.ts';
import { attempt, editionCrumbs, intParam } from './controller-helpers.ts';
import { certificateEligibility, closeEdition, unsettledSessions } from './closing.service.ts';
import { parseCloseRows } from './enrolments.schemas.ts';
import { otherEditionGroups } from './enrolments.service.ts';

export function closingController(db: Database) {
  const render = async (req: Request, res: Response, status = 200, posted?: { values: Record<string, unknown>; errors: FieldErrors }) => {
    const id = intParam(req, 'id', 'Nie ma takiej edycji.');
    const report = await editionAttendance(db.prisma, id, warsawDate());
    const enrolments = await db.prisma.enrolment.findMany({ where: { editionId: id } });
    const byPid = new Map(enrolments.map((e) => [e.participantId, e]));
    const values: Record<string, unknown> = posted?.values ?? {};
    if (!posted) {
      values.editionVersion = report.edition.version;
      for (const r of report.rows) {
        const e = byPid.get(r.enrolment.participantId)!;
        const pid = e.participantId;
        Object.assign(values, {
          [`outcome_${pid}`]: e.status === 'ACTIVE' ? 'COMPLETED' : e.status,
          [`outcomeReason_${pid}`]: e.outcomeReason ?? '',
          [`movedToGroupId_${pid}`]: e.movedToGroupId ?? '',
          [`surveyStartScore_${pid}`]: e.surveyStartScore ?? '',
          [`surveyEndScore_${pid}`]: e.surveyEndScore ?? '',
          [`tookUpEmployment_${pid}`]: e.tookUpEmployment ? 'on' : '',
          [`employmentDate_${pid}`]: e.employmentDate ? isoDate(e.employmentDate) : '',
          [`version_${pid}`]: e.version,
        });
      }
    }
    res.status(status).render('editions/close', {
      title: report.edition.status === 'CLOSED' ? 'Wyniki edycji' : 'Zamknięcie edycji',
      breadcrumbs: editionCrumbs(report.edition), edition: report.edition, tab: 'close',
      rows: report.rows, enrolments: byPid, unsettled: await unsettledSessions(db.prisma, id),
      otherGroups: await otherEditionGroups(db.prisma, id), eligibleIf: (pid: number, bp: number | null) =>
        certificateEligibility(String(values[`outcome_${pid}`] ?? ''), bp, report.edition.completionThresholdPct),
      values, errors: posted?.errors ?? {},
    });
  };

  const form: RequestHandler = async (req, res) => render(req, res);

  const close: RequestHandler = async (req, res) => {
    const id = intParam(req, 'id', 'Nie ma takiej edycji.');
    const values = req.body ?? {};
    const pids = (await db.prisma.enrolment.findMany({ where: { editionId: id }, select: { participantId: true } })).map((e) => e.participantId);
    const parsed = parseCloseRows(values, pids);
    if (Object.keys(parsed.errors).length) return render(req, res, 400, { values, errors: parsed.errors });
    let result = { people: 0, eligible: 0 };
    const ok = await attempt(
      async () => { result = await db.prisma.$transaction((tx) => closeEdition(tx, actorOf(req), id, parsed.editionVersion, parsed.rows)); },
      (status, errors) => render(req, res, status, { values, errors }),
    );
    if (!ok) return;
    flash(req, 'success', `Zamknięto edycję. Uczestników: ${result.people}, z prawem do zaświadczenia: ${result.eligible}.`);
    res.redirect(303, `/edycje/${id}/zamkniecie`);
  };

  return { form, close };
}
