// Import batches: reading an uploaded sheet into a stored preview (nothing is written to the register),
// listing, showing and cancelling them. The preview keeps the rows as read, so the import step does not
// need the file again; the rows are removed once the batch is done, failed or cancelled.
import type { DbClient } from '../../db/client.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { mapHeaders } from './columns.ts';
import { SheetError } from './csv-text.ts';
import { sheetRows, type SheetRow } from './participant-rows.ts';
import { checkSheet, type SheetCheck } from './sheet-check.service.ts';
import { MAX_ROWS, readSheetFile, tooManyRows } from './sheet-reader.ts';

export const PARTICIPANTS_KIND = 'participants';
/** A preview nobody imported is forgotten after a day (it holds personal data). */
export const PREVIEW_TTL_MS = 24 * 3600 * 1000;

/** What the preview stores in ImportBatch.errors. */
export interface PreviewInfo {
  format: string;
  headerRow: number;
  ignored: string[];
  summary: SheetCheck['summary'];
  /** Only the rows with problems. */
  problems: { row: number; problems: string[]; duplicate: boolean }[];
}

export function problemsOf(check: SheetCheck): PreviewInfo['problems'] {
  return check.rows.filter((r) => r.problems.length).map(({ row, problems, duplicate }) => ({ row, problems, duplicate }));
}

/** Reads the file (SheetError with a Polish message when it cannot be read as a participants sheet). */
export async function readParticipantsSheet(bytes: Buffer, fileName: string) {
  const sheet = await readSheetFile(bytes, fileName);
  const map = mapHeaders(sheet.rows);
  const rows = sheetRows(sheet.rows, map);
  if (!rows.length) throw new SheetError('Pod wierszem nagłówków nie ma żadnych danych. Wpisz osoby w kolejnych wierszach.');
  if (rows.length > MAX_ROWS) throw tooManyRows();
  return { sheet, map, rows };
}

export async function createPreview(db: DbClient, actor: Actor, file: { fileName: string; bytes: Buffer }) {
  const { sheet, map, rows } = await readParticipantsSheet(file.bytes, file.fileName);
  const check = await checkSheet(db, rows);
  const info: PreviewInfo = { format: sheet.description, headerRow: map.headerRow, ignored: map.ignored, summary: check.summary, problems: problemsOf(check) };
  const batch = await db.importBatch.create({
    data: {
      kind: PARTICIPANTS_KIND,
      fileName: file.fileName.slice(0, 200),
      status: 'PREVIEW',
      totalRows: rows.length,
      errors: info as unknown as Prisma.InputJsonValue,
      rows: rows as unknown as Prisma.InputJsonValue,
      createdById: actor.id,
    },
  });
  await recordAudit(db, actor, {
    action: 'import.preview',
    entityType: 'import',
    entityId: batch.id,
    details: { fileName: batch.fileName, ...check.summary },
  });
  return batch;
}

export async function getBatch(db: DbClient, id: number) {
  const batch = await db.importBatch.findUnique({ where: { id }, include: { createdBy: { select: { fullName: true } } } });
  if (!batch || batch.kind !== PARTICIPANTS_KIND) throw new NotFoundError('Nie ma takiego importu.');
  return batch;
}

/** Only the counters (the progress page asks every second; the stored rows can be megabytes). */
export async function getBatchStatus(db: DbClient, id: number) {
  const batch = await db.importBatch.findUnique({ where: { id }, select: { kind: true, status: true, totalRows: true, doneRows: true } });
  if (!batch || batch.kind !== PARTICIPANTS_KIND) throw new NotFoundError('Nie ma takiego importu.');
  return batch;
}

export function previewInfo(batch: { errors: unknown }): PreviewInfo {
  return batch.errors as PreviewInfo;
}

export function storedRows(batch: { rows: unknown }): SheetRow[] {
  return (batch.rows ?? []) as SheetRow[];
}

/** Previews older than a day lose their rows; the list shows the most recent batches. */
export async function listBatches(db: DbClient, now = new Date()) {
  await db.importBatch.updateMany({
    where: { status: 'PREVIEW', createdAt: { lt: new Date(now.getTime() - PREVIEW_TTL_MS) } },
    data: { status: 'FAILED', rows: Prisma.DbNull, message: 'Podgląd wygasł po 24 godzinach bez importu. Prześlij plik ponownie.', finishedAt: now },
  });
  return db.importBatch.findMany({
    where: { kind: PARTICIPANTS_KIND },
    orderBy: { id: 'desc' },
    take: 10,
    select: { id: true, fileName: true, status: true, totalRows: true, doneRows: true, createdAt: true, finishedAt: true, createdBy: { select: { fullName: true } } },
  });
}

export async function cancelPreview(db: DbClient, actor: Actor, id: number) {
  await getBatch(db, id);
  const { count } = await db.importBatch.updateMany({
    where: { id, status: 'PREVIEW' },
    data: { status: 'FAILED', rows: Prisma.DbNull, message: 'Import anulowany przez administratora. Nic nie zapisano.', finishedAt: new Date() },
  });
  if (count === 0) throw new ConflictError('Tego importu nie można już anulować: został uruchomiony albo zakończony.');
  await recordAudit(db, actor, { action: 'import.cancel', entityType: 'import', entityId: id });
}
