import { describe, expect, it } from 'vitest';
import { formatDate, isoDate, utcDate } from '../../src/lib/dates.ts';
import { easterSunday, holidayOn, polishHolidays } from '../../src/lib/holidays.ts';
import { generateTimetable } from '../../src/lib/timetable.ts';

describe('Polish public holidays', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('Easter %i is %s', (year, date) => {
    expect(isoDate(easterSunday(year))).toBe(date);
  });

  it('lists the moving feasts of 2026 from Easter', () => {
    expect(holidayOn(utcDate(2026, 4, 6))).toBe('Poniedziałek Wielkanocny');
    expect(holidayOn(utcDate(2026, 5, 24))).toBe('Zielone Świątki');
    expect(holidayOn(utcDate(2026, 6, 4))).toBe('Boże Ciało');
  });

  it('has Christmas Eve as a holiday from 2025 on only', () => {
    expect(holidayOn(utcDate(2024, 12, 24))).toBeNull();
    expect(holidayOn(utcDate(2025, 12, 24))).toBe('Wigilia Bożego Narodzenia');
    expect(polishHolidays(2024)).toHaveLength(13);
    expect(polishHolidays(2026)).toHaveLength(14);
  });

  it('does not treat an ordinary day as a holiday', () => {
    expect(holidayOn(utcDate(2026, 11, 23))).toBeNull();
  });
});

describe('timetable', () => {
  const mon = 1;
  const wed = 3;
  const slot = (weekday: number) => ({ weekday, startMinute: 15 * 60, endMinute: 18 * 60 });

  it('skips Easter Monday and keeps the count (domain example)', () => {
    const { sessions, skipped } = generateTimetable({ startDate: utcDate(2026, 3, 30), slots: [slot(mon), slot(wed)], count: 6 });
    expect(sessions.map((s) => formatDate(s.date))).toEqual(['30.03.2026', '01.04.2026', '08.04.2026', '13.04.2026', '15.04.2026', '20.04.2026']);
    expect(skipped.map((s) => [formatDate(s.date), s.reason])).toEqual([['06.04.2026', 'Poniedziałek Wielkanocny']]);
  });

  it('plans weeks × slots sessions and moves past Corpus Christi and Christmas', () => {
    const thu = 4;
    const r = generateTimetable({ startDate: utcDate(2026, 6, 1), slots: [slot(thu)], weeks: 3 });
    expect(r.sessions.map((s) => isoDate(s.date))).toEqual(['2026-06-11', '2026-06-18', '2026-06-25']);
    const xmas = generateTimetable({ startDate: utcDate(2026, 12, 21), slots: [slot(4), slot(5)], count: 2 });
    // 24 Dec (Thu), 25 Dec (Fri) and 1 Jan (Fri) are holidays.
    expect(xmas.sessions.map((s) => isoDate(s.date))).toEqual(['2026-12-31', '2027-01-07']);
  });

  it('skips dates already taken', () => {
    const r = generateTimetable({ startDate: utcDate(2026, 9, 7), slots: [slot(mon)], count: 2, taken: new Set(['2026-09-07']) });
    expect(r.sessions.map((s) => isoDate(s.date))).toEqual(['2026-09-14', '2026-09-21']);
  });

  it('counts sessions per month', () => {
    const r = generateTimetable({ startDate: utcDate(2026, 10, 27), slots: [slot(2), slot(4)], weeks: 4 });
    const perMonth = new Map<string, number>();
    for (const s of r.sessions) perMonth.set(isoDate(s.date).slice(0, 7), (perMonth.get(isoDate(s.date).slice(0, 7)) ?? 0) + 1);
    // 27.10 and 29.10 in October; 3, 5, 10, 12, 17, 19 November (11 Nov is a Wednesday).
    expect(Object.fromEntries(perMonth)).toEqual({ '2026-10': 2, '2026-11': 6 });
  });

  it('refuses an empty pattern or a slot ending before it starts', () => {
    expect(() => generateTimetable({ startDate: utcDate(2026, 1, 5), slots: [], count: 3 })).toThrow();
    expect(() => generateTimetable({ startDate: utcDate(2026, 1, 5), slots: [{ weekday: 1, startMinute: 600, endMinute: 500 }], count: 3 })).toThrow();
  });
});
