// The import itself: all or nothing. The batch moves PREVIEW → RUNNING in the database first (an update
// guarded by the status, so a second click or a second administrator cannot start it twice), then one
// transaction checks the rows again, writes every participant with its audit row and marks the batch DONE.
// Any problem rolls the whole transaction back; a crash leaves nothing written either.
import type { Database, DbClient } from '../../db/client.ts';
import { faultPoint } from '../../db/fault-point.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { ConflictError } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { getBatch, ImportRefusedError, previewInfo, problemsOf, storedRows, type ImportKind } from './import-batches.service.ts';
import { importProgress, trackImport, untrackImport } from './import-progress.ts';
import type { SheetRow as ParticipantRow } from './participant-rows.ts';
import type { SheetRow } from './sheet-columns.ts';
import { importPsuHours } from './psu-import.service.ts';
import { checkSheet } from './sheet-check.service.ts';

/** The longest an import's transaction may run; a RUNNING batch older than this has certainly died. */
export const IMPORT_TIMEOUT_MS = 10 * 60_000;
/** Rows written per statement: progress moves in these steps. */
const WRITE_CHUNK = 250;

const identity = (p: { pesel: string | null; documentType: string | null; documentNumber: string | null }) =>
  p.pesel ? `p:${p.pesel}` : `d:${p.documentType}|${p.documentNumber}`;

/**
 * Checks the rows and writes them all as new participants; call it inside one transaction. Each person
 * gets the same 'participant.create' audit row the form writes (marked as coming from an import), and the
 * import one 'import.participants' row. Throws ImportRefusedError when any row has a problem.
 */
export async function importParticipants(
  tx: DbClient,
  actor: Actor,
  rows: ParticipantRow[],
  opts: { batchId?: number; fileName: string; onProgress?: (done: number) => void },
): Promise<number> {
  const check = await checkSheet(tx, rows);
  if (check.summary.withErrors) throw new ImportRefusedError(problemsOf(check.rows), check.summary);
  const people = check.rows.map((r) => ({ row: r.row, input: r.input! }));
  let done = 0;
  for (let i = 0; i < people.length; i += WRITE_CHUNK) {
    const chunk = people.slice(i, i + WRITE_CHUNK);
    // One statement per chunk (thousands of single inserts would hold the embedded database for long).
    const created = await tx.participant.createManyAndReturn({
      data: chunk.map((p) => p.input),
      select: { id: true, pesel: true, documentType: true, documentNumber: true },
    });
    const rowOf = new Map(chunk.map((p) => [identity(p.input), p.row]));
    await tx.auditLog.createMany({
      data: created.map((p) => ({
        userId: actor.id,
        userLogin: actor.login,
        ip: actor.ip ?? null,
        action: 'participant.create',
        entityType: 'participant',
        entityId: String(p.id),
        participantId: p.id,
        details: { source: 'import', importBatchId: opts.batchId ?? null, row: rowOf.get(identity(p)) ?? null, sensitiveFields: [] },
      })),
    });
    done += created.length;
    opts.onProgress?.(done);
    if (i === 0) await faultPoint('import.participants'); // crash tests stop here, with rows written
  }
  await recordAudit(tx, actor, {
    action: 'import.participants',
    entityType: 'import',
    entityId: opts.batchId,
    details: { fileName: opts.fileName, count: done },
  });
  return done;
}

type Runner = (tx: DbClient, actor: Actor, rows: SheetRow<string>[], opts: { batchId?: number; fileName: string; onProgress?: (done: number) => void }) => Promise<number>;
const RUNNERS: Record<ImportKind, Runner> = {
  participants: importParticipants as Runner,
  'psu-hours': importPsuHours as Runner,
};

/**
 * Starts the import of a previewed batch. Returns once the batch is RUNNING, with the job's promise
 * (which never rejects: a failure is recorded on the batch).
 */
export async function startImport(db: Database, actor: Actor, batchId: number): Promise<{ job: Promise<void> }> {
  const batch = await getBatch(db.prisma, batchId);
  if (batch.status === 'PREVIEW' && previewInfo(batch).summary.withErrors) {
    throw new ConflictError('Podgląd wykazał błędy, więc nie można importować. Popraw arkusz i prześlij go ponownie (import jest „wszystko albo nic”).');
  }
  const { count } = await db.prisma.importBatch.updateMany({ where: { id: batchId, status: 'PREVIEW' }, data: { status: 'RUNNING', startedAt: new Date() } });
  if (count === 0) {
    throw new ConflictError(batch.status === 'DONE' ? 'Ten plik został już zaimportowany.' : batch.status === 'RUNNING' ? 'Ten import już trwa.' : 'Tego importu nie można już uruchomić. Prześlij plik ponownie.');
  }
  const rows = storedRows<string>(batch);
  const progress = trackImport(batchId, rows.length);
  const run = RUNNERS[batch.kind];
  const job = db.prisma
    .$transaction(
      async (tx) => {
        const written = await run(tx, actor, rows, {
          batchId,
          fileName: batch.fileName,
          onProgress: (n) => {
            progress.phase = 'writing';
            progress.done = n;
          },
        });
        await tx.importBatch.update({ where: { id: batchId }, data: { status: 'DONE', doneRows: written, finishedAt: new Date(), rows: Prisma.DbNull } });
      },
      { timeout: IMPORT_TIMEOUT_MS, maxWait: 60_000 },
    )
    .then(() => {
      progress.phase = 'finished';
    })
    .catch(async (err: unknown) => {
      progress.phase = 'failed';
      const refused = err instanceof ImportRefusedError;
      if (!refused) console.error(err);
      const info = refused ? { ...previewInfo(batch), summary: err.summary, problems: err.problems } : previewInfo(batch);
      await db.prisma.importBatch
        .update({
          where: { id: batchId },
          data: {
            status: 'FAILED',
            finishedAt: new Date(),
            rows: Prisma.DbNull,
            errors: info as unknown as Prisma.InputJsonValue,
            message: refused ? err.publicMessage : 'Import przerwał nieoczekiwany błąd. Nic nie zapisano. Spróbuj ponownie, a jeśli błąd się powtórzy, zgłoś go z godziną zdarzenia.',
          },
        })
        .catch((e: unknown) => console.error(e));
    })
    .finally(() => untrackImport(batchId));
  return { job };
}

/**
 * A RUNNING batch whose job is gone (the server stopped mid-import) was rolled back: say so. On the
 * embedded database only this process can run imports, so "not tracked here" means gone; on PostgreSQL
 * another instance may run it, so only a batch older than the transaction timeout counts as gone.
 */
export async function settleAbandoned(db: Database, batch: { id: number; status: string; startedAt: Date | null }, now = new Date()): Promise<boolean> {
  if (batch.status !== 'RUNNING' || importProgress(batch.id)) return false;
  const dead = db.kind === 'pglite' || !batch.startedAt || now.getTime() - batch.startedAt.getTime() > IMPORT_TIMEOUT_MS + 60_000;
  if (!dead) return false;
  const { count } = await db.prisma.importBatch.updateMany({
    where: { id: batch.id, status: 'RUNNING' },
    data: { status: 'FAILED', finishedAt: now, rows: Prisma.DbNull, message: 'Import został przerwany (np. przez ponowne uruchomienie serwera). Nic nie zapisano. Prześlij plik ponownie.' },
  });
  return count > 0;
}
