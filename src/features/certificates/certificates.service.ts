// Issuing, revoking and printing certificates. Each number comes from the register's counter row,
// incremented inside the issuing transaction: the row stays locked until the certificate is saved, so
// two coordinators issuing at once get consecutive numbers, and a failed issue rolls its number back.
import type { DbClient } from '../../db/client.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { recordAudit, recordAuditMany, type Actor } from '../audit/audit.service.ts';
import { DEFAULT_SETTINGS, getCentreSettings } from '../settings/settings.service.ts';
import { assessEnrolment, loadEnrolment, type LoadedEnrolment } from './certificate-assess.ts';
import { buildCertificateContent, personName, type CertificateContent } from './certificate-content.ts';
import { certificateNumber, KIND_LABELS, newVerificationCode, type CertificateKindValue } from './certificate-rules.ts';

/** Interactive transactions that issue certificates wait for the counter row; give them time. */
export const ISSUE_TX = { maxWait: 20_000, timeout: 30_000 } as const;

/** Next sequence number of a register (prefix + year); creates the register on first use. */
export async function nextSequence(db: DbClient, prefix: string, year: number): Promise<number> {
  const rows = await db.$queryRaw<{ last_seq: number }[]>`
    INSERT INTO certificate_counters (prefix, year, last_seq) VALUES (${prefix}, ${year}, 1)
    ON CONFLICT (prefix, year) DO UPDATE SET last_seq = certificate_counters.last_seq + 1
    RETURNING last_seq`;
  return Number(rows[0]!.last_seq);
}

/** Locks the enrolments so the same person cannot get the same certificate twice at once. */
async function lockEnrolments(db: DbClient, ids: number[]): Promise<void> {
  for (const id of [...ids].sort((a, b) => a - b)) {
    await db.$queryRaw`SELECT id FROM enrolments WHERE id = ${id} FOR UPDATE`;
  }
}

async function issueLocked(db: DbClient, actor: Actor, e: LoadedEnrolment, kind: CertificateKindValue, o: IssueOptions) {
  const today = o.today;
  const existing = await db.certificate.findFirst({ where: { enrolmentId: e.id, kind, revokedAt: null }, select: { number: true } });
  if (existing) {
    throw new ConflictError(`${personName0(e)} ma już zaświadczenie „${KIND_LABELS[kind]}” nr ${existing.number}. Możesz je wydrukować ponownie z tym samym numerem.`);
  }
  const { verdict, hours } = await assessEnrolment(db, e, kind);
  if (!verdict.ok) throw new ConflictError(`Nie można wydać zaświadczenia dla: ${personName0(e)}. ${verdict.reason}`);
  const settings = (await getCentreSettings(db)) ?? { ...DEFAULT_SETTINGS, certificatePrefix: 'KIS', directorName: null };
  const year = today.getUTCFullYear();
  const seq = await nextSequence(db, settings.certificatePrefix, year);
  const number = certificateNumber(settings.certificatePrefix, year, seq);
  const content = buildCertificateContent({
    kind,
    number,
    issuedOn: today,
    person: e.participant,
    centre: { ...settings, directorName: settings.directorName ?? null },
    edition: e.edition,
    enrolment: e,
    hours,
    attendanceBp: verdict.attendanceBp,
    verifyUrl: o.verifyUrl,
  });
  const cert = await db.certificate.create({
    data: {
      number,
      prefix: settings.certificatePrefix,
      year,
      seq,
      kind,
      participantId: e.participantId,
      editionId: e.editionId,
      enrolmentId: e.id,
      issuedOn: today,
      issuedById: actor.id,
      verificationCode: newVerificationCode(),
      content: content as unknown as Prisma.InputJsonValue,
    },
  });
  await recordAudit(db, actor, {
    action: 'certificate.issue',
    entityType: 'certificate',
    entityId: cert.id,
    participantId: e.participantId,
    details: { number, kind, editionId: e.editionId },
  });
  return cert;
}

function personName0(e: LoadedEnrolment): string {
  return `${e.participant.firstName} ${e.participant.lastName}`;
}

export interface IssueOptions {
  /** The verification page's address, printed on the certificate. */
  verifyUrl: string;
  today: Date;
}

