// Certificates and reports in a real browser on the demo data: the coordinator issues a certificate, a
// stranger verifies it, the director reads the reports; axe on every page, screenshots at 1280 and 768 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { checkA11y, launch, loginWithKeyboard, newContext, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

async function noHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

function lastMonth(): { year: number; month: number } {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

describe('certificates in a real browser', () => {
  let verificationPath = '';

  it('the coordinator sees who left without a certificate, issues one and opens it', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'koordynator');
    await page.click('nav.main-nav a[href="/zaswiadczenia"]');
    expect(await page.title()).toContain('Zaświadczenia');
    expect(await page.locator('#t-leavers tbody tr').count()).toBeGreaterThan(0);
    await checkA11y(page, 'zaświadczenia – lista');
    await screenshot(page, 'zaswiadczenia-lista');

    await page.locator('#t-editions a').last().click();
    expect(await page.locator('h1').textContent()).toContain('edycja wiosenna');
    await checkA11y(page, 'zaświadczenia – edycja');
    await screenshot(page, 'zaswiadczenia-edycja');

    await page.goto('/zaswiadczenia');
    const firstIssue = page.locator('#t-leavers form[action="/zaswiadczenia"] button').first();
    await Promise.all([page.waitForURL(/\/zaswiadczenia\/\d+$/), firstIssue.click()]);
    expect(await page.locator('.notice--success').textContent()).toMatch(/Wydano zaświadczenie nr KIS\/\d{4}\/\d{4}/);
    await checkA11y(page, 'zaświadczenie');
    await screenshot(page, 'zaswiadczenie');
    verificationPath = (await page.locator('a[href^="/weryfikacja/"]').getAttribute('href'))!;

    // An empty revocation reason is refused with the error summary focused.
    page.on('dialog', (d) => d.accept());
    await page.click('form[action$="/uniewaznij"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    // app.js moves focus to the summary once the new page has loaded.
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
    expect(await page.locator('#f-reason-error').textContent()).toContain('Podaj powód unieważnienia.');
    await checkA11y(page, 'zaświadczenie – błąd unieważnienia');
    await ctx.close();
  });

  it('anyone can verify the code without seeing personal data', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(verificationPath);
    expect(await page.locator('.notice--success').textContent()).toContain('jest autentyczne i ważne');
    await checkA11y(page, 'weryfikacja');
    await screenshot(page, 'weryfikacja');
    await page.goto('/weryfikacja');
    await page.fill('#f-kod', 'zły kod');
    await page.click('button[type=submit]');
    await page.waitForSelector('#f-kod-error');
    expect(await page.locator('#f-kod-error').textContent()).toContain('16 znaków');
    await checkA11y(page, 'weryfikacja – błąd');
    await ctx.close();
  });

  it('works at tablet width (768 px)', async () => {
    const ctx = await newContext(browser, { width: 768, height: 1024 });
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'koordynator');
    await page.goto('/zaswiadczenia');
    await noHorizontalOverflow(page);
    await checkA11y(page, 'zaświadczenia 768 px');
    await screenshot(page, 'zaswiadczenia-lista-768');
    await ctx.close();
  });
});

describe('reports in a real browser', () => {
  it('the director picks a month and reads the report, then the yearly report', async () => {
    const { year, month } = lastMonth();
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'dyrektor');
    await page.click('nav.main-nav a[href="/raporty"]');
    await checkA11y(page, 'raporty');
    await screenshot(page, 'raporty');
    await page.selectOption('#f-miesiac', String(month));
    await page.fill('#f-rok', String(year));
    await page.click('form[action="/raporty"] button[type=submit]');
    await page.waitForURL(`**/raporty/miesieczny/${year}/${month}`);
    expect(await page.locator('h1').textContent()).toContain('Raport miesięczny');
    expect(await page.locator('#t-people tfoot td').count()).toBe(6);
    expect(await page.locator('svg#chart-people rect').count()).toBe(12);
    expect(await page.locator('form[action$="/zamknij"]').count()).toBe(0);
    await checkA11y(page, 'raport miesięczny');
    await screenshot(page, 'raport-miesieczny');

    const pdf = await page.request.get(`/raporty/miesieczny/${year}/${month}/pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    await page.goto(`/raporty/roczny/${year}`);
    expect(await page.locator('#t-bases').count()).toBe(1);
    await checkA11y(page, 'sprawozdanie roczne');
    await screenshot(page, 'sprawozdanie-roczne');
    await ctx.close();
  });

  it('the administrator sees the close form; the report works at 768 px', async () => {
    const { year, month } = lastMonth();
    const ctx = await newContext(browser, { width: 768, height: 1024 });
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'admin');
    await page.goto(`/raporty/miesieczny/${year}/${month}`);
    expect(await page.locator('form[action$="/zamknij"]').count()).toBe(1);
    await noHorizontalOverflow(page);
    await checkA11y(page, 'raport miesięczny 768 px (administrator)');
    await screenshot(page, 'raport-miesieczny-768');
    await ctx.close();
  });
});
