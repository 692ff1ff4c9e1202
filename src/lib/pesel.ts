// PESEL: 11 digits; weights 1,3,7,9,1,3,7,9,1,3; check digit = (10 − sum mod 10) mod 10.
// The month carries the century (+80 for the 1800s, +0, +20, +40, +60 for the 1900s…2100s…2200s).

export interface PeselInfo {
  birthDate: Date; // UTC midnight
  sex: 'MALE' | 'FEMALE';
}

const WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
const CENTURIES: [number, number][] = [
  [80, 1800],
  [0, 1900],
  [20, 2000],
  [40, 2100],
  [60, 2200],
];

export function peselCheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(first10[i]) * WEIGHTS[i]!;
  return (10 - (sum % 10)) % 10;
}

/** Returns the birth date and sex, or null when the number is not a valid PESEL. */
export function parsePesel(pesel: string): PeselInfo | null {
  if (!/^\d{11}$/.test(pesel)) return null;
  if (peselCheckDigit(pesel) !== Number(pesel[10])) return null;
  const yy = Number(pesel.slice(0, 2));
  const mmRaw = Number(pesel.slice(2, 4));
  const dd = Number(pesel.slice(4, 6));
  const century = CENTURIES.find(([offset]) => mmRaw > offset && mmRaw <= offset + 12);
  if (!century) return null;
  const [offset, base] = century;
  const year = base + yy;
  const month = mmRaw - offset;
  const date = new Date(Date.UTC(year, month - 1, dd));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== dd) return null;
  return { birthDate: date, sex: Number(pesel[9]) % 2 === 1 ? 'MALE' : 'FEMALE' };
}

export function isValidPesel(pesel: string): boolean {
  return parsePesel(pesel) !== null;
}

/** Builds a valid PESEL for a date and sex (demo data and tests). `serial` is 0..999. */
export function makePesel(birthDate: Date, sex: 'MALE' | 'FEMALE', serial: number): string {
  const y = birthDate.getUTCFullYear();
  const century = CENTURIES.find(([, base]) => y >= base && y < base + 100);
  if (!century) throw new RangeError(`No PESEL for year ${y}`);
  const mm = birthDate.getUTCMonth() + 1 + century[0];
  const serial3 = String(serial % 1000).padStart(3, '0');
  const sexDigit = ((serial % 5) * 2 + (sex === 'MALE' ? 1 : 0)) % 10;
  const first10 =
    String(y % 100).padStart(2, '0') +
    String(mm).padStart(2, '0') +
    String(birthDate.getUTCDate()).padStart(2, '0') +
    serial3 +
    String(sexDigit);
  return first10 + String(peselCheckDigit(first10));
}
