// Import of participants in a real browser, as the administrator: the upload page, a preview with every
// row's problems, a clean preview, the import and its result; axe on each page, screenshots at 1280 and
// 768 px. On PostgreSQL (TEST_DATABASE_URL) a 5,000-row sheet also shows the progress page while it runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { utcDate } from '../../src/lib/dates.ts';
import { makePesel } from '../../src/lib/pesel.ts';
import { checkA11y, launch, loginWithKeyboard, newContext, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** People born 1901–1920, whom the demo data does not have; `from` keeps each sheet's numbers apart. */
function sheet(count: number, from: number, edit: (cells: string[], i: number) => string[] = (c) => c): Buffer {
  const lines = ['Nazwisko;Imię;PESEL;Ulica;Nr domu;Kod pocztowy;Miejscowość;Telefon;Pracownik socjalny'];
  for (let k = 0; k < count; k++) {
    const i = from + k;
    const pesel = makePesel(utcDate(1901 + (i % 20), 1 + (Math.floor(i / 20) % 12), 1 + (Math.floor(i / 240) % 28)), 'FEMALE', 990 + Math.floor(i / 6720));
    lines.push(edit([`Wiśniewska-${i}`, 'Żaneta', pesel, 'Świętokrzyska', String(1 + (i % 90)), '00-950', 'Łódź', '600 100 200', k % 2 ? 'pracownik' : 'Marek Nowak'], k).join(';'));
  }
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

async function uploadSheet(page: Page, bytes: Buffer, name: string, kind: 'participants' | 'psu-hours' = 'participants') {
  await page.goto('/admin/import');
  await page.check(`input[name=kind][value=${kind}]`);
  await page.setInputFiles('#f-file', { name, mimeType: 'text/csv', buffer: bytes });
  await page.click('button:has-text("Wczytaj i sprawdź")');
  await page.waitForURL(/\/admin\/import\/\d+$/);
}

async function noHorizontalScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('import in a real browser', () => {
  it('upload, a preview with errors, a clean preview and the import pass axe', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'admin');
    await page.click('nav.main-nav >> text=Import danych');
    expect(await page.textContent('h1')).toBe('Import danych');
    await checkA11y(page, 'import – przesyłanie');
    await screenshot(page, 'import');

    // A file that is not a sheet comes back with the reason, and the error summary takes focus.
    await page.setInputFiles('#f-file', { name: 'notatki.csv', mimeType: 'text/csv', buffer: Buffer.from('Zakupy: mleko, chleb\r\n') });
    await page.click('button:has-text("Wczytaj i sprawdź")');
    await page.waitForSelector('.error-summary');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await page.textContent('#f-file-error')).toContain('Nie znaleziono wiersza nagłówków');
    await checkA11y(page, 'import – zły plik');

    await uploadSheet(page, sheet(6, 0, (c, k) => (k === 1 ? [c[0]!, '', ...c.slice(2)] : k === 3 ? [...c.slice(0, 2), '85031212351', ...c.slice(3)] : k === 4 ? [...c.slice(0, 5), '00950', ...c.slice(6)] : c)), 'bledy.csv');
    expect(await page.textContent('.notice--error h2')).toContain('Nie można importować');
    expect(await page.locator('table.import-problems tbody tr').count()).toBe(3);
    expect(await page.textContent('#wiersz-5')).toContain('nie zgadza się cyfra kontrolna');
    expect(await page.locator('button:has-text("Importuj")').count()).toBe(0);
    await checkA11y(page, 'import – podgląd z błędami');
    await screenshot(page, 'import-podglad-bledy');

    await uploadSheet(page, sheet(40, 100), 'osoby.csv');
    expect(await page.textContent('.notice--success h2')).toBe('Wszystkie wiersze są poprawne');
    await checkA11y(page, 'import – podgląd');
    await screenshot(page, 'import-podglad');
    await page.click('button:has-text("Importuj 40 osób")');
    await page.waitForSelector('.notice--success h2:has-text("Zaimportowano 40 osób")');
    await checkA11y(page, 'import – zakończony');
    await screenshot(page, 'import-gotowe');

    // The people are in the register, with their worker.
    await page.click('a:has-text("Przejdź do rejestru uczestników")');
    await page.fill('#f-q', 'Wiśniewska-10');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=/);
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);

    // A PSU hours sheet: people who are not in the register, hours that are not hours.
    const psu = 'PESEL;Nazwisko;Data;Godziny\r\n85031212350;Kowalski;03.03.2025;4\r\n99123199924;Nowak;04.03.2025;dużo\r\n';
    await uploadSheet(page, Buffer.from(psu, 'utf8'), 'godziny-psu.csv', 'psu-hours');
    expect(await page.textContent('h1')).toContain('Import godzin PSU');
    expect(await page.textContent('#wiersz-2')).toContain('nie ma w rejestrze osoby o tym numerze PESEL');
    expect(await page.textContent('#wiersz-3')).toContain('„dużo” – wpisz liczbę godzin');
    await checkA11y(page, 'import – godziny PSU z błędami');
    await screenshot(page, 'import-psu-podglad-bledy');

    await ctx.close();
  });

  it('fits a 768 px screen', async () => {
    const ctx = await newContext(browser, { width: 768, height: 1000 });
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'admin');
    await page.goto('/admin/import');
    expect(await noHorizontalScroll(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'import-768');
    await uploadSheet(page, sheet(3, 300, (c, k) => (k === 0 ? [...c.slice(0, 8), 'nieznany.login'] : c)), 'waski.csv');
    expect(await page.locator('table.import-problems tbody tr').count()).toBe(1);
    await checkA11y(page, 'import – podgląd 768');
    await screenshot(page, 'import-podglad-768');
    await ctx.close();
  });

  it('a large sheet shows its progress while it is written (PostgreSQL)', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'admin');
    await uploadSheet(page, sheet(5000, 1000), 'duzy.csv');
    expect(await page.textContent('.notice--success')).toContain('5000 osób');
    await page.click('button:has-text("Importuj 5000 osób")');
    await page.waitForURL(/\/admin\/import\/\d+$/);
    if (process.env.TEST_DATABASE_URL) {
      // The embedded database answers only after the import; PostgreSQL shows the progress meanwhile.
      await page.waitForSelector('progress#import-progress-bar');
      await checkA11y(page, 'import – postęp');
      await screenshot(page, 'import-postep');
    }
    // The page script follows the progress and reloads at the end.
    await page.waitForSelector('.notice--success h2:has-text("Zaimportowano 5000 osób")', { timeout: 120_000 });
    await ctx.close();
  }, 180_000);
});
