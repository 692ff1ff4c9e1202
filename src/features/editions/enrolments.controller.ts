// One person in an edition: attendance by module and session, and the coordinator's forms (move between
// groups, end early, resume, soft results). Reading the page is logged: it is a person's record.
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import type { FieldErrors } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { parseForm } from '../../http/form.ts';
import { hasPermission } from '../../http/permissions.ts';
import { isoDate, warsawDate } from '../../lib/dates.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { editionAttendance } from '../attendance/attendance-report.service.ts';
import { attempt, editionCrumbs, intParam } from './controller-helpers.ts';
import { endSchema, moveSchema, softResultsSchema } from './enrolments.schemas.ts';
import { endParticipation, getEnrolment, moveToGroup, otherEditionGroups, resumeParticipation, saveSoftResults } from './enrolments.service.ts';

type FormName = 'move' | 'end' | 'results' | 'resume';

export function enrolmentsController(db: Database) {
  const ids = (req: Request) => ({ editionId: intParam(req, 'id', 'Nie ma takiej edycji.'), participantId: intParam(req, 'participantId', 'Ta osoba nie uczestniczy w tej edycji.') });

  const render = async (req: Request, res: Response, status = 200, state: { form?: FormName; values?: Record<string, unknown>; errors?: FieldErrors } = {}) => {
    const { editionId, participantId } = ids(req);
    const enrolment = await getEnrolment(db.prisma, editionId, participantId);
    const report = await editionAttendance(db.prisma, editionId, warsawDate());
    const row = report.rows.find((r) => r.enrolment.participantId === participantId)!;
    const sessions = await db.prisma.classSession.findMany({
      where: { id: { in: row.attendance.expected.map((x) => x.session.id) } },
      select: { id: true, module: { select: { name: true } }, group: { select: { name: true } } },
    });
    const sessionInfo = new Map(sessions.map((s) => [s.id, s]));
    if (status === 200) {
      await recordAudit(db.prisma, actorOf(req), { action: 'enrolment.read', entityType: 'enrolment', entityId: enrolment.id, participantId });
    }
    const own = state.values ?? {};
    const results = {
      surveyStartScore: enrolment.surveyStartScore ?? '', surveyEndScore: enrolment.surveyEndScore ?? '',
      opinionStart: enrolment.opinionStart ?? '', opinionEnd: enrolment.opinionEnd ?? '',
      tookUpEmployment: enrolment.tookUpEmployment ? 'on' : '', employmentDate: enrolment.employmentDate ? isoDate(enrolment.employmentDate) : '',
    };
    res.status(status).render('editions/enrolment', {
      title: `${enrolment.participant.lastName} ${enrolment.participant.firstName}`,
      breadcrumbs: [...editionCrumbs(enrolment.edition), { href: `/edycje/${editionId}/frekwencja`, text: 'Frekwencja' }],
      enrolment, edition: report.edition, row, sessionInfo, canWrite: hasPermission(req.user!.roles, 'editions.write'),
      groupOptions: report.edition.groups.filter((g) => g.id !== enrolment.groupId).map((g) => ({ value: g.id, text: `${g.name} (${g.capacity} miejsc)` })),
      otherGroups: await otherEditionGroups(db.prisma, editionId),
      form: state.form ?? null,
      moveValues: state.form === 'move' ? own : {},
      endValues: state.form === 'end' ? own : { endDate: isoDate(warsawDate()) },
      values: state.form === 'results' ? own : results,
      errors: state.errors ?? {},
    });
  };

  const show: RequestHandler = async (req, res) => render(req, res);

  const act = <S extends Parameters<typeof parseForm>[0]>(
    form: FormName, schema: S, message: string,
    run: (req: Request, data: ReturnType<S['parse']>) => Promise<unknown>,
  ): RequestHandler => async (req, res) => {
    const { editionId, participantId } = ids(req);
    const values = req.body ?? {};
    const parsed = parseForm(schema, values);
    if (!parsed.ok) return render(req, res, 400, { form, values, errors: parsed.errors });
    const ok = await attempt(
      () => run(req, parsed.data as ReturnType<S['parse']>),
      (status, errors) => render(req, res, status, { form, values, errors }),
    );
    if (!ok) return;
    flash(req, 'success', message);
    res.redirect(303, `/edycje/${editionId}/uczestnicy/${participantId}`);
  };

  const move = act('move', moveSchema, 'Przeniesiono osobę do innej grupy.', (req, data) => {
    const { editionId, participantId } = ids(req);
    return db.prisma.$transaction((tx) => moveToGroup(tx, actorOf(req), editionId, participantId, data));
  });
  const end = act('end', endSchema, 'Zapisano zakończenie udziału.', (req, data) => {
    const { editionId, participantId } = ids(req);
    return db.prisma.$transaction((tx) => endParticipation(tx, actorOf(req), editionId, participantId, data));
  });
  const resume = act('resume', moveSchema.pick({ version: true }), 'Przywrócono udział w edycji.', (req, data) => {
    const { editionId, participantId } = ids(req);
    return db.prisma.$transaction((tx) => resumeParticipation(tx, actorOf(req), editionId, participantId, data.version));
  });
  const results = act('results', softResultsSchema, 'Zapisano rezultaty miękkie i zatrudnienie.', (req, data) => {
    const { editionId, participantId } = ids(req);
    return db.prisma.$transaction((tx) => saveSoftResults(tx, actorOf(req), editionId, participantId, data));
  });

  return { show, move, end, resume, results };
}
