// Builds the Prisma client over the embedded PGlite database (no DATABASE_URL) or a PostgreSQL server.
// Everything else receives a `Database` and never knows which one it got.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';

export type Db = PrismaClient;
/** A client usable both as the root client and inside `$transaction(async (tx) => …)`. */
export type DbClient = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/** The few raw operations the migration runner and the session store need. */
export interface RawSql {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs one script (several statements) on one connection. */
  exec(sql: string): Promise<void>;
  /** Runs `fn` on a single connection (advisory locks and transactions need one). */
  withConnection<T>(fn: (conn: RawSql) => Promise<T>): Promise<T>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  /** The embedded engine itself (backups dump its data directory); undefined on PostgreSQL. */
  lite?: PGlite;
  /** The connection string (PostgreSQL only; pg_dump and pg_restore need it). */
  url?: string;
  prisma: PrismaClient;
  raw: RawSql;
  /** A `pg.Pool`-like object for connect-pg-simple. */
  sessionPool: { query: (sql: string, params?: unknown[]) => Promise<unknown> };
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url?: string;
  /** Directory for PGlite data; 'memory://' for an in-memory database. */
  dataDir?: string;
  /** An already open PGlite instance (tests clone a migrated template). */
  pglite?: PGlite;
  poolSize?: number;
  /** Called with each query and its duration (profiling: tests/bench/profile.ts). */
  onQuery?: (e: { query: string; params: string; duration: number }) => void;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts.poolSize ?? 10, opts.onQuery) : openPglite(opts);
}

async function openPglite(opts: DatabaseOptions): Promise<Database> {
  let lite = opts.pglite;
  if (!lite) {
    const dir = opts.dataDir ?? 'memory://';
    if (!dir.startsWith('memory://')) fs.mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
    lite = await PGlite.create(dir);
  }
  const pglite = lite;
  const raw: RawSql = {
    query: async <T>(sql: string, params?: unknown[]) => {
      const r = await pglite.query<T>(sql, params as unknown[]);
      return { rows: r.rows };
    },
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    // PGlite has exactly one connection: every call already runs on it.
    withConnection: (fn) => fn(raw),
  };
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: 'pglite',
    lite: pglite,
    prisma,
    raw,
    sessionPool: {
      query: (sql, params) =>
        params?.length ? pglite.query(sql, params) : pglite.exec(sql).then((r) => r.at(-1)),
    },
    close: async () => {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function openPostgres(url: string, poolSize: number, onQuery?: DatabaseOptions['onQuery']): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its server (restart, network) must not crash the process.
  pool.on('error', () => undefined);
  const raw: RawSql = {
    query: async <T>(sql: string, params?: unknown[]) => {
      const r = await pool.query(sql, params);
      return { rows: r.rows as T[] };
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    withConnection: async (fn) => {
      const client = await pool.connect();
      try {
        const conn: RawSql = {
          query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params)).rows as T[] }),
          exec: async (sql) => {
            await client.query(sql);
          },
          withConnection: (f) => f(conn),
        };
        return await fn(conn);
      } finally {
        client.release();
      }
    },
  };
  const prisma = onQuery
    ? new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: 'event', level: 'query' }] })
    : new PrismaClient({ adapter: new PrismaPg(pool) });
  if (onQuery) (prisma as unknown as { $on: (e: 'query', cb: (q: { query: string; params: string; duration: number }) => void) => void }).$on('query', onQuery);
  return {
    kind: 'postgres',
    url,
    prisma,
    raw,
    sessionPool: pool,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
