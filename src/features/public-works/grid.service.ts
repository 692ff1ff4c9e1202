// The month grid of one workplace: people × days, saved all or nothing. A refused grid comes back with
// every typed cell, the offending cells marked and nothing stored.
import crypto from 'node:crypto';
import type { DbClient } from '../../db/client.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../../http/errors.ts';
import { formatDate, isoDate, warsawDate } from '../../lib/dates.ts';
import { checkPersonLimits, formatDayCell, parseDayCell, type DayKind } from '../../lib/psu.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { limitWindow, lockOpenMonth, lockPeople, personDays, worked } from './hours.service.ts';
import { daysOfMonth, firstDay, lastDay, monthParam, type YearMonth } from './psu-month.ts';
import { psuDataChanged } from './psu-changes.ts';

export const cellKey = (placementId: number, day: number) => `h.${placementId}.${day}`;

export async function loadGrid(db: DbClient, workplaceId: number, ym: YearMonth) {
  const workplace = await db.psuWorkplace.findUnique({ where: { id: workplaceId }, include: { agreement: true } });
  if (!workplace) throw new NotFoundError('Nie ma takiego miejsca wykonywania prac.');
  const from = firstDay(ym);
  const to = lastDay(ym);
  const placements = await db.psuPlacement.findMany({
    where: { workplaceId, startDate: { lte: to }, endDate: { gte: from } },
    include: { participant: { select: { id: true, firstName: true, lastName: true } } },
  });
  const collator = new Intl.Collator('pl');
  placements.sort((a, b) => collator.compare(a.participant.lastName, b.participant.lastName) || collator.compare(a.participant.firstName, b.participant.firstName) || a.id - b.id);
  const ids = placements.map((p) => p.id);
  const entries = await db.psuHourEntry.findMany({
    where: { placementId: { in: ids }, date: { gte: from, lte: to } },
    orderBy: [{ placementId: 'asc' }, { date: 'asc' }],
  });
  // Hours the same people worked elsewhere this month count toward their 40 h too.
  const elsewhere = await db.psuHourEntry.groupBy({
    by: ['participantId'],
    where: { participantId: { in: placements.map((p) => p.participantId) }, placementId: { notIn: ids }, kind: 'WORK', date: { gte: from, lte: to } },
    _sum: { minutes: true },
  });
  const month = await db.psuMonth.findUnique({ where: { agreementId_year_month: { agreementId: workplace.agreementId, year: ym.year, month: ym.month } } });
  const days = daysOfMonth(ym);
  const rows = placements.map((p) => {
    const mine = entries.filter((e) => e.placementId === p.id);
    const byDay = new Map(mine.map((e) => [e.date.getUTCDate(), e]));
    return {
      placement: p,
      cells: days.map((d) => {
        const e = byDay.get(d.day);
        return {
          day: d.day,
          key: cellKey(p.id, d.day),
          editable: d.date >= p.startDate && d.date <= p.endDate,
          stored: e ? formatDayCell(e.kind, e.minutes) : '',
          entry: e ?? null,
        };
      }),
      workedMinutes: mine.filter((e) => e.kind === 'WORK').reduce((s, e) => s + e.minutes, 0),
      elsewhereMinutes: elsewhere.find((x) => x.participantId === p.participantId)?._sum.minutes ?? 0,
    };
  });
  const token = crypto
    .createHash('sha256')
    .update(entries.map((e) => `${e.placementId}:${isoDate(e.date)}:${e.kind}:${e.minutes}`).join('|') + `#${ids.join(',')}`)
    .digest('hex')
    .slice(0, 24);
  return { workplace, agreement: workplace.agreement, ym, days, rows, closed: month?.status === 'CLOSED', month, token };
}

export type Grid = Awaited<ReturnType<typeof loadGrid>>;

/** A refused grid: messages for the summary, and for each marked cell the id of the text that explains it. */
export class GridRefusedError extends ValidationError {
  constructor(
    summary: FieldErrors,
    readonly marked: Record<string, string>,
    readonly rowMessages: Record<number, string[]>,
  ) {
    super(summary, 'Nie zapisano godzin: popraw zaznaczone pola.');
  }
}

export class GridChangedError extends ConflictError {
  constructor() {
    super('Ktoś inny zmienił godziny w tej siatce, gdy ją wypełniałeś(-aś). Nic nie zapisano. Twoje wartości są poniżej: sprawdź je z aktualnymi wpisami i zapisz ponownie.');
  }
}

type Cell = { kind: DayKind; minutes: number } | null;

/** A cell's text from the form: fields are named like "h.12.3" (placement 12, day 3), kept flat on purpose. */
const cellText = (submitted: unknown, key: string): string | null => {
  const v = (submitted as Record<string, unknown> | undefined)?.[key];
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : null;
};

/**
 * Saves the grid as typed. Everything is checked first (format, future days, both limits for every
 * person over all their placements); one refusal and nothing is stored.
 */
