// The coordinator's club pages in a real browser: attendance for a whole group taken with the keyboard only
// (Tab between people, arrows within a person, Space/Enter on buttons), axe on every page, screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { checkA11y, launch, loginWithKeyboard, newContext, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** Presses Tab until the focused element matches, as a keyboard user would (at most `limit` presses). */
async function tabTo(page: Page, selector: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function runningEdition(page: Page): Promise<{ id: string; groupB: string }> {
  await page.goto('/edycje');
  const href = await page.locator('a', { hasText: 'KIS – edycja jesienna' }).first().getAttribute('href');
  const id = href!.split('/').pop()!;
  await page.goto(`/edycje/${id}/grupy`);
  const groupHref = await page.locator('a', { hasText: 'Grupa B' }).first().getAttribute('href');
  return { id, groupB: new URL(groupHref!, 'http://x').searchParams.get('grupa')! };
}

describe('club editions in a real browser', () => {
  it('takes attendance for a whole group with the keyboard only', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'koordynator');
    const { id, groupB } = await runningEdition(page);
    await page.goto(`/edycje/${id}/harmonogram?grupa=${groupB}`);
    const sheetHref = await page.locator('a[href$="/obecnosc"]').first().getAttribute('href');
    await page.goto(sheetHref!);
    await checkA11y(page, 'obecność na zajęciach');

    const people = await page.locator('fieldset.mark-row').count();
    expect(people).toBeGreaterThanOrEqual(6);
    // "All present" by keyboard: Tab to the button, Space.
    await tabTo(page, 'button[data-set-all]');
    await page.keyboard.press('Space');
    expect(await page.locator('input[type=radio][value=PRESENT]:checked').count()).toBe(people);
    expect(await page.textContent('#set-all-status')).toContain('Zaznaczono wszystkich');
    // The no-JavaScript fallback is hidden when scripts run.
    expect(await page.locator('button[name=fill]').isHidden()).toBe(true);

    // Each person: Tab lands on their checked choice; arrows move within the person's three choices.
    const expected: string[] = [];
    for (let i = 0; i < people; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => (document.activeElement as HTMLInputElement).name);
      expect(focused).toMatch(/^mark_\d+$/);
      const steps = i % 3; // 0: present, 1: absent, 2: excused
      for (let s = 0; s < steps; s++) await page.keyboard.press('ArrowRight');
      expected.push(['PRESENT', 'ABSENT', 'EXCUSED'][steps]!);
    }
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-topic');
    await page.keyboard.type('Rozmowa kwalifikacyjna – ćwiczenia');
    await tabTo(page, 'button[type=submit]:not([name])', 3);
    await screenshot(page, 'obecnosc');
    await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/obecnosc')), page.keyboard.press('Enter')]);

    expect(await page.textContent('.notice--success')).toContain(`Zapisano obecność: obecnych ${expected.filter((m) => m === 'PRESENT').length} z ${people}`);
    const saved = await page.locator('input[type=radio]:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(saved).toEqual(expected);
    expect(await page.inputValue('#f-topic')).toBe('Rozmowa kwalifikacyjna – ćwiczenia');
    await checkA11y(page, 'obecność – zapisana');
    await ctx.close();
  });

  it('the edition\'s pages pass axe and are screenshotted', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'koordynator');
    const { id } = await runningEdition(page);
    await checkA11y(page, 'grupy edycji');
    const pages: [string, string, string?][] = [
      ['/edycje', 'edycje', 'edycje'],
      [`/edycje/${id}`, 'edycja', 'edycja'],
      [`/edycje/${id}/harmonogram`, 'harmonogram', 'harmonogram'],
      [`/edycje/${id}/harmonogram/generuj`, 'generowanie harmonogramu'],
      [`/edycje/${id}/zajecia/nowe`, 'nowe zajęcia'],
      [`/edycje/${id}/frekwencja`, 'frekwencja', 'frekwencja'],
      [`/edycje/${id}/program`, 'program i godziny', 'program'],
      [`/edycje/${id}/kadra`, 'kadra edycji'],
      [`/edycje/${id}/dane`, 'dane edycji'],
      [`/edycje/${id}/zamkniecie`, 'zamknięcie edycji', 'zamkniecie'],
      ['/edycje/nowa', 'nowa edycja'],
      ['/kadra', 'kadra', 'kadra'],
    ];
    for (const [path, label, shot] of pages) {
      await page.goto(path);
      await checkA11y(page, label);
      if (shot) await screenshot(page, shot);
    }
    // A person's page, a session's page, the generator's preview and a form with errors.
    await page.goto(`/edycje/${id}/frekwencja`);
    await page.locator('tbody a').first().click();
    await checkA11y(page, 'uczestnik w edycji');
    await page.goto(`/edycje/${id}/harmonogram`);
    await page.locator('tbody td a').first().click();
    await checkA11y(page, 'zajęcia');
    await screenshot(page, 'zajecia');
    await page.goto(`/edycje/${id}/harmonogram/generuj`);
    await page.check('#f-weekdays-2');
    await page.fill('#f-count', '3');
    await page.click('button[value=preview]');
    await page.waitForSelector('.preview');
    await checkA11y(page, 'podgląd harmonogramu');
    await screenshot(page, 'harmonogram-podglad');
    await page.goto('/edycje/nowa');
    await page.fill('#f-name', '');
    await page.click('form button[type=submit]');
    await page.waitForSelector('.error-summary');
    await checkA11y(page, 'nowa edycja – błędy');
    await ctx.close();
  });

  it('works at tablet width (768 px) without sideways scrolling', async () => {
    const ctx = await newContext(browser, { width: 768, height: 1024 });
    const page = await ctx.newPage();
    await loginWithKeyboard(page, 'koordynator');
    const { id, groupB } = await runningEdition(page);
    await page.goto(`/edycje/${id}/harmonogram?grupa=${groupB}`);
    const sheetHref = await page.locator('a[href$="/obecnosc"]').nth(1).getAttribute('href');
    for (const [path, shot] of [[`/edycje/${id}`, 'edycja-768'], [`/edycje/${id}/harmonogram`, 'harmonogram-768'], [sheetHref!, 'obecnosc-768']] as const) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await checkA11y(page, `${shot}`);
      await screenshot(page, shot);
    }
    // Touch-sized choices: each answer is at least 44 px tall.
    const heights = await page.locator('.mark-option label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
    await ctx.close();
  });
});
