// Reads an uploaded sheet (CSV or XLSX) into rows of text cells. Everything a person typed becomes a
// string here; numbers and dates from XLSX cells are written the way a Polish user would type them.
import { readSheet } from 'read-excel-file/node';
import { formatDate } from '../../lib/dates.ts';
import { decodeText, detectSeparator, ENCODING_LABELS, parseCsv, SEPARATOR_LABELS, SheetError, TooManyRecordsError } from './csv-text.ts';

export { SheetError };

/** Rows beyond this are refused: split the sheet (a centre's register is a few thousand people). */
export const MAX_ROWS = 10_000;
export const tooManyRows = () => new SheetError(`Plik ma więcej niż ${MAX_ROWS.toLocaleString('pl-PL')} wierszy z danymi. Podziel go na mniejsze części.`);
/** An XLSX is a ZIP: refuse one that would unpack to more than this (a "zip bomb"). */
const MAX_XLSX_UNPACKED = 100 * 1024 * 1024;

export interface Sheet {
  /** Every row of the sheet; index + 1 is the row number shown in Excel. */
  rows: string[][];
  /** What the administrator sees about how the file was read, e.g. "CSV, UTF-8, średnik". */
  description: string;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (b: Uint8Array, magic: number[]) => magic.every((m, i) => b[i] === m);

export async function readSheetFile(bytes: Buffer, fileName: string): Promise<Sheet> {
  if (bytes.length === 0) throw new SheetError('Plik jest pusty.');
  if (startsWith(bytes, OLE2)) {
    throw new SheetError('To plik w starym formacie Excela (.xls). Otwórz go w Excelu lub LibreOffice i zapisz jako .xlsx albo CSV.');
  }
  if (startsWith(bytes, ZIP)) return readXlsx(bytes);
  if (/\.(xlsx|xlsm|ods|xls)$/i.test(fileName)) {
    throw new SheetError('Plik ma rozszerzenie arkusza, ale nie jest prawidłowym plikiem .xlsx. Zapisz go ponownie jako .xlsx albo CSV.');
  }
  return readCsv(bytes);
}

function readCsv(bytes: Buffer): Sheet {
  const { text, encoding } = decodeText(bytes);
  // Text files never hold NUL or other C0 control characters (beyond tab and line breaks); binary files do.
  if (/[\u0000-\u0008\u000e-\u001a]/.test(text.slice(0, 64 * 1024))) {
    throw new SheetError('To nie jest plik tekstowy CSV ani arkusz .xlsx. Zapisz arkusz jako CSV (rozdzielany średnikami) albo .xlsx.');
  }
  const separator = detectSeparator(text);
  let records: string[][];
  try {
    // A few more than the limit: the header and a title line above it do not count.
    records = parseCsv(text, separator, MAX_ROWS + 10);
  } catch (err) {
    if (err instanceof TooManyRecordsError) throw tooManyRows();
    throw err;
  }
  const rows = records.map((r) => r.map(unwrapFormula));
  return { rows, description: `CSV, kodowanie ${ENCODING_LABELS[encoding]}, separator: ${SEPARATOR_LABELS[separator]}` };
}

/** ="00123" is how spreadsheets (and Reintegra's own CSV exports) keep digits as text: take the digits. */
function unwrapFormula(cell: string): string {
  const m = /^\s*="(.*)"\s*$/.exec(cell);
  return m ? m[1]! : cell;
}

async function readXlsx(bytes: Buffer): Promise<Sheet> {
  checkZipSize(bytes);
  let data: unknown[][];
  try {
    data = (await readSheet(bytes)) as unknown[][];
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'XLS_FILE_NOT_SUPPORTED') throw new SheetError('To plik w starym formacie Excela (.xls). Zapisz go jako .xlsx albo CSV.');
    throw new SheetError('Nie udało się odczytać pliku .xlsx: plik jest uszkodzony albo to nie jest arkusz Excela. Zapisz go ponownie jako .xlsx albo CSV.');
  }
  if (data.length > MAX_ROWS + 10) throw tooManyRows();
  return { rows: data.map((r) => r.map(cellText)), description: 'arkusz Excel (.xlsx), pierwszy arkusz' };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return formatDate(v);
  if (typeof v === 'number') {
    // Whole numbers (PESEL typed as a number, phone numbers) without exponent or grouping.
    return Number.isInteger(v) ? BigInt(v).toString() : String(v).replace('.', ',');
  }
  if (typeof v === 'boolean') return v ? 'tak' : 'nie';
  return String(v);
}

/**
 * Sums the unpacked sizes the ZIP's central directory declares, before anything is unpacked. The
 * library then unpacks into memory, so a small file that claims gigabytes is refused here.
 */
function checkZipSize(bytes: Buffer): void {
  const broken = () => new SheetError('Nie udało się odczytać pliku .xlsx: plik jest uszkodzony. Zapisz go ponownie jako .xlsx albo CSV.');
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken();
  const entries = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  let total = 0;
  for (let e = 0; e < entries; e++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) throw broken();
    const unpacked = bytes.readUInt32LE(offset + 24);
    total += unpacked === 0xffffffff ? Infinity : unpacked;
    offset += 46 + bytes.readUInt16LE(offset + 28) + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
  if (total > MAX_XLSX_UNPACKED) {
    throw new SheetError('Plik .xlsx po rozpakowaniu byłby zbyt duży. Zapisz arkusz jako CSV albo podziel go na mniejsze części.');
  }
}
