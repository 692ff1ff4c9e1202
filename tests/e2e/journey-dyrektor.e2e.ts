// Journey 4, by keyboard only from the login page: the director opens the dashboard (also in high contrast),
// picks last month's report, and downloads it as PDF, XLSX and CSV. Every number in every table of the page
// must be in the PDF (read back with pdftotext) and in both spreadsheets (parsed), row by row.
import fs from 'node:fs';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { MONTH_NAMES } from '../../src/lib/dates.ts';
import { launch, loginWithKeyboard, newContext } from './browser.ts';
import { parseCsv, pdfToText, saveDownload } from './files.ts';
import { activate, arrive, chooseOption, typeInto } from './keyboard.ts';

/** A whole journey on a loaded 2-core machine can take minutes. */
const JOURNEY_TIMEOUT = 300_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

interface HtmlTable { title: string; header: string[]; rows: { label: string; values: string[] }[] }

/** The report's tables as the page shows them (label and formatted values of each row, totals last). */
async function reportTables(page: Page): Promise<HtmlTable[]> {
  return page.$$eval('table.report-table', (tables) => tables.map((t) => {
    const title = document.getElementById(t.getAttribute('aria-labelledby')!)!.textContent!.trim();
    const header = Array.from(t.querySelectorAll('thead th')).map((th) => th.textContent!.trim());
    const rows = Array.from(t.querySelectorAll('tbody tr, tfoot tr'))
      .filter((tr) => tr.querySelector('th'))
      .map((tr) => ({ label: tr.querySelector('th')!.textContent!.trim(), values: Array.from(tr.querySelectorAll('td')).map((td) => td.textContent!.trim()) }));
    return { title, header, rows };
  }));
}

const squash = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
/** A shown value as a bare number, the way the spreadsheet holds it: "1 234,56 zł" → "1234,56", "—" → "". */
const bare = (s: string) => squash(s).replace(/ ?(zł|%)$/, '').replace(/ /g, '').replace(/^—$/, '');

/** Stronger contrast (WCAG AAA, 7:1) is what the high-contrast mode promises; returns the offending nodes. */
async function enhancedContrast(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withRules(['color-contrast-enhanced']).analyze();
  return r.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
}

