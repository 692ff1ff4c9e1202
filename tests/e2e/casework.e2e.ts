// Casework in a real browser: the participant register, the person card, a social contract with its
// "add row" form, referrals and the coordinator's queue. Keyboard where it matters, axe on every page,
// screenshots at 1280 and 768 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { checkA11y, launch, loginWithKeyboard, newContext, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

async function noHorizontalScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The first person of the worker's caseload who has an active contract (demo data has several). */
async function personWithContract(page: Page): Promise<string> {
  await page.goto('/kontrakty?status=ACTIVE');
  const href = await page.locator('tbody tr td:nth-child(2) a').first().getAttribute('href');
  return href!;
}

describe('social worker', () => {
  it('reads the birth date and sex from a PESEL while it is typed, and says when the number is wrong', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'pracownik');
    await page.goto('/uczestnicy/nowy');
    await page.focus('#f-pesel');
    await page.keyboard.type('0227040139'); // 10 digits: nothing yet
    expect((await page.textContent('#pesel-info'))!.trim()).toBe('');
    await page.keyboard.type('6'); // 02270401396: 4 July 2002, the 10th digit odd (9): a man
    expect(await page.textContent('#pesel-info')).toBe('Z numeru PESEL: urodzenie 04.07.2002, płeć: mężczyzna.');
    expect(await page.getAttribute('#pesel-info', 'aria-live')).toBe('polite');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('8');
    expect(await page.textContent('#pesel-info')).toBe('Ten numer PESEL ma błędną cyfrę kontrolną.');
    await ctx.close();
  });

  it('searches the register with the keyboard and opens a person card', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'pracownik');
    await page.goto('/uczestnicy');
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(10);
    await checkA11y(page, 'uczestnicy – lista');
    await screenshot(page, 'uczestnicy-lista');

    await page.focus('#f-q');
    await page.keyboard.type('Wójcik');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=W/);
    const names = await page.locator('tbody td:first-child a').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.startsWith('Wójcik'))).toBe(true);

    await page.goto('/uczestnicy/moi');
    expect(await page.locator('.subnav a[aria-current="page"]').textContent()).toBe('Moi podopieczni');
    await checkA11y(page, 'moi podopieczni');

    await page.goto(await personWithContract(page));
    expect(await page.locator('#history-title').count()).toBe(1);
    expect(await page.locator('.timeline__item').count()).toBeGreaterThan(1);
    expect(await page.locator('#sensitive-title').count()).toBe(1);
    await checkA11y(page, 'karta osoby');
    await screenshot(page, 'karta-osoby');
    await ctx.close();
  });

  it('registers a person: a wrong PESEL is explained, the fixed one is accepted', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'pracownik');
    await page.goto('/uczestnicy/nowy');
    await checkA11y(page, 'nowa osoba');
    await page.fill('#f-firstName', 'Bożena');
    await page.fill('#f-lastName', 'Kędzierska-Ćwik');
    await page.fill('#f-pesel', '85031212351');
    await page.click('button[type=submit]:has-text("Dodaj osobę")');
    // The error summary takes focus, so it is read out first.
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
    expect(await page.textContent('#f-pesel-error')).toContain('cyfra kontrolna');
    expect(await page.inputValue('#f-lastName')).toBe('Kędzierska-Ćwik');
    await checkA11y(page, 'nowa osoba – błędy');
    await screenshot(page, 'uczestnik-formularz-bledy');
    // The error summary link takes the keyboard to the field.
    await page.click('.error-summary a[href="#f-pesel"]');
    await page.waitForFunction(() => document.activeElement?.id === 'f-pesel');
    await page.fill('#f-pesel', '99123199924');
    await page.click('button[type=submit]:has-text("Dodaj osobę")');
    await page.waitForURL(/\/uczestnicy\/\d+$/);
    expect(await page.textContent('h1')).toBe('Bożena Kędzierska-Ćwik');
    expect(await page.locator('#data-title').locator('..').textContent()).toContain('31.12.1999');
    await ctx.close();
  });

  it('keeps a social contract: the page, adding a row without a script, the printout', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'pracownik');
    await page.goto('/kontrakty');
    await checkA11y(page, 'kontrakty – lista');
    await page.locator('tbody tr td:first-child a').first().click();
    await page.waitForURL(/\/kontrakty\/\d+$/);
    await checkA11y(page, 'kontrakt');
    await screenshot(page, 'kontrakt');
    const pdf = await page.request.get(`${page.url()}/pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    // A new contract starts by finding the person: the caseload is listed, a search narrows it.
    await page.goto('/kontrakty/nowy');
    await checkA11y(page, 'nowy kontrakt – wybór osoby');
    const first = page.locator('main tbody tr').first();
    const surname = ((await first.locator('td').first().textContent()) ?? '').trim().split(' ')[0]!;
    await page.fill('#f-q', surname);
    await Promise.all([page.waitForNavigation(), page.click('form[role=search] button[type=submit]')]);
    expect(await page.inputValue('#f-q')).toBe(surname);
    await screenshot(page, 'kontrakt-wybor-osoby');
    await Promise.all([page.waitForNavigation(), page.locator('main tbody tr', { hasText: surname }).first().locator('a.button').click()]);
    expect(page.url()).toMatch(/\/kontrakty\/nowy\?uczestnik=\d+$/);
    await checkA11y(page, 'nowy kontrakt');
    await page.fill('#f-goals-0-description', 'Ukończenie kursu komputerowego.');
    // "Dodaj cel" sends the form; wait for the page that comes back before counting its rows.
    await Promise.all([page.waitForNavigation(), page.click('button[value="goal"]')]);
    expect(await page.locator('textarea[name^="goals["]').count()).toBe(4);
    await page.waitForFunction(() => document.activeElement?.id === 'f-goals-3-description');
    expect(await page.inputValue('#f-goals-0-description')).toBe('Ukończenie kursu komputerowego.');
    await screenshot(page, 'kontrakt-formularz');
    await page.goto(`${await personWithContract(page)}`);
    await page.click('a:has-text("Nowe skierowanie")');
    await checkA11y(page, 'nowe skierowanie');
    await page.goto('/skierowania');
    await checkA11y(page, 'skierowania – lista');
    await ctx.close();
  });
});

describe('coordinator', () => {
  it('decides on the queue and sees the card without special-category data', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'koordynator');
    await page.goto('/skierowania/kolejka');
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
    await checkA11y(page, 'skierowania – kolejka');
    await screenshot(page, 'skierowania-kolejka');
    await page.locator('a.button:has-text("Rozpatrz")').first().click();
    await page.waitForURL(/\/decyzja$/);
    await checkA11y(page, 'decyzja o skierowaniu');
    await page.goto('/skierowania/rezerwowa');
    await checkA11y(page, 'lista rezerwowa');
    await page.goto('/uczestnicy');
    await page.locator('tbody td:first-child a').first().click();
    await page.waitForURL(/\/uczestnicy\/\d+$/);
    expect(await page.locator('#sensitive-title').count()).toBe(0);
    await checkA11y(page, 'karta osoby (koordynator)');
    await ctx.close();
  });
});

describe('tablet width (768 px)', () => {
  it('lays out the register, card, contract form and queue without sideways scrolling', async () => {
    const ctx = await newContext(browser, { width: 768, height: 1024 });
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'pracownik');
    const card = await personWithContract(page);
    for (const [path, shot] of [['/uczestnicy', 'uczestnicy-lista-768'], [card, 'karta-osoby-768'], ['/kontrakty/nowy', 'kontrakt-wybor-osoby-768'], [card.replace('/uczestnicy/', '/kontrakty/nowy?uczestnik='), 'kontrakt-formularz-768']] as const) {
      await page.goto(path);
      expect(await noHorizontalScroll(page), path).toBeLessThanOrEqual(0);
      await checkA11y(page, `${shot}`);
      await screenshot(page, shot);
    }
    await ctx.close();
    const ctx2 = await newContext(browser, { width: 768, height: 1024 });
    const page2 = await ctx2.newPage();
    await loginWithKeyboard(page2, 'koordynator');
    await page2.goto('/skierowania/kolejka');
    expect(await noHorizontalScroll(page2)).toBeLessThanOrEqual(0);
    await screenshot(page2, 'skierowania-kolejka-768');
    await ctx2.close();
  });
});
