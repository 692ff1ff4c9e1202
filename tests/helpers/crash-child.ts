// Run by tests/integration/crash.test.ts in a child process: opens the database, starts one user action
// in a transaction and stops at its fault point (REINTEGRA_FAULT_POINT), where the parent kills it with
// SIGKILL. Usage: node --import tsx tests/helpers/crash-child.ts <json job>
import { openDatabase } from '../../src/db/client.ts';
import type { Mark } from '../../src/lib/attendance.ts';
import { saveAttendance } from '../../src/features/attendance/attendance.service.ts';
import { closeMonth } from '../../src/features/public-works/settlement.service.ts';
import { parseIsoDate } from '../../src/lib/dates.ts';

interface Job {
  db: { url?: string; dataDir?: string };
  actor: { id: number; login: string };
  kind: 'attendance' | 'settlement' | 'import';
  sessionId?: number;
  marks?: [number, Mark][];
  was?: [number, Mark | null][];
  agreementId?: number;
  year?: number;
  month?: number;
  today?: string;
  importFile?: string;
}

const job = JSON.parse(process.argv[2]!) as Job;
const db = await openDatabase(job.db);
const today = job.today ? parseIsoDate(job.today)! : undefined;
await db.prisma.$transaction(
  async (tx) => {
    if (job.kind === 'attendance') {
      await saveAttendance(tx, job.actor, job.sessionId!, { marks: new Map(job.marks), was: new Map(job.was), topic: null, topicWas: null }, today);
    } else if (job.kind === 'settlement') {
      await closeMonth(tx, job.actor, job.agreementId!, { year: job.year!, month: job.month! }, today);
    } else {
      const { runImportFile } = await import('./crash-import.ts');
      await runImportFile(tx, job.actor, job.importFile!);
    }
  },
  { timeout: 600_000, maxWait: 600_000 },
);
process.stdout.write('FINISHED WITHOUT FAULT\n');
await db.close();
