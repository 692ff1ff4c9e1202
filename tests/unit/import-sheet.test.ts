// Reading the sheets centres keep: encodings, separators, quoting, headers, and the row rules that
// translate a sheet's wording into the participant form's values.
import { describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { columnFor, mapHeaders, normalizeHeader, templateCsv } from '../../src/features/import/columns.ts';
import { decodeText, detectSeparator, parseCsv, SheetError } from '../../src/features/import/csv-text.ts';
import { checkRow, sheetDate, sheetRows, workerFinder } from '../../src/features/import/participant-rows.ts';
import { readSheetFile } from '../../src/features/import/sheet-reader.ts';

describe('decodeText', () => {
  it('tells UTF-8 (with or without BOM), UTF-16 and the Polish one-byte code pages apart', () => {
    expect(decodeText(Buffer.from('\ufeffŁódź', 'utf8'))).toEqual({ text: 'Łódź', encoding: 'utf-8' });
    expect(decodeText(Buffer.from('Łódź', 'utf8'))).toEqual({ text: 'Łódź', encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Żółć', 'utf16le')]))).toEqual({ text: 'Żółć', encoding: 'utf-16le' });
    // "Śląsk źle" in Windows-1250 (Ś=8C, ą=B9, ź=9F) and in ISO-8859-2 (Ś=A6, ą=B1, ź=BC)
    expect(decodeText(Buffer.from([0x8c, 0x6c, 0xb9, 0x73, 0x6b, 0x20, 0x9f, 0x6c, 0x65]))).toEqual({ text: 'Śląsk źle', encoding: 'windows-1250' });
    expect(decodeText(Buffer.from([0xa6, 0x6c, 0xb1, 0x73, 0x6b, 0x20, 0xbc, 0x6c, 0x65]))).toEqual({ text: 'Śląsk źle', encoding: 'iso-8859-2' });
  });
});

describe('CSV', () => {
  it('finds the separator the header line uses, ignoring quoted text', () => {
    expect(detectSeparator('Nazwisko;Imię;PESEL\r\nA,B;C;D')).toBe(';');
    expect(detectSeparator('Nazwisko,Imię,PESEL\n')).toBe(',');
    expect(detectSeparator('Nazwisko\tImię\tPESEL\n')).toBe('\t');
    expect(detectSeparator('"Nazwisko, Imię";PESEL\n')).toBe(';');
    expect(detectSeparator('\r\n\r\nNazwisko,Imię\n')).toBe(',');
    expect(detectSeparator('Nazwisko\n')).toBe(';');
  });

  it('reads quotes, doubled quotes and line breaks inside cells, and keeps empty records in the count', () => {
    const text = 'a;"b;c";"d ""x"""\r\n\r\n"multi\nline";e\rf;g';
    expect(parseCsv(text, ';')).toEqual([['a', 'b;c', 'd "x"'], [''], ['multi\nline', 'e'], ['f', 'g']]);
    expect(parseCsv('a;b\n', ';')).toEqual([['a', 'b']]);
    expect(parseCsv('a;;\n', ';')).toEqual([['a', '', '']]);
  });

  it('names the row of an unclosed quote', () => {
    expect(() => parseCsv('Nazwisko;Imię\nA;B\n"Kowal;C\n', ';')).toThrow(new SheetError('Wiersz 3 (linia 3 pliku): cudzysłów otwarty i niezamknięty. Sprawdź, czy plik nie jest ucięty.'));
  });
});

describe('headers', () => {
  it('match whatever the case, diacritics and punctuation', () => {
    expect(normalizeHeader('Nr. domu')).toBe('nrdomu');
    expect(normalizeHeader('MIEJSCOWOŚĆ')).toBe('miejscowosc');
    expect(columnFor('IMIĘ')).toBe('firstName');
    expect(columnFor('imie')).toBe('firstName');
    expect(columnFor(' Kod-pocztowy ')).toBe('postalCode');
    expect(columnFor('e-mail')).toBe('email');
    expect(columnFor('Pracownik socjalny')).toBe('socialWorker');
    expect(columnFor('Ulubiony kolor')).toBeNull();
  });

  it('skip a title line, list unknown columns, and refuse missing or doubled ones', () => {
    const map = mapHeaders([['Lista osób 2026'], ['Lp.', 'Nazwisko', 'Imię', 'PESEL']]);
    expect(map).toEqual({ headerRow: 2, keys: [null, 'lastName', 'firstName', 'pesel'], ignored: ['Lp.'] });
    expect(() => mapHeaders([['Nazwisko', 'Imię', 'Telefon']])).toThrow('W arkuszu brakuje kolumn: „PESEL” (albo „Nr dokumentu” dla osób bez numeru PESEL).');
    expect(() => mapHeaders([['Nazwisko', 'Miasto', 'Miejscowość', 'PESEL', 'Imię']])).toThrow('Kolumny „Miasto” i „Miejscowość” oznaczają to samo (Miejscowość).');
    expect(() => mapHeaders([['a', 'b'], ['c', 'd']])).toThrow('Nie znaleziono wiersza nagłówków');
  });

  it('the template names every column once', () => {
    const [header] = parseCsv(templateCsv().slice(1), ';');
    expect(mapHeaders([header!]).ignored).toEqual([]);
    expect(new Set(mapHeaders([header!]).keys).size).toBe(header!.length);
  });
});

describe('rows', () => {
  const map = mapHeaders([['Nazwisko', 'Imię', 'PESEL', 'Płeć', 'Data urodzenia', 'Pracownik socjalny']]);
  const workers = workerFinder([
    { id: 1, login: 'a.kowalska', fullName: 'Anna Kowalska' },
    { id: 2, login: 'a.kowalska2', fullName: 'Anna Kowalska' },
    { id: 3, login: 'm.nowak', fullName: 'Marek Nowak' },
  ]);
  const check = (cells: string[]) => checkRow(sheetRows([[], cells], map)[0]!, workers);

  it('keeps only non-empty rows, numbered as in the spreadsheet', () => {
    expect(sheetRows([['h'], ['', ' '], ['Kowal', '  Jan  Maria ']], map)).toEqual([{ row: 3, values: { lastName: 'Kowal', firstName: 'Jan Maria' } }]);
  });

  it('dates as people type them', () => {
    expect(['31.12.1999', '31-12-1999', '31/12/1999', '1999-12-31', '1999-12-31 00:00:00', '1.2.2000'].map(sheetDate))
      .toEqual(['31.12.1999', '31.12.1999', '31.12.1999', '31.12.1999', '31.12.1999', '01.02.2000']);
  });

  it('a PESEL that lost its leading zero in a numeric cell is mended; one in exponent form is explained', () => {
    expect(check(['Nowa', 'Ola', '5230812340', '', '', ''])).toMatchObject({ problems: [], input: { pesel: '05230812340' } });
    expect(check(['Nowa', 'Ola', '8,50312E+10', '', '', '']).problems[0]).toMatch(/^PESEL: numer zapisany w postaci wykładniczej/);
  });

  it('sex, birth date and the worker as a sheet writes them, checked against the PESEL', () => {
    expect(check(['Kowal', 'Jan', '85031212350', 'm', '12.03.1985', 'M.NOWAK'])).toMatchObject({ problems: [], input: { sex: 'MALE', socialWorkerId: 3 } });
    expect(check(['Kowal', 'Jan', '85031212350', 'Mężczyzna', '1985-03-12', 'marek nowak']).problems).toEqual([]);
    expect(check(['Kowal', 'Jan', '85031212350', 'K', '13.03.1985', '']).problems).toEqual([
      'Data urodzenia: 13.03.1985 nie zgadza się z numerem PESEL (wynika z niego 12.03.1985). Sprawdź oba.',
      'Płeć: „K” nie zgadza się z numerem PESEL (wynika z niego: mężczyzna). Sprawdź oba.',
    ]);
    expect(check(['Kowal', 'Jan', '85031212350', '', '', 'Anna Kowalska']).problems).toEqual([
      'Pracownik socjalny: jest kilku pracowników o imieniu i nazwisku „Anna Kowalska”: wpisz login zamiast nazwiska.',
    ]);
    expect(check(['Kowal', 'Jan', '85031212350', '', '31.02.1985', '']).problems).toEqual(['Data urodzenia: Podaj prawdziwą datę w formacie DD.MM.RRRR.']);
  });
});

describe('readSheetFile', () => {
  it('reads an XLSX and refuses one that claims to unpack to more than 100 MB', async () => {
    const bytes = await writeExcelFile([['Nazwisko', 'Imię'], ['Kowal', 'Jan']]).toBuffer();
    expect((await readSheetFile(bytes, 'a.xlsx')).rows).toEqual([['Nazwisko', 'Imię'], ['Kowal', 'Jan']]);
    // Patch every central-directory entry to claim 200 MB unpacked.
    const bomb = Buffer.from(bytes);
    for (let i = 0; i < bomb.length - 46; i++) if (bomb.readUInt32LE(i) === 0x02014b50) bomb.writeUInt32LE(200 * 1024 * 1024, i + 24);
    await expect(readSheetFile(bomb, 'a.xlsx')).rejects.toThrow('po rozpakowaniu byłby zbyt duży');
  });

  it('unwraps ="digits" cells (how spreadsheets keep leading zeros)', async () => {
    const sheet = await readSheetFile(Buffer.from('Nazwisko;PESEL\r\nKowal;="05230812340"\r\n'), 'a.csv');
    expect(sheet.rows[1]).toEqual(['Kowal', '05230812340']);
    expect(sheet.description).toBe('CSV, kodowanie UTF-8, separator: średnik');
  });
});
