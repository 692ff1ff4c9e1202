// PSU hours from a sheet (person, day, hours). Each row is found on a placement of the person, then
// written with the PSU feature's own saveDayEntry, which applies every rule of a hand-typed day: the
// placement's period, a day that has passed, a closed month, 10 h a week and 40 h a month across all of
// the person's placements. The preview runs exactly that inside a transaction it then rolls back.
import type { DbClient } from '../../db/client.ts';
import { HttpError, ValidationError } from '../../http/errors.ts';
import { parseAnyDate } from '../../http/form.ts';
import { formatDate, isoDate } from '../../lib/dates.ts';
import { formatDayCell, parseDayCell, type DayKind } from '../../lib/psu.ts';
import type { Actor } from '../audit/audit.service.ts';
import { peselProblem } from '../participants/participants.schemas.ts';
import { saveDayEntry } from '../public-works/hours.service.ts';
import { sheetDate, sheetPesel } from './participant-rows.ts';
import type { PsuColumnKey } from './psu-columns.ts';
import { normalizeHeader, type SheetRow } from './sheet-columns.ts';

export type PsuSheetRow = SheetRow<PsuColumnKey>;

export interface PsuEntryPlan {
  placementId: number;
  person: string;
  workplace: string;
  date: Date;
  kind: DayKind;
  minutes: number;
  note: string | null;
}

export interface PsuRowCheck {
  row: number;
  problems: string[];
  duplicate: boolean;
  entry: PsuEntryPlan | null;
}

const FIELD_LABELS: Record<string, string> = { date: 'Data', hours: 'Godziny', kind: 'Godziny', note: 'Uwagi' };

