// The columns of a sheet of socially useful work (PSU) hours: one row per person and day.
import { columnSet, type ColumnDef } from './sheet-columns.ts';

export type PsuColumnKey = 'pesel' | 'date' | 'hours' | 'workplace' | 'lastName' | 'firstName' | 'note';

export const PSU_COLUMNS: ColumnDef<PsuColumnKey>[] = [
  { key: 'pesel', header: 'PESEL', aliases: ['Nr PESEL', 'Numer PESEL'], help: 'wymagane: osoba skierowana do PSU', example: '85031212350' },
  { key: 'date', header: 'Data', aliases: ['Dzień', 'Data pracy', 'Data wykonywania pracy'], help: 'wymagane: DD.MM.RRRR, dzień, który już minął', example: '02.03.2026' },
  { key: 'hours', header: 'Godziny', aliases: ['Liczba godzin', 'Godz.', 'Czas pracy', 'Przepracowane godziny'], help: 'wymagane: 4, 3,5 albo 3:30; C – niezdolność do pracy (zwolnienie), N – nieobecność', example: '4' },
  { key: 'workplace', header: 'Miejsce', aliases: ['Miejsce pracy', 'Miejsce wykonywania pracy', 'Zakład'], help: 'nazwa miejsca wykonywania PSU; potrzebna tylko, gdy osoba pracuje w kilku miejscach', example: 'Urząd Gminy' },
  { key: 'lastName', header: 'Nazwisko', aliases: [], help: 'nieobowiązkowe; gdy jest, musi się zgadzać z osobą o tym numerze PESEL', example: 'Kowalski' },
  { key: 'firstName', header: 'Imię', aliases: ['Imie'], help: 'nieobowiązkowe, dla czytelności arkusza', example: 'Jan' },
  { key: 'note', header: 'Uwagi', aliases: ['Notatki'], help: 'nieobowiązkowe', example: '' },
];

export const PSU_SHEET = columnSet(PSU_COLUMNS, {
  examples: ['pesel', 'date', 'hours'],
  missing: (seen) => (['pesel', 'date', 'hours'] as const).filter((k) => !seen.has(k)).map((k) => `„${PSU_COLUMNS.find((c) => c.key === k)!.header}”`),
});
