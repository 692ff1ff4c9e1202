// Kept PDFs: laid out once per content, shared by requests that come together, laid out again when
// anything printed changes.
import { describe, expect, it } from 'vitest';
import { contentKey, PdfCache } from '../../src/pdf/cache.ts';
import { createPdf, heading } from '../../src/pdf/document.ts';
import { pdfText } from '../helpers/pdf.ts';

function build(text: string, calls: string[]) {
  return () => {
    calls.push(text);
    const doc = createPdf({ title: text, header: { centreName: 'MOPS Testowo' } });
    heading(doc, text);
    return doc;
  };
}

describe('PdfCache', () => {
  it('lays out a document once for concurrent and later requests of the same content', async () => {
    const cache = new PdfCache();
    const calls: string[] = [];
    const key = contentKey({ rows: [1, 2, 3] });
    const [a, b] = await Promise.all([cache.get(key, build('Rozliczenie – październik', calls)), cache.get(key, build('Rozliczenie – październik', calls))]);
    const c = await cache.get(key, build('Rozliczenie – październik', calls));
    expect(calls).toEqual(['Rozliczenie – październik']);
    expect(a.equals(b) && a.equals(c)).toBe(true);
    expect((await pdfText(a)).text).toContain('Rozliczenie – październik');
  });

  it('lays out again when the content changes, and forgets the oldest beyond its size', async () => {
    const cache = new PdfCache(2);
    const calls: string[] = [];
    await cache.get(contentKey({ minutes: 600 }), build('600', calls));
    const changed = await cache.get(contentKey({ minutes: 660 }), build('660', calls));
    expect((await pdfText(changed)).text).toContain('660');
    await cache.get(contentKey({ minutes: 720 }), build('720', calls));
    await cache.get(contentKey({ minutes: 600 }), build('600', calls)); // evicted: laid out again
    expect(calls).toEqual(['600', '660', '720', '600']);
    expect(contentKey({ a: 1 })).not.toBe(contentKey({ a: 2 }));
  });

  it('does not keep a failed layout', async () => {
    const cache = new PdfCache();
    const key = contentKey('x');
    await expect(cache.get(key, () => { throw new Error('layout failed'); })).rejects.toThrow('layout failed');
    const calls: string[] = [];
    await cache.get(key, build('ok', calls));
    expect(calls).toEqual(['ok']);
  });
});
