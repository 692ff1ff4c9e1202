// The pure parts of the RODO feature: the correction trail read from audit rows, the day a closed case
// becomes due for anonymisation, and the retention sentence of the art. 15 information.
import { describe, expect, it } from 'vitest';
import { anonymisationDate } from '../../src/features/rodo/anonymise.service.ts';
import { buildTrail, fieldValue, type AuditRow } from '../../src/features/rodo/correction-trail.ts';
import { rightsInformation, yearsCount } from '../../src/features/rodo/rights-info.ts';
import { isoDate, utcDate } from '../../src/lib/dates.ts';

const worker = { fullName: 'Anna Kowalska', roles: ['SOCIAL_WORKER' as const] };
const row = (o: Partial<AuditRow>): AuditRow => ({ id: 1n, at: new Date('2026-03-02T09:15:00Z'), action: 'participant.update', userLogin: 'pracownik', details: null, user: worker, ...o });

describe('correction trail', () => {
  it('turns { changes: { field: [before, after] } } into Polish field names and values', () => {
    const [e] = buildTrail([row({
      details: {
        changes: {
          phone: ['600 100 200', '601 222 333'],
          education: ['PRIMARY', 'SECONDARY'],
          caseClosedAt: [null, '2026-03-01'],
          status: ['ACTIVE', 'CLOSED'],
          socialWorkerId: [7, 8],
        },
        sensitiveFields: ['healthNotes', 'alcoholAddiction'],
      },
    })], new Map([[7, 'Ewa Nowak'], [8, 'Jan Zieliński']]));
    expect(e!.changes).toEqual([
      { field: 'telefon', before: '600 100 200', after: '601 222 333' },
      { field: 'wykształcenie', before: 'podstawowe', after: 'średnie' },
      { field: 'data zamknięcia sprawy', before: '(puste)', after: '01.03.2026' },
      { field: 'stan sprawy', before: 'sprawa aktywna', after: 'sprawa zamknięta' },
      { field: 'pracownik socjalny prowadzący', before: 'Ewa Nowak', after: 'Jan Zieliński' },
    ]);
    // Special-category fields by name only: the log has no values to show.
    expect(e!.sensitiveFields).toEqual(['informacje o zdrowiu', 'uzależnienie od alkoholu']);
    expect(e!.who).toBe('Anna Kowalska (pracownik)');
    expect(e!.whoRole).toBe('pracownik socjalny');
    expect(e!.actionLabel).toBe('Zmiana danych osoby');
    expect(e!.note).toBeNull();
  });

  it('reads older entries that hold the pairs at the top level', () => {
    const [e] = buildTrail([row({ details: { phone: ['500', '600 100 200'] } })], new Map());
    expect(e!.changes).toEqual([{ field: 'telefon', before: '500', after: '600 100 200' }]);
  });

  it('explains entries without fields: registration, anonymisation, details removed, nothing changed, system jobs', () => {
    const trail = buildTrail([
      row({ action: 'participant.create', details: { sensitiveFields: [] } }),
      row({ details: null }),
      row({ details: { changes: {}, sensitiveFields: [] } }),
      row({ action: 'participant.anonymise', userLogin: null, user: null }),
    ], new Map());
    expect(trail.map((e) => e.note)).toEqual([
      'Wpisanie osoby do rejestru.',
      'Szczegóły zmiany usunięto przy anonimizacji.',
      'Zapisano dane bez zmian.',
      'Dane osobowe usunięto po upływie okresu przechowywania; zostały tylko dane statystyczne.',
    ]);
    expect(trail[3]!.who).toBe('system (zadanie automatyczne)');
  });

  it('formats values: booleans, unknown users, empty strings', () => {
    expect(fieldValue('homeless', true, new Map())).toBe('tak');
    expect(fieldValue('socialWorkerId', 42, new Map())).toBe('użytkownik nr 42');
    expect(fieldValue('street', '', new Map())).toBe('(puste)');
    expect(fieldValue('sex', 'FEMALE', new Map())).toBe('kobieta');
  });
});

describe('retention', () => {
  it('a case becomes due on the same calendar day, the retention years later', () => {
    expect(isoDate(anonymisationDate(utcDate(2016, 11, 23), 10))).toBe('2026-11-23');
  });

  it('29 February rolls to 1 March, as the cutoff in findDueForAnonymisation does', () => {
    expect(isoDate(anonymisationDate(utcDate(2016, 2, 29), 10))).toBe('2026-03-01');
  });

  it('says in the art. 15 information when this person\'s data will go', () => {
    const centre = { name: 'OPS', street: 'ul. Polna 1', postalCode: '21-040', city: 'Łąka', retentionYears: 5 };
    const d = (s: { status: string; caseClosedAt: Date | null }) => rightsInformation(centre, s).find((x) => x.letter === 'd')!.paragraphs.join(' ');
    expect(d({ status: 'ACTIVE', caseClosedAt: null })).toContain('jest w toku');
    expect(d({ status: 'CLOSED', caseClosedAt: utcDate(2024, 5, 10) })).toContain('zostaną zanonimizowane 10.05.2029');
    expect(d({ status: 'ANONYMISED', caseClosedAt: utcDate(2010, 1, 1) })).toContain('zostały już zanonimizowane');
    expect(d({ status: 'ACTIVE', caseClosedAt: null })).toContain('przez 5 lat od zamknięcia sprawy');
    expect([1, 2, 4, 5, 12, 22].map(yearsCount)).toEqual(['1 rok', '2 lata', '4 lata', '5 lat', '12 lat', '22 lata']);
  });

  it('covers every letter a–h of art. 15 ust. 1 and names the supervisory authority', () => {
    const info = rightsInformation({ name: 'OPS', street: '', postalCode: '', city: 'Łąka', retentionYears: 10 }, { status: 'ACTIVE', caseClosedAt: null });
    expect(info.map((s) => s.letter).filter(Boolean)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(info.find((s) => s.letter === 'f')!.paragraphs[0]).toContain('Prezesa Urzędu Ochrony Danych Osobowych');
  });
});
