// The person card: one timeline of everything about a person (referrals, contracts with reviews,
// enrolments with attendance, PSU placements and hours, certificates), newest first.
import type { DbClient } from '../../db/client.ts';
import { attendanceBasisPoints, tally, type Mark } from '../../lib/attendance.ts';
import { formatDate, startOfMonth } from '../../lib/dates.ts';
import { formatBasisPoints, formatHours } from '../../lib/money.ts';
import { CONTRACT_KIND_LABELS, CONTRACT_STATUS_LABELS, CONTRACT_STATUS_TONES } from '../contracts/contracts.labels.ts';
import { ELIGIBILITY_LABELS, REFERRAL_KIND_SHORT, REFERRAL_STATUS_LABELS, REFERRAL_STATUS_TONES } from '../referrals/referrals.labels.ts';
import type { Actor } from '../audit/audit.service.ts';
import { CERTIFICATE_KIND_LABELS, ENROLMENT_STATUS_LABELS, PSU_PLACEMENT_STATUS_LABELS } from './participants.labels.ts';
import { getParticipant, recordParticipantRead } from './participants.service.ts';

export type TimelineKind = 'referral' | 'contract' | 'enrolment' | 'psu' | 'certificate';

export interface TimelineEntry {
  date: Date;
  kind: TimelineKind;
  kindLabel: string;
  title: string;
  href?: string;
  tag?: { text: string; tone: string };
  lines: string[];
  /** Sub-events, e.g. a contract's reviews and extensions. */
  items: { date: Date | null; text: string }[];
}

const KIND_LABELS: Record<TimelineKind, string> = {
  referral: 'Skierowanie',
  contract: 'Kontrakt socjalny',
  enrolment: 'Udział w KIS',
  psu: 'Prace społecznie użyteczne',
  certificate: 'Zaświadczenie',
};

const entry = (kind: TimelineKind, e: Omit<TimelineEntry, 'kind' | 'kindLabel' | 'items'> & { items?: TimelineEntry['items'] }): TimelineEntry => ({
  kind, kindLabel: KIND_LABELS[kind], items: [], ...e,
});

async function referralEntries(db: DbClient, participantId: number, withSensitive: boolean): Promise<TimelineEntry[]> {
  const referrals = await db.referral.findMany({
    where: { participantId },
    include: { edition: { select: { name: true } }, group: { select: { name: true } }, author: { select: { fullName: true } }, decidedBy: { select: { fullName: true } } },
  });
  return referrals.map((r) => {
    const lines = [`Wystawił(a): ${r.author.fullName}.`];
    if (r.edition) lines.push(`Edycja: ${r.edition.name}${r.group ? `, ${r.group.name}` : ''}.`);
    if (withSensitive && r.eligibilityBases.length) lines.push(`Podstawa: ${r.eligibilityBases.map((b) => ELIGIBILITY_LABELS[b]).join('; ')}.`);
    if (r.decidedAt) lines.push(`Decyzja: ${formatDate(r.decidedAt)}${r.decidedBy ? `, ${r.decidedBy.fullName}` : ''}.`);
    if (r.rejectionReason) lines.push(`Powód odrzucenia: ${r.rejectionReason}`);
    if (r.withdrawalReason) lines.push(`Powód wycofania: ${r.withdrawalReason}`);
    return entry('referral', {
      date: r.submittedAt ?? r.createdAt,
      title: `${r.number} do ${REFERRAL_KIND_SHORT[r.kind]}`,
      href: `/skierowania/${r.id}`,
      tag: { text: REFERRAL_STATUS_LABELS[r.status], tone: REFERRAL_STATUS_TONES[r.status] },
      lines,
    });
  });
}

