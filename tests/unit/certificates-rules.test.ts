import { describe, expect, it } from 'vitest';
import {
  certificateNumber, checkEligibility, formatVerificationCode, hoursByModule, modulesForKind, newVerificationCode, normaliseVerificationCode,
  type EnrolmentFacts, type ModuleInfo,
} from '../../src/features/certificates/certificate-rules.ts';

const modules: ModuleInfo[] = [
  { id: 1, name: 'Diagnoza osobowości', area: 'SOCIAL', plannedHours: 24, position: 1 },
  { id: 2, name: 'IPD i aktywne poszukiwanie pracy', area: 'VOCATIONAL', plannedHours: 36, position: 2 },
  { id: 3, name: 'Poradnictwo prawne', area: 'VOCATIONAL', plannedHours: 6, position: 3 },
  { id: 4, name: 'Warsztaty umiejętności psychospołecznych', area: 'SOCIAL', plannedHours: 24, position: 4 },
];
const completed: EnrolmentFacts = { status: 'COMPLETED', certificateEligible: true, attendanceFinalBp: 9000, thresholdPct: 80, excusedCountsAsPresent: false };

describe('certificate register numbers and codes', () => {
  it('pads the sequence to four digits', () => {
    expect(certificateNumber('KIS', 2026, 1)).toBe('KIS/2026/0001');
    expect(certificateNumber('CIS', 2027, 1234)).toBe('CIS/2027/1234');
    expect(certificateNumber('KIS', 2026, 12345)).toBe('KIS/2026/12345');
  });

  it('makes long random codes that survive being typed back with dashes, spaces and lower case', () => {
    const codes = new Set(Array.from({ length: 500 }, () => newVerificationCode()));
    expect(codes.size).toBe(500);
    for (const code of [...codes].slice(0, 20)) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
      const printed = formatVerificationCode(code);
      expect(printed).toMatch(/^.{4}-.{4}-.{4}-.{4}$/);
      expect(normaliseVerificationCode(` ${printed.toLowerCase()} `)).toBe(code);
    }
    expect(normaliseVerificationCode('ABCD')).toBeNull();
    expect(normaliseVerificationCode('ABCD-EFGH-JKMN-PQR!')).toBeNull();
    expect(normaliseVerificationCode('0OIL-0000-0000-0000')).toBe('0011000000000000');
  });
});

describe('which modules each kind covers', () => {
  it('completion covers the whole programme in order; workshops their own part', () => {
    expect(modulesForKind('KIS_COMPLETION', modules).map((m) => m.id)).toEqual([1, 2, 3, 4]);
    expect(modulesForKind('SOCIAL_SKILLS', modules).map((m) => m.id)).toEqual([1, 4]);
    expect(modulesForKind('VOCATIONAL_ACTIVATION', modules).map((m) => m.id)).toEqual([2]);
    expect(modulesForKind('LABOUR_LAW', modules).map((m) => m.id)).toEqual([3]);
  });
});

describe('eligibility', () => {
  it('completion follows the outcome recorded when the edition closed', () => {
    expect(checkEligibility('KIS_COMPLETION', completed, [])).toEqual({ ok: true, attendanceBp: 9000 });
    const low = checkEligibility('KIS_COMPLETION', { ...completed, certificateEligible: false, attendanceFinalBp: 7500 }, []);
    expect(low).toEqual({ ok: false, reason: expect.stringContaining('Frekwencja 75,00% jest niższa niż wymagane 80%') });
    expect(checkEligibility('KIS_COMPLETION', { ...completed, status: 'DROPPED_OUT', certificateEligible: false }, [])).toMatchObject({ ok: false, reason: expect.stringContaining('przerwał udział') });
    expect(checkEligibility('KIS_COMPLETION', { ...completed, status: 'ACTIVE', certificateEligible: null }, [])).toMatchObject({ ok: false, reason: expect.stringContaining('po zamknięciu edycji') });
  });

  it('a workshop certificate follows attendance at its hours, with the edition rule for excused absences', () => {
    // The domain example: 20 sessions held, 17 present, 2 excused, 1 absent.
    const marks = [
      ...Array.from({ length: 17 }, () => ({ moduleId: 3, minutes: 60, mark: 'PRESENT' as const })),
      ...Array.from({ length: 2 }, () => ({ moduleId: 3, minutes: 60, mark: 'EXCUSED' as const })),
      { moduleId: 3, minutes: 60, mark: null },
      { moduleId: 1, minutes: 180, mark: 'ABSENT' as const },
    ];
    const hours = hoursByModule(modulesForKind('LABOUR_LAW', modules), marks);
    expect(hours).toEqual([{ moduleId: 3, name: 'Poradnictwo prawne', plannedHours: 6, heldMinutes: 1200, presentMinutes: 1020, excusedMinutes: 120 }]);
    expect(checkEligibility('LABOUR_LAW', { ...completed, thresholdPct: 85 }, hours)).toEqual({ ok: true, attendanceBp: 8500 });
    expect(checkEligibility('LABOUR_LAW', { ...completed, thresholdPct: 90 }, hours)).toMatchObject({ ok: false, reason: expect.stringContaining('85,00%') });
    expect(checkEligibility('LABOUR_LAW', { ...completed, thresholdPct: 90, excusedCountsAsPresent: true }, hours)).toEqual({ ok: true, attendanceBp: 9500 });
  });

  it('refuses a workshop that has not been held or is not in the programme', () => {
    const none = hoursByModule(modulesForKind('LABOUR_LAW', modules), []);
    expect(checkEligibility('LABOUR_LAW', completed, none)).toMatchObject({ ok: false, reason: expect.stringContaining('jeszcze się nie odbyły') });
    expect(checkEligibility('LABOUR_LAW', completed, [])).toMatchObject({ ok: false, reason: expect.stringContaining('nie ma zajęć') });
  });
});
