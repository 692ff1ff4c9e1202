// Opens the database the configuration names and brings its schema up to date.
import path from 'node:path';
import type { Config } from '../config.ts';
import { openDatabase, type Database } from './client.ts';
import { migrate } from './migrate.ts';

export function pgliteDir(config: Pick<Config, 'DATA_DIR'>): string {
  return path.resolve(config.DATA_DIR, 'pglite');
}

export async function openConfiguredDatabase(config: Config, opts: { migrate?: boolean } = {}): Promise<Database> {
  const db = await openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: pgliteDir(config) });
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
