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
    let applied: string[];
    try {
      applied = await migrate(db.raw);
    } catch (err) {
      await db.close();
      throw err;
    }
    // The PGlite adapter reads the database's types (enum arrays such as users.roles) when the client is
    // made; after migrations created new types, a client made before them fails on `has` filters
    // ("malformed array literal"). Start again with a client that sees the migrated schema.
    if (applied.length && db.kind === 'pglite') {
      await db.close();
      return openConfiguredDatabase(config, { migrate: false });
    }
  }
  return db;
}
