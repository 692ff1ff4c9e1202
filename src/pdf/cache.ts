// Rendered PDFs of documents whose content is fixed for a while: a report computed a few minutes ago, a
// closed PSU month. Laying out hundreds of table rows takes far longer than sending the bytes again, so the
// finished file is kept under a key that names everything printed in it (the data's version, the centre's
// header and the date in the footer). A second request for the same key while the first is still being
// laid out waits for it instead of laying out its own copy.
import crypto from 'node:crypto';
import { warsawDate, isoDate } from '../lib/dates.ts';
import { SingleFlight } from '../lib/single-flight.ts';
import { finishPdf, pdfToBuffer, type Pdf } from './document.ts';

export class PdfCache {
  private readonly done = new Map<string, Buffer>();
  private readonly laying = new SingleFlight<Buffer>();

  constructor(private readonly maxEntries = 20) {}

  /** The finished file for `key`, laid out by `build` (which must not call finishPdf) when not kept yet. */
  async get(key: string, build: () => Pdf | Promise<Pdf>): Promise<Buffer> {
    // The footer carries the day the file was made.
    const full = `${isoDate(warsawDate())}|${key}`;
    const kept = this.done.get(full);
    if (kept) {
      this.done.delete(full);
      this.done.set(full, kept); // most recently used last
      return kept;
    }
    return this.laying.run(full, async () => {
      const doc = await build();
      const finished = pdfToBuffer(doc);
      finishPdf(doc);
      const bytes = await finished;
      this.done.set(full, bytes);
      while (this.done.size > this.maxEntries) this.done.delete(this.done.keys().next().value!);
      return bytes;
    });
  }
}

/** A key that changes whenever anything printed changes: a digest of the document's data. */
export function contentKey(...parts: unknown[]): string {
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}
