import { describe, expect, it } from 'vitest';
import { isValidPesel, makePesel, parsePesel } from '../../src/lib/pesel.ts';
import { isoDate, utcDate } from '../../src/lib/dates.ts';

describe('PESEL', () => {
  it.each([
    ['85031212350', '1985-03-12', 'MALE'],
    ['10213104073', '2010-01-31', 'MALE'],
    ['99123199924', '1999-12-31', 'FEMALE'],
  ])('%s is valid: born %s, %s (domain examples)', (pesel, born, sex) => {
    const info = parsePesel(pesel);
    expect(info).not.toBeNull();
    expect(isoDate(info!.birthDate)).toBe(born);
    expect(info!.sex).toBe(sex);
  });

  it('refuses a wrong check digit', () => {
    expect(isValidPesel('85031212351')).toBe(false);
  });

  it.each(['', '8503121235', '850312123500', '8503121235a', '85 031212350'])('refuses malformed %j', (p) => {
    expect(isValidPesel(p)).toBe(false);
  });

  it('refuses an impossible date even with a correct check digit', () => {
    // 31 February 1985, check digit computed to be right.
    const fake = makePesel(utcDate(1985, 2, 28), 'MALE', 1).slice(0, 4) + '31' + '0011';
    const withCheck = fake.slice(0, 10);
    const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    const sum = [...withCheck].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
    expect(isValidPesel(withCheck + String((10 - (sum % 10)) % 10))).toBe(false);
  });

  it('reads the 1800s and the 2100s from the month offset', () => {
    expect(isoDate(parsePesel(makePesel(utcDate(1899, 7, 4), 'FEMALE', 5))!.birthDate)).toBe('1899-07-04');
    expect(isoDate(parsePesel(makePesel(utcDate(2101, 1, 2), 'MALE', 5))!.birthDate)).toBe('2101-01-02');
  });

  it('makes valid numbers for both sexes', () => {
    for (let i = 0; i < 200; i++) {
      const sex = i % 2 ? 'MALE' : 'FEMALE';
      const p = makePesel(utcDate(1960 + (i % 50), 1 + (i % 12), 1 + (i % 28)), sex, i);
      expect(parsePesel(p)?.sex).toBe(sex);
    }
  });
});
