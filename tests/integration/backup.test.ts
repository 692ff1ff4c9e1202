// Backup and restore round trips on both databases, through the same functions the CLI uses.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { backupDatabase, restorePglite, restorePostgres } from '../../src/db/backup.ts';
import { lockDataDir } from '../../src/db/lock.ts';
import { migrate } from '../../src/db/migrate.ts';
import { adminQuery, createTestDatabase, serverUrl, withDatabase } from '../helpers/db.ts';
import { makeParticipant } from '../helpers/factories.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reintegra-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('embedded database backup', () => {
  it('restores exactly what was backed up, into a new data directory', async () => {
    const dir = path.join(tmp, 'source');
    const db = await openDatabase({ dataDir: dir });
    await migrate(db.raw);
    const p = await makeParticipant(db.prisma, { lastName: 'Kopijewska-Źródło' });
    const file = path.join(tmp, 'kopia.tar.gz');
    await backupDatabase(db, file);
    await db.prisma.participant.update({ where: { id: p.id }, data: { lastName: 'Zmieniona po kopii' } });
    await db.close();

    const restoredDir = path.join(tmp, 'restored');
    await restorePglite(restoredDir, file);
    const restored = await openDatabase({ dataDir: restoredDir });
    expect((await restored.prisma.participant.findUniqueOrThrow({ where: { id: p.id } })).lastName).toBe('Kopijewska-Źródło');
    expect(await migrate(restored.raw)).toEqual([]);
    await restored.close();
  }, 120_000); // a data directory on disk migrated from scratch, dumped and restored: slow on a busy machine

  it('refuses to restore over an existing database', async () => {
    await expect(restorePglite(path.join(tmp, 'restored'), path.join(tmp, 'kopia.tar.gz'))).rejects.toThrow(/nie jest pusty/);
  });

  it('lets one process at a time use a data directory', () => {
    const dir = path.join(tmp, 'locked');
    const release = lockDataDir(dir);
    fs.writeFileSync(path.join(dir, 'reintegra.lock'), String(process.ppid)); // a live process that is not us
    expect(() => lockDataDir(dir)).toThrow(/używana przez inny proces/);
    fs.writeFileSync(path.join(dir, 'reintegra.lock'), '999999999'); // a dead process: the lock is stale
    const again = lockDataDir(dir);
    again();
    release();
  });
});

describe.runIf(serverUrl)('PostgreSQL backup (pg_dump / pg_restore)', () => {
  it('restores exactly what was backed up', async () => {
    const db = await createTestDatabase();
    try {
      const p = await makeParticipant(db.prisma, { lastName: 'Kopijewski-Pg' });
      const file = path.join(tmp, 'kopia.dump');
      await backupDatabase(db, file);
      await db.prisma.participant.update({ where: { id: p.id }, data: { lastName: 'Zmieniony' } });
      await makeParticipant(db.prisma, { lastName: 'Dodany po kopii' });
      // Restore into a new, empty database as a real recovery would.
      const name = `reintegra_restore_${crypto.randomBytes(4).toString('hex')}`;
      await adminQuery(`CREATE DATABASE ${name}`);
      try {
        const url = withDatabase(serverUrl!, name);
        await restorePostgres(url, file);
        const restored = await openDatabase({ url, poolSize: 1 });
        expect((await restored.prisma.participant.findUniqueOrThrow({ where: { id: p.id } })).lastName).toBe('Kopijewski-Pg');
        expect(await restored.prisma.participant.count({ where: { lastName: 'Dodany po kopii' } })).toBe(0);
        expect(await migrate(restored.raw)).toEqual([]);
        await restored.close();
      } finally {
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
    } finally {
      await db.destroy();
    }
  });
});
