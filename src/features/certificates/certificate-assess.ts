// Reads what a certificate decision needs about one enrolment: the outcome, the edition's settings and
// the person's marks at the held sessions of their group (or their individual sessions).
import type { DbClient } from '../../db/client.ts';
import { NotFoundError } from '../../http/errors.ts';
import { checkEligibility, hoursByModule, modulesForKind, type CertificateKindValue, type ModuleHours, type SessionMark, type Verdict } from './certificate-rules.ts';

export const enrolmentInclude = {
  participant: { select: { id: true, firstName: true, secondName: true, lastName: true, birthDate: true, sex: true } },
  edition: { include: { modules: true } },
  group: { select: { id: true, name: true } },
} as const;

export async function loadEnrolment(db: DbClient, enrolmentId: number) {
  const e = await db.enrolment.findUnique({ where: { id: enrolmentId }, include: enrolmentInclude });
  if (!e) throw new NotFoundError('Nie ma takiego uczestnictwa w edycji.');
  return e;
}

export type LoadedEnrolment = Awaited<ReturnType<typeof loadEnrolment>>;

/** The person's marks at every held session of their edition while they took part. */
export async function sessionMarks(db: DbClient, e: LoadedEnrolment): Promise<SessionMark[]> {
  const groups = [e.groupId, e.movedToGroupId].filter((g): g is number => g !== null);
  const sessions = await db.classSession.findMany({
    where: {
      editionId: e.editionId,
      status: 'HELD',
      date: { gte: e.startDate, ...(e.endDate ? { lte: e.endDate } : {}) },
      OR: [{ groupId: { in: groups } }, { participantId: e.participantId }, { attendance: { some: { participantId: e.participantId } } }],
    },
    select: { moduleId: true, startMinute: true, endMinute: true, attendance: { where: { participantId: e.participantId }, select: { status: true } } },
  });
  return sessions.map((s) => ({ moduleId: s.moduleId, minutes: s.endMinute - s.startMinute, mark: s.attendance[0]?.status ?? null }));
}

export interface Assessment {
  kind: CertificateKindValue;
  verdict: Verdict;
  hours: ModuleHours[];
}

export function assess(e: LoadedEnrolment, marks: readonly SessionMark[], kind: CertificateKindValue): Assessment {
  const hours = hoursByModule(modulesForKind(kind, e.edition.modules), marks);
  const verdict = checkEligibility(
    kind,
    {
      status: e.status,
      certificateEligible: e.certificateEligible,
      attendanceFinalBp: e.attendanceFinalBp,
      thresholdPct: e.edition.completionThresholdPct,
      excusedCountsAsPresent: e.edition.excusedCountsAsPresent,
    },
    hours,
  );
  return { kind, verdict, hours };
}

export async function assessEnrolment(db: DbClient, e: LoadedEnrolment, kind: CertificateKindValue): Promise<Assessment> {
  return assess(e, await sessionMarks(db, e), kind);
}