describe('journey 4: the director reads the month', () => {
  it('dashboard, high contrast, the monthly report and its PDF and spreadsheet agree, by keyboard only', async () => {
    const now = new Date();
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const year = last.getUTCFullYear();
    const month = last.getUTCMonth() + 1;
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto('/login');
    await arrive(page, 'logowanie', 'Logowanie');
    await loginWithKeyboard(page, 'dyrektor');
    await arrive(page, 'pulpit dyrektora', 'Pulpit', 'podroz-pulpit-dyrektor');
    expect(await page.locator('main .stat__value').count()).toBe(4);
    // The director changes nothing: no forms but the header's own (preferences, logout).
    expect(await page.locator('main form').count()).toBe(0);

    // High contrast, switched on from the keyboard: axe checks contrast (AA) on each page, and the stronger
    // AAA ratio is checked too, since that is what the mode is for.
    await activate(page, 'button[name=toggle][value=contrast]');
    expect(await page.getAttribute('html', 'class')).toContain('high-contrast');
    expect(await page.getAttribute('button[name=toggle][value=contrast]', 'aria-pressed')).toBe('true');
    await arrive(page, 'pulpit dyrektora – wysoki kontrast', 'Pulpit', 'podroz-pulpit-dyrektor-kontrast');
    expect(await enhancedContrast(page)).toEqual([]);

    await activate(page, 'nav.main-nav a[href="/raporty"]');
    await arrive(page, 'raporty – wysoki kontrast', 'Raporty');
    expect(await enhancedContrast(page)).toEqual([]);
    await chooseOption(page, '#f-miesiac', MONTH_NAMES[month - 1]!);
    await typeInto(page, '#f-rok', String(year));
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/raporty/miesieczny/${year}/${month}`);
    await arrive(page, 'raport miesięczny – wysoki kontrast', 'Raport miesięczny');
    expect(await enhancedContrast(page)).toEqual([]);

    // Back to the normal colours for the rest.
    await activate(page, 'button[name=toggle][value=contrast]');
    expect(await page.getAttribute('html', 'class')).not.toContain('high-contrast');
    expect(page.url()).toContain(`/raporty/miesieczny/${year}/${month}`);
    await arrive(page, 'raport miesięczny', 'Raport miesięczny', 'podroz-raport-miesieczny');

    const tables = await reportTables(page);
    expect(tables.length).toBeGreaterThan(3);
    const numbers = tables.flatMap((t) => t.rows.flatMap((r) => r.values)).filter((v) => /\d/.test(v));
    expect(numbers.length).toBeGreaterThan(10);

    // The PDF: each table's title, and each row's values in order on the line that starts with its label.
    const pdf = pdfToText(await saveDownload(page, '.report-actions a[href*="/pdf"]', 'raport.pdf'));
    const lines = pdf.split('\n').map(squash);
    expect(pdf).toContain(`Raport miesięczny`);
    let at = 0;
    for (const t of tables) {
      const titleAt = lines.findIndex((l, i) => i >= at && l.includes(squash(t.title)));
      expect(titleAt, `PDF: ${t.title}`).toBeGreaterThanOrEqual(0);
      at = titleAt;
      for (const r of t.rows) {
        const expected = [r.label, ...r.values].map(squash);
        const rowAt = lines.findIndex((l, i) => i > at && l.startsWith(expected[0]!.slice(0, 24)));
        expect(rowAt, `PDF: ${t.title} / ${r.label}\n${lines.slice(at, at + 12).join('\n')}`).toBeGreaterThan(at);
        // A long label may wrap: the values are on the label's line or the next one.
        const line = lines[rowAt]!.length > expected[0]!.length ? lines[rowAt]! : `${lines[rowAt]} ${lines[rowAt + 1]}`;
        const valuesPart = squash(line.slice(line.indexOf(expected[0]!.slice(0, 24)) + Math.min(expected[0]!.length, 24)));
        expect(valuesPart.endsWith(expected.slice(1).join(' ')) || valuesPart.includes(expected.slice(1).join(' ')), `PDF: ${t.title} / ${r.label}: "${line}" vs ${expected.slice(1).join(' ')}`).toBe(true);
        at = rowAt;
      }
    }

    // The workbook (XLSX): the same tables in the same order, the numbers stored as numbers.
    const sheet = (await readSheet(fs.readFileSync(await saveDownload(page, '.report-actions a[href*="/xlsx"]', 'raport.xlsx')))) as unknown[][];
    expect(sheet[0]![0]).toContain('Raport miesięczny');
    let row = 0;
    for (const t of tables) {
      row = sheet.findIndex((r, i) => i >= row && r[0] === t.title);
      expect(row, `XLSX: ${t.title}`).toBeGreaterThan(0);
      // The reader pads every row to the widest one: count the header's filled cells.
      expect(sheet[row + 1]![0]).toBe('Wyszczególnienie');
      expect(sheet[row + 1]!.filter((c) => c !== null && c !== undefined).length).toBe(t.header.length);
      row += 2;
      for (const r of t.rows) {
        const cells = sheet[row]!;
        expect(cells[0], `XLSX: ${t.title}`).toBe(r.label);
        r.values.forEach((v, i) => {
          const number = bare(v);
          if (number === '') expect(cells[i + 1] ?? null, `XLSX: ${t.title} / ${r.label}`).toBeNull();
          else expect(cells[i + 1] as number, `XLSX: ${t.title} / ${r.label} / ${t.header[i + 1]}`).toBeCloseTo(Number(number.replace(',', '.')), 2);
        });
        row += 1;
      }
    }

    // The CSV for older spreadsheets: the same tables again, with bare numbers.
    const csvFile = await saveDownload(page, '.report-actions a[href*="/csv"]', 'raport.csv');
    const rows = parseCsv(fs.readFileSync(csvFile, 'utf8'));
    expect(rows[0]![0]).toContain('Raport miesięczny');
    let pos = 0;
    for (const t of tables) {
      pos = rows.findIndex((r, i) => i >= pos && r[0] === t.title);
      expect(pos, `CSV: ${t.title}`).toBeGreaterThan(0);
      expect(rows[pos + 1]![0]).toBe('Wyszczególnienie');
      expect(rows[pos + 1]!.length).toBe(t.header.length);
      pos += 2;
      for (const r of t.rows) {
        const row = rows[pos]!;
        expect(row[0], `CSV: ${t.title}`).toBe(r.label);
        expect(row.slice(1).map(bare), `CSV: ${t.title} / ${r.label}`).toEqual(r.values.map(bare));
        pos += 1;
      }
    }
    await ctx.close();
  }, JOURNEY_TIMEOUT);
});
