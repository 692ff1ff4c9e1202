// Opens the database the configuration names and brings its schema up to date.
import path from 'node:path';
import type { Config } from '../config.ts';
import { openDatabase, type Database } from './client.ts';
import { lockDataDir } from './lock.ts';
import { migrate } from './migrate.ts';

export function pgliteDir(config: Pick<Config, 'DATA_DIR'>): string {
  return path.resolve(config.DATA_DIR, 'pglite');
}

export async function openConfiguredDatabase(config: Config, opts: { migrate?: boolean } = {}): Promise<Database> {
  let db: Database;
  if (config.DATABASE_URL) {
    db = await openDatabase({ url: config.DATABASE_URL });
  } else {
    const release = lockDataDir(path.resolve(config.DATA_DIR));
    try {
      const opened = await openDatabase({ dataDir: pgliteDir(config) });
      db = { ...opened, close: () => opened.close().finally(release) };
    } catch (err) {
      release();
      throw err;
    }
  }
  if (opts.migrate !== false) {
    try {
      await migrate(db.raw);
    } catch (err) {
      await db.close();
      throw err;
    }
  }
  return db;
}
