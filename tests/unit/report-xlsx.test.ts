// The report's XLSX sheet read back with the same reader the import uses: the tables in order, with numbers
// as numbers in the reader's units (hours, złote, percent) and blanks left empty.
import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/features/reports/report-model.ts';
import { reportXlsx, xlsxNumber } from '../../src/features/reports/report-xlsx.ts';

const report: ReportDocument = {
  kind: 'MONTHLY', year: 2026, month: 10, title: 'Raport miesięczny: październik 2026', periodLabel: 'październik 2026',
  from: '2026-10-01', to: '2026-10-31', generatedAt: '2026-11-02T08:00:00.000Z', charts: [],
  sections: [{
    title: 'Prace społecznie użyteczne',
    tables: [{
      id: 'psu', title: 'Godziny i świadczenia',
      columns: [{ label: 'Osoby', measure: 'count' }, { label: 'Godziny', measure: 'minutes' }, { label: 'Świadczenia', measure: 'grosze' }, { label: 'Frekwencja', measure: 'bp' }],
      rows: [
        { label: 'Urząd Miejski', values: [2, 2160, 29880, 8500] },
        { label: 'Biblioteka – Łąkowa', values: [1, 90, 1245, null] },
      ],
      total: { label: 'Razem', values: [3, 2250, 31125, 8500] },
      note: 'Stawka 8,30 zł za godzinę.',
    }],
  }],
};

describe('reportXlsx', () => {
  it('writes the tables in order with numbers a spreadsheet can add up', async () => {
    const rows = (await readSheet(await reportXlsx(report, 'MOPS w Borkowie'))) as unknown[][];
    const at = rows.findIndex((r) => r[0] === 'Godziny i świadczenia');
    expect(rows[0]![0]).toBe('Raport miesięczny: październik 2026');
    expect(rows[1]![0]).toBe('MOPS w Borkowie');
    expect(rows[at + 1]).toEqual(['Wyszczególnienie', 'Osoby', 'Godziny (h)', 'Świadczenia (zł)', 'Frekwencja (%)']);
    expect(rows[at + 2]).toEqual(['Urząd Miejski', 2, 36, 298.8, 85]);
    expect(rows[at + 3]).toEqual(['Biblioteka – Łąkowa', 1, 1.5, 12.45, null]);
    expect(rows[at + 4]).toEqual(['Razem', 3, 37.5, 311.25, 85]);
    expect(rows[at + 5]![0]).toBe('Stawka 8,30 zł za godzinę.');
  });

  it('turns stored units into the units a reader expects', () => {
    expect(xlsxNumber(2160, 'minutes')).toBe(36);
    expect(xlsxNumber(17928, 'grosze')).toBe(179.28);
    expect(xlsxNumber(9500, 'bp')).toBe(95);
    expect(xlsxNumber(7, 'count')).toBe(7);
  });
});
