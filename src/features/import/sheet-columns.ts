// Column sets of the sheets the import reads: Polish headers with the variants people write, matched
// whatever their case, diacritics, spaces and punctuation ("Imie", "IMIĘ", "nr. domu" all work).
import { toCsv } from '../../lib/csv.ts';
import { SheetError } from './csv-text.ts';

export interface ColumnDef<K extends string> {
  key: K;
  header: string;
  aliases: string[];
  /** What to write, for the table on the import page. */
  help: string;
  example: string;
}

/** "Nr. domu" → "nrdomu": lower case, no diacritics (ł → l too), letters and digits only. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export interface HeaderMap<K extends string> {
  /** Row number (1-based) of the header row. */
  headerRow: number;
  /** For each cell of the header row, the column it fills (null: ignored). */
  keys: (K | null)[];
  /** Headers that match no column: shown, not an error. */
  ignored: string[];
}

export interface ColumnSet<K extends string> {
  columns: ColumnDef<K>[];
  byKey: Record<K, ColumnDef<K>>;
  columnFor(header: string): K | null;
  mapHeaders(rows: string[][]): HeaderMap<K>;
  /** The header row only: a sample row would be imported with the real ones if nobody deleted it. */
  templateCsv(): string;
}

/**
 * `missing(seen)` names the required columns a header row lacks (in Polish, quoted), e.g. "„Nazwisko”";
 * `examples` are the headers the "no header row" message suggests.
 */
export function columnSet<K extends string>(columns: ColumnDef<K>[], opts: { missing: (seen: ReadonlySet<K>) => string[]; examples: K[] }): ColumnSet<K> {
  const lookup = new Map<string, K>();
  for (const c of columns) for (const name of [c.header, ...c.aliases]) lookup.set(normalizeHeader(name), c.key);
  const byKey = Object.fromEntries(columns.map((c) => [c.key, c])) as Record<K, ColumnDef<K>>;
  const columnFor = (header: string) => lookup.get(normalizeHeader(header)) ?? null;
  const examples = opts.examples.map((k) => `„${byKey[k].header}”`).join(', ');

  /**
   * Finds the header row (the first of the first ten rows naming at least two known columns: sheets
   * often start with a title line) and maps its cells to columns.
   */
  const mapHeaders = (rows: string[][]): HeaderMap<K> => {
    const index = rows.slice(0, 10).findIndex((r) => r.filter((h) => columnFor(h)).length >= 2);
    if (index < 0) {
      throw new SheetError(`Nie znaleziono wiersza nagłówków. Pierwszy wiersz arkusza powinien zawierać nazwy kolumn, np. ${examples} (wzór do pobrania na stronie importu).`);
    }
    const header = rows[index]!;
    const keys = header.map((h) => columnFor(h));
    const seen = new Map<K, string>();
    for (const [i, key] of keys.entries()) {
      if (!key) continue;
      if (seen.has(key)) throw new SheetError(`Kolumny „${seen.get(key)}” i „${header[i]!.trim()}” oznaczają to samo (${byKey[key].header}). Zostaw jedną z nich.`);
      seen.set(key, header[i]!.trim());
    }
    const absent = opts.missing(new Set(seen.keys()));
    if (absent.length) throw new SheetError(`W arkuszu brakuje kolumn: ${absent.join(', ')}.`);
    const ignored = header.filter((h, i) => h.trim() && !keys[i]).map((h) => h.trim());
    return { headerRow: index + 1, keys, ignored };
  };

  return { columns, byKey, columnFor, mapHeaders, templateCsv: () => toCsv([columns.map((c) => c.header)]) };
}

export type SheetValues<K extends string> = Partial<Record<K, string>>;
/** A data row of the sheet: its row number as Excel shows it and the text of each known column. */
export interface SheetRow<K extends string = string> {
  row: number;
  values: SheetValues<K>;
}

/** The data rows under the header, blank rows left out. */
export function sheetRows<K extends string>(rows: string[][], map: HeaderMap<K>, keepLines: readonly K[] = []): SheetRow<K>[] {
  const out: SheetRow<K>[] = [];
  for (let i = map.headerRow; i < rows.length; i++) {
    const values: SheetValues<K> = {};
    rows[i]!.forEach((cell, c) => {
      const key = map.keys[c];
      // Runs of spaces are squeezed (names copied from other documents); notes keep their line breaks.
      const text = key && keepLines.includes(key) ? cell.trim() : cell.replace(/\s+/g, ' ').trim();
      if (key && text) values[key] = text;
    });
    if (Object.keys(values).length) out.push({ row: i + 1, values });
  }
  return out;
}
