import { describe, expect, it } from 'vitest';
import { divideRoundHalfUp, formatBasisPoints, formatHours, formatMoney, parseMoney, percentOf } from '../../src/lib/money.ts';
import { ageOn, formatDate, formatDateTime, parseIsoDate, startOfWeek, utcDate, warsawDate, isoDate } from '../../src/lib/dates.ts';
import { parseAnyDate } from '../../src/http/form.ts';

describe('money', () => {
  it('formats grosze the Polish way', () => {
    expect(formatMoney(123456)).toBe('1\u00a0234,56\u00a0zł');
    expect(formatMoney(5)).toBe('0,05\u00a0zł');
    expect(formatMoney(-29880)).toBe('-298,80\u00a0zł');
    expect(formatMoney(100000000, false)).toBe('1\u00a0000\u00a0000,00');
  });

  it('refuses fractional grosze', () => {
    expect(() => formatMoney(1.5)).toThrow();
  });

  it('parses typed amounts', () => {
    expect(parseMoney('10,90')).toBe(1090);
    expect(parseMoney('8.3')).toBe(830);
    expect(parseMoney('1 234,56 zł')).toBe(123456);
    expect(parseMoney('12,345')).toBeNull();
    expect(parseMoney('abc')).toBeNull();
  });

  it('rounds half up exactly (PSU domain example)', () => {
    const benefit = 36 * 830; // 36 h × 8,30 zł
    expect(benefit).toBe(29880);
    expect(percentOf(benefit, 6000)).toBe(17928);
    expect(benefit - percentOf(benefit, 6000)).toBe(11952);
    expect(divideRoundHalfUp(5, 2)).toBe(3);
    expect(divideRoundHalfUp(-5, 2)).toBe(-3);
    expect(divideRoundHalfUp(4, 3)).toBe(1);
    expect(percentOf(1, 5000)).toBe(1); // 0,5 gr rounds up
  });

  it('formats percentages and hours', () => {
    expect(formatBasisPoints(8500)).toBe('85,00%');
    expect(formatHours(90)).toBe('1,5');
    expect(formatHours(2160)).toBe('36');
  });
});

describe('dates', () => {
  it('parses only real dates', () => {
    expect(parseIsoDate('2026-02-29')).toBeNull();
    expect(isoDate(parseIsoDate('2028-02-29')!)).toBe('2028-02-29');
    expect(isoDate(parseAnyDate('5.3.2026')!)).toBe('2026-03-05');
    expect(parseAnyDate('32.01.2026')).toBeNull();
  });

  it('shows DD.MM.RRRR and Warsaw wall-clock time across DST', () => {
    expect(formatDate(utcDate(2026, 3, 5))).toBe('05.03.2026');
    expect(formatDateTime(new Date('2026-07-01T22:30:00Z'))).toBe('02.07.2026, 00:30');
    expect(formatDateTime(new Date('2026-01-01T22:30:00Z'))).toBe('01.01.2026, 23:30');
    expect(isoDate(warsawDate(new Date('2026-03-28T23:30:00Z')))).toBe('2026-03-29');
  });

  it('starts weeks on Monday', () => {
    expect(isoDate(startOfWeek(utcDate(2026, 11, 29)))).toBe('2026-11-23'); // Sunday → Monday before
    expect(isoDate(startOfWeek(utcDate(2026, 11, 23)))).toBe('2026-11-23');
  });

  it('computes age in full years', () => {
    expect(ageOn(utcDate(1985, 3, 12), utcDate(2026, 3, 11))).toBe(40);
    expect(ageOn(utcDate(1985, 3, 12), utcDate(2026, 3, 12))).toBe(41);
  });
});