/** Issues one certificate; refuses (409) an ineligible person or a second valid one of the same kind. */
export async function issueCertificate(db: DbClient, actor: Actor, enrolmentId: number, kind: CertificateKindValue, o: IssueOptions) {
  await lockEnrolments(db, [enrolmentId]);
  const e = await loadEnrolment(db, enrolmentId);
  return issueLocked(db, actor, e, kind, o);
}

/** Issues the kind to every eligible person of an edition who has no valid one yet. */
export async function issueForEdition(db: DbClient, actor: Actor, editionId: number, kind: CertificateKindValue, o: IssueOptions) {
  const edition = await db.edition.findUnique({ where: { id: editionId }, select: { id: true } });
  if (!edition) throw new NotFoundError('Nie ma takiej edycji.');
  const ids = (await db.enrolment.findMany({ where: { editionId }, select: { id: true }, orderBy: { id: 'asc' } })).map((x) => x.id);
  await lockEnrolments(db, ids);
  const issued: string[] = [];
  let skipped = 0;
  for (const id of ids) {
    const e = await loadEnrolment(db, id);
    const has = await db.certificate.count({ where: { enrolmentId: id, kind, revokedAt: null } });
    if (has) continue;
    const { verdict } = await assessEnrolment(db, e, kind);
    if (!verdict.ok) {
      skipped += 1;
      continue;
    }
    issued.push((await issueLocked(db, actor, e, kind, o)).number);
  }
  return { issued, skipped };
}

export async function getCertificate(db: DbClient, id: number) {
  const cert = await db.certificate.findUnique({
    where: { id },
    include: {
      issuedBy: { select: { fullName: true } },
      revokedBy: { select: { fullName: true } },
      participant: { select: { id: true, firstName: true, lastName: true } },
      edition: { select: { id: true, name: true } },
    },
  });
  if (!cert) throw new NotFoundError('Nie ma takiego zaświadczenia.');
  return { ...cert, content: cert.content as unknown as CertificateContent };
}

export type CertificateRecord = Awaited<ReturnType<typeof getCertificate>>;

/** Records that the certificate was opened (a person's record was read). */
export async function recordCertificateView(db: DbClient, actor: Actor, cert: CertificateRecord): Promise<void> {
  await recordAudit(db, actor, { action: 'certificate.read', entityType: 'certificate', entityId: cert.id, participantId: cert.participantId });
}

/** Counts a print of each certificate and logs it; the printed content is the frozen one. */
export async function recordPrint(db: DbClient, actor: Actor, certs: readonly { id: number; participantId: number; number: string }[]): Promise<void> {
  // A whole edition at once: one update and one audit insert, not two statements per certificate.
  await db.certificate.updateMany({ where: { id: { in: certs.map((c) => c.id) } }, data: { printCount: { increment: 1 } } });
  await recordAuditMany(db, actor, certs.map((c) => ({ action: 'certificate.print', entityType: 'certificate', entityId: c.id, participantId: c.participantId, details: { number: c.number } })));
}

export async function revokeCertificate(db: DbClient, actor: Actor, id: number, reason: string, now = new Date()) {
  const cert = await getCertificate(db, id);
  const { count } = await db.certificate.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: now, revokedById: actor.id, revokedReason: reason },
  });
  if (count === 0) throw new ConflictError(`Zaświadczenie nr ${cert.number} zostało już unieważnione.`);
  await recordAudit(db, actor, {
    action: 'certificate.revoke',
    entityType: 'certificate',
    entityId: id,
    participantId: cert.participantId,
    details: { number: cert.number, reason },
  });
  return cert;
}

/** Valid (not revoked) certificates of an edition and kind, in register order, for one PDF. */
export async function editionCertificates(db: DbClient, editionId: number, kind: CertificateKindValue) {
  const certs = await db.certificate.findMany({
    where: { editionId, kind, revokedAt: null },
    orderBy: [{ year: 'asc' }, { seq: 'asc' }],
  });
  return certs.map((c) => ({ ...c, content: c.content as unknown as CertificateContent }));
}

/** The public verification: what the certificate is, never whose. */
export async function findByVerificationCode(db: DbClient, code: string) {
  return db.certificate.findUnique({
    where: { verificationCode: code },
    select: {
      number: true,
      kind: true,
      issuedOn: true,
      revokedAt: true,
      edition: { select: { name: true, startDate: true, endDate: true } },
      content: true,
    },
  });
}
