// Every demo role logs in by keyboard, sees its own dashboard; axe finds nothing serious on any page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { checkA11y, launch, loginWithKeyboard, newContext, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('foundation in a real browser', () => {
  it('shows the login page, with a skip link as the first focusable element', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto('/login');
    expect(await page.title()).toContain('Logowanie');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Przejdź do treści');
    await checkA11y(page, 'logowanie');
    await screenshot(page, 'logowanie');
    // A wrong password: the error is announced and the login is kept.
    await page.fill('#f-login', 'koordynator');
    await page.fill('#f-password', 'zle-haslo');
    await page.click('button[type=submit]');
    expect(await page.textContent('#login-error')).toBe('Nieprawidłowy login lub hasło.');
    expect(await page.inputValue('#f-login')).toBe('koordynator');
    await checkA11y(page, 'logowanie – błąd');
    await ctx.close();
  });

  const roles = [
    { login: 'pracownik', heading: 'Moje sprawy', shot: 'pulpit-pracownik' },
    { login: 'koordynator', heading: 'Klub Integracji Społecznej', shot: 'pulpit-koordynator' },
    { login: 'dyrektor', heading: 'Ośrodek w liczbach', shot: 'pulpit-dyrektor' },
    { login: 'admin', heading: 'Administracja', shot: 'pulpit-administrator' },
  ];
  for (const r of roles) {
    it(`${r.login} logs in with the keyboard and sees their dashboard`, async () => {
      const ctx = await newContext(browser);
      const page = await ctx.newPage();
      await loginWithKeyboard(page, r.login);
      expect(await page.locator('main h2').first().textContent()).toBe(r.heading);
      expect(await page.title()).toContain('Pulpit');
      await checkA11y(page, `pulpit (${r.login})`);
      await screenshot(page, r.shot);
      await ctx.close();
    });
  }

  it('admin pages, high contrast and larger text pass axe', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'admin');
    for (const [path, label] of [['/admin/uzytkownicy', 'użytkownicy'], ['/admin/uzytkownicy/nowy', 'nowy użytkownik'], ['/admin/ustawienia', 'ustawienia'], ['/konto', 'moje konto'], ['/deklaracja-dostepnosci', 'deklaracja dostępności']] as const) {
      await page.goto(path);
      await checkA11y(page, label);
    }
    await page.goto('/admin/uzytkownicy/nowy');
    await page.click('button[type=submit]');
    // The error summary takes focus so it is read out first.
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'), null, { timeout: 10_000 });
    await checkA11y(page, 'nowy użytkownik – błędy');
    await page.click('button[value="contrast"]');
    await page.click('button[value="text"]');
    expect(await page.getAttribute('html', 'class')).toContain('high-contrast');
    await page.goto('/');
    await checkA11y(page, 'pulpit – wysoki kontrast, większy tekst');
    await screenshot(page, 'pulpit-wysoki-kontrast');
    await ctx.close();
  });

  it('works at tablet width (768 px)', async () => {
    const ctx = await newContext(browser, { width: 768, height: 1024 });
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'koordynator');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await checkA11y(page, 'pulpit 768 px');
    await ctx.close();
  });
});
