// Keyboard-only helpers for the journeys: every field is reached with Tab, filled by typing, chosen with the
// arrow keys or Space, and every form is sent with Enter or Space, as a person without a mouse would.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { checkA11y, screenshot } from './browser.ts';

const focusedMatches = (page: Page, selector: string) =>
  page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

/**
 * Presses Tab until the focused element matches (at most `limit` presses). With `fromTop`, focus starts at the
 * top of the page (as after a page load), so the walk is the same whatever was focused before.
 */
export async function tabTo(page: Page, selector: string, opts: { limit?: number; fromTop?: boolean } = {}): Promise<void> {
  if (opts.fromTop) await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  if (await focusedMatches(page, selector)) return;
  const limit = opts.limit ?? 200;
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await focusedMatches(page, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Tab to a text field or textarea, type the text. */
export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
  expect(await page.inputValue(selector)).toBe(text);
}

let dateOrder: 'dmy' | 'mdy' | 'ymd' | undefined;

/**
 * Chromium's date field takes its segment order from the browser's own locale (day first in Polish, month
 * first in the C locale the test machine runs with). Find it once by typing a probe date, as a user would
 * read it off the field's placeholder.
 */
async function browserDateOrder(page: Page): Promise<'dmy' | 'mdy' | 'ymd'> {
  if (dateOrder) return dateOrder;
  const order = await page.evaluate(() => {
    const probe = document.createElement('input');
    probe.type = 'date';
    probe.id = 'date-order-probe';
    document.body.append(probe);
    return probe.id;
  });
  await page.focus(`#${order}`);
  await page.keyboard.type('01022003');
  const value = await page.inputValue(`#${order}`);
  await page.evaluate(() => document.getElementById('date-order-probe')?.remove());
  dateOrder = value === '2003-02-01' ? 'dmy' : value === '2003-01-02' ? 'mdy' : 'ymd';
  return dateOrder;
}

/** Tab to a date field and type the date digit by digit (YYYY-MM-DD given). */
export async function typeDate(page: Page, selector: string, iso: string): Promise<void> {
  const order = await browserDateOrder(page);
  const [y, m, d] = iso.split('-') as [string, string, string];
  await tabTo(page, selector);
  await page.keyboard.type(order === 'dmy' ? d + m + y : order === 'mdy' ? m + d + y : y + m + d);
  expect(await page.inputValue(selector), selector).toBe(iso);
}

let timeIn12h: boolean | undefined;

/** Tab to a time field and type HH:MM (the field may show a 12-hour clock in the browser's own locale). */
export async function typeTime(page: Page, selector: string, hhmm: string): Promise<void> {
  if (timeIn12h === undefined) {
    await page.evaluate(() => {
      const probe = document.createElement('input');
      probe.type = 'time';
      probe.id = 'time-probe';
      document.body.append(probe);
    });
    await page.focus('#time-probe');
    await page.keyboard.type('1530');
    timeIn12h = (await page.inputValue('#time-probe')) !== '15:30';
    await page.evaluate(() => document.getElementById('time-probe')?.remove());
  }
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  await tabTo(page, selector);
  if (timeIn12h) await page.keyboard.type(`${String(h % 12 || 12).padStart(2, '0')}${String(m).padStart(2, '0')}${h < 12 ? 'A' : 'P'}`);
  else await page.keyboard.type(hhmm.replace(':', ''));
  expect(await page.inputValue(selector), selector).toBe(hhmm);
}

/** Tab to a select and move through its options with the arrow keys until the wanted one is chosen. */
export async function chooseOption(page: Page, selector: string, optionText: string | RegExp): Promise<void> {
  await tabTo(page, selector);
  const matches = (t: string) => (typeof optionText === 'string' ? t.includes(optionText) : optionText.test(t));
  const selectedText = () => page.$eval(selector, (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
  const count = await page.$eval(selector, (s) => (s as HTMLSelectElement).options.length);
  if (matches(await selectedText())) return;
  await page.keyboard.press('Home');
  for (let i = 0; i < count; i++) {
    if (matches(await selectedText())) return;
    await page.keyboard.press('ArrowDown');
  }
  if (!matches(await selectedText())) throw new Error(`No option ${optionText} in ${selector}`);
}

/** Tab into a radio group (lands on its checked or first choice) and move with the arrows to the value. */
export async function chooseRadio(page: Page, name: string, value: string): Promise<void> {
  await tabTo(page, `input[type=radio][name="${name}"]`);
  const checked = () => page.$eval(`input[name="${name}"]:focus`, (r) => (r as HTMLInputElement).checked);
  if (!(await checked())) await page.keyboard.press('Space');
  const count = await page.locator(`input[type=radio][name="${name}"]`).count();
  for (let i = 0; i < count; i++) {
    if ((await page.inputValue(`input[name="${name}"]:checked`)) === value) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`No choice ${value} in ${name}`);
}

/** Tab to a checkbox and tick it with Space. */
export async function tick(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector);
  if (!(await page.isChecked(selector))) await page.keyboard.press('Space');
  expect(await page.isChecked(selector)).toBe(true);
}

/** Tab to a button or link and press Enter; waits for the page that follows. */
export async function activate(page: Page, selector: string, key: 'Enter' | 'Space' = 'Enter'): Promise<void> {
  await tabTo(page, selector);
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
}

/** Accepts the next confirmation dialog and returns its text (destructive actions ask first). */
export function acceptNextDialog(page: Page): Promise<string> {
  return new Promise((resolve) => {
    page.once('dialog', (d) => {
      const message = d.message();
      void d.accept().then(() => resolve(message));
    });
  });
}

/** Declines the next confirmation dialog and returns its text. */
export function dismissNextDialog(page: Page): Promise<string> {
  return new Promise((resolve) => {
    page.once('dialog', (d) => {
      const message = d.message();
      void d.dismiss().then(() => resolve(message));
    });
  });
}

/**
 * Every page a journey reaches: its title says where the user is (and which application), axe finds nothing
 * serious, and optionally a screenshot for the README.
 */
export async function arrive(page: Page, label: string, title: string | RegExp, shot?: string): Promise<void> {
  const t = await page.title();
  if (typeof title === 'string') expect(t, label).toContain(title);
  else expect(t, label).toMatch(title);
  expect(t, label).toContain('– Reintegra');
  await checkA11y(page, label);
  if (shot) await screenshot(page, shot);
}

/** The success message after a save: announced politely (role=status) and worded in Polish. */
export async function expectSuccess(page: Page, text: string | RegExp): Promise<string> {
  const notice = page.locator('.notice--success[role=status]');
  await expect.poll(() => notice.count(), { timeout: 5_000 }).toBeGreaterThan(0);
  const shown = (await notice.first().textContent()) ?? '';
  if (typeof text === 'string') expect(shown).toContain(text);
  else expect(shown).toMatch(text);
  return shown;
}

/** The error summary of a refused form: announced (role=alert) and focused so it is read first. */
export async function expectErrorSummary(page: Page): Promise<string> {
  await page.waitForSelector('.error-summary');
  expect(await page.getAttribute('.error-summary', 'role')).toBe('alert');
  await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
  return (await page.textContent('.error-summary')) ?? '';
}

/** The page does not scroll sideways (tablet width). */
export async function expectNoSidewaysScroll(page: Page, label: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, label).toBeLessThanOrEqual(0);
}

export const iso = (d: Date) => d.toISOString().slice(0, 10);
export const plDate = (isoDate: string) => isoDate.split('-').reverse().join('.');