export async function saveGrid(db: DbClient, actor: Actor, workplaceId: number, ym: YearMonth, submitted: unknown, token: string, today = warsawDate()) {
  const workplace = await db.psuWorkplace.findUnique({ where: { id: workplaceId }, select: { agreementId: true } });
  if (!workplace) throw new NotFoundError('Nie ma takiego miejsca wykonywania prac.');
  await lockOpenMonth(db, workplace.agreementId, ym);
  const grid = await loadGrid(db, workplaceId, ym);
  await lockPeople(db, grid.rows.map((r) => r.placement.participantId));
  if (grid.token !== token) throw new GridChangedError();

  const summary: FieldErrors = {};
  const marked: Record<string, string> = {};
  const rowMessages: Record<number, string[]> = {};
  const refuse = (placementId: number, keys: string[], message: string) => {
    const rowId = `row-${placementId}-error`;
    (rowMessages[placementId] ??= []).push(message);
    for (const k of keys) marked[k] = rowId;
    // The summary links each message to a cell it concerns; two messages never share one link.
    const free = keys.find((k) => !(k in summary));
    if (free) summary[free] = message;
    else if (keys[0]) summary[keys[0]] += ` ${message}`;
  };
  const nameOf = (r: Grid['rows'][number]) => `${r.placement.participant.firstName} ${r.placement.participant.lastName}`;

  // 1. Every cell must read as hours, C or N; hours only on days that have passed.
  const wanted = new Map<string, Cell>();
  for (const r of grid.rows) {
    for (const [i, c] of r.cells.entries()) {
      if (!c.editable) continue;
      const text = cellText(submitted, c.key);
      const parsed = text === null ? null : parseDayCell(text);
      const date = grid.days[i]!.date;
      if (parsed === null) {
        refuse(r.placement.id, [c.key], `${nameOf(r)}, ${formatDate(date)}: wpisz godziny (np. 4, 4,5 albo 3:30), C (niezdolność do pracy) albo N (nieobecność).`);
      } else if (parsed !== 'empty' && parsed.kind === 'WORK' && date > today) {
        refuse(r.placement.id, [c.key], `${nameOf(r)}, ${formatDate(date)}: ten dzień jeszcze nie minął.`);
      } else {
        wanted.set(c.key, parsed === 'empty' ? null : parsed);
      }
    }
  }
  if (Object.keys(summary).length) throw new GridRefusedError(summary, marked, rowMessages);

  // 2. What changes, person by person.
  const changes: { row: Grid['rows'][number]; day: number; date: Date; before: Cell; after: Cell; entryId: number | null }[] = [];
  for (const r of grid.rows) {
    for (const [i, c] of r.cells.entries()) {
      if (!wanted.has(c.key)) continue;
      const after = wanted.get(c.key) ?? null;
      const before: Cell = c.entry ? { kind: c.entry.kind, minutes: c.entry.minutes } : null;
      if (before?.kind === after?.kind && before?.minutes === after?.minutes) continue;
      changes.push({ row: r, day: c.day, date: grid.days[i]!.date, before, after, entryId: c.entry?.id ?? null });
    }
  }

  // 3. The limits, over each changed person's whole picture (other workplaces and agreements included).
  const window = limitWindow(ym);
  const gridIds = new Set(grid.rows.map((r) => r.placement.id));
  const from = firstDay(ym);
  const to = lastDay(ym);
  for (const participantId of new Set(changes.map((c) => c.row.placement.participantId))) {
    const stored = await personDays(db, participantId, window.from, window.to);
    const myRows = grid.rows.filter((r) => r.placement.participantId === participantId);
    const picture = worked(stored.filter((d) => !(gridIds.has(d.placementId) && d.date >= from && d.date <= to)));
    const typed: { key: string; date: Date; minutes: number; row: Grid['rows'][number] }[] = [];
    for (const r of myRows) {
      for (const [i, c] of r.cells.entries()) {
        const date = grid.days[i]!.date;
        const cell = wanted.has(c.key) ? (wanted.get(c.key) ?? null) : c.entry;
        if (cell?.kind === 'WORK' && cell.minutes > 0) {
          picture.push({ date, minutes: cell.minutes });
          typed.push({ key: c.key, date, minutes: cell.minutes, row: r });
        }
      }
    }
    const changedDates = changes.filter((c) => c.row.placement.participantId === participantId).map((c) => c.date);
    for (const breach of checkPersonLimits(picture, changedDates)) {
      const inPeriod = typed.filter((t) => t.date >= breach.from && t.date <= breach.to);
      const row = inPeriod[0]?.row ?? myRows[0]!;
      refuse(row.placement.id, inPeriod.map((t) => t.key), `${nameOf(row)}: ${breach.message}.`);
    }
  }
  if (Object.keys(summary).length) throw new GridRefusedError(summary, marked, rowMessages);

  // 4. Store and log, one audit row per person.
  for (const c of changes) {
    const p = c.row.placement;
    if (c.after === null) {
      await db.psuHourEntry.delete({ where: { id: c.entryId! } });
    } else {
      await db.psuHourEntry.upsert({
        where: { placementId_date: { placementId: p.id, date: c.date } },
        update: { kind: c.after.kind, minutes: c.after.minutes, enteredById: actor.id },
        create: { placementId: p.id, participantId: p.participantId, date: c.date, kind: c.after.kind, minutes: c.after.minutes, enteredById: actor.id },
      });
    }
  }
  if (changes.length) psuDataChanged();
  for (const participantId of new Set(changes.map((c) => c.row.placement.participantId))) {
    const mine = changes.filter((c) => c.row.placement.participantId === participantId);
    await recordAudit(db, actor, {
      action: 'psu.hours.grid',
      entityType: 'psu_workplace',
      entityId: workplaceId,
      participantId,
      details: {
        month: monthParam(ym),
        changes: mine.map((c) => ({
          date: isoDate(c.date),
          before: c.before ? formatDayCell(c.before.kind, c.before.minutes) : null,
          after: c.after ? formatDayCell(c.after.kind, c.after.minutes) : null,
        })),
      },
    });
  }
  return { changed: changes.length, people: new Set(changes.map((c) => c.row.placement.participantId)).size };
}
