// Backup and restore for both databases:
// - PostgreSQL: pg_dump in its custom format, restored with pg_restore --clean into the configured database;
// - embedded PGlite: a dump of its whole data directory (tar.gz), restored into an empty directory.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database } from './client.ts';

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => reject(new Error(`${cmd}: ${e.message} (is it installed?)`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} failed (${code}): ${err.trim()}`))));
  });
}

export async function backupDatabase(db: Database, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (db.kind === 'postgres') {
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${db.url}`]);
    return;
  }
  const dump = await db.lite!.dumpDataDir('gzip');
  const tmp = `${file}.part`;
  fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(tmp, file); // a half-written backup never carries the final name
}

/** Restores a pg_dump file into the PostgreSQL database `url`, replacing what is there. */
export async function restorePostgres(url: string, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`Nie ma pliku ${file}`);
  await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', `--dbname=${url}`, file]);
}

/** Restores a PGlite data-directory dump into `dir`, which must not hold a database yet. */
export async function restorePglite(dir: string, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`Nie ma pliku ${file}`);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    throw new Error(`Katalog ${dir} nie jest pusty. Przenieś obecną bazę w inne miejsce i spróbuj ponownie.`);
  }
  const blob = new Blob([fs.readFileSync(file)]);
  const lite = await PGlite.create(dir, { loadDataDir: blob });
  await lite.query('SELECT 1');
  await lite.close();
}
