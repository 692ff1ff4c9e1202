// A form sent twice (double click, back button, retry) is applied once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor, createTestContext, csrfFrom, html, type Agent, type TestContext } from '../helpers/app.ts';

let ctx: TestContext;
let admin: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await agentFor(ctx, ['ADMIN'])).agent;
});
afterAll(() => ctx.close());

async function formKeys(agent: Agent, path: string) {
  const $ = html((await agent.get(path)).text);
  const form = $('main form').first();
  return { _csrf: String(form.find('input[name=_csrf]').val()), _once: String(form.find('input[name=_once]').val()) };
}

const newUser = (login: string) => ({ login, fullName: 'Podwójny Klik', roles: 'DIRECTOR', password: 'abcdefghijkl', password2: 'abcdefghijkl' });

describe('double submit', () => {
  it('every form carries a fresh one-time key', async () => {
    const a = await formKeys(admin, '/admin/uzytkownicy/nowy');
    const b = await formKeys(admin, '/admin/uzytkownicy/nowy');
    expect(a._once).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(a._once).not.toBe(b._once);
  });

  it('two forms on one page get different keys', async () => {
    const $ = html((await admin.get('/admin/uzytkownicy/1')).text);
    const keys = $('input[name=_once]').map((_i, el) => $(el).val()).get();
    expect(keys.length).toBeGreaterThan(2);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('a second POST of the same form is not applied and goes where the first went', async () => {
    const keys = await formKeys(admin, '/admin/uzytkownicy/nowy');
    const first = await admin.post('/admin/uzytkownicy').type('form').send({ ...newUser('dwa.razy'), ...keys });
    const second = await admin.post('/admin/uzytkownicy').type('form').send({ ...newUser('dwa.razy'), ...keys });
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await ctx.db.prisma.user.count({ where: { login: 'dwa.razy' } })).toBe(1);
    const page = html((await admin.get(second.headers.location!)).text);
    expect(page('.notice').text()).toContain('Ten formularz został już wysłany');
  });

  it('two simultaneous POSTs of the same form create one record', async () => {
    const keys = await formKeys(admin, '/admin/uzytkownicy/nowy');
    const [a, b] = await Promise.all([
      admin.post('/admin/uzytkownicy').type('form').send({ ...newUser('naraz'), ...keys }),
      admin.post('/admin/uzytkownicy').type('form').send({ ...newUser('naraz'), ...keys }),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(await ctx.db.prisma.user.count({ where: { login: 'naraz' } })).toBe(1);
  });

  it('a refused submission releases its key, so the corrected form can be sent', async () => {
    const keys = await formKeys(admin, '/admin/uzytkownicy/nowy');
    const bad = await admin.post('/admin/uzytkownicy').type('form').send({ ...newUser('poprawka'), password2: 'inne-haslo-xx', ...keys });
    expect(bad.status).toBe(400);
    await new Promise((r) => setTimeout(r, 50)); // the key is released after the response is sent
    const good = await admin.post('/admin/uzytkownicy').type('form').send({ ...newUser('poprawka'), ...keys });
    expect(good.status).toBe(303);
    expect(await ctx.db.prisma.user.count({ where: { login: 'poprawka' } })).toBe(1);
  });

  it('does not get in the way of forms without a key', async () => {
    const _csrf = await csrfFrom(admin, '/');
    const res = await admin.post('/admin/uzytkownicy').type('form').send({ ...newUser('bez.klucza'), _csrf });
    expect(res.status).toBe(303);
  });
});
