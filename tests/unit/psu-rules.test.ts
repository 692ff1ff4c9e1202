// PSU rules added for the feature: the whole-picture limit check used by the month grid, typed hours,
// grid cell codes, and the money of a whole month's list.
import { describe, expect, it } from 'vitest';
import { utcDate } from '../../src/lib/dates.ts';
import { checkHourLimits, checkPersonLimits, formatDayCell, parseDayCell, parseHours, settlePerson, sumRows } from '../../src/lib/psu.ts';

const h = (n: number) => Math.round(n * 60);
const day = (m: number, d: number, hours: number, y = 2026) => ({ date: utcDate(y, m, d), minutes: h(hours) });

describe('limits over a person\'s whole picture', () => {
  it('allows exactly 10 h in a week and exactly 40 h in a month', () => {
    // June 2026: Mondays 1, 8, 15, 22, 29. Four weeks of 10 h = 40 h.
    const days = [1, 8, 15, 22].flatMap((mon) => [day(6, mon, 6), day(6, mon + 2, 4)]);
    expect(checkPersonLimits(days, days.map((d) => d.date))).toEqual([]);
  });

  it('refuses 10 h 1 min in a week, saying by how much', () => {
    const days = [day(6, 1, 6), day(6, 3, 4), { date: utcDate(2026, 6, 7), minutes: 1 }];
    const r = checkPersonLimits(days, [utcDate(2026, 6, 7)]);
    expect(r.map((b) => b.message)).toEqual(['limit 10 h tygodniowo przekroczony o 0,02 h (tydzień 01.06–07.06.2026)']);
    expect(r[0]!.overByMinutes).toBe(1);
  });

  it('refuses the 41st hour in a month even with no week over 10 h', () => {
    const days = [1, 8, 15, 22].map((mon) => day(6, mon, 10)).concat(day(6, 29, 1));
    const r = checkPersonLimits(days, [utcDate(2026, 6, 29)]);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ limit: 'month', overByMinutes: 60, message: 'limit 40 h miesięcznie przekroczony o 1 h' });
    expect(r[0]!.from).toEqual(utcDate(2026, 6, 1));
    expect(r[0]!.to).toEqual(utcDate(2026, 6, 30));
  });

  it('counts a week across a month boundary in full: 6 h on Wed 30.09 + 5 h on Thu 01.10 is over', () => {
    // Week Mon 28.09 – Sun 04.10.2026.
    const days = [day(9, 30, 6), day(10, 1, 5)];
    const r = checkPersonLimits(days, [utcDate(2026, 10, 1)]);
    expect(r.map((b) => [b.limit, b.overByMinutes])).toEqual([['week', 60]]);
    expect(r[0]!.message).toBe('limit 10 h tygodniowo przekroczony o 1 h (tydzień 28.09–04.10.2026)');
    // …while the previous month's hours do not count toward October's 40 h.
    const october = [day(10, 5, 10), day(10, 12, 10), day(10, 19, 10), day(10, 26, 10)];
    expect(checkPersonLimits([day(9, 30, 6), ...october], october.map((d) => d.date))).toEqual([]);
  });

  it('a week across the year boundary names the right year', () => {
    const days = [day(12, 29, 6, 2025), day(1, 2, 5, 2026)];
    expect(checkPersonLimits(days, [utcDate(2026, 1, 2)])[0]!.message).toBe('limit 10 h tygodniowo przekroczony o 1 h (tydzień 29.12–04.01.2026)');
  });

  it('adds two placements on the same day (two workplaces)', () => {
    const days = [day(6, 1, 6), day(6, 1, 5)];
    expect(checkPersonLimits(days, [utcDate(2026, 6, 1)])[0]!.overByMinutes).toBe(60);
  });

  it('checks only the weeks and months that changed', () => {
    const days = [day(6, 1, 11), day(6, 8, 2)];
    expect(checkPersonLimits(days, [utcDate(2026, 6, 8)])).toEqual([]);
  });

  it('keeps the single-entry check and its message as before', () => {
    const week = [6, 7, 8, 9].map((d) => day(4, d, 2.5));
    expect(checkHourLimits(week, day(4, 10, 1))[0]!.message).toBe('limit 10 h tygodniowo przekroczony o 1 h (tydzień 06.04–12.04.2026)');
  });
});

