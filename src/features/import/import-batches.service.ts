// Import batches: reading an uploaded sheet into a stored preview (nothing is written to the register),
// listing, showing and cancelling them. The preview keeps the rows as read, so the import step does not
// need the file again; the rows are removed once the batch is done, failed or cancelled.
import type { DbClient } from '../../db/client.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { mapHeaders } from './columns.ts';
import { SheetError } from './csv-text.ts';
import { sheetRows } from './participant-rows.ts';
import { PSU_SHEET } from './psu-columns.ts';
import { sheetRows as genericRows, type SheetRow } from './sheet-columns.ts';
import { checkSheet } from './sheet-check.service.ts';
import { MAX_ROWS, readSheetFile, tooManyRows } from './sheet-reader.ts';

export const IMPORT_KINDS = ['participants', 'psu-hours'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
/** A preview nobody imported is forgotten after a day (it holds personal data). */
export const PREVIEW_TTL_MS = 24 * 3600 * 1000;

export interface CheckSummary {
  total: number;
  ok: number;
  withErrors: number;
  duplicates: number;
}

export type RowProblems = { row: number; problems: string[]; duplicate: boolean };

/** What the preview stores in ImportBatch.errors. */
export interface PreviewInfo {
  format: string;
  headerRow: number;
  ignored: string[];
  summary: CheckSummary;
  /** Only the rows with problems. */
  problems: RowProblems[];
}

/** The rows no longer pass the checks (someone registered one of the people since the preview…). */
export class ImportRefusedError extends ConflictError {
  constructor(readonly problems: RowProblems[], readonly summary: CheckSummary) {
    super(`Nic nie zaimportowano: ${summary.withErrors} z ${summary.total} wierszy ma błędy. Popraw arkusz i prześlij go ponownie.`);
  }
}

export function problemsOf(rows: RowProblems[]): RowProblems[] {
  return rows.filter((r) => r.problems.length).map(({ row, problems, duplicate }) => ({ row, problems, duplicate }));
}

/** The data rows of a sheet, or a SheetError with a Polish message when there are none or too many. */
function dataRows<T>(rows: T[]): T[] {
  if (!rows.length) throw new SheetError('Pod wierszem nagłówków nie ma żadnych danych. Wpisz je w kolejnych wierszach.');
  if (rows.length > MAX_ROWS) throw tooManyRows();
  return rows;
}

/** Reads the file (SheetError with a Polish message when it cannot be read as a participants sheet). */
export async function readParticipantsSheet(bytes: Buffer, fileName: string) {
  const sheet = await readSheetFile(bytes, fileName);
  const map = mapHeaders(sheet.rows);
  return { sheet, map, rows: dataRows(sheetRows(sheet.rows, map)) };
}

export async function readPsuSheet(bytes: Buffer, fileName: string) {
  const sheet = await readSheetFile(bytes, fileName);
  const map = PSU_SHEET.mapHeaders(sheet.rows);
  return { sheet, map, rows: dataRows(genericRows(sheet.rows, map, ['note'])) };
}

/** Stores a checked sheet as a PREVIEW batch, with its audit row. */
export async function storePreview(
  db: DbClient,
  actor: Actor,
  p: { kind: ImportKind; fileName: string; info: PreviewInfo; rows: SheetRow<string>[] },
) {
  const batch = await db.importBatch.create({
    data: {
      kind: p.kind,
      fileName: p.fileName.slice(0, 200),
      status: 'PREVIEW',
      totalRows: p.rows.length,
      errors: p.info as unknown as Prisma.InputJsonValue,
      rows: p.rows as unknown as Prisma.InputJsonValue,
      createdById: actor.id,
    },
  });
  await recordAudit(db, actor, {
    action: 'import.preview',
    entityType: 'import',
    entityId: batch.id,
    details: { kind: p.kind, fileName: batch.fileName, ...p.info.summary },
  });
  return batch;
}

/** The preview of a participants sheet: every row checked, nothing written to the register. */
export async function createPreview(db: DbClient, actor: Actor, file: { fileName: string; bytes: Buffer }) {
  const { sheet, map, rows } = await readParticipantsSheet(file.bytes, file.fileName);
  const check = await checkSheet(db, rows);
  const info: PreviewInfo = { format: sheet.description, headerRow: map.headerRow, ignored: map.ignored, summary: check.summary, problems: problemsOf(check.rows) };
  return storePreview(db, actor, { kind: 'participants', fileName: file.fileName, info, rows });
}

const isKind = (k: string): k is ImportKind => (IMPORT_KINDS as readonly string[]).includes(k);

export async function getBatch(db: DbClient, id: number) {
  const batch = await db.importBatch.findUnique({ where: { id }, include: { createdBy: { select: { fullName: true } } } });
  if (!batch || !isKind(batch.kind)) throw new NotFoundError('Nie ma takiego importu.');
  return { ...batch, kind: batch.kind };
}

/** Only the counters (the progress page asks every second; the stored rows can be megabytes). */
export async function getBatchStatus(db: DbClient, id: number) {
  const batch = await db.importBatch.findUnique({ where: { id }, select: { kind: true, status: true, totalRows: true, doneRows: true } });
  if (!batch || !isKind(batch.kind)) throw new NotFoundError('Nie ma takiego importu.');
  return batch;
}

export function previewInfo(batch: { errors: unknown }): PreviewInfo {
  const info = batch.errors as PreviewInfo;
  // A finished batch loses its row problems after a day (see listBatches).
  return { ...info, problems: info.problems ?? [] };
}

export function storedRows<K extends string>(batch: { rows: unknown }): SheetRow<K>[] {
  return (batch.rows ?? []) as SheetRow<K>[];
}

/**
 * Previews older than a day lose their rows, and finished batches older than a day their row problems (the
 * messages quote what was typed: dates, names); the counts stay. The list shows the most recent batches.
 */
export async function listBatches(db: DbClient, now = new Date()) {
  const dayAgo = new Date(now.getTime() - PREVIEW_TTL_MS);
  await db.importBatch.updateMany({
    where: { status: 'PREVIEW', createdAt: { lt: dayAgo } },
    data: { status: 'FAILED', rows: Prisma.DbNull, message: 'Podgląd wygasł po 24 godzinach bez importu. Prześlij plik ponownie.', finishedAt: now },
  });
  await db.$executeRaw`UPDATE import_batches SET errors = errors - 'problems'
    WHERE status IN ('DONE', 'FAILED') AND finished_at < ${dayAgo} AND errors ? 'problems'`;
  return db.importBatch.findMany({
    where: { kind: { in: [...IMPORT_KINDS] } },
    orderBy: { id: 'desc' },
    take: 10,
    select: { id: true, kind: true, fileName: true, status: true, totalRows: true, doneRows: true, createdAt: true, finishedAt: true, createdBy: { select: { fullName: true } } },
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
