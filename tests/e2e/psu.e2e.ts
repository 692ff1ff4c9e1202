// Socially useful work in a real browser: the organiser's pages (agreement, month grid, settlement,
// person, forms) and the administrator's rates and reopening pass axe; screenshots at 1280 and 768 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays, startOfMonth, warsawDate } from '../../src/lib/dates.ts';
import { checkA11y, launch, loginWithKeyboard, newContext, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const ym = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
const thisMonth = ym(warsawDate());
const lastMonth = ym(addDays(startOfMonth(warsawDate()), -1));

async function agreementUrl(page: Page): Promise<string> {
  await page.goto('/psu');
  const href = await page.locator('main table a[href^="/psu/porozumienia/"]').first().getAttribute('href');
  expect(href).toMatch(/^\/psu\/porozumienia\/\d+$/);
  return href!;
}

describe('PSU in a real browser', () => {
  it('the organiser\'s pages pass axe at 1280 px', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'koordynator');
    await page.click('nav.main-nav >> text=Prace społecznie użyteczne (PSU)');
    expect(await page.title()).toContain('Prace społecznie użyteczne');
    await checkA11y(page, 'PSU – porozumienia');
    const agreement = await agreementUrl(page);

    await page.goto(agreement);
    await checkA11y(page, 'PSU – porozumienie');
    await screenshot(page, 'psu-porozumienie');

    const gridHref = await page.locator('a:has-text("Siatka godzin")').first().getAttribute('href');
    await page.goto(gridHref!.replace(/\d{4}-\d{2}$/, thisMonth));
    expect(await page.locator('table.psu-grid tbody tr').count()).toBeGreaterThan(0);
    await checkA11y(page, 'PSU – siatka miesiąca');
    await screenshot(page, 'psu-siatka');

    // A refused grid: the summary takes focus, the cell is marked, the value stays.
    const cell = page.locator('table.psu-grid input').first();
    const cellId = await cell.getAttribute('id');
    await cell.fill('12');
    await page.click('button:has-text("Zapisz godziny")');
    await page.waitForSelector('.error-summary');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await page.inputValue(`#${cellId}`)).toBe('12');
    expect(await page.getAttribute(`#${cellId}`, 'aria-invalid')).toBe('true');
    await checkA11y(page, 'PSU – siatka z błędem');
    await screenshot(page, 'psu-siatka-blad');

    await page.goto(`${agreement}/rozliczenie/${lastMonth}`);
    expect(await page.locator('h1').textContent()).toContain('Rozliczenie');
    await checkA11y(page, 'PSU – rozliczenie (zamknięty miesiąc)');
    await screenshot(page, 'psu-rozliczenie');
    await page.goto(`${agreement}/rozliczenie/${thisMonth}`);
    await checkA11y(page, 'PSU – rozliczenie (miesiąc otwarty)');

    await page.goto(agreement);
    await page.locator('main table a[href^="/psu/osoby/"]').first().click();
    await page.waitForURL(/\/psu\/osoby\/\d+$/);
    await checkA11y(page, 'PSU – osoba');
    await screenshot(page, 'psu-osoba');

    for (const [path, label] of [['/psu/porozumienia/nowe', 'PSU – nowe porozumienie'], [`${agreement}/osoby/nowa`, 'PSU – skierowanie osoby'], [`${agreement}/edycja`, 'PSU – zmiana porozumienia']] as const) {
      await page.goto(path);
      await checkA11y(page, label);
    }
    await page.goto('/psu/porozumienia/nowe');
    await page.click('button:has-text("Zapisz porozumienie")');
    await page.waitForSelector('.error-summary');
    await checkA11y(page, 'PSU – nowe porozumienie z błędami');
    await ctx.close();
  });

  it('works at tablet width: the grid scrolls inside its frame, the page does not', async () => {
    const ctx = await newContext(browser, { width: 768, height: 1024 });
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'pracownik');
    const agreement = await agreementUrl(page);
    for (const [path, shot] of [[agreement, 'psu-porozumienie-768'], [`${agreement}/rozliczenie/${lastMonth}`, 'psu-rozliczenie-768']] as const) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await checkA11y(page, `${shot}`);
      await screenshot(page, shot);
    }
    await page.goto(agreement);
    const gridHref = await page.locator('a:has-text("Siatka godzin")').first().getAttribute('href');
    await page.goto(gridHref!);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await checkA11y(page, 'PSU – siatka 768 px');
    await screenshot(page, 'psu-siatka-768');
    await ctx.close();
  });

  it('the director reads the settlement; the administrator keeps the rates and can reopen a month', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'dyrektor');
    const agreement = await agreementUrl(page);
    await page.goto(`${agreement}/rozliczenie/${lastMonth}`);
    expect(await page.locator('button:has-text("Zamknij miesiąc")').count()).toBe(0);
    await checkA11y(page, 'PSU – rozliczenie (dyrektor)');
    await ctx.close();

    const adminCtx = await newContext(browser);
    const admin = await adminCtx.newPage();
    await loginWithKeyboard(admin, 'admin');
    await admin.click('nav.main-nav >> text=Stawki PSU');
    expect(await admin.locator('main table').first().textContent()).toContain('10,90');
    await checkA11y(admin, 'PSU – stawki (administrator)');
    await screenshot(admin, 'psu-stawki');
    await admin.locator('a:has-text("Otwórz ponownie")').first().click();
    await admin.waitForURL(/\/admin\/psu-miesiace\/\d+\/otworz$/);
    await checkA11y(admin, 'PSU – ponowne otwarcie miesiąca');
    await adminCtx.close();
  });
});
