// A calendar month as the PSU pages address it ("2026-10" in URLs), and the days a month grid shows.
import { NotFoundError } from '../../http/errors.ts';
import { addDays, endOfMonth, isoDate, isoWeekday, MONTH_NAMES, utcDate } from '../../lib/dates.ts';
import { holidayOn } from '../../lib/holidays.ts';

export interface YearMonth {
  year: number;
  month: number;
}

/** "2026-10" → { year: 2026, month: 10 }; anything else is "not found" (it comes from a URL). */
export function parseMonthParam(value: unknown): YearMonth {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})$/.exec(value) : null;
  const year = m ? Number(m[1]) : 0;
  const month = m ? Number(m[2]) : 0;
  if (!m || year < 2000 || year > 2100 || month < 1 || month > 12) throw new NotFoundError('Nie ma takiego miesiąca.');
  return { year, month };
}

export function monthParam(ym: YearMonth): string {
  return `${ym.year}-${String(ym.month).padStart(2, '0')}`;
}

export function monthOf(date: Date): YearMonth {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

export function firstDay(ym: YearMonth): Date {
  return utcDate(ym.year, ym.month, 1);
}

export function lastDay(ym: YearMonth): Date {
  return endOfMonth(firstDay(ym));
}

export function addMonths(ym: YearMonth, n: number): YearMonth {
  const i = ym.year * 12 + (ym.month - 1) + n;
  return { year: Math.floor(i / 12), month: (i % 12) + 1 };
}

/** "październik 2026". */
export function monthLabel(ym: YearMonth): string {
  return `${MONTH_NAMES[ym.month - 1]} ${ym.year}`;
}

/** "10.2026", the way documents name a settlement month. */
export function monthShort(ym: YearMonth): string {
  return `${String(ym.month).padStart(2, '0')}.${ym.year}`;
}

/** Every month from the one holding `from` to the one holding `to`, oldest first. */
export function monthsBetween(from: Date, to: Date): YearMonth[] {
  const out: YearMonth[] = [];
  const end = monthOf(to);
  for (let ym = monthOf(from); ym.year * 12 + ym.month <= end.year * 12 + end.month; ym = addMonths(ym, 1)) out.push(ym);
  return out;
}

export const WEEKDAY_SHORT = ['pn', 'wt', 'śr', 'cz', 'pt', 'sb', 'nd'];

export interface GridDay {
  date: Date;
  iso: string;
  day: number;
  weekday: string;
  /** Saturday, Sunday or a public holiday: shaded in the grid and on the hours card. */
  free: boolean;
  holiday: string | null;
}

export function daysOfMonth(ym: YearMonth): GridDay[] {
  const out: GridDay[] = [];
  for (let d = firstDay(ym); d <= lastDay(ym); d = addDays(d, 1)) {
    const wd = isoWeekday(d);
    const holiday = holidayOn(d);
    out.push({ date: d, iso: isoDate(d), day: d.getUTCDate(), weekday: WEEKDAY_SHORT[wd - 1]!, free: wd >= 6 || holiday !== null, holiday });
  }
  return out;
}
