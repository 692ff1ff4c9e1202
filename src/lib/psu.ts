// Socially useful work (prace społecznie użyteczne): the legal hour limits and the money.
// At most 10 hours in a week (Monday–Sunday) and 40 hours in a calendar month per person.
// Benefit = hours × hourly rate, per person rounded half up to the grosz; the refund claim is the sum of
// each person's refund (percentOf each row), so every list adds up to the last grosz.
import { addDays, endOfMonth, isoDate, startOfMonth, startOfWeek } from './dates.ts';
import { divideRoundHalfUp, formatHours, percentOf } from './money.ts';

export const WEEK_LIMIT_MINUTES = 10 * 60;
export const MONTH_LIMIT_MINUTES = 40 * 60;

export interface DayMinutes {
  date: Date;
  minutes: number;
}

export interface LimitBreach {
  limit: 'week' | 'month';
  overByMinutes: number;
  /** Polish, e.g. "limit 10 h tygodniowo przekroczony o 1 h (tydzień 06.04–12.04.2026)". */
  message: string;
}

function fmtShort(d: Date) {
  return `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The week (Monday–Sunday) holding `monday`: a breach when the days in it add up to more than 10 h. */
export function weekBreach(days: readonly DayMinutes[], monday: Date): LimitBreach | null {
  const sunday = addDays(monday, 6);
  const total = days.filter((e) => e.date >= monday && e.date <= sunday).reduce((s, e) => s + e.minutes, 0);
  if (total <= WEEK_LIMIT_MINUTES) return null;
  const over = total - WEEK_LIMIT_MINUTES;
  return {
    limit: 'week',
    overByMinutes: over,
    message: `limit 10 h tygodniowo przekroczony o ${formatHours(over)} h (tydzień ${fmtShort(monday)}–${fmtShort(sunday)}.${sunday.getUTCFullYear()})`,
  };
}

/** The calendar month holding `date`: a breach when the days in it add up to more than 40 h. */
export function monthBreach(days: readonly DayMinutes[], date: Date): LimitBreach | null {
  const from = startOfMonth(date);
  const to = endOfMonth(date);
  const total = days.filter((e) => e.date >= from && e.date <= to).reduce((s, e) => s + e.minutes, 0);
  if (total <= MONTH_LIMIT_MINUTES) return null;
  const over = total - MONTH_LIMIT_MINUTES;
  return { limit: 'month', overByMinutes: over, message: `limit 40 h miesięcznie przekroczony o ${formatHours(over)} h` };
}

/**
 * Checks one person's entry against the limits. `existing` is the person's other worked days (any
 * placement) around the date; an existing entry for the same date is replaced by the new one.
 */
export function checkHourLimits(existing: readonly DayMinutes[], entry: DayMinutes): LimitBreach[] {
  const key = isoDate(entry.date);
  const days = existing.filter((e) => isoDate(e.date) !== key).concat(entry);
  return [weekBreach(days, startOfWeek(entry.date)), monthBreach(days, entry.date)].filter((b): b is LimitBreach => b !== null);
}

export interface PeriodBreach extends LimitBreach {
  /** First and last day of the week or month that is over the limit. */
  from: Date;
  to: Date;
}

/**
 * Checks a person's whole picture after a change (every day of every placement, several entries on one
 * day allowed) for the weeks holding `changed` dates and the months holding them. A week that runs
 * across a month boundary is counted in full (the law counts Monday–Sunday).
 */
export function checkPersonLimits(days: readonly DayMinutes[], changed: readonly Date[]): PeriodBreach[] {
  const weeks = new Map<string, Date>();
  const months = new Map<string, Date>();
  for (const d of changed) {
    const w = startOfWeek(d);
    weeks.set(isoDate(w), w);
    const m = startOfMonth(d);
    months.set(isoDate(m), m);
  }
  const out: PeriodBreach[] = [];
  for (const w of [...weeks.values()].sort((a, b) => a.getTime() - b.getTime())) {
    const b = weekBreach(days, w);
    if (b) out.push({ ...b, from: w, to: addDays(w, 6) });
  }
  for (const m of [...months.values()].sort((a, b) => a.getTime() - b.getTime())) {
    const b = monthBreach(days, m);
    if (b) out.push({ ...b, from: m, to: endOfMonth(m) });
  }
  return out;
}

/** Longest a single day may hold: anything above is a typing mistake, not a limit question. */
export const DAY_MAX_MINUTES = 24 * 60;

/**
 * Hours as people type them: "4", "4,5", "4.5", "3:30", "3 h", "0,25". Returns whole minutes, or null
 * when the text is not a time or does not come to whole minutes (e.g. "1,33").
 */
export function parseHours(text: string): number | null {
  const s = text.trim().replace(/\s*(h|godz\.?)$/i, '').trim();
  let minutes: number;
  const hm = /^(\d{1,2}):([0-5]\d)$/.exec(s);
  const dec = /^(\d{1,2})(?:[.,](\d{1,2}))?$/.exec(s);
  if (hm) {
    minutes = Number(hm[1]) * 60 + Number(hm[2]);
  } else if (dec) {
    const frac = (dec[2] ?? '').padEnd(2, '0');
    const hundredths = Number(dec[1]) * 100 + Number(frac);
    if ((hundredths * 60) % 100 !== 0) return null;
    minutes = (hundredths * 60) / 100;
  } else {
    return null;
  }
  return minutes <= DAY_MAX_MINUTES ? minutes : null;
}

export interface DatedRate {
  validFrom: Date;
  rateGrosze: number;
}

/** The rate in force on a date: the agreement's own rate, or the latest dated rate not after the date. */
export function rateOn(date: Date, rates: readonly DatedRate[], agreementRateGrosze?: number | null): number | null {
  if (agreementRateGrosze) return agreementRateGrosze;
  let best: DatedRate | null = null;
  for (const r of rates) if (r.validFrom <= date && (!best || r.validFrom > best.validFrom)) best = r;
  return best?.rateGrosze ?? null;
}

export interface SettlementRow {
  minutes: number;
  rateGrosze: number;
  amountGrosze: number;
  refundGrosze: number;
  ownShareGrosze: number;
}

/** One person's month: benefit rounded half up to the grosz, the PUP refund, the gmina's own share. */
export function settlePerson(minutes: number, rateGrosze: number, refundBasisPoints: number): SettlementRow {
  const amountGrosze = divideRoundHalfUp(BigInt(minutes) * BigInt(rateGrosze), 60n);
  const refundGrosze = percentOf(amountGrosze, refundBasisPoints);
  return { minutes, rateGrosze, amountGrosze, refundGrosze, ownShareGrosze: amountGrosze - refundGrosze };
}

/** Totals are sums of the rows, never recomputed from totals. */
export function sumRows(rows: readonly SettlementRow[]) {
  return rows.reduce(
    (t, r) => ({
      minutes: t.minutes + r.minutes,
      amountGrosze: t.amountGrosze + r.amountGrosze,
      refundGrosze: t.refundGrosze + r.refundGrosze,
      ownShareGrosze: t.ownShareGrosze + r.ownShareGrosze,
    }),
    { minutes: 0, amountGrosze: 0, refundGrosze: 0, ownShareGrosze: 0 },
  );
}

export type DayKind = 'WORK' | 'SICKNESS' | 'ABSENCE';

/** Codes typed into the month grid for unpaid days: documented incapacity and absence. */
export const DAY_CODES: Record<Exclude<DayKind, 'WORK'>, string> = { SICKNESS: 'C', ABSENCE: 'N' };

/**
 * One cell of the month grid: hours worked ("4", "3:30"), "C" (documented incapacity; "L4" too) or
 * "N" (absence). Blank or "0" means no entry. Returns null when the text is none of these.
 */
export function parseDayCell(text: string): { kind: DayKind; minutes: number } | 'empty' | null {
  const s = text.trim().toUpperCase();
  if (s === '' || s === '0' || s === '-' || s === '–') return 'empty';
  if (s === 'C' || s === 'L4' || s === 'CH') return { kind: 'SICKNESS', minutes: 0 };
  if (s === 'N' || s === 'NB') return { kind: 'ABSENCE', minutes: 0 };
  const minutes = parseHours(s);
  if (minutes === null) return null;
  return minutes === 0 ? 'empty' : { kind: 'WORK', minutes };
}

/** What the grid shows for a stored day: "4", "3,5", "C" or "N". */
export function formatDayCell(kind: DayKind, minutes: number): string {
  return kind === 'WORK' ? formatHours(minutes) : DAY_CODES[kind];
}
