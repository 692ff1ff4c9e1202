// The columns a participants sheet may have: their Polish headers, the variants people write, and what
// goes in them. The import page and the template CSV are built from this list.
import { columnSet, normalizeHeader, type ColumnDef as SheetColumnDef, type HeaderMap as SheetHeaderMap } from './sheet-columns.ts';

export const COLUMN_KEYS = [
  'lastName', 'firstName', 'secondName', 'pesel', 'birthDate', 'sex', 'citizenship', 'documentType', 'documentNumber',
  'street', 'houseNumber', 'flatNumber', 'postalCode', 'city', 'phone', 'email', 'education', 'socialWorker', 'notes',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export type ColumnDef = SheetColumnDef<ColumnKey>;

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

/** Required: surname, first name, and a PESEL (or a document for people without one). */
export const PARTICIPANT_SHEET = columnSet(COLUMNS, {
  examples: ['lastName', 'firstName', 'pesel'],
  missing: (seen) => {
    const missing = (['lastName', 'firstName'] as const).filter((k) => !seen.has(k)).map((k) => `„${COLUMNS.find((c) => c.key === k)!.header}”`);
    if (!seen.has('pesel') && !seen.has('documentNumber')) missing.push('„PESEL” (albo „Nr dokumentu” dla osób bez numeru PESEL)');
    return missing;
  },
});

export const COLUMN_BY_KEY = PARTICIPANT_SHEET.byKey;
export const columnFor = PARTICIPANT_SHEET.columnFor;
export const mapHeaders = PARTICIPANT_SHEET.mapHeaders;
export const templateCsv = PARTICIPANT_SHEET.templateCsv;
export type HeaderMap = SheetHeaderMap<ColumnKey>;
export { normalizeHeader };