describe('typed hours', () => {
  it.each([
    ['4', 240], ['4,5', 270], ['4.5', 270], ['3:30', 210], ['0:45', 45], ['0,25', 15], ['10', 600], [' 2 h ', 120], ['2 godz.', 120], ['0', 0], ['24', 1440],
  ])('reads %s as %i minutes', (text, minutes) => {
    expect(parseHours(text)).toBe(minutes);
  });
  it.each(['', 'abc', '1,33', '3:75', '-2', '25', '4,555', '1e2'])('refuses %s', (text) => {
    expect(parseHours(text)).toBeNull();
  });
});

describe('month grid cells', () => {
  it('reads hours, sickness and absence codes, and blanks', () => {
    expect(parseDayCell('4')).toEqual({ kind: 'WORK', minutes: 240 });
    expect(parseDayCell('3:30')).toEqual({ kind: 'WORK', minutes: 210 });
    expect(parseDayCell('c')).toEqual({ kind: 'SICKNESS', minutes: 0 });
    expect(parseDayCell('L4')).toEqual({ kind: 'SICKNESS', minutes: 0 });
    expect(parseDayCell('N')).toEqual({ kind: 'ABSENCE', minutes: 0 });
    expect(parseDayCell('')).toBe('empty');
    expect(parseDayCell('0')).toBe('empty');
    expect(parseDayCell('x')).toBeNull();
  });
  it('shows stored days the way they are typed', () => {
    expect(formatDayCell('WORK', 270)).toBe('4,5');
    expect(formatDayCell('SICKNESS', 0)).toBe('C');
    expect(formatDayCell('ABSENCE', 0)).toBe('N');
    expect(parseDayCell(formatDayCell('WORK', 45))).toEqual({ kind: 'WORK', minutes: 45 });
  });
});

describe('a month\'s list adds up to the grosz', () => {
  it('10,90 zł: 7 people with awkward minutes, totals are the sums of rounded rows', () => {
    const minutes = [2400, 2375, 1, 59, 1234, 35, 2399];
    const rows = minutes.map((m) => settlePerson(m, 1090, 6000));
    const t = sumRows(rows);
    expect(t.amountGrosze).toBe(rows.reduce((s, r) => s + r.amountGrosze, 0));
    expect(t.refundGrosze + t.ownShareGrosze).toBe(t.amountGrosze);
    for (const r of rows) {
      // Half up: the exact value × 60 is compared against the rounded value × 60 within half a grosz.
      expect(Math.abs(r.amountGrosze * 60 - r.minutes * 1090)).toBeLessThanOrEqual(30);
      expect(r.refundGrosze + r.ownShareGrosze).toBe(r.amountGrosze);
    }
    expect(rows[0]!.amountGrosze).toBe(43600); // 40 h × 10,90 zł
    expect(rows[0]!.refundGrosze).toBe(26160);
  });

  it('rounds a refund of exactly half a grosz up', () => {
    // 5 min × 8,30 zł = 0,69(16) → 0,69 zł; 60% of 0,69 = 0,414 → 0,41; 60% of 0,75 zł = 0,45.
    expect(settlePerson(5, 830, 6000)).toMatchObject({ amountGrosze: 69, refundGrosze: 41, ownShareGrosze: 28 });
    // 1 h × 8,75 zł at 50% = 4,375 → 4,38 zł (half up), own share 4,37 zł.
    expect(settlePerson(60, 875, 5000)).toMatchObject({ amountGrosze: 875, refundGrosze: 438, ownShareGrosze: 437 });
  });

  it('the domain example over a month: weeks of 10, 10, 10 and 6 h', () => {
    const days = [5, 12, 19].map((d) => day(10, d, 10)).concat(day(10, 26, 6));
    expect(checkPersonLimits(days, days.map((d) => d.date))).toEqual([]);
    const total = days.reduce((s, d) => s + d.minutes, 0);
    expect(settlePerson(total, 830, 6000)).toMatchObject({ amountGrosze: 29880, refundGrosze: 17928, ownShareGrosze: 11952 });
    const eleventh = checkPersonLimits([...days, day(10, 6, 1)], [utcDate(2026, 10, 6)]);
    expect(eleventh.map((b) => b.message)).toEqual(['limit 10 h tygodniowo przekroczony o 1 h (tydzień 05.10–11.10.2026)']);
  });
});
