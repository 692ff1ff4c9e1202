// Progress of the imports running in this process. A running import writes inside one uncommitted
// transaction, so nobody outside it can see its rows or counters in the database; the job reports here
// instead, and the progress page reads it. On PostgreSQL the page is answered while the import runs;
// the embedded database has one connection, so there the page waits and then shows the result.

export interface ImportProgress {
  batchId: number;
  total: number;
  done: number;
  /** checking: rows are checked again inside the transaction; writing: participants are being written. */
  phase: 'checking' | 'writing' | 'finished' | 'failed';
  startedAt: Date;
}

const running = new Map<number, ImportProgress>();

export function trackImport(batchId: number, total: number): ImportProgress {
  const p: ImportProgress = { batchId, total, done: 0, phase: 'checking', startedAt: new Date() };
  running.set(batchId, p);
  return p;
}

export function importProgress(batchId: number): ImportProgress | undefined {
  return running.get(batchId);
}

/** Called when the job ends either way: the database holds the outcome from then on. */
export function untrackImport(batchId: number): void {
  running.delete(batchId);
}
