import { describe, expect, it } from 'vitest';
import { createPdf, finishPdf, heading, pdfToBuffer, signatures, table } from '../../src/pdf/document.ts';
import { contentDisposition } from '../../src/pdf/send.ts';
import { csvDigits, csvMoney, toCsv } from '../../src/lib/csv.ts';
import { pdfText } from '../helpers/pdf.ts';

describe('shared PDF groundwork', () => {
  it('keeps Polish letters, repeats table headers on every page and numbers pages', async () => {
    const doc = createPdf({ title: 'Próba', header: { centreName: 'Miejski Ośrodek Pomocy Społecznej w Łodzi', lines: ['Klub Integracji Społecznej „Źródło”'] }, footerNote: 'Lista próbna' });
    heading(doc, 'Zażółć gęślą jaźń – ZAŻÓŁĆ GĘŚLĄ JAŹŃ');
    const rows = Array.from({ length: 60 }, (_v, i) => ({ n: i + 1, name: `Łucja Ćwik-Źdźbło ${i + 1}` }));
    table(doc, [
      { header: 'Lp.', width: 1, align: 'right', value: (r) => String(r.n) },
      { header: 'Imię i nazwisko', width: 5, value: (r) => r.name },
      { header: 'Podpis', width: 3, value: () => '' },
    ], rows, { rowHeight: 22 });
    signatures(doc, ['Koordynator KIS', 'Dyrektor']);
    const done = pdfToBuffer(doc);
    finishPdf(doc);
    const { text, pages, numPages } = await pdfText(await done);
    expect(text).toContain('Zażółć gęślą jaźń – ZAŻÓŁĆ GĘŚLĄ JAŹŃ');
    expect(text).toContain('Miejski Ośrodek Pomocy Społecznej w Łodzi');
    expect(text).toContain('Łucja Ćwik-Źdźbło 60');
    expect(numPages).toBeGreaterThan(1);
    const withRows = pages.filter((p) => p.includes('Łucja'));
    expect(withRows.length).toBeGreaterThan(1);
    for (const p of withRows) expect(p).toContain('Imię i nazwisko');
    expect(pages.at(-1)).toContain(`strona ${numPages} z ${numPages}`);
  });

  it('gives a Polish file name with an ASCII fallback', () => {
    expect(contentDisposition('Lista obecności – grupa Ł.pdf')).toBe(
      `inline; filename="Lista_obecnosci_grupa_L.pdf"; filename*=UTF-8''${encodeURIComponent('Lista obecności – grupa Ł.pdf')}`,
    );
  });
});

describe('CSV for Polish spreadsheets', () => {
  it('writes BOM, semicolons, decimal commas, CRLF and quotes', () => {
    const csv = toCsv([['Nazwisko', 'Kwota'], ['Wójcik; Jan', csvMoney(123456)], ['"Żak"', 1.5]]);
    expect(csv).toBe('\ufeffNazwisko;Kwota\r\n"Wójcik; Jan";1234,56\r\n"""Żak""";1,5\r\n');
  });

  it('defuses formulas', () => {
    expect(toCsv([['=HYPERLINK("x")', '-cmd', '-5', '-12,34']])).toBe('\ufeff"\'=HYPERLINK(""x"")";\'-cmd;-5;-12,34\r\n');
  });

  it('keeps leading zeros of a PESEL as text, and writes anything else as a plain cell', () => {
    expect(toCsv([[csvDigits('02270803628'), csvDigits('paszport AB123'), csvDigits('=1+1')]])).toBe('\ufeff"=""02270803628""";paszport AB123;\'=1+1\r\n');
  });
});
