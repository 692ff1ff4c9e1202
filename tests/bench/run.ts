// npm run bench [-- --scales 1,10,50 --levels 1,8,32 --duration 3000 --no-embedded]
//   --use-db NAME  measure one scale on an already seeded database (kept afterwards), for profiling work
// Seeds a large centre on the PostgreSQL server at each scale, starts the real app, logs in, drives the key
// pages at several concurrency levels and, in the same run, a bare Express + EJS baseline page. Prints a
// table (requests/s, p50, p95, p99, peak memory, share of the baseline) and writes bench-results/*.json.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { runLoad, type LoadResult } from './load.ts';
import { benchPages, type PageContext } from './pages.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const SCALES = arg('scales', '1,10,50').split(',').map(Number);
const LEVELS = arg('levels', '1,8,32').split(',').map(Number);
const DURATION = Number(arg('duration', '3000'));
const EMBEDDED = !args.includes('--no-embedded');
const USE_DB = args.includes('--use-db') ? arg('use-db', '') : undefined;
if (USE_DB !== undefined && (!/^\w+$/.test(USE_DB) || SCALES.length !== 1)) throw new Error('--use-db takes a database name and exactly one --scales value');
const PG_ADMIN = process.env.PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const ROOT = path.resolve(import.meta.dirname, '../..');

interface Row extends LoadResult {
  scale: number | 'baseline';
  db: 'postgres' | 'pglite' | '-';
  page: string;
  list: boolean;
  connections: number;
  peakRssMb: number;
}

const rows: Row[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
    s.on('error', reject);
  });
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function run(cmd: string, cmdArgs: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, cmdArgs, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${cmdArgs.join(' ')} failed:\n${out}`))));
  });
}

async function startServer(script: string[], env: NodeJS.ProcessEnv, port: number): Promise<{ child: ChildProcess; startedMs: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, script, { cwd: ROOT, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Server exited:\n${out}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/${script.includes('tests/bench/baseline-server.ts') ? '' : 'login'}`);
      if (res.ok) break;
    } catch {
      /* not yet */
    }
    if (performance.now() - t0 > 180_000) throw new Error(`Server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, startedMs: performance.now() - t0 };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/** Logs in through the real form; returns the session cookie. */
export async function login(base: string, loginName: string): Promise<string> {
  const page = await fetch(`${base}/login`);
  const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login: loginName, password: 'reintegra-demo', _csrf: token }).toString(),
  });
  if (res.status !== 303) throw new Error(`Login ${loginName} failed: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function measurePages(base: string, pid: number, ctx: PageContext, scale: number | 'baseline', db: Row['db'], levels: number[]) {
  const pages = await benchPages(ctx);
  // Steady state, as after the app has run a while: each page once before anything is measured (templates
  // compiled, start-up work such as the reports computed in the background finished, the kept PDFs laid out).
  for (const page of pages) await runLoad(base, page.request, 1, 120_000, 1);
  for (const page of pages) {
    for (const c of page.levels ? levels.filter((l) => page.levels!.includes(l)) : levels) {
      let peak = rssMb(pid);
      const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
      const result = await runLoad(base, page.request, c, DURATION);
      clearInterval(timer);
      peak = Math.max(peak, rssMb(pid));
      rows.push({ scale, db, page: page.name, list: page.list ?? false, connections: c, peakRssMb: peak, ...result });
      const flag = result.errors ? `  ${result.errors} błędów: ${result.firstError}` : '';
      console.log(`  N=${scale} ${db} ${page.name.padEnd(34)} c=${String(c).padStart(2)}  ${result.rps.toFixed(0).padStart(6)} req/s  p95 ${result.p95.toFixed(1).padStart(7)} ms${flag}`);
    }
  }
}

async function main() {
  const cpus = os.cpus();
  const machine = `${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
  console.log(`Reintegra benchmark – ${machine}`);
  const started = Date.now();

  // Baseline: same machine, same run.
  const basePort = await freePort();
  const baseline = await startServer(['--import', 'tsx', 'tests/bench/baseline-server.ts'], { ...process.env, PORT: String(basePort) }, basePort);
  console.log('Baseline: bare Express + EJS, 50-row table, no database');
  for (const c of LEVELS) {
    let peak = rssMb(baseline.child.pid!);
    const timer = setInterval(() => (peak = Math.max(peak, rssMb(baseline.child.pid!))), 100);
    const r = await runLoad(`http://127.0.0.1:${basePort}`, { method: 'GET', path: '/' }, c, DURATION);
    clearInterval(timer);
    rows.push({ scale: 'baseline', db: '-', page: 'baseline (Express + EJS)', list: true, connections: c, peakRssMb: peak, ...r });
    console.log(`  baseline c=${String(c).padStart(2)}  ${r.rps.toFixed(0).padStart(6)} req/s  p95 ${r.p95.toFixed(1).padStart(7)} ms`);
  }
  await stop(baseline.child);

  const seeding: Record<string, number> = {};
  for (const scale of SCALES) {
    const name = USE_DB ?? `reintegra_bench_${scale}_${crypto.randomBytes(3).toString('hex')}`;
    if (!USE_DB) {
      const admin = new pg.Client({ connectionString: PG_ADMIN });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
    }
    const url = new URL(PG_ADMIN);
    url.pathname = `/${name}`;
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url.toString(), NODE_ENV: 'production', SESSION_SECRET: crypto.randomBytes(32).toString('hex'), LOGIN_RATE_LIMIT: '1000000', HOST: '127.0.0.1', LOG_LEVEL: 'error', REPORT_WARMUP_SECONDS: '0' };
    try {
      const t0 = Date.now();
      if (USE_DB) {
        console.log(`\nN=${scale}: using the seeded database ${name}`);
      } else {
        console.log(`\nN=${scale}: seeding ${name}…`);
        await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'seed', '--scale', String(scale)], env);
        seeding[`postgres N=${scale}`] = Date.now() - t0;
        console.log(`  seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }
      const port = await freePort();
      const app = await startServer(['--import', 'tsx', 'src/server.ts'], env, port);
      const base = `http://127.0.0.1:${port}`;
      try {
        const ctx: PageContext = { base, scale, login: (l) => login(base, l) };
        await measurePages(base, app.child.pid!, ctx, scale, 'postgres', LEVELS);
      } finally {
        await stop(app.child);
      }
    } finally {
      if (!USE_DB) {
        const a = new pg.Client({ connectionString: PG_ADMIN });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      }
    }
  }

  let embeddedStartMs: number | undefined;
  if (EMBEDDED) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reintegra-bench-'));
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DEMO: 'false', NODE_ENV: 'development', LOGIN_RATE_LIMIT: '1000000', HOST: '127.0.0.1', REPORT_WARMUP_SECONDS: '0' };
    delete env.DATABASE_URL;
    try {
      console.log('\nEmbedded PGlite, N=1: seeding…');
      const t0 = Date.now();
      await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'seed', '--scale', '1'], env);
      seeding['pglite N=1'] = Date.now() - t0;
      const port = await freePort();
      const app = await startServer(['--import', 'tsx', 'src/server.ts'], env, port);
      embeddedStartMs = app.startedMs;
      console.log(`  start-up to first page: ${embeddedStartMs.toFixed(0)} ms`);
      const base = `http://127.0.0.1:${port}`;
      try {
        const ctx: PageContext = { base, scale: 1, login: (l) => login(base, l) };
        await measurePages(base, app.child.pid!, ctx, 1, 'pglite', [8]);
      } finally {
        await stop(app.child);
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }

  printTable(embeddedStartMs);
  const outDir = path.join(ROOT, 'bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ machine, startedAt: new Date(started).toISOString(), durationMs: DURATION, levels: LEVELS, scales: SCALES, seedingMs: seeding, embeddedStartMs, rows }, null, 2));
  console.log(`\nWyniki: ${path.relative(ROOT, file)} (całość ${((Date.now() - started) / 60000).toFixed(1)} min)`);
}

