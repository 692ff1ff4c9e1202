import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { agentFor, createTestContext, csrfFrom, html, loginAgent, makeUser, postForm, TEST_PASSWORD, type TestContext } from '../helpers/app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('login', () => {
  it('shows a Polish login page with a CSRF token', async () => {
    const res = await request(ctx.app).get('/login');
    expect(res.status).toBe(200);
    const $ = html(res.text);
    expect($('h1').text()).toBe('Logowanie');
    expect($('html').attr('lang')).toBe('pl');
    expect($('input[name="_csrf"]').val()).toBeTruthy();
    expect($('label[for="f-login"]').text()).toContain('Login');
  });

  it('logs in, regenerates the session id and shows the dashboard', async () => {
    const user = await makeUser(ctx, ['COORDINATOR'], 'Ewa Wiśniewska');
    const agent = request.agent(ctx.app);
    const first = await agent.get('/login');
    const before = first.headers['set-cookie']?.[0]?.split(';')[0];
    const token = html(first.text)('input[name="_csrf"]').val();
    const res = await agent.post('/login').type('form').send({ login: user.login, password: TEST_PASSWORD, _csrf: token });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const after = res.headers['set-cookie']?.[0]?.split(';')[0];
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    const cookie = res.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const dash = await agent.get('/');
    expect(dash.status).toBe(200);
    expect(html(dash.text)('h2#co-title').text()).toBe('Klub Integracji Społecznej');
  });

  it('gives the same answer for a wrong password and an unknown login', async () => {
    const user = await makeUser(ctx, ['SOCIAL_WORKER']);
    const wrong = await postForm(request.agent(ctx.app), '/login', { login: user.login, password: 'zle-haslo-123456' }, '/login');
    const unknown = await postForm(request.agent(ctx.app), '/login', { login: 'nikt-taki', password: 'zle-haslo-123456' }, '/login');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const text = (t: string) => html(t)('#login-error').text();
    expect(text(wrong.text)).toBe('Nieprawidłowy login lub hasło.');
    expect(text(unknown.text)).toBe(text(wrong.text));
    // The typed login comes back, the password does not.
    expect(html(wrong.text)('#f-login').val()).toBe(user.login);
    expect(html(wrong.text)('#f-password').val()).toBe('');
  });

  it('refuses a deactivated account like an unknown one', async () => {
    const user = await makeUser(ctx, ['DIRECTOR']);
    await ctx.db.prisma.user.update({ where: { id: user.id }, data: { active: false } });
    const res = await postForm(request.agent(ctx.app), '/login', { login: user.login, password: TEST_PASSWORD }, '/login');
    expect(res.status).toBe(401);
  });

  it('asks for both fields in Polish, beside each field', async () => {
    const res = await postForm(request.agent(ctx.app), '/login', { login: '', password: '' }, '/login');
    expect(res.status).toBe(400);
    const $ = html(res.text);
    expect($('.error-summary a[href="#f-login"]').text()).toBe('Wpisz login.');
    expect($('#f-password-error').text()).toContain('Wpisz hasło.');
  });

  it('records successful and failed logins in the audit log', async () => {
    const user = await makeUser(ctx, ['ADMIN']);
    await postForm(request.agent(ctx.app), '/login', { login: user.login, password: 'nie-to-haslo-1' }, '/login');
    await loginAgent(ctx, user.login);
    const rows = await ctx.db.prisma.auditLog.findMany({ where: { OR: [{ userId: user.id }, { action: 'login.failure' }] } });
    expect(rows.some((r) => r.action === 'login.success' && r.userId === user.id)).toBe(true);
    expect(rows.some((r) => r.action === 'login.failure' && JSON.stringify(r.details).includes(user.login))).toBe(true);
  });

  it('sends an anonymous visitor to the login page and back where they were going', async () => {
    const user = await makeUser(ctx, ['ADMIN']);
    const agent = request.agent(ctx.app);
    const first = await agent.get('/admin/uzytkownicy');
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/login');
    const res = await postForm(agent, '/login', { login: user.login, password: TEST_PASSWORD }, '/login');
    expect(res.headers.location).toBe('/admin/uzytkownicy');
  });
});

