// Polish public holidays (ustawa o dniach wolnych od pracy), incl. Easter-dependent ones and
// Christmas Eve (24 Dec), a holiday from 2025 on.
import { addDays, isoDate, utcDate } from './dates.ts';

/** Easter Sunday (Gregorian calendar; anonymous Gregorian algorithm). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utcDate(year, month, day);
}

export interface Holiday {
  date: Date;
  name: string;
}

const cache = new Map<number, Holiday[]>();

export function polishHolidays(year: number): Holiday[] {
  const hit = cache.get(year);
  if (hit) return hit;
  const easter = easterSunday(year);
  const list: Holiday[] = [
    { date: utcDate(year, 1, 1), name: 'Nowy Rok' },
    { date: utcDate(year, 1, 6), name: 'Święto Trzech Króli' },
    { date: easter, name: 'Wielkanoc' },
    { date: addDays(easter, 1), name: 'Poniedziałek Wielkanocny' },
    { date: utcDate(year, 5, 1), name: 'Święto Pracy' },
    { date: utcDate(year, 5, 3), name: 'Święto Konstytucji 3 Maja' },
    { date: addDays(easter, 49), name: 'Zielone Świątki' },
    { date: addDays(easter, 60), name: 'Boże Ciało' },
    { date: utcDate(year, 8, 15), name: 'Wniebowzięcie Najświętszej Maryi Panny' },
    { date: utcDate(year, 11, 1), name: 'Wszystkich Świętych' },
    { date: utcDate(year, 11, 11), name: 'Narodowe Święto Niepodległości' },
    ...(year >= 2025 ? [{ date: utcDate(year, 12, 24), name: 'Wigilia Bożego Narodzenia' }] : []),
    { date: utcDate(year, 12, 25), name: 'Boże Narodzenie (pierwszy dzień)' },
    { date: utcDate(year, 12, 26), name: 'Boże Narodzenie (drugi dzień)' },
  ];
  list.sort((x, y) => x.date.getTime() - y.date.getTime());
  cache.set(year, list);
  return list;
}

/** The holiday's name when the date is a Polish public holiday, otherwise null. */
export function holidayOn(date: Date): string | null {
  const key = isoDate(date);
  return polishHolidays(date.getUTCFullYear()).find((h) => isoDate(h.date) === key)?.name ?? null;
}

export function isPolishHoliday(date: Date): boolean {
  return holidayOn(date) !== null;
}
