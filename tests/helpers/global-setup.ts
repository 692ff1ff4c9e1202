// With TEST_DATABASE_URL set, migrate one template database for the run; each test file copies it.
import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';

export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return undefined;
  const name = `reintegra_tpl_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openDatabase({ url: u.toString(), poolSize: 1 });
  await migrate(db.raw);
  await db.close();
  process.env.TEST_TEMPLATE_DB = name;
  return async () => {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
}
