// The import step of tests/helpers/crash-child.ts: reads a sheet and runs the participants import on it
// inside the transaction the child opened (the import stops at faultPoint('import.participants')).
import fs from 'node:fs';
import path from 'node:path';
import type { DbClient } from '../../src/db/client.ts';
import type { Actor } from '../../src/features/audit/audit.service.ts';
import { readParticipantsSheet } from '../../src/features/import/import-batches.service.ts';
import { importParticipants } from '../../src/features/import/import-run.service.ts';

export async function runImportFile(tx: DbClient, actor: Actor, filePath: string): Promise<number> {
  const fileName = path.basename(filePath);
  const { rows } = await readParticipantsSheet(fs.readFileSync(filePath), fileName);
  return importParticipants(tx, actor, rows, { fileName });
}
