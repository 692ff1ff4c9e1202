import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS_DIR, readMigrations } from '../../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.destroy());

describe('migration runner', () => {
  it('records every migration in Prisma\'s table with the sha256 of its file', async () => {
    const rows = (await db.raw.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
    )).rows;
    const files = fs.readdirSync(MIGRATIONS_DIR).filter((n) => fs.existsSync(path.join(MIGRATIONS_DIR, n, 'migration.sql'))).sort();
    expect(rows.map((r) => r.migration_name)).toEqual(files);
    for (const r of rows) {
      const sum = crypto.createHash('sha256').update(fs.readFileSync(path.join(MIGRATIONS_DIR, r.migration_name, 'migration.sql'))).digest('hex');
      expect(r.checksum).toBe(sum);
      expect(r.finished_at).not.toBeNull();
    }
  });

  it('applies nothing twice', async () => {
    expect(await migrate(db.raw)).toEqual([]);
  });

  it('refuses a migration whose file changed after it was applied', async () => {
    const [first, ...rest] = readMigrations();
    await expect(migrate(db.raw, [{ ...first!, checksum: 'f'.repeat(64) }, ...rest])).rejects.toThrow(/changed after it was applied/);
  });

  it('rolls back a failing migration entirely', async () => {
    const bad = { name: '99999999999999_bad', sql: 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;', checksum: 'x' };
    await expect(migrate(db.raw, [...readMigrations(), bad])).rejects.toThrow(/99999999999999_bad failed/);
    const t = await db.raw.query<{ n: number }>("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'half_done'");
    expect(t.rows[0]!.n).toBe(0);
    const m = await db.raw.query<{ n: number }>("SELECT count(*)::int AS n FROM \"_prisma_migrations\" WHERE migration_name = '99999999999999_bad'");
    expect(m.rows[0]!.n).toBe(0);
  });
});

describe('a new embedded database opened by the app', () => {
  it('answers enum-array filters right after its first migration (same process)', async () => {
    const os = await import('node:os');
    const { openConfiguredDatabase } = await import('../../src/db/open.ts');
    const { loadConfig } = await import('../../src/config.ts');
    const { listUsersWithRole } = await import('../../src/features/users/users.service.ts');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reintegra-fresh-'));
    const fresh = await openConfiguredDatabase(loadConfig({ DATA_DIR: dir, NODE_ENV: 'test' }));
    try {
      await fresh.prisma.user.create({ data: { login: 'sw', fullName: 'Anna Świątek', roles: ['SOCIAL_WORKER'], passwordHash: 'x' } });
      expect((await listUsersWithRole(fresh.prisma, 'SOCIAL_WORKER')).map((u) => u.fullName)).toEqual(['Anna Świątek']);
    } finally {
      await fresh.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
