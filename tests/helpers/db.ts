// A fresh, migrated database for each test file: an in-memory PGlite by default, or a new database on
// the PostgreSQL server named by TEST_DATABASE_URL (CI runs the suite both ways).
import crypto from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';

export const serverUrl = process.env.TEST_DATABASE_URL;

let template: Promise<PGlite> | undefined;

async function pgliteTemplate(): Promise<PGlite> {
  template ??= (async () => {
    const lite = await PGlite.create('memory://');
    const db = await openDatabase({ pglite: lite });
    await migrate(db.raw);
    return lite;
  })();
  return template;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase extends Database {
  /** Drops the database (PostgreSQL) or closes it (PGlite). */
  destroy(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (serverUrl) {
    const tpl = process.env.TEST_TEMPLATE_DB;
    const name = `reintegra_t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}${tpl ? ` TEMPLATE ${tpl}` : ''}`);
    const db = await openDatabase({ url: withDatabase(serverUrl, name), poolSize: 5 });
    if (!tpl) await migrate(db.raw);
    return {
      ...db,
      destroy: async () => {
        await db.close().catch(() => undefined); // a test may have closed it already
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const lite = (await (await pgliteTemplate()).clone()) as PGlite;
  const db = await openDatabase({ pglite: lite });
  return { ...db, destroy: () => db.close().catch(() => undefined) };
}

export { withDatabase, adminQuery };
