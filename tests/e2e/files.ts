// Files the journeys download: saved where a user's browser would put them, then read back as a person
// would see them (PDF through poppler's pdftotext, CSV and XLSX parsed into rows).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { tabTo } from './keyboard.ts';

const DOWNLOADS = fs.mkdtempSync(path.join(os.tmpdir(), 'reintegra-downloads-'));

/**
 * Tab to a link, press Enter and keep the file the browser receives: an attachment arrives as a download;
 * an inline PDF opens in the browser's viewer, so its response is kept and the browser goes back.
 */
export async function saveDownload(page: Page, selector: string, name: string): Promise<string> {
  await tabTo(page, selector);
  const before = page.url();
  const href = new URL((await page.getAttribute(selector, 'href'))!, before).toString();
  const file = path.join(DOWNLOADS, name);
  // Two definite outcomes: a download event, or the page committing the file's address (the PDF viewer). A
  // navigation response alone decides nothing: Chromium may still turn it into a download afterwards.
  const download = page.waitForEvent('download', { timeout: 30_000 }).then((d) => ({ kind: 'download' as const, d }));
  const viewer = page.waitForURL(href, { waitUntil: 'commit', timeout: 30_000 }).then(() => ({ kind: 'viewer' as const }));
  await page.keyboard.press('Enter');
  const got = await Promise.race([download, viewer]);
  if (got.kind === 'download') {
    viewer.catch(() => undefined);
    await got.d.saveAs(file);
    expect(page.url(), 'a download leaves the page where it was').toBe(before);
  } else {
    // Chromium hands an inline PDF to its viewer, which replaces the body the page sees; the same session
    // fetches the bytes again, and the user goes back to the page the link was on.
    download.catch(() => undefined);
    const again = await page.context().request.get(href);
    expect(again.status(), href).toBe(200);
    expect(again.headers()['content-type'], href).toBe('application/pdf');
    fs.writeFileSync(file, await again.body());
    await page.goBack({ waitUntil: 'load' });
    await page.waitForURL(before);
  }
  return file;
}

/** The text of a PDF as pdftotext reads it (reading order, one line per printed line). */
export function pdfToText(file: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** A CSV file as written by the app (UTF-8 with BOM, semicolons, quotes doubled) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
