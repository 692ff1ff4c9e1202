// RODO in a real browser on the demo data: a social worker registers a person, corrects the phone and
// closes the case twelve years back; the administrator finds the person, reads the correction trail,
// downloads the art. 15 PDF and JSON, then anonymises the person from the anonymisation page.
// axe on every page, screenshots at 1280 and 768 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makePesel } from '../../src/lib/pesel.ts';
import { checkA11y, launch, loginWithKeyboard, newContext, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const pesel = makePesel(new Date(Date.UTC(1961, 1, 14)), 'FEMALE', 100 + (process.pid % 800));
const lastName = 'Przybylska-Ździebło';
let personId = 0;

async function noHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function download(page: Page, selector: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const chunks: Buffer[] = [];
  for await (const c of (await file.createReadStream())!) chunks.push(c as Buffer);
  return { name: file.suggestedFilename(), body: Buffer.concat(chunks) };
}

describe('RODO in a real browser', () => {
  it('a social worker registers a person, corrects the phone and closes the case', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'pracownik');
    await page.goto('/uczestnicy/nowy');
    await page.fill('#f-firstName', 'Halina');
    await page.fill('#f-lastName', lastName);
    await page.fill('#f-pesel', pesel);
    await page.fill('#f-phone', '511 222 333');
    await Promise.all([page.waitForURL(/\/uczestnicy\/\d+$/), page.click('button:has-text("Dodaj osobę")')]);
    personId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.click(`a[href="/uczestnicy/${personId}/edycja"]`);
    await page.fill('#f-phone', '511 999 000');
    await page.selectOption('#f-status', 'CLOSED');
    const closed = new Date();
    await page.fill('#f-caseClosedAt', `${closed.getFullYear() - 12}-03-02`);
    await Promise.all([page.waitForURL(new RegExp(`/uczestnicy/${personId}$`)), page.click('button:has-text("Zapisz zmiany")')]);
    expect(await page.locator('.lead .tag').textContent()).toBe('sprawa zamknięta');
    // The social worker has no way into the administrator's RODO pages.
    expect(await page.locator(`a[href="/admin/rodo/osoby/${personId}"]`).count()).toBe(0);
    const res = await page.goto('/admin/rodo');
    expect(res?.status()).toBe(403);
    await ctx.close();
  });

  it('the administrator finds the person, reads the correction trail and downloads both art. 15 files', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'admin');
    await page.click('nav.main-nav a[href="/admin/rodo"]');
    await checkA11y(page, 'RODO – wyszukiwanie');
    await page.fill('#f-q', pesel);
    await page.click('button:has-text("Szukaj")');
    await page.waitForSelector('tbody a');
    await checkA11y(page, 'RODO – wyniki');
    await screenshot(page, 'rodo-wyszukiwanie');
    await Promise.all([page.waitForURL(new RegExp(`/admin/rodo/osoby/${personId}$`)), page.click(`tbody a[href="/admin/rodo/osoby/${personId}"]`)]);
    const trail = await page.locator('table.rodo-trail').textContent();
    expect(trail).toContain('telefon');
    expect(trail).toContain('511 222 333');
    expect(trail).toContain('511 999 000');
    await checkA11y(page, 'RODO – osoba');
    await screenshot(page, 'rodo-osoba');

    const pdf = await download(page, `a[href="/admin/rodo/osoby/${personId}/dane.pdf"]`);
    expect(pdf.name).toMatch(new RegExp(`^dane-osobowe-art15-nr-${personId}-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const json = await download(page, `a[href="/admin/rodo/osoby/${personId}/dane.json"]`);
    expect(JSON.parse(json.body.toString('utf8')).person.lastName).toBe(lastName);
    await page.reload();
    expect(await page.locator('.rodo-downloads + p').textContent()).toMatch(/Ostatnio wydano: .*JSON.*PDF/);
    await ctx.close();
  });

  it('the administrator sees who is due, what goes and what stays, confirms, and the person is anonymised', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'admin');
    await page.goto('/admin/rodo');
    await page.click('a:has-text("Anonimizacja po okresie przechowywania")');
    const rows = page.locator('#due-title + * tbody tr, section:has(#due-title) tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(lastName);
    await checkA11y(page, 'RODO – anonimizacja');
    await screenshot(page, 'rodo-anonimizacja');
    let question = '';
    page.once('dialog', (d) => {
      question = d.message();
      void d.accept();
    });
    await Promise.all([page.waitForSelector('.notice--success'), page.click('button:has-text("Zanonimizuj dane 1 osoby")')]);
    expect(question).toContain('Czy na pewno zanonimizować dane 1 osoby?');
    expect(await page.locator('.notice--success').textContent()).toContain('Zanonimizowano dane osób: 1.');
    await checkA11y(page, 'RODO – anonimizacja wykonana');

    await page.goto(`/uczestnicy/${personId}`);
    expect((await page.locator('h1').textContent())?.trim()).toBe(`Osoba zanonimizowana nr ${personId}`);
    expect(await page.locator('.lead .tag').textContent()).toBe('dane zanonimizowane');
    expect(await page.content()).not.toContain(lastName);
    await checkA11y(page, 'karta osoby zanonimizowanej');
    await screenshot(page, 'karta-osoby-zanonimizowanej');
    await page.goto('/uczestnicy?status=ANONYMISED');
    expect(await page.locator('tbody').textContent()).toContain('dane zanonimizowane');
    await checkA11y(page, 'uczestnicy – zanonimizowani');
    await ctx.close();
  });

  it('works at tablet width (768 px)', async () => {
    const ctx = await newContext(browser, { width: 768, height: 1024 });
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'admin');
    for (const [path, name] of [[`/admin/rodo/osoby/${personId}`, 'rodo-osoba-768'], ['/admin/rodo/anonimizacja', 'rodo-anonimizacja-768'], ['/admin/rodo?q=Osoba', 'rodo-wyszukiwanie-768']] as const) {
      await page.goto(path);
      await noHorizontalOverflow(page);
      await checkA11y(page, `${name}`);
      await screenshot(page, name);
    }
    await ctx.close();
  });
});
