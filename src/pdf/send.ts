// Sends documents to the browser (PDFs streamed or finished, spreadsheets) with a Polish file name.
import type { Response } from 'express';
import type { Pdf } from './document.ts';

/** ASCII fallback for old clients; the UTF-8 name (filename*) keeps Polish letters. */
export function contentDisposition(fileName: string, inline = true): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').replace(/[^\w.-]+/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** A file with people's data: named for saving (or showing inline), never kept by a browser or proxy cache. */
function downloadHeaders(res: Response, contentType: string, fileName: string, inline: boolean): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', contentDisposition(fileName, inline));
  res.setHeader('Cache-Control', 'private, no-store');
}

/** Sends a finished file: a CSV or XLSX to save, or a PDF from PdfCache. */
export function sendDownload(res: Response, contentType: string, body: string | Buffer, fileName: string, inline = false): void {
  downloadHeaders(res, contentType, fileName, inline);
  res.send(body);
}

/** Pipes a document (built by the caller, finished with finishPdf) to the response. */
export function sendPdf(res: Response, doc: Pdf, fileName: string, inline = true): void {
  downloadHeaders(res, 'application/pdf', fileName, inline);
  doc.pipe(res);
}

/** Sends an already finished PDF file (see PdfCache). */
export function sendPdfBytes(res: Response, bytes: Buffer, fileName: string, inline = true): void {
  sendDownload(res, 'application/pdf', bytes, fileName, inline);
}
