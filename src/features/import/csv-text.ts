// Pure CSV reading for the sheets centres keep: the text encoding (UTF-8 with or without BOM, UTF-16
// with BOM as Excel's "Unicode text", or the Windows-1250 / ISO-8859-2 of older Polish Excel), the
// separator (; , or tab, whichever the header line uses) and RFC 4180 quoting.

export class SheetError extends Error {
  /** `message` is Polish and shown to the administrator. */
  constructor(message: string) {
    super(message);
    this.name = 'SheetError';
  }
}

/** parseCsv() stopped reading: the file has more records than the caller allows. */
export class TooManyRecordsError extends Error {}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1250' | 'iso-8859-2';

export const ENCODING_LABELS: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (Unicode)',
  'utf-16be': 'UTF-16 (Unicode)',
  'windows-1250': 'Windows-1250 (starszy Excel)',
  'iso-8859-2': 'ISO-8859-2',
};

const POLISH = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/g;
const polishLetters = (s: string) => s.match(POLISH)?.length ?? 0;

/** Decodes the bytes of a text file, telling which encoding it found. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: a one-byte Polish code page. Windows-1250 (Excel) and ISO-8859-2 put ą ś ź Ą Ś Ź on
    // different bytes; the one that yields more Polish letters is the one the file was written in.
    const cp1250 = new TextDecoder('windows-1250').decode(bytes);
    const latin2 = new TextDecoder('iso-8859-2').decode(bytes);
    return polishLetters(latin2) > polishLetters(cp1250) ? { text: latin2, encoding: 'iso-8859-2' } : { text: cp1250, encoding: 'windows-1250' };
  }
}

export type Separator = ';' | ',' | '\t';
export const SEPARATOR_LABELS: Record<Separator, string> = { ';': 'średnik', ',': 'przecinek', '\t': 'tabulator' };

/** The separator the first non-empty line uses most (outside quotes); a semicolon when in doubt. */
export function detectSeparator(text: string): Separator {
  const counts: Record<Separator, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  let seenContent = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (seenContent) break;
    } else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) {
      counts[ch] += 1;
      seenContent = true;
    } else if (ch.trim()) seenContent = true;
  }
  const best = (Object.keys(counts) as Separator[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), ';');
  return counts[best] === 0 ? ';' : best;
}

/**
 * Splits CSV text into records of cells (RFC 4180: fields in double quotes may hold separators, line
 * breaks and doubled quotes). Every record counts, empty ones too, so index + 1 is the row number a
 * spreadsheet shows.
 */
export function parseCsv(text: string, sep: Separator, maxRecords = Infinity): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let i = 0;
  let line = 1;
  const n = text.length;
  const endRecord = () => {
    record.push(cell);
    records.push(record);
    if (records.length > maxRecords) throw new TooManyRecordsError();
    record = [];
    cell = '';
  };
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"' && cell.trim() === '') {
      // A quoted field: read to the closing quote.
      const startLine = line;
      cell = '';
      i += 1;
      for (;;) {
        if (i >= n) throw new SheetError(`Wiersz ${records.length + 1} (linia ${startLine} pliku): cudzysłów otwarty i niezamknięty. Sprawdź, czy plik nie jest ucięty.`);
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (c === '\n') line += 1;
        cell += c;
        i += 1;
      }
      // Anything between the closing quote and the separator is kept (lenient, as Excel is).
      while (i < n && text[i] !== sep && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      continue;
    }
    if (ch === sep) {
      record.push(cell);
      cell = '';
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      line += 1;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i += 1;
    }
  }
  if (cell !== '' || record.length) endRecord();
  return records;
}
