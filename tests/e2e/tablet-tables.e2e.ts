// Tables at tablet width (768 px): every list and record page of each role keeps all its columns inside the
// screen, so nothing (an action button, the last column) hides behind a sideways scroll. Matrices (people ×
// modules, people × days of a month) are wider by nature: they scroll inside their own frame, which can be
// focused and is labelled, with the names kept in view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { checkA11y, launch, loginWithKeyboard, newContext, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** Start pages per role; records linked from them (the first of each kind) are visited too. */
const START: Record<string, string[]> = {
  pracownik: ['/', '/uczestnicy', '/uczestnicy/moi', '/kontrakty', '/skierowania', '/skierowania/nowe', '/kontrakty/nowy'],
  koordynator: ['/', '/edycje', '/edycje?stan=wszystkie', '/skierowania', '/skierowania/kolejka', '/skierowania/rezerwowa', '/kadra', '/zaswiadczenia', '/psu'],
  dyrektor: ['/', '/raporty'],
  admin: ['/', '/admin/uzytkownicy', '/admin/dziennik', '/admin/stawki-psu', '/admin/import', '/admin/edycje'],
};
const RECORD = /^\/(?:(?:edycje|psu\/porozumienia|psu\/osoby|zaswiadczenia|zaswiadczenia\/edycja|kontrakty|skierowania|uczestnicy|raporty\/miesieczny\/\d+|raporty\/roczny)\/\d+|admin\/edycje\/\d+\/otwarcie)$/;
const EDITION_TABS = ['harmonogram', 'frekwencja', 'program', 'kadra', 'grupy', 'zamkniecie'];

interface Measured { page: number; tables: { overflow: number; matrix: boolean; framed: boolean; stickyNames: boolean }[]; records: string[] }

function measure(page: Page): Promise<Measured> {
  return page.evaluate((pattern) => {
    const re = new RegExp(pattern);
    return {
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      tables: Array.from(document.querySelectorAll<HTMLElement>('.table-wrap')).map((w) => {
        const table = w.querySelector('table');
        const rowHeader = table?.querySelector('tbody th[scope="row"]');
        return {
          overflow: w.scrollWidth - w.clientWidth,
          matrix: !!table && (table.classList.contains('matrix') || table.classList.contains('psu-grid')),
          framed: w.getAttribute('role') === 'region' && w.tabIndex === 0 && !!(w.getAttribute('aria-label') || w.getAttribute('aria-labelledby')),
          stickyNames: !!rowHeader && getComputedStyle(rowHeader).position === 'sticky',
        };
      }),
      records: Array.from(document.querySelectorAll<HTMLAnchorElement>('main a[href]')).map((a) => a.pathname).filter((p) => re.test(p)),
    };
  }, RECORD.source);
}

describe('tables at 768 px', () => {
  for (const [role, starts] of Object.entries(START)) {
    it(`${role}: every column in view, matrices scroll in their own frame`, async () => {
      const ctx = await newContext(browser, { width: 768, height: 1024 });
      const page = await ctx.newPage();
      await loginWithKeyboard(page, role);
      const seen = new Set<string>();
      const queue = [...starts];
      let measured = 0;
      while (queue.length) {
        const path = queue.shift()!;
        if (seen.has(path)) continue;
        seen.add(path);
        const res = await page.goto(path);
        expect(res?.status(), path).toBe(200);
        const m = await measure(page);
        if (path === '/admin/edycje' || path.endsWith('/otwarcie')) {
          const label = path === '/admin/edycje' ? 'edycje-zamkniete-768' : 'edycja-otwarcie-768';
          await checkA11y(page, label);
          await screenshot(page, label);
        }
        expect(m.page, `${path}: the page scrolls sideways`).toBeLessThanOrEqual(0);
        for (const [i, t] of m.tables.entries()) {
          if (t.matrix) {
            expect(t.framed, `${path}: matrix ${i + 1} is a labelled, focusable frame`).toBe(true);
            expect(t.stickyNames, `${path}: matrix ${i + 1} keeps the names in view`).toBe(true);
          } else {
            expect(t.overflow, `${path}: table ${i + 1} is wider than the screen`).toBeLessThanOrEqual(0);
          }
        }
        measured += m.tables.length;
        // The first record of each kind linked from a start page, and an edition's tabs.
        if (starts.includes(path)) {
          const kinds = new Set<string>();
          for (const r of m.records) {
            const kind = r.replace(/\d+$/, '');
            if (kinds.has(kind)) continue;
            kinds.add(kind);
            queue.push(r);
            if (kind === '/edycje/') queue.push(...EDITION_TABS.map((t) => `${r}/${t}`));
          }
        }
      }
      console.log(`[768 px] ${role}: ${seen.size} stron, ${measured} tabel`);
      expect(measured, 'tables were measured').toBeGreaterThan(3);
      await ctx.close();
    }, 300_000);
  }
});
