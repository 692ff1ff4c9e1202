// Sheets for the import tests: people with valid, unique PESEL numbers, written as CSV in the encodings
// centres' files come in, and helpers to upload them through the real form (multipart with CSRF).
import { expect } from 'vitest';
import { makePesel } from '../../src/lib/pesel.ts';
import { utcDate } from '../../src/lib/dates.ts';
import { csrfFrom, html, type Agent } from '../helpers/app.ts';

let serial = 0;
/** A valid PESEL no other call returns (birth dates spread over 1950–1999). */
export function uniquePesel(sex: 'MALE' | 'FEMALE' = 'FEMALE'): string {
  serial += 1;
  const day = utcDate(1950 + (serial % 50), 1 + (Math.floor(serial / 50) % 12), 1 + (Math.floor(serial / 600) % 28));
  return makePesel(day, sex, Math.floor(serial / 16800) * 100 + (serial % 100));
}

export const HEADER = ['Nazwisko', 'Imię', 'PESEL', 'Płeć', 'Ulica', 'Nr domu', 'Kod pocztowy', 'Miejscowość', 'Telefon', 'Pracownik socjalny'];

export function person(i: number, over: Partial<Record<string, string>> = {}): string[] {
  const values: Record<string, string> = {
    Nazwisko: `Źdźbło-${i}`, 'Imię': 'Łucja', PESEL: uniquePesel('FEMALE'), 'Płeć': 'K', Ulica: 'Żółkiewskiego', 'Nr domu': String(i),
    'Kod pocztowy': '00-950', 'Miejscowość': 'Gdańsk', Telefon: '600 100 200', 'Pracownik socjalny': '', ...over,
  };
  return HEADER.map((h) => values[h] ?? '');
}

/** CSV text: cells quoted when needed, the given separator, CRLF. */
export function csvText(rows: string[][], sep = ';'): string {
  const cell = (c: string) => (c.includes(sep) || c.includes('"') || c.includes('\n') ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(cell).join(sep)).join('\r\n') + '\r\n';
}

export const utf8 = (text: string, bom = false) => Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);

const CP1250: Record<string, number> = {
  ą: 0xb9, ć: 0xe6, ę: 0xea, ł: 0xb3, ń: 0xf1, ó: 0xf3, ś: 0x9c, ź: 0x9f, ż: 0xbf,
  Ą: 0xa5, Ć: 0xc6, Ę: 0xca, Ł: 0xa3, Ń: 0xd1, Ó: 0xd3, Ś: 0x8c, Ź: 0x8f, Ż: 0xaf,
};
/** Text as older Excel saves "CSV (rozdzielany średnikami)" on a Polish Windows. */
export function windows1250(text: string): Buffer {
  return Buffer.from([...text].map((ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x80) return code;
    const b = CP1250[ch];
    if (b === undefined) throw new Error(`no Windows-1250 byte for ${ch}`);
    return b;
  }));
}

/** Posts a file through the upload form: token and one-time key from the page, then the file. */
export async function upload(agent: Agent, bytes: Buffer, fileName: string) {
  const $ = html((await agent.get('/admin/import')).text);
  const form = $('form[action="/admin/import"]');
  return agent
    .post('/admin/import')
    .field('_csrf', String(form.find('input[name=_csrf]').val()))
    .field('_once', String(form.find('input[name=_once]').val()))
    .attach('file', bytes, fileName);
}

/** Uploads and follows to the preview; returns the batch id and the preview page. */
export async function preview(agent: Agent, bytes: Buffer, fileName: string) {
  const res = await upload(agent, bytes, fileName);
  expect(res.status, res.text?.slice(0, 2000)).toBe(303);
  const id = Number(/\/admin\/import\/(\d+)$/.exec(res.headers.location!)![1]);
  const page = await agent.get(res.headers.location!);
  expect(page.status).toBe(200);
  return { id, page, $: html(page.text) };
}

/** Presses "Importuj" on the preview, then waits until the progress endpoint says the job ended. */
export async function runImport(agent: Agent, id: number, seen: { done: number; status: string }[] = []) {
  const $ = html((await agent.get(`/admin/import/${id}`)).text);
  const form = $(`form[action="/admin/import/${id}/import"]`);
  expect(form.length, 'import button on the preview').toBe(1);
  const res = await agent.post(`/admin/import/${id}/import`).type('form').send({
    _csrf: String(form.find('input[name=_csrf]').val()),
    _once: String(form.find('input[name=_once]').val()),
  });
  expect(res.status).toBe(303);
  return { res, final: await waitForImport(agent, id, seen) };
}

export async function waitForImport(agent: Agent, id: number, seen: { done: number; status: string }[] = []) {
  for (let i = 0; i < 1200; i++) {
    const p = await agent.get(`/admin/import/${id}/postep`).set('Accept', 'application/json');
    expect(p.status).toBe(200);
    seen.push({ done: p.body.done, status: p.body.status });
    if (p.body.status === 'DONE' || p.body.status === 'FAILED') return p.body as { status: string; done: number; total: number };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

export async function tokenFor(agent: Agent) {
  return csrfFrom(agent, '/admin/import');
}