async function contractEntries(db: DbClient, participantId: number): Promise<TimelineEntry[]> {
  const contracts = await db.socialContract.findMany({
    where: { participantId },
    include: {
      socialWorker: { select: { fullName: true } },
      reviews: { orderBy: [{ dueDate: 'asc' }, { id: 'asc' }] },
      extensions: { orderBy: { createdAt: 'asc' } },
    },
  });
  return contracts.map((c) => {
    const lines = [`Okres: ${formatDate(c.startDate)} – ${formatDate(c.endDate)}. Pracownik socjalny: ${c.socialWorker.fullName}.`];
    if (c.kind === 'THREE_PARTY') lines.push(`Kontrakt ${CONTRACT_KIND_LABELS.THREE_PARTY}: ${c.thirdPartyName ?? ''}.`);
    if (c.status !== 'ACTIVE' && c.statusDate) lines.push(`${CONTRACT_STATUS_LABELS[c.status]} z dniem ${formatDate(c.statusDate)}${c.statusReason ? `: ${c.statusReason}` : '.'}`);
    const items: TimelineEntry['items'] = [
      ...c.reviews.map((r) => ({
        date: r.heldAt ?? r.dueDate,
        text: r.heldAt
          ? `ocena realizacji kontraktu${r.notes ? `: ${r.notes}` : '.'}`
          : 'ocena zaplanowana, jeszcze się nie odbyła.',
      })),
      ...c.extensions.map((x) => ({ date: x.createdAt, text: `przedłużony z ${formatDate(x.previousEnd)} do ${formatDate(x.newEnd)}: ${x.reason}` })),
    ];
    return entry('contract', {
      date: c.startDate,
      title: c.number,
      href: `/kontrakty/${c.id}`,
      tag: { text: CONTRACT_STATUS_LABELS[c.status], tone: CONTRACT_STATUS_TONES[c.status] },
      lines,
      items,
    });
  });
}

/** Attendance so far in one enrolment: held sessions of the group (and the person's own) since joining. */
export async function enrolmentAttendance(
  db: DbClient,
  e: { editionId: number; groupId: number; participantId: number; startDate: Date; endDate: Date | null },
  excusedCountsAsPresent: boolean,
) {
  const sessions = await db.classSession.findMany({
    where: {
      editionId: e.editionId,
      status: 'HELD',
      date: { gte: e.startDate, ...(e.endDate ? { lte: e.endDate } : {}) },
      OR: [{ groupId: e.groupId }, { participantId: e.participantId }],
    },
    select: { id: true, date: true, attendance: { where: { participantId: e.participantId }, select: { status: true } } },
    orderBy: { date: 'asc' },
  });
  const marks: (Mark | null)[] = sessions.map((s) => s.attendance[0]?.status ?? null);
  const t = tally(marks);
  const lastPresent = [...sessions].reverse().find((s) => s.attendance[0]?.status === 'PRESENT')?.date ?? null;
  return { tally: t, basisPoints: attendanceBasisPoints(t, excusedCountsAsPresent), lastPresent };
}

async function enrolmentEntries(db: DbClient, participantId: number): Promise<TimelineEntry[]> {
  const enrolments = await db.enrolment.findMany({
    where: { participantId },
    include: { edition: { select: { name: true, excusedCountsAsPresent: true, completionThresholdPct: true } }, group: { select: { name: true } } },
  });
  const out: TimelineEntry[] = [];
  for (const e of enrolments) {
    const a = await enrolmentAttendance(db, e, e.edition.excusedCountsAsPresent);
    const lines = [`Od ${formatDate(e.startDate)}${e.endDate ? ` do ${formatDate(e.endDate)}` : ''}.`];
    if (a.tally.held === 0) lines.push('Frekwencja: nie odbyły się jeszcze żadne zajęcia.');
    else {
      lines.push(
        `Frekwencja: ${formatBasisPoints(a.basisPoints!)} (obecny(-a) na ${a.tally.present} z ${a.tally.held} zajęć; nieobecności usprawiedliwione: ${a.tally.excused}, nieusprawiedliwione: ${a.tally.absent}). Próg ukończenia: ${e.edition.completionThresholdPct}%.`,
      );
      lines.push(a.lastPresent ? `Ostatnia obecność: ${formatDate(a.lastPresent)}.` : 'Jeszcze ani razu obecny(-a).');
    }
    if (e.outcomeReason) lines.push(`Uwagi: ${e.outcomeReason}`);
    if (e.tookUpEmployment) lines.push(`Podjęcie zatrudnienia${e.employmentDate ? `: ${formatDate(e.employmentDate)}` : ''}.`);
    out.push(entry('enrolment', {
      date: e.startDate,
      title: `${e.edition.name}, ${e.group.name}`,
      tag: { text: ENROLMENT_STATUS_LABELS[e.status], tone: e.status === 'ACTIVE' ? 'green' : e.status === 'DROPPED_OUT' ? 'red' : '' },
      lines,
    }));
  }
  return out;
}