describe('logout and session end', () => {
  it('logs out with a POST and the old cookie no longer works', async () => {
    const { agent } = await agentFor(ctx, ['SOCIAL_WORKER']);
    expect((await agent.get('/')).status).toBe(200);
    const res = await postForm(agent, '/logout', {});
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?wylogowano=1');
    const after = await agent.get('/');
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/login');
  });

  it('removes the session row on logout', async () => {
    const { agent, user } = await agentFor(ctx, ['DIRECTOR']);
    const count = async () =>
      (await ctx.db.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM "session" WHERE (sess -> 'passport' ->> 'user')::int = $1`, [user.id])).rows[0]!.n;
    expect(await count()).toBe(1);
    await postForm(agent, '/logout', {});
    expect(await count()).toBe(0);
  });

  it('ends the session after the idle timeout', async () => {
    const short = await createTestContext({ SESSION_IDLE_MINUTES: '1' });
    try {
      const { agent, user } = await agentFor(short, ['DIRECTOR']);
      expect((await agent.get('/')).status).toBe(200);
      // Move the stored expiry into the past, as if the user had been away for longer than the timeout.
      await short.db.raw.query(`UPDATE "session" SET expire = now() - interval '1 second' WHERE (sess -> 'passport' ->> 'user')::int = $1`, [user.id]);
      const res = await agent.get('/');
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/login');
    } finally {
      await short.close();
    }
  });

  it('sets the idle timeout as the cookie lifetime, renewed on each request', async () => {
    const { agent } = await agentFor(ctx, ['DIRECTOR']);
    const res = await agent.get('/');
    const cookie = res.headers['set-cookie']?.[0] ?? '';
    const expires = Date.parse(/Expires=([^;]+)/.exec(cookie)?.[1] ?? '');
    const minutes = (expires - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(28);
    expect(minutes).toBeLessThanOrEqual(30);
  });

  it('a deactivated user is out at the next request', async () => {
    const { agent, user } = await agentFor(ctx, ['COORDINATOR']);
    expect((await agent.get('/')).status).toBe(200);
    await ctx.db.prisma.user.update({ where: { id: user.id }, data: { active: false } });
    expect((await agent.get('/')).status).toBe(303);
  });
});

describe('login rate limit', () => {
  it('stops repeated failures from one address with a Polish message, while a new context is unaffected', async () => {
    const limited = await createTestContext({ LOGIN_RATE_LIMIT: '3' });
    try {
      const user = await makeUser(limited, ['ADMIN']);
      const agent = request.agent(limited.app);
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await postForm(agent, '/login', { login: user.login, password: `zle-${i}-haslo-xx` }, '/login')).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      const blocked = await postForm(agent, '/login', { login: user.login, password: TEST_PASSWORD }, '/login');
      expect(blocked.status).toBe(429);
      expect(html(blocked.text)('#login-error').text()).toContain('Zbyt wiele nieudanych prób');
    } finally {
      await limited.close();
    }
  });
});

describe('CSRF', () => {
  it('refuses a login POST without a token', async () => {
    const user = await makeUser(ctx, ['ADMIN']);
    const agent = request.agent(ctx.app);
    await agent.get('/login');
    const res = await agent.post('/login').type('form').send({ login: user.login, password: TEST_PASSWORD });
    expect(res.status).toBe(403);
    expect(html(res.text)('main').text()).toContain('Formularz wygasł');
  });

  it('refuses a logged-in POST with a token from another session', async () => {
    const { agent } = await agentFor(ctx, ['ADMIN']);
    const other = await agentFor(ctx, ['ADMIN']);
    const foreign = await csrfFrom(other.agent, '/');
    const res = await agent.post('/admin/uzytkownicy').type('form').send({ _csrf: foreign, login: 'x.y', fullName: 'X Y', roles: 'ADMIN', password: 'abcdefghijkl', password2: 'abcdefghijkl' });
    expect(res.status).toBe(403);
    expect(await ctx.db.prisma.user.count({ where: { login: 'x.y' } })).toBe(0);
  });

  it('accepts the same POST with the right token', async () => {
    const { agent } = await agentFor(ctx, ['ADMIN']);
    const res = await postForm(agent, '/admin/uzytkownicy', { login: 'x.z', fullName: 'X Z', roles: 'ADMIN', password: 'abcdefghijkl', password2: 'abcdefghijkl' });
    expect(res.status).toBe(303);
    expect(await ctx.db.prisma.user.count({ where: { login: 'x.z' } })).toBe(1);
  });
});
