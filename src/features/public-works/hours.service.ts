// One person's days of socially useful work, entered one by one. The limits (10 h a week, 40 h a
// month) count every placement of the person; a closed month refuses changes.
import type { DbClient } from '../../db/client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { addDays, formatDate, isoDate, startOfWeek, warsawDate } from '../../lib/dates.ts';
import { checkPersonLimits, formatDayCell, type DayKind, type DayMinutes } from '../../lib/psu.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { firstDay, lastDay, monthLabel, monthOf, type YearMonth } from './psu-month.ts';
import { psuDataChanged } from './psu-changes.ts';

export class MonthClosedError extends ConflictError {
  constructor(ym: YearMonth) {
    super(
      `Miesiąc ${monthLabel(ym)} jest zamknięty i rozliczony: godzin nie można już zmieniać. ` +
        'Jeśli trzeba coś poprawić, administrator może otworzyć miesiąc ponownie, podając powód.',
    );
  }
}

/**
 * Makes sure the agreement's month row exists, locks it for this transaction (closing the month takes
 * the same lock, so an entry and a closing never interleave) and refuses a closed month.
 */
export async function lockOpenMonth(db: DbClient, agreementId: number, ym: YearMonth): Promise<void> {
  await db.$executeRaw`INSERT INTO psu_months (agreement_id, year, month) VALUES (${agreementId}, ${ym.year}, ${ym.month}) ON CONFLICT (agreement_id, year, month) DO NOTHING`;
  const rows = await db.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM psu_months WHERE agreement_id = ${agreementId} AND year = ${ym.year} AND month = ${ym.month} FOR UPDATE`;
  if (rows[0]?.status === 'CLOSED') throw new MonthClosedError(ym);
}

/** Two people entering hours for the same person at two workplaces at once must not both pass the limit. */
export async function lockPeople(db: DbClient, participantIds: Iterable<number>): Promise<void> {
  for (const id of [...new Set(participantIds)].sort((a, b) => a - b)) {
    await db.$queryRaw`SELECT id FROM participants WHERE id = ${id} FOR UPDATE`;
  }
}

export interface StoredDay {
  id: number;
  placementId: number;
  date: Date;
  kind: DayKind;
  minutes: number;
}

/** Every entry of a person (all placements, all agreements) between two dates. */
export async function personDays(db: DbClient, participantId: number, from: Date, to: Date): Promise<StoredDay[]> {
  return db.psuHourEntry.findMany({
    where: { participantId, date: { gte: from, lte: to } },
    orderBy: { date: 'asc' },
    select: { id: true, placementId: true, date: true, kind: true, minutes: true },
  });
}

/** The days the limits look at around a month: whole weeks, so a week across the boundary counts in full. */
export function limitWindow(ym: YearMonth): { from: Date; to: Date } {
  return { from: startOfWeek(firstDay(ym)), to: addDays(startOfWeek(lastDay(ym)), 6) };
}

export const worked = (days: readonly { date: Date; kind: DayKind; minutes: number }[]): DayMinutes[] =>
  days.filter((d) => d.kind === 'WORK' && d.minutes > 0).map((d) => ({ date: d.date, minutes: d.minutes }));

export interface DayEntryInput {
  date: Date;
  kind: DayKind;
  minutes: number;
  note: string | null;
}

async function placementWithAgreement(db: DbClient, placementId: number) {
  const placement = await db.psuPlacement.findUnique({
    where: { id: placementId },
    include: { participant: { select: { id: true, firstName: true, lastName: true } } },
  });
  if (!placement) throw new NotFoundError('Nie ma takiego skierowania do prac.');
  return placement;
}

/** Saves one day (replacing what that placement had on that day), or refuses with the limit broken. */
export async function saveDayEntry(db: DbClient, actor: Actor, placementId: number, input: DayEntryInput, today = warsawDate()) {
  const placement = await placementWithAgreement(db, placementId);
  if (input.date < placement.startDate || input.date > placement.endDate) {
    throw new ValidationError({ date: `Skierowanie obejmuje dni od ${formatDate(placement.startDate)} do ${formatDate(placement.endDate)}.` });
  }
  if (input.kind === 'WORK' && input.date > today) {
    throw new ValidationError({ date: 'Ten dzień jeszcze nie minął: godziny wpisuje się po ich przepracowaniu.' });
  }
  const ym = monthOf(input.date);
  await lockOpenMonth(db, placement.agreementId, ym);
  await lockPeople(db, [placement.participantId]);
  const window = limitWindow(ym);
  const days = await personDays(db, placement.participantId, window.from, window.to);
  const key = isoDate(input.date);
  const before = days.find((d) => d.placementId === placementId && isoDate(d.date) === key);
  const picture = worked(days.filter((d) => d !== before));
  if (input.kind === 'WORK') picture.push({ date: input.date, minutes: input.minutes });
  const breaches = checkPersonLimits(picture, [input.date]);
  if (breaches.length) {
    throw new ValidationError({ hours: `Nie zapisano: ${breaches.map((b) => b.message).join('; ')}.` }, 'Przekroczony limit godzin.');
  }
  const data = { kind: input.kind, minutes: input.minutes, note: input.note, enteredById: actor.id };
  await db.psuHourEntry.upsert({
    where: { placementId_date: { placementId, date: input.date } },
    update: data,
    create: { ...data, placementId, participantId: placement.participantId, date: input.date },
  });
  psuDataChanged();
  await recordAudit(db, actor, {
    action: 'psu.hours.save',
    entityType: 'psu_placement',
    entityId: placementId,
    participantId: placement.participantId,
    details: {
      date: key,
      before: before ? formatDayCell(before.kind, before.minutes) : null,
      after: formatDayCell(input.kind, input.minutes),
    },
  });
  return { placement, ym };
}

export async function deleteDayEntry(db: DbClient, actor: Actor, entryId: number) {
  const entry = await db.psuHourEntry.findUnique({ where: { id: entryId }, include: { placement: { select: { agreementId: true } } } });
  if (!entry) throw new NotFoundError('Nie ma takiego wpisu godzin.');
  const ym = monthOf(entry.date);
  await lockOpenMonth(db, entry.placement.agreementId, ym);
  await db.psuHourEntry.delete({ where: { id: entryId } });
  psuDataChanged();
  await recordAudit(db, actor, {
    action: 'psu.hours.delete',
    entityType: 'psu_placement',
    entityId: entry.placementId,
    participantId: entry.participantId,
    details: { date: isoDate(entry.date), before: formatDayCell(entry.kind, entry.minutes) },
  });
  return { placementId: entry.placementId, ym };
}

/** A placement's month for its page: the days entered, and the person's weeks and month across all placements. */
export async function placementMonth(db: DbClient, placement: { id: number; participantId: number }, ym: YearMonth) {
  const window = limitWindow(ym);
  const days = await personDays(db, placement.participantId, window.from, window.to);
  const from = firstDay(ym);
  const to = lastDay(ym);
  const entries = await db.psuHourEntry.findMany({
    where: { placementId: placement.id, date: { gte: from, lte: to } },
    orderBy: { date: 'asc' },
    include: { enteredBy: { select: { fullName: true } } },
  });
  const weeks = [];
  for (let monday = window.from; monday <= window.to; monday = addDays(monday, 7)) {
    const sunday = addDays(monday, 6);
    const minutes = worked(days).filter((d) => d.date >= monday && d.date <= sunday).reduce((s, d) => s + d.minutes, 0);
    weeks.push({ monday, sunday, minutes });
  }
  const inMonth = worked(days).filter((d) => d.date >= from && d.date <= to);
  return {
    entries,
    weeks,
    monthMinutesAll: inMonth.reduce((s, d) => s + d.minutes, 0),
    monthMinutesHere: entries.filter((e) => e.kind === 'WORK').reduce((s, e) => s + e.minutes, 0),
    sicknessDays: entries.filter((e) => e.kind === 'SICKNESS').length,
    absenceDays: entries.filter((e) => e.kind === 'ABSENCE').length,
  };
}
