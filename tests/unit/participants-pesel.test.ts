// PESEL as the participant form checks it: the 1900s and 2000s, 29 February, and the messages people see.
import { describe, expect, it } from 'vitest';
import { isValidPesel, parsePesel, peselCheckDigit } from '../../src/lib/pesel.ts';
import { isoDate } from '../../src/lib/dates.ts';
import { peselProblem } from '../../src/features/participants/participants.schemas.ts';

/** The first ten digits plus their correct check digit. */
const withCheck = (first10: string) => first10 + String(peselCheckDigit(first10));

describe('PESEL across centuries and leap days', () => {
  it.each([
    ['85031212350', '1985-03-12', 'MALE'],
    ['99123199924', '1999-12-31', 'FEMALE'],
    ['10213104073', '2010-01-31', 'MALE'],
  ] as const)('%s → born %s, %s', (pesel, born, sex) => {
    const info = parsePesel(pesel)!;
    expect(isoDate(info.birthDate)).toBe(born);
    expect(info.sex).toBe(sex);
  });

  it('accepts 29 February in leap years of both centuries', () => {
    expect(isoDate(parsePesel(withCheck('8402290001'))!.birthDate)).toBe('1984-02-29'); // 1984, 1900s
    expect(isoDate(parsePesel(withCheck('0022290002'))!.birthDate)).toBe('2000-02-29'); // 2000 is a leap year
    expect(isoDate(parsePesel(withCheck('0422290003'))!.birthDate)).toBe('2004-02-29');
  });

  it('refuses 29 February in common years, including 1900 (not a leap year)', () => {
    expect(isValidPesel(withCheck('8502290001'))).toBe(false); // 1985
    expect(isValidPesel(withCheck('0002290001'))).toBe(false); // 1900
    expect(isValidPesel(withCheck('2322290001'))).toBe(false); // 2023
  });

  it('reads the month offset of the 2000s (+20) and refuses months beyond any century', () => {
    expect(isoDate(parsePesel(withCheck('0532150004'))!.birthDate)).toBe('2005-12-15');
    expect(isValidPesel(withCheck('0533150004'))).toBe(false); // month 33
    expect(isValidPesel(withCheck('0500150004'))).toBe(false); // month 00
  });

  it('reads sex from the tenth digit in both centuries', () => {
    expect(parsePesel(withCheck('0022290002'))!.sex).toBe('FEMALE');
    expect(parsePesel(withCheck('0422290003'))!.sex).toBe('MALE');
  });
});

describe('the messages the form shows', () => {
  it('is silent for a valid number', () => {
    expect(peselProblem('85031212350')).toBeNull();
  });
  it('names a wrong check digit', () => {
    expect(peselProblem('85031212351')).toContain('cyfra kontrolna');
  });
  it('names a wrong length or letters', () => {
    expect(peselProblem('8503121235')).toContain('11 cyfr');
    expect(peselProblem('8503121235a')).toContain('11 cyfr');
  });
  it('names an impossible date', () => {
    expect(peselProblem(withCheck('8502290001'))).toContain('nieistniejącą datę');
  });
});
