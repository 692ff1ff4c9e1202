// Debian's Chromium through playwright-core, axe checks, and screenshots for the README.
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('tests/e2e/screenshots');
export const DEMO_PASSWORD = 'reintegra-demo';

export function baseUrl(): string {
  return inject('baseUrl');
}

/**
 * The browser runs in Polish, as the centre's computers do: with Debian's chromium-l10n installed, date
 * fields read DD.MM.RRRR in screenshots and are typed day first (without it they fall back to the US order,
 * which tests/e2e/keyboard.ts detects).
 */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    env: { ...process.env, LANG: 'pl_PL.UTF-8', LC_ALL: 'pl_PL.UTF-8' },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=pl'],
  });
}

export async function newContext(browser: Browser, opts: { width?: number; height?: number } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 }, locale: 'pl-PL', timezoneId: 'Europe/Warsaw', baseURL: baseUrl() });
}

export const axeResults: { page: string; violations: { id: string; impact: string | null | undefined; nodes: number }[] }[] = [];

/** Runs axe on the page; fails on serious or critical violations and records every result for the log. */
export async function checkA11y(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  axeResults.push({ page: label, violations });
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = violations.length ? violations.map((v) => `${v.id}(${v.impact}×${v.nodes})`).join(', ') : 'brak naruszeń';
  console.log(`[axe] ${label}: ${summary}`);
  expect(bad.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`), label).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS === '0') return;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Logs in by keyboard only: Tab to each field, type, Enter. */
export async function loginWithKeyboard(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.focus('#f-login');
  await page.keyboard.type(login);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}
