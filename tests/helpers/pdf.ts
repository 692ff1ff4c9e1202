// Reads a PDF back to text with Mozilla's pdf.js, so tests check what a reader would see.
import type { Response } from 'superagent';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfText(data: Buffer | Uint8Array): Promise<{ pages: string[]; text: string; numPages: number }> {
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    let line = '';
    let lastY: number | undefined;
    for (const item of content.items as { str: string; transform: number[]; hasEOL?: boolean }[]) {
      const y = item.transform[5];
      if (lastY !== undefined && y !== undefined && Math.abs(y - lastY) > 2) line += '\n';
      else if (line && !line.endsWith(' ') && !line.endsWith('\n')) line += ' ';
      line += item.str;
      lastY = y;
    }
    pages.push(line);
  }
  await doc.destroy();
  return { pages, text: pages.join('\n'), numPages: doc.numPages };
}

/** Supertest parser that collects a binary body into a Buffer. */
export function binaryParser(res: Response, cb: (err: Error | null, body: Buffer) => void) {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}
