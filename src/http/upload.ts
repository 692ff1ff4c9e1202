// File uploads: reads one file from a multipart/form-data body into memory with busboy, within a size
// limit, and checks the form's CSRF token found in the same body (src/http/csrf.ts leaves that to us).
// Problems a user can fix (no file, too large, a broken body) do not throw: they arrive as
// `req.upload.problem` so the page can be shown again with the message beside the file field.
import busboy from 'busboy';
import type { RequestHandler } from 'express';
import { csrfRefused, csrfTokenMatches } from './csrf.ts';

export interface UploadedFile {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

export interface Upload {
  file: UploadedFile | null;
  /** 400 (malformed, missing) or 413 (too large), with a Polish message. */
  problem: { status: 400 | 413; message: string } | null;
}

export interface UploadOptions {
  /** Name of the file input. */
  field: string;
  maxBytes: number;
}

const MB = 1024 * 1024;
const sizeText = (bytes: number) => `${Math.round(bytes / MB)} MB`;

/** Marked so a test can check that every route in UPLOAD_PATHS really parses (and checks) its body. */
export type UploadParser = RequestHandler & { checksCsrf: true };

export function readUpload(options: UploadOptions): UploadParser {
  const handler: RequestHandler = (req, res, next) => {
    const done = (upload: Upload, fields: Record<string, string>) => {
      if (req.csrfPending && !csrfTokenMatches(req, fields._csrf)) return next(csrfRefused());
      req.body = fields;
      req.upload = upload;
      next();
    };
    const problem = (status: 400 | 413, message: string): Upload => ({ file: null, problem: { status, message } });
    if (!req.is('multipart/form-data')) {
      // An ordinary form post (its token was checked already): there is no file in it.
      req.upload = problem(400, 'Nie przesłano pliku. Wybierz plik na komputerze i wyślij formularz ponownie.');
      return next();
    }
    const tooLarge = `Plik jest za duży: można przesłać najwyżej ${sizeText(options.maxBytes)}. Podziel arkusz na mniejsze części.`;
    const declared = Number(req.get('content-length') ?? 0);
    if (declared > options.maxBytes * 10) {
      // Far beyond the limit: answer now and drop the connection instead of reading it all.
      // Nothing is done with the request, so its token need not be read first.
      res.set('Connection', 'close');
      res.on('finish', () => req.destroy());
      req.body = {};
      req.upload = problem(413, tooLarge);
      return next();
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: 1, fileSize: options.maxBytes, fields: 20, fieldSize: 10_000, parts: 25, headerPairs: 50 },
      });
    } catch {
      return done(problem(400, 'Przesłany formularz jest uszkodzony. Odśwież stronę i wyślij plik ponownie.'), {});
    }
    const fields: Record<string, string> = {};
    let file: UploadedFile | null = null;
    let overLimit = false;
    let broken = false;
    parser.on('field', (name, value) => {
      if (!(name in fields)) fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      // A body that ends mid-file errors the file stream too; the parser's own error answers the request.
      stream.on('error', () => undefined);
      if (name !== options.field || file) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        overLimit = true;
      });
      stream.on('end', () => {
        if (!overLimit && info.filename) file = { fileName: info.filename, mimeType: info.mimeType, bytes: Buffer.concat(chunks) };
      });
    });
    parser.on('error', () => {
      if (broken) return;
      broken = true;
      req.unpipe(parser);
      req.resume(); // read and discard the rest, so the answer reaches the browser
      const answer = () => done(problem(400, 'Przesłany formularz jest uszkodzony lub niekompletny. Odśwież stronę i wyślij plik ponownie.'), fields);
      if (req.complete) answer();
      else req.once('end', answer);
    });
    parser.on('close', () => {
      if (broken) return;
      if (overLimit) return done(problem(413, tooLarge), fields);
      if (!file) return done(problem(400, 'Nie wybrano pliku. Wybierz plik CSV lub XLSX na komputerze i wyślij formularz ponownie.'), fields);
      done({ file, problem: null }, fields);
    });
    req.pipe(parser);
  };
  return Object.assign(handler, { checksCsrf: true as const });
}

export function isUploadParser(handler: unknown): boolean {
  return typeof handler === 'function' && (handler as Partial<UploadParser>).checksCsrf === true;
}
