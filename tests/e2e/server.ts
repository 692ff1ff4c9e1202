// Starts the real app (tsx src/server.ts) with demo data on a fresh database for the browser tests:
// embedded PGlite in a temporary directory, or a new database on TEST_DATABASE_URL's server.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function admin(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export default async function setup({ provide }: { provide: (key: string, value: unknown) => void }) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reintegra-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO: 'true', NODE_ENV: 'development', LOGIN_RATE_LIMIT: '1000' };
  delete env.DATABASE_URL;
  let dbName: string | undefined;
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    dbName = `reintegra_e2e_${crypto.randomBytes(4).toString('hex')}`;
    await admin(serverUrl, `CREATE DATABASE ${dbName}`);
    const u = new URL(serverUrl);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  }
  const started = Date.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`App exited early:\n${output}`);
    try {
      const res = await fetch(`${base}/login`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() - started > 120_000) throw new Error(`App did not start in 120 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  console.log(`[e2e] app on ${base} (${serverUrl ? 'PostgreSQL' : 'PGlite'}), first page after ${Date.now() - started} ms`);
  provide('baseUrl', base);
  provide('database', serverUrl ? 'postgres' : 'pglite');
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (serverUrl && dbName) await admin(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    database: 'postgres' | 'pglite';
  }
}
