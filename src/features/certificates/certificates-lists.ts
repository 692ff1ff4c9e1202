// What the coordinator's certificate pages list: people who left the club without a certificate
// (art. 18 ust. 5a: issued without delay on leaving), each edition's people with their eligibility per
// kind, and the register of issued certificates.
import type { DbClient } from '../../db/client.ts';
import { NotFoundError } from '../../http/errors.ts';
import { daysBetween } from '../../lib/dates.ts';
import { assess, enrolmentInclude, sessionMarks, type Assessment } from './certificate-assess.ts';
import { CERTIFICATE_KINDS } from './certificate-rules.ts';

/** Leavers (completed or dropped out) holding no valid certificate, oldest departure first. */
export async function leaversWithoutCertificate(db: DbClient, today: Date) {
  const rows = await db.enrolment.findMany({
    where: { status: { in: ['COMPLETED', 'DROPPED_OUT'] }, certificates: { none: { revokedAt: null } } },
    include: enrolmentInclude,
    orderBy: [{ endDate: 'asc' }, { id: 'asc' }],
  });
  const out = [];
  for (const e of rows) {
    const completion = assess(e, e.status === 'COMPLETED' ? await sessionMarks(db, e) : [], 'KIS_COMPLETION');
    out.push({
      enrolmentId: e.id,
      participant: e.participant,
      edition: { id: e.edition.id, name: e.edition.name },
      status: e.status,
      endDate: e.endDate,
      daysSince: e.endDate ? daysBetween(e.endDate, today) : null,
      completion,
    });
  }
  return out;
}

export async function certificateRegister(db: DbClient, year: number) {
  return db.certificate.findMany({
    where: { year },
    orderBy: [{ seq: 'desc' }],
    select: {
      id: true, number: true, kind: true, issuedOn: true, revokedAt: true, printCount: true,
      participant: { select: { id: true, firstName: true, lastName: true } },
      edition: { select: { id: true, name: true } },
    },
  });
}

export async function registerYears(db: DbClient, currentYear: number): Promise<number[]> {
  const rows = await db.certificate.groupBy({ by: ['year'], orderBy: { year: 'desc' } });
  return [...new Set([currentYear, ...rows.map((r) => r.year)])].sort((a, b) => b - a);
}

export async function editionsForCertificates(db: DbClient) {
  const editions = await db.edition.findMany({
    where: { status: { in: ['RUNNING', 'CLOSED'] } },
    orderBy: { startDate: 'desc' },
    select: {
      id: true, name: true, status: true, startDate: true, endDate: true,
      enrolments: { select: { certificateEligible: true, status: true } },
      certificates: { where: { revokedAt: null, kind: 'KIS_COMPLETION' }, select: { id: true } },
    },
  });
  return editions.map((e) => ({
    id: e.id, name: e.name, status: e.status, startDate: e.startDate, endDate: e.endDate,
    people: e.enrolments.length,
    eligible: e.enrolments.filter((x) => x.status === 'COMPLETED' && x.certificateEligible).length,
    issued: e.certificates.length,
  }));
}

/** Every person of an edition with each kind's verdict and the certificates they already hold. */
export async function editionOverview(db: DbClient, editionId: number) {
  const edition = await db.edition.findUnique({ where: { id: editionId }, select: { id: true, name: true, status: true, startDate: true, endDate: true, completionThresholdPct: true } });
  if (!edition) throw new NotFoundError('Nie ma takiej edycji.');
  const enrolments = await db.enrolment.findMany({
    where: { editionId },
    include: { ...enrolmentInclude, certificates: { where: { revokedAt: null }, select: { id: true, number: true, kind: true } } },
    orderBy: [{ participant: { lastName: 'asc' } }, { participant: { firstName: 'asc' } }],
  });
  type Cell = { assessment: Assessment; certificate: { id: number; number: string } | null };
  const people: { enrolmentId: number; participant: (typeof enrolments)[number]['participant']; group: { id: number; name: string }; status: string; attendanceFinalBp: number | null; kinds: Record<string, Cell> }[] = [];
  for (const e of enrolments) {
    const marks = await sessionMarks(db, e);
    const kinds: Record<string, Cell> = {};
    for (const kind of CERTIFICATE_KINDS) {
      const certificate = e.certificates.find((c) => c.kind === kind) ?? null;
      kinds[kind] = { assessment: assess(e, marks, kind), certificate };
    }
    people.push({ enrolmentId: e.id, participant: e.participant, group: e.group, status: e.status, attendanceFinalBp: e.attendanceFinalBp, kinds });
  }
  const counts = Object.fromEntries(
    CERTIFICATE_KINDS.map((k) => [k, {
      issued: people.filter((p) => p.kinds[k]!.certificate).length,
      toIssue: people.filter((p) => !p.kinds[k]!.certificate && p.kinds[k]!.assessment.verdict.ok).length,
    }]),
  );
  return { edition, people, counts };
}
