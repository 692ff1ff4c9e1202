// The columns a participants sheet may have: their Polish headers, the variants people write, and what
// goes in them. Headers match whatever their case, diacritics, spaces and punctuation ("Imie", "IMIĘ",
// "nr. domu" all work). The import page and the template CSV are built from this list.
import { toCsv } from '../../lib/csv.ts';
import { SheetError } from './csv-text.ts';

export const COLUMN_KEYS = [
  'lastName', 'firstName', 'secondName', 'pesel', 'birthDate', 'sex', 'citizenship', 'documentType', 'documentNumber',
  'street', 'houseNumber', 'flatNumber', 'postalCode', 'city', 'phone', 'email', 'education', 'socialWorker', 'notes',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export interface ColumnDef {
  key: ColumnKey;
  header: string;
  aliases: string[];
  /** What to write, for the table on the import page. */
  help: string;
  example: string;
}

export const COLUMNS: ColumnDef[] = [
  { key: 'lastName', header: 'Nazwisko', aliases: [], help: 'wymagane', example: 'Kowalska' },
  { key: 'firstName', header: 'Imię', aliases: ['Pierwsze imię', 'Imiona'], help: 'wymagane', example: 'Bożena' },
  { key: 'secondName', header: 'Drugie imię', aliases: [], help: 'nieobowiązkowe', example: 'Maria' },
  { key: 'pesel', header: 'PESEL', aliases: ['Nr PESEL', 'Numer PESEL'], help: '11 cyfr; sprawdzana cyfra kontrolna. Data urodzenia i płeć są brane z numeru PESEL.', example: '99123199924' },
  { key: 'birthDate', header: 'Data urodzenia', aliases: ['Data ur.', 'Urodzony', 'Urodzona', 'Urodzony(a)', 'Data urodzin'], help: 'DD.MM.RRRR; wymagana bez numeru PESEL, a przy numerze PESEL musi się z nim zgadzać', example: '31.12.1999' },
  { key: 'sex', header: 'Płeć', aliases: [], help: 'K albo M (kobieta, mężczyzna); wymagana bez numeru PESEL', example: 'K' },
  { key: 'citizenship', header: 'Obywatelstwo', aliases: [], help: 'puste = polskie', example: 'polskie' },
  { key: 'documentType', header: 'Rodzaj dokumentu', aliases: ['Dokument', 'Dokument tożsamości'], help: 'dla osób bez numeru PESEL: paszport, karta pobytu, zagraniczny dokument tożsamości albo inny dokument', example: 'paszport' },
  { key: 'documentNumber', header: 'Nr dokumentu', aliases: ['Numer dokumentu', 'Seria i numer dokumentu', 'Seria i nr dokumentu'], help: 'seria i numer dokumentu (dla osób bez numeru PESEL)', example: 'FX1234567' },
  { key: 'street', header: 'Ulica', aliases: ['Ul.'], help: 'nieobowiązkowe', example: 'Polna' },
  { key: 'houseNumber', header: 'Nr domu', aliases: ['Numer domu', 'Nr budynku', 'Numer budynku', 'Nr posesji'], help: 'nieobowiązkowe', example: '12' },
  { key: 'flatNumber', header: 'Nr lokalu', aliases: ['Numer lokalu', 'Nr mieszkania', 'Numer mieszkania', 'Lokal'], help: 'nieobowiązkowe', example: '3' },
  { key: 'postalCode', header: 'Kod pocztowy', aliases: ['Kod'], help: '00-000', example: '00-950' },
  { key: 'city', header: 'Miejscowość', aliases: ['Miasto', 'Miejscowość zamieszkania', 'Miejsce zamieszkania'], help: 'nieobowiązkowe', example: 'Warszawa' },
  { key: 'phone', header: 'Telefon', aliases: ['Nr telefonu', 'Numer telefonu', 'Tel.', 'Telefon kontaktowy'], help: 'nieobowiązkowe', example: '600 100 200' },
  { key: 'email', header: 'E-mail', aliases: ['Email', 'Adres e-mail', 'Mail'], help: 'nieobowiązkowe', example: 'b.kowalska@example.pl' },
  { key: 'education', header: 'Wykształcenie', aliases: [], help: 'podstawowe, gimnazjalne, zasadnicze zawodowe, średnie, policealne, wyższe albo brak', example: 'średnie' },
  { key: 'socialWorker', header: 'Pracownik socjalny', aliases: ['Pracownik', 'Opiekun', 'Pracownik prowadzący'], help: 'login albo imię i nazwisko pracownika socjalnego z listy użytkowników; puste = bez przydziału', example: 'a.kowalska' },
  { key: 'notes', header: 'Uwagi', aliases: ['Notatki'], help: 'nieobowiązkowe', example: 'kontakt przez siostrę' },
];

export const COLUMN_BY_KEY = Object.fromEntries(COLUMNS.map((c) => [c.key, c])) as Record<ColumnKey, ColumnDef>;

/** "Nr. domu" → "nrdomu": lower case, no diacritics (ł → l too), letters and digits only. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const LOOKUP = new Map<string, ColumnKey>();
for (const c of COLUMNS) for (const name of [c.header, ...c.aliases]) LOOKUP.set(normalizeHeader(name), c.key);

export function columnFor(header: string): ColumnKey | null {
  return LOOKUP.get(normalizeHeader(header)) ?? null;
}

export interface HeaderMap {
  /** Row number (1-based) of the header row. */
  headerRow: number;
  /** For each cell of the header row, the column it fills (null: ignored). */
  keys: (ColumnKey | null)[];
  /** Headers that match no column: shown, not an error. */
  ignored: string[];
}

/**
 * Finds the header row (the first of the first ten rows naming at least two known columns: sheets often
 * start with a title line) and maps its cells to columns. Throws a Polish message when the sheet cannot
 * be read as a participants list.
 */
export function mapHeaders(rows: string[][]): HeaderMap {
  const index = rows.slice(0, 10).findIndex((r) => r.filter((h) => columnFor(h)).length >= 2);
  if (index < 0) {
    throw new SheetError('Nie znaleziono wiersza nagłówków. Pierwszy wiersz arkusza powinien zawierać nazwy kolumn, np. „Nazwisko”, „Imię”, „PESEL” (wzór do pobrania poniżej).');
  }
  const header = rows[index]!;
  const keys = header.map((h) => columnFor(h));
  const seen = new Map<ColumnKey, string>();
  for (const [i, key] of keys.entries()) {
    if (!key) continue;
    if (seen.has(key)) throw new SheetError(`Kolumny „${seen.get(key)}” i „${header[i]!.trim()}” oznaczają to samo (${COLUMN_BY_KEY[key].header}). Zostaw jedną z nich.`);
    seen.set(key, header[i]!.trim());
  }
  const missing = (['lastName', 'firstName'] as const).filter((k) => !seen.has(k)).map((k) => `„${COLUMN_BY_KEY[k].header}”`);
  if (!seen.has('pesel') && !seen.has('documentNumber')) missing.push('„PESEL” (albo „Nr dokumentu” dla osób bez numeru PESEL)');
  if (missing.length) throw new SheetError(`W arkuszu brakuje kolumn: ${missing.join(', ')}.`);
  const ignored = header.filter((h, i) => h.trim() && !keys[i]).map((h) => h.trim());
  return { headerRow: index + 1, keys, ignored };
}

/**
 * The template: the header row only. An example person in it would be imported with the real ones if
 * nobody deleted it; the import page shows examples beside each column instead.
 */
export function templateCsv(): string {
  return toCsv([COLUMNS.map((c) => c.header)]);
}