/** Reads each row and finds its placement; nothing is written. */
export async function resolvePsuRows(db: DbClient, rows: PsuSheetRow[]): Promise<PsuRowCheck[]> {
  const parsed = rows.map((r) => {
    const problems: string[] = [];
    const v = r.values;
    const pesel = v.pesel ? sheetPesel(v.pesel) : null;
    if (!pesel) problems.push('PESEL: wpisz numer PESEL osoby.');
    else if (pesel.problem) problems.push(`PESEL: ${pesel.problem}`);
    else if (peselProblem(pesel.value)) problems.push(`PESEL: ${peselProblem(pesel.value)}`);
    const date = v.date ? parseAnyDate(sheetDate(v.date)) : null;
    if (!date) problems.push(v.date ? `Data: „${v.date}” to nie jest prawdziwa data. Wpisz ją w formacie DD.MM.RRRR.` : 'Data: wpisz dzień pracy.');
    const cell = parseDayCell(v.hours ?? '');
    if (cell === null || cell === 'empty') {
      problems.push(`Godziny: ${v.hours ? `„${v.hours}” – ` : ''}wpisz liczbę godzin (np. 4, 3,5 albo 3:30), C (niezdolność do pracy) albo N (nieobecność).`);
    }
    return { r, problems, pesel: pesel && !problems.length ? pesel.value : null, date, cell: cell && cell !== 'empty' ? cell : null };
  });

  const pesels = [...new Set(parsed.map((p) => p.pesel).filter((p): p is string => Boolean(p)))];
  const people = await db.participant.findMany({ where: { pesel: { in: pesels } }, select: { id: true, pesel: true, firstName: true, lastName: true } });
  const personOf = new Map(people.map((p) => [p.pesel!, p]));
  const placements = await db.psuPlacement.findMany({
    where: { participantId: { in: people.map((p) => p.id) } },
    select: { id: true, participantId: true, startDate: true, endDate: true, workplace: { select: { name: true } } },
  });

  const checks: PsuRowCheck[] = parsed.map(({ r, problems, pesel, date, cell }) => {
    const check: PsuRowCheck = { row: r.row, problems, duplicate: false, entry: null };
    if (!pesel || !date || !cell) return check;
    const person = personOf.get(pesel);
    if (!person) {
      problems.push('PESEL: nie ma w rejestrze osoby o tym numerze PESEL.');
      return check;
    }
    const name = `${person.firstName} ${person.lastName}`;
    if (r.values.lastName && normalizeHeader(r.values.lastName) !== normalizeHeader(person.lastName)) {
      problems.push(`Nazwisko: „${r.values.lastName}” nie zgadza się z osobą o tym numerze PESEL (${name}). Sprawdź numer.`);
      return check;
    }
    const onDay = placements.filter((p) => p.participantId === person.id && p.startDate <= date && p.endDate >= date);
    const wanted = r.values.workplace ? normalizeHeader(r.values.workplace) : null;
    const matching = wanted ? onDay.filter((p) => normalizeHeader(p.workplace.name) === wanted) : onDay;
    if (!onDay.length) problems.push(`Data: ${name} nie ma skierowania do PSU obejmującego ${formatDate(date)}.`);
    else if (!matching.length) problems.push(`Miejsce: ${name} nie pracuje ${formatDate(date)} w miejscu „${r.values.workplace}” (ma: ${onDay.map((p) => p.workplace.name).join(', ')}).`);
    else if (matching.length > 1) problems.push(`Miejsce: ${name} pracuje ${formatDate(date)} w kilku miejscach (${matching.map((p) => p.workplace.name).join(', ')}). Wpisz miejsce w kolumnie „Miejsce”.`);
    else {
      const p = matching[0]!;
      check.entry = { placementId: p.id, person: name, workplace: p.workplace.name, date, kind: cell.kind, minutes: cell.minutes, note: r.values.note ?? null };
    }
    return check;
  });

  // The same person's day twice in the file, or already entered by hand.
  const byDay = new Map<string, PsuRowCheck[]>();
  for (const c of checks) if (c.entry) byDay.set(`${c.entry.placementId}|${isoDate(c.entry.date)}`, [...(byDay.get(`${c.entry.placementId}|${isoDate(c.entry.date)}`) ?? []), c]);
  for (const group of byDay.values()) {
    if (group.length < 2) continue;
    for (const c of group) {
      c.problems.push(`Duplikat w pliku: ten sam dzień tej osoby jest też w ${group.length > 2 ? 'wierszach' : 'wierszu'} ${group.filter((o) => o !== c).map((o) => o.row).join(', ')}.`);
      c.duplicate = true;
    }
  }
  const dated = checks.filter((c) => c.entry);
  if (dated.length) {
    const times = dated.map((c) => c.entry!.date.getTime());
    const existing = await db.psuHourEntry.findMany({
      where: { placementId: { in: [...new Set(dated.map((c) => c.entry!.placementId))] }, date: { gte: new Date(Math.min(...times)), lte: new Date(Math.max(...times)) } },
      select: { placementId: true, date: true, kind: true, minutes: true },
    });
    const stored = new Map(existing.map((e) => [`${e.placementId}|${isoDate(e.date)}`, e]));
    for (const c of dated) {
      const e = stored.get(`${c.entry!.placementId}|${isoDate(c.entry!.date)}`);
      if (!e) continue;
      c.problems.push(`Duplikat w ewidencji: ${formatDate(c.entry!.date)} ma już wpis „${formatDayCell(e.kind, e.minutes)}”. Import nie zastępuje wpisów: usuń wiersz albo popraw dzień w siatce godzin.`);
      c.duplicate = true;
    }
  }
  for (const c of checks) if (c.problems.length) c.entry = null;
  return checks;
}

/**
 * Writes the rows that resolved, in sheet order, with saveDayEntry; a row it refuses gets its message.
 * Call inside one transaction: the caller commits only when no row has a problem.
 */
export async function applyPsuRows(tx: DbClient, actor: Actor, checks: PsuRowCheck[], onProgress?: (done: number) => void): Promise<number> {
  let done = 0;
  for (const c of checks) {
    if (!c.entry) continue;
    try {
      await saveDayEntry(tx, actor, c.entry.placementId, { date: c.entry.date, kind: c.entry.kind, minutes: c.entry.minutes, note: c.entry.note });
      done += 1;
      onProgress?.(done);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      const messages = err instanceof ValidationError ? Object.entries(err.fieldErrors).map(([f, m]) => `${FIELD_LABELS[f] ?? f}: ${m}`) : [err.publicMessage];
      c.problems.push(...messages);
      c.entry = null;
    }
  }
  return done;
}

export function psuSummary(checks: PsuRowCheck[]) {
  const withErrors = checks.filter((c) => c.problems.length).length;
  return { total: checks.length, ok: checks.length - withErrors, withErrors, duplicates: checks.filter((c) => c.duplicate).length };
}
