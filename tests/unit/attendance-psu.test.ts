import { describe, expect, it } from 'vitest';
import { attendanceBasisPoints, meetsThreshold, tally } from '../../src/lib/attendance.ts';
import { addDays, utcDate } from '../../src/lib/dates.ts';
import { checkHourLimits, rateOn, settlePerson, sumRows } from '../../src/lib/psu.ts';

describe('attendance percentage', () => {
  const t = { held: 20, present: 17, excused: 2, absent: 1 };
  it('matches the domain example both ways', () => {
    expect(attendanceBasisPoints(t, false)).toBe(8500);
    expect(attendanceBasisPoints(t, true)).toBe(9500);
  });
  it('is undefined before anything is held', () => {
    expect(attendanceBasisPoints({ held: 0, present: 0, excused: 0, absent: 0 }, false)).toBeNull();
  });
  it('meets a threshold exactly at the boundary and not one basis point below', () => {
    expect(meetsThreshold(8000, 80)).toBe(true);
    expect(meetsThreshold(7999, 80)).toBe(false);
    expect(meetsThreshold(null, 0)).toBe(false);
  });
  it('rounds half up (2 of 3 = 66,67%)', () => {
    expect(attendanceBasisPoints({ held: 3, present: 2, excused: 0, absent: 1 }, false)).toBe(6667);
  });
  it('tallies marks by sessions or by minutes', () => {
    expect(tally(['PRESENT', 'EXCUSED', null, 'ABSENT'])).toEqual({ held: 4, present: 1, excused: 1, absent: 2 });
    expect(tally(['PRESENT', 'ABSENT'], [210, 90])).toEqual({ held: 300, present: 210, excused: 0, absent: 90 });
  });
});

describe('PSU limits', () => {
  const h = (n: number) => n * 60;
  // Weeks of April 2026 starting on Monday 6, 13, 20 and 27 April.
  it('accepts exactly 10 h in a week and refuses the 11th hour (domain example)', () => {
    const week = [6, 7, 8].map((d) => ({ date: utcDate(2026, 4, d), minutes: h(3) }));
    expect(checkHourLimits(week, { date: utcDate(2026, 4, 9), minutes: h(1) })).toEqual([]);
    const refused = checkHourLimits(week.concat({ date: utcDate(2026, 4, 9), minutes: h(1) }), { date: utcDate(2026, 4, 10), minutes: h(1) });
    expect(refused).toHaveLength(1);
    expect(refused[0]!.message).toBe('limit 10 h tygodniowo przekroczony o 1 h (tydzień 06.04–12.04.2026)');
  });

  it('counts a week spanning two months in full for the weekly limit but per month for the monthly one', () => {
    // Mon 27.04 – Sun 03.05.2026: 8 h in April, then 3 h on 1 May (a holiday, but the limit counts hours).
    const days = [{ date: utcDate(2026, 4, 27), minutes: h(4) }, { date: utcDate(2026, 4, 28), minutes: h(4) }];
    const r = checkHourLimits(days, { date: utcDate(2026, 5, 2), minutes: h(3) });
    expect(r.map((b) => [b.limit, b.overByMinutes])).toEqual([['week', 60]]);
  });

  it('accepts exactly 40 h in a month and refuses more, saying by how much', () => {
    const month = [1, 2, 3, 4].map((w) => ({ date: addDays(utcDate(2026, 6, 1), (w - 1) * 7), minutes: h(10) }));
    const last = month.pop()!;
    expect(checkHourLimits(month, last)).toEqual([]);
    const r = checkHourLimits(month.concat(last), { date: utcDate(2026, 6, 29), minutes: h(2.5) });
    expect(r.map((b) => b.message)).toEqual(['limit 40 h miesięcznie przekroczony o 2,5 h']);
  });

  it('replaces an existing entry for the same day instead of adding to it', () => {
    const days = [{ date: utcDate(2026, 4, 6), minutes: h(10) }];
    expect(checkHourLimits(days, { date: utcDate(2026, 4, 6), minutes: h(8) })).toEqual([]);
  });
});

describe('PSU money', () => {
  it('matches the domain example: 36 h at 8,30 zł, 60% refund', () => {
    const row = settlePerson(36 * 60, 830, 6000);
    expect(row).toEqual({ minutes: 2160, rateGrosze: 830, amountGrosze: 29880, refundGrosze: 17928, ownShareGrosze: 11952 });
  });

  it('rounds each person half up and totals the rows', () => {
    const a = settlePerson(25, 1090, 6000); // 25 min × 10,90 zł = 4,541(6) zł → 4,54 zł
    const b = settlePerson(33, 1090, 6000); // 5,995 zł → 6,00 zł
    expect(a.amountGrosze).toBe(454);
    expect(b.amountGrosze).toBe(600);
    expect(sumRows([a, b])).toEqual({ minutes: 58, amountGrosze: 1054, refundGrosze: a.refundGrosze + b.refundGrosze, ownShareGrosze: a.ownShareGrosze + b.ownShareGrosze });
  });

  it('takes the rate in force on the date, or the agreement\'s own', () => {
    const rates = [{ validFrom: utcDate(2017, 6, 1), rateGrosze: 810 }, { validFrom: utcDate(2018, 6, 1), rateGrosze: 830 }, { validFrom: utcDate(2023, 6, 1), rateGrosze: 1090 }];
    expect(rateOn(utcDate(2018, 5, 31), rates)).toBe(810);
    expect(rateOn(utcDate(2018, 6, 1), rates)).toBe(830);
    expect(rateOn(utcDate(2026, 1, 1), rates)).toBe(1090);
    expect(rateOn(utcDate(2016, 1, 1), rates)).toBeNull();
    expect(rateOn(utcDate(2026, 1, 1), rates, 1200)).toBe(1200);
  });
});