async function psuEntries(db: DbClient, participantId: number, today: Date): Promise<TimelineEntry[]> {
  const placements = await db.psuPlacement.findMany({
    where: { participantId },
    include: { agreement: { select: { number: true, pupName: true } }, workplace: { select: { name: true } }, entries: { select: { date: true, kind: true, minutes: true } } },
  });
  const monthStart = startOfMonth(today);
  return placements.map((p) => {
    const worked = p.entries.filter((x) => x.kind === 'WORK');
    const total = worked.reduce((s, x) => s + x.minutes, 0);
    const thisMonth = worked.filter((x) => x.date >= monthStart).reduce((s, x) => s + x.minutes, 0);
    const sickDays = p.entries.filter((x) => x.kind === 'SICKNESS').length;
    const lines = [
      `Miejsce: ${p.workplace.name}. Porozumienie ${p.agreement.number} (${p.agreement.pupName}).`,
      `Okres: ${formatDate(p.startDate)} – ${formatDate(p.endDate)}${p.pupReferralNumber ? `, skierowanie PUP ${p.pupReferralNumber}` : ''}.`,
      `Przepracowane godziny: ${formatHours(total)} h razem, ${formatHours(thisMonth)} h w bieżącym miesiącu${sickDays ? `; dni choroby: ${sickDays}` : ''}.`,
    ];
    if (p.endReason) lines.push(`Zakończenie: ${p.endReason}`);
    return entry('psu', { date: p.startDate, title: p.workplace.name, tag: { text: PSU_PLACEMENT_STATUS_LABELS[p.status], tone: p.status === 'ACTIVE' ? 'green' : 'grey' }, lines });
  });
}

async function certificateEntries(db: DbClient, participantId: number): Promise<TimelineEntry[]> {
  const certificates = await db.certificate.findMany({ where: { participantId }, include: { edition: { select: { name: true } } } });
  return certificates.map((c) => entry('certificate', {
    date: c.issuedOn,
    title: `Nr ${c.number}: ${CERTIFICATE_KIND_LABELS[c.kind]}`,
    tag: c.revokedAt ? { text: 'unieważnione', tone: 'red' } : { text: 'wydane', tone: 'green' },
    lines: [
      `Wydane ${formatDate(c.issuedOn)}${c.edition ? `, ${c.edition.name}` : ''}.`,
      ...(c.revokedAt ? [`Unieważnione ${formatDate(c.revokedAt)}${c.revokedReason ? `: ${c.revokedReason}` : ''}.`] : []),
    ],
  }));
}

const KIND_ORDER: TimelineKind[] = ['certificate', 'psu', 'enrolment', 'referral', 'contract'];

/** All of a person's history, newest first (on the same day the later step of a case comes first). */
export async function participantTimeline(db: DbClient, participantId: number, opts: { withSensitive: boolean; today: Date }) {
  const parts = [
    await referralEntries(db, participantId, opts.withSensitive),
    await contractEntries(db, participantId),
    await enrolmentEntries(db, participantId),
    await psuEntries(db, participantId, opts.today),
    await certificateEntries(db, participantId),
  ];
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return parts.flat().sort((a, b) => {
    const byDay = day(b.date).localeCompare(day(a.date));
    return byDay !== 0 ? byDay : KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  });
}

/** Everything the card shows, with the read written to the audit log (call inside a transaction). */
export async function readParticipantCard(db: DbClient, actor: Actor, id: number, opts: { withSensitive: boolean; today: Date }) {
  const participant = await getParticipant(db, id, { sensitive: opts.withSensitive });
  const timeline = await participantTimeline(db, id, opts);
  const activeContract = await db.socialContract.findFirst({
    where: { participantId: id, status: 'ACTIVE' },
    orderBy: { endDate: 'desc' },
    select: { id: true, number: true, startDate: true, endDate: true },
  });
  const openReferrals = await db.referral.findMany({
    where: { participantId: id, status: { in: ['DRAFT', 'SUBMITTED', 'RESERVE'] } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, number: true, status: true, kind: true },
  });
  await recordParticipantRead(db, actor, id, 'card', opts.withSensitive);
  return { participant, timeline, activeContract, openReferrals };
}
