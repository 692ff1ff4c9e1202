// Kill in the middle: a child process starts an attendance save, a month's settlement or an import of
// participants from a sheet, stops inside its
// transaction after some rows are written, and is killed with SIGKILL. The data must be as before: no
// half-written save. On PostgreSQL the server rolls back the dead connection's transaction; on the embedded
// database (on disk) the reopened PGlite recovers from its write-ahead log without the uncommitted work.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { seedDemo } from '../../src/db/seed-demo.ts';
import { endOfMonth, isoDate, utcDate, warsawDate } from '../../src/lib/dates.ts';
import { makePesel } from '../../src/lib/pesel.ts';
import { adminQuery, serverUrl, withDatabase } from '../helpers/db.ts';
import { TEST_HASH_COST } from '../helpers/app.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reintegra-crash-'));
let target: { url?: string; dataDir?: string };
let dbName: string | undefined;

async function open(): Promise<Database> {
  return openDatabase(target);
}

/** Starts the child, waits until it reports the fault point, kills it with SIGKILL. */
async function killAtFaultPoint(point: string, job: Record<string, unknown>): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/crash-child.ts', JSON.stringify({ db: target, ...job })], {
    env: { ...process.env, REINTEGRA_FAULT_POINT: point },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No fault point within 120 s:\n${out}`)), 120_000);
    const check = () => {
      if (out.includes(`FAULT-POINT-REACHED ${point}`)) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve();
      }
    };
    child.stdout.on('data', check);
    child.on('exit', () => {
      clearTimeout(timer);
      if (!out.includes('FAULT-POINT-REACHED')) reject(new Error(`Child ended before the fault point:\n${out}`));
    });
  });
  await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
  expect(child.signalCode).toBe('SIGKILL');
}

beforeAll(async () => {
  if (serverUrl) {
    dbName = `reintegra_crash_${crypto.randomBytes(4).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${dbName}`);
    target = { url: withDatabase(serverUrl, dbName) };
  } else {
    target = { dataDir: path.join(tmp, 'pglite') };
  }
  const db = await open();
  await migrate(db.raw);
  await seedDemo(db.prisma, { hashCost: TEST_HASH_COST });
  await db.close();
}, 180_000);

afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  if (dbName) await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
});

describe(`a process killed mid-transaction (${serverUrl ? 'PostgreSQL' : 'PGlite on disk'})`, () => {
  it('leaves an attendance save unwritten', async () => {
    let db = await open();
    const coordinator = await db.prisma.user.findUniqueOrThrow({ where: { login: 'koordynator' } });
    const session = await db.prisma.classSession.findFirstOrThrow({
      where: { status: 'HELD', edition: { status: 'RUNNING' } },
      orderBy: { date: 'desc' },
      include: { attendance: true },
    });
    const before = session.attendance.map((a) => [a.participantId, a.status]).sort();
    await db.close();
    // Flip every mark: the child writes them all, then dies before the session row and the commit.
    const flipped = session.attendance.map((a) => [a.participantId, a.status === 'PRESENT' ? 'ABSENT' : 'PRESENT']);
    await killAtFaultPoint('attendance.save', {
      kind: 'attendance', actor: { id: coordinator.id, login: coordinator.login }, sessionId: session.id,
      marks: flipped, was: session.attendance.map((a) => [a.participantId, a.status]), today: isoDate(warsawDate()),
    });
    db = await open();
    const after = await db.prisma.classSession.findUniqueOrThrow({ where: { id: session.id }, include: { attendance: true } });
    expect(after.attendance.map((a) => [a.participantId, a.status]).sort()).toEqual(before);
    expect(after.version).toBe(session.version);
    expect(await db.prisma.auditLog.count({ where: { action: 'attendance.mark', entityId: String(session.id) } })).toBe(0);
    await db.close();
  }, 180_000);

  it('leaves a month settlement unwritten', async () => {
    let db = await open();
    const user = await db.prisma.user.findUniqueOrThrow({ where: { login: 'pracownik' } });
    const agreement = await db.prisma.psuAgreement.findFirstOrThrow();
    const today = warsawDate();
    const month = { year: today.getUTCFullYear(), month: today.getUTCMonth() + 1 };
    const rowsBefore = await db.prisma.psuSettlementRow.count();
    await db.close();
    await killAtFaultPoint('psu.month.close', {
      kind: 'settlement', actor: { id: user.id, login: user.login }, agreementId: agreement.id, ...month, today: isoDate(endOfMonth(today)),
    });
    db = await open();
    expect(await db.prisma.psuSettlementRow.count()).toBe(rowsBefore);
    const m = await db.prisma.psuMonth.findUnique({ where: { agreementId_year_month: { agreementId: agreement.id, ...month } } });
    expect(m?.status ?? 'OPEN').toBe('OPEN');
    expect(await db.prisma.auditLog.count({ where: { action: 'psu.month.close', userId: user.id } })).toBe(0);
    await db.close();
  }, 180_000);

  it('leaves an import of participants unwritten', async () => {
    let db = await open();
    const admin = await db.prisma.user.findUniqueOrThrow({ where: { login: 'admin' } });
    const before = await db.prisma.participant.count();
    await db.close();
    // 600 people born 1901–1920 (nobody in the demo data): the child writes the first 250, then dies.
    const pesels = Array.from({ length: 600 }, (_v, i) => makePesel(utcDate(1901 + (i % 20), 1 + (Math.floor(i / 20) % 12), 1 + Math.floor(i / 240)), 'FEMALE', 990 + (i % 10)));
    expect(new Set(pesels).size).toBe(600);
    const file = path.join(tmp, 'osoby.csv');
    const lines = ['Nazwisko;Imię;PESEL;Miejscowość;Pracownik socjalny', ...pesels.map((p, i) => `Przerwana-${i};Żaneta;${p};Łódź;pracownik`)];
    fs.writeFileSync(file, `\ufeff${lines.join('\r\n')}\r\n`);
    await killAtFaultPoint('import.participants', { kind: 'import', actor: { id: admin.id, login: admin.login }, importFile: file });
    db = await open();
    expect(await db.prisma.participant.count()).toBe(before);
    expect(await db.prisma.participant.count({ where: { pesel: { in: pesels } } })).toBe(0);
    expect(await db.prisma.participant.count({ where: { lastName: { startsWith: 'Przerwana-' } } })).toBe(0);
    expect(await db.prisma.auditLog.count({ where: { action: { in: ['participant.create', 'import.participants'] }, userId: admin.id } })).toBe(0);
    await db.close();
  }, 180_000);
});