function printTable(embeddedStartMs?: number) {
  const baseRps = new Map(rows.filter((r) => r.scale === 'baseline').map((r) => [r.connections, r.rps]));
  const head = ['N', 'db', 'page', 'c', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'peak MB', '× baseline', 'errors'];
  const lines = rows.map((r) => [
    String(r.scale), r.db, r.page, String(r.connections), r.rps.toFixed(0), r.p50.toFixed(1), r.p95.toFixed(1), r.p99.toFixed(1), r.peakRssMb.toFixed(0),
    r.scale === 'baseline' ? '1.00' : (r.rps / (baseRps.get(r.connections) ?? NaN)).toFixed(3), String(r.errors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  console.log(`\n${fmt(head)}\n|${widths.map((w, i) => (i >= 3 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
  for (const l of lines) console.log(fmt(l));
  if (embeddedStartMs !== undefined) console.log(`\nEmbedded start-up to first page: ${embeddedStartMs.toFixed(0)} ms`);
  const scales = [...new Set(rows.map((r) => r.scale).filter((s): s is number => typeof s === 'number'))].sort((a, b) => a - b);
  if (scales.length > 1) {
    const [lo, hi] = [scales[0]!, scales.at(-1)!];
    console.log(`\nGrowth of p95 at c=8 from N=${lo} to N=${hi} (PostgreSQL):`);
    for (const page of [...new Set(rows.filter((r) => r.db === 'postgres').map((r) => r.page))]) {
      const a = rows.find((r) => r.db === 'postgres' && r.scale === lo && r.page === page && r.connections === 8);
      const b = rows.find((r) => r.db === 'postgres' && r.scale === hi && r.page === page && r.connections === 8);
      if (a && b) console.log(`  ${page.padEnd(34)} ${a.p95.toFixed(1).padStart(7)} → ${b.p95.toFixed(1).padStart(7)} ms  (×${(b.p95 / a.p95).toFixed(2)})`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
