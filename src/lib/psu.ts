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

/**
 * Checks one person's entry against the limits. `existing` is the person's other worked days (any
 * placement) around the date; an existing entry for the same date is replaced by the new one.
 */
export function checkHourLimits(existing: readonly DayMinutes[], entry: DayMinutes): LimitBreach[] {
  const key = isoDate(entry.date);
  const others = existing.filter((e) => isoDate(e.date) !== key);
  const weekStart = startOfWeek(entry.date);
  const weekEnd = addDays(weekStart, 6);
  const monthStart = startOfMonth(entry.date);
  const monthEnd = endOfMonth(entry.date);
  const sum = (from: Date, to: Date) =>
    others.filter((e) => e.date >= from && e.date <= to).reduce((s, e) => s + e.minutes, 0) + entry.minutes;
  const breaches: LimitBreach[] = [];
  const week = sum(weekStart, weekEnd);
  if (week > WEEK_LIMIT_MINUTES) {
    const over = week - WEEK_LIMIT_MINUTES;
    breaches.push({
      limit: 'week',
      overByMinutes: over,
      message: `limit 10 h tygodniowo przekroczony o ${formatHours(over)} h (tydzień ${fmtShort(weekStart)}–${fmtShort(weekEnd)}.${weekEnd.getUTCFullYear()})`,
    });
  }
  const month = sum(monthStart, monthEnd);
  if (month > MONTH_LIMIT_MINUTES) {
    const over = month - MONTH_LIMIT_MINUTES;
    breaches.push({
      limit: 'month',
      overByMinutes: over,
      message: `limit 40 h miesięcznie przekroczony o ${formatHours(over)} h`,
    });
  }
  return breaches;
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
