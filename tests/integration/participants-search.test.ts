// The register's search (indexed SQL): surname or its second part, first name, PESEL prefix, any case,
// Polish letters, and LIKE wildcards typed by the user taken literally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listParticipants } from '../../src/features/participants/participants.service.ts';
import { createTestContext, type TestContext } from '../helpers/app.ts';
import { makeParticipant } from '../helpers/factories.ts';

let ctx: TestContext;
const base = { status: 'ALL' as const, page: 1, worker: undefined, edition: undefined };
const names = async (q: string) => (await listParticipants(ctx.db.prisma, { ...base, q } as never)).rows.map((r) => `${r.firstName} ${r.lastName}`).sort();

beforeAll(async () => {
  ctx = await createTestContext();
  await makeParticipant(ctx.db.prisma, { firstName: 'Łucja', lastName: 'Żak-Ćwiklińska' });
  await makeParticipant(ctx.db.prisma, { firstName: 'Ćwirek', lastName: 'Nowak' });
  await makeParticipant(ctx.db.prisma, { firstName: 'Anna', lastName: 'Nowakowska' });
  await makeParticipant(ctx.db.prisma, { firstName: 'Jan', lastName: 'Kowal_ski%' });
});
afterAll(() => ctx.close());

describe('participant search', () => {
  it('finds by either part of a double surname and by first name, ignoring case', async () => {
    expect(await names('żak')).toEqual(['Łucja Żak-Ćwiklińska']);
    expect(await names('ĆWIKL')).toEqual(['Łucja Żak-Ćwiklińska']);
    expect(await names('ćwi')).toEqual(['Łucja Żak-Ćwiklińska', 'Ćwirek Nowak'].sort());
    expect(await names('nowak')).toEqual(['Anna Nowakowska', 'Ćwirek Nowak'].sort());
    expect(await names('nowak ann')).toEqual(['Anna Nowakowska']);
  });

  it('takes % and _ literally', async () => {
    expect(await names('%')).toEqual([]);
    expect(await names('kowal_')).toEqual(['Jan Kowal_ski%']);
    expect(await names('kowalX')).toEqual([]);
  });

  it('finds by PESEL prefix', async () => {
    const p = await ctx.db.prisma.participant.findFirstOrThrow({ where: { lastName: 'Nowak' } });
    const rows = (await listParticipants(ctx.db.prisma, { ...base, q: p.pesel!.slice(0, 8) } as never)).rows;
    expect(rows.map((r) => r.id)).toContain(p.id);
    expect(rows.every((r) => r.pesel!.startsWith(p.pesel!.slice(0, 8)))).toBe(true);
  });
});

describe('participant search pages', () => {
  it('pages through many matches in surname order, with the count, and a stale page number shows the last page', async () => {
    for (let i = 0; i < 30; i++) await makeParticipant(ctx.db.prisma, { firstName: `Osoba${String(i).padStart(2, '0')}`, lastName: `Stronicka` });
    const list = (page: number, q?: string) => listParticipants(ctx.db.prisma, { ...base, q, page } as never);
    const first = await list(1, 'stronick');
    expect(first.total).toBe(30);
    expect(first.pages).toBe(2);
    expect(first.rows.map((r) => r.firstName)).toEqual(Array.from({ length: 25 }, (_v, i) => `Osoba${String(i).padStart(2, '0')}`));
    const second = await list(2, 'stronick');
    expect(second.rows.map((r) => r.firstName)).toEqual(['Osoba25', 'Osoba26', 'Osoba27', 'Osoba28', 'Osoba29']);
    const stale = await list(9, 'stronick');
    expect([stale.page, stale.total, stale.rows.length]).toEqual([2, 30, 5]);
    const everyone = await list(99);
    expect(everyone.total).toBe(34);
    expect(everyone.page).toBe(2);
    expect(everyone.rows.length).toBe(9);
    expect(await list(1, 'nikttakisiniezwie')).toMatchObject({ total: 0, rows: [], page: 1 });
  });
});

describe('register order', () => {
  it('lists surnames in Polish alphabetical order, with and without a search', async () => {
    const worker = await ctx.db.prisma.user.create({ data: { login: `kolejnosc-${process.pid}`, fullName: 'Porządek Testowy', roles: ['SOCIAL_WORKER'], passwordHash: 'x' } });
    const surnames = ['Żak', 'Zieliński', 'Świątek', 'Sowa', 'Dudek', 'Dąbrowski', 'Łoś', 'Lis', 'Ćwik', 'Cebula', 'Ostrowska', 'Ósemka', 'Adamska', 'Ąsik', 'Źrebiec'];
    for (const lastName of surnames) await makeParticipant(ctx.db.prisma, { socialWorkerId: worker.id, lastName, firstName: 'Kolejna' });
    const polish = ['Adamska', 'Ąsik', 'Cebula', 'Ćwik', 'Dąbrowski', 'Dudek', 'Lis', 'Łoś', 'Ostrowska', 'Ósemka', 'Sowa', 'Świątek', 'Zieliński', 'Źrebiec', 'Żak'];
    const listed = async (q?: string) => (await listParticipants(ctx.db.prisma, { ...base, worker: worker.id, q } as never)).rows.map((r) => r.lastName);
    expect(await listed()).toEqual(polish);
    expect(await listed('kolejna')).toEqual(polish);
  });
});
