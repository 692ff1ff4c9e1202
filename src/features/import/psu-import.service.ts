// The import of PSU hours: a preview that runs the whole import in a transaction and rolls it back
// (so it reports exactly what the import would refuse), and the import itself, all or nothing.
import type { Database, DbClient } from '../../db/client.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { ImportRefusedError, problemsOf, readPsuSheet, storePreview, type PreviewInfo } from './import-batches.service.ts';
import { applyPsuRows, psuSummary, resolvePsuRows, type PsuSheetRow } from './psu-rows.service.ts';

/** Thrown inside the preview's transaction to roll back what it wrote. */
class DryRun extends Error {}

export async function previewPsuHours(db: Database, actor: Actor, file: { fileName: string; bytes: Buffer }) {
  const { sheet, map, rows } = await readPsuSheet(file.bytes, file.fileName);
  let checks: Awaited<ReturnType<typeof resolvePsuRows>> = [];
  try {
    await db.prisma.$transaction(
      async (tx) => {
        checks = await resolvePsuRows(tx, rows);
        await applyPsuRows(tx, actor, checks);
        throw new DryRun();
      },
      { timeout: 300_000, maxWait: 60_000 },
    );
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
  }
  const info: PreviewInfo = { format: sheet.description, headerRow: map.headerRow, ignored: map.ignored, summary: psuSummary(checks), problems: problemsOf(checks) };
  return db.prisma.$transaction((tx) => storePreview(tx, actor, { kind: 'psu-hours', fileName: file.fileName, info, rows }));
}

/**
 * Writes every row of a PSU hours sheet; call inside one transaction. Each day gets the audit row a
 * hand-typed day gets ('psu.hours.save'), the import one 'import.psu-hours' row. Throws
 * ImportRefusedError when any row has a problem, so the transaction rolls back.
 */
export async function importPsuHours(
  tx: DbClient,
  actor: Actor,
  rows: PsuSheetRow[],
  opts: { batchId?: number; fileName: string; onProgress?: (done: number) => void },
): Promise<number> {
  const checks = await resolvePsuRows(tx, rows);
  const done = await applyPsuRows(tx, actor, checks, opts.onProgress);
  const summary = psuSummary(checks);
  if (summary.withErrors) throw new ImportRefusedError(problemsOf(checks), summary);
  await recordAudit(tx, actor, { action: 'import.psu-hours', entityType: 'import', entityId: opts.batchId, details: { fileName: opts.fileName, count: done } });
  return done;
}

/** The first rows as they will be saved: person, workplace, day and hours. */
export async function psuSample(db: DbClient, rows: PsuSheetRow[], count: number) {
  const checks = await resolvePsuRows(db, rows.slice(0, count));
  return checks.flatMap((c) => (c.entry ? [{ row: c.row, ...c.entry }] : []));
}
