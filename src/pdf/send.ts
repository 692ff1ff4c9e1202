// Streams a PDF to the browser with a Polish file name.
import type { Response } from 'express';
import type { Pdf } from './document.ts';

/** ASCII fallback for old clients; the UTF-8 name (filename*) keeps Polish letters. */
export function contentDisposition(fileName: string, inline = true): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').replace(/[^\w.-]+/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Pipes a document (built by the caller, finished with finishPdf) to the response. */
export function sendPdf(res: Response, doc: Pdf, fileName: string, inline = true): void {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', contentDisposition(fileName, inline));
  res.setHeader('Cache-Control', 'private, no-store');
  doc.pipe(res);
}

/** Sends an already finished PDF file (see PdfCache). */
export function sendPdfBytes(res: Response, bytes: Buffer, fileName: string, inline = true): void {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', contentDisposition(fileName, inline));
  res.setHeader('Cache-Control', 'private, no-store');
  res.end(bytes);
}
