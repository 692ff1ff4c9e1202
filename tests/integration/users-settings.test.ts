import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor, createTestContext, html, loginAgent, postForm, type Agent, type TestContext } from '../helpers/app.ts';

let ctx: TestContext;
let admin: Agent;
let adminId: number;
beforeAll(async () => {
  ctx = await createTestContext();
  const a = await agentFor(ctx, ['ADMIN']);
  admin = a.agent;
  adminId = a.user.id;
});
afterAll(() => ctx.close());

describe('user management', () => {
  it('creates an account that can log in with its roles', async () => {
    const res = await postForm(admin, '/admin/uzytkownicy', {
      login: 'a.nowacka', fullName: 'Agnieszka Nowacka', email: '', roles: ['SOCIAL_WORKER', 'COORDINATOR'],
      password: 'bardzo-tajne-haslo', password2: 'bardzo-tajne-haslo',
    });
    expect(res.status).toBe(303);
    const list = await admin.get('/admin/uzytkownicy');
    expect(html(list.text)('td').text()).toContain('Agnieszka Nowacka');
    const agent = await loginAgent(ctx, 'a.nowacka', 'bardzo-tajne-haslo');
    const dash = html((await agent.get('/')).text);
    expect(dash('#sw-title').length).toBe(1);
    expect(dash('#co-title').length).toBe(1);
    const audit = await ctx.db.prisma.auditLog.findFirst({ where: { action: 'user.create', userId: adminId } });
    expect(audit?.details).toMatchObject({ login: 'a.nowacka' });
    const stored = await ctx.db.prisma.user.findUniqueOrThrow({ where: { login: 'a.nowacka' } });
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    expect(stored.passwordHash).not.toContain('bardzo-tajne-haslo');
  });

  it('keeps every typed value and marks each wrong field', async () => {
    const res = await postForm(admin, '/admin/uzytkownicy', {
      login: 'zły login', fullName: 'Zofia Żak', email: 'nie-email', password: 'krótkie', password2: 'inne',
    });
    expect(res.status).toBe(400);
    const $ = html(res.text);
    expect($('#f-fullName').val()).toBe('Zofia Żak');
    expect($('#f-login').val()).toBe('zły login');
    expect($('#f-email').val()).toBe('nie-email');
    const links = $('.error-summary a').map((_i, a) => $(a).attr('href')).get();
    expect(links).toEqual(expect.arrayContaining(['#f-login', '#f-email', '#f-roles', '#f-password', '#f-password2']));
    expect($('#f-roles-error').text()).toContain('Wybierz co najmniej jedną rolę.');
    expect($('#f-password').val()).toBe('');
  });

  it('refuses a login that is taken, keeping the form', async () => {
    const fields = { login: 'dup.login', fullName: 'Jan Dup', roles: 'DIRECTOR', password: 'abcdefghijkl', password2: 'abcdefghijkl' };
    expect((await postForm(admin, '/admin/uzytkownicy', fields)).status).toBe(303);
    const res = await postForm(admin, '/admin/uzytkownicy', { ...fields, fullName: 'Inny Jan' });
    expect(res.status).toBe(409);
    expect(html(res.text)('#f-login-error').text()).toContain('jest już zajęty');
    expect(html(res.text)('#f-fullName').val()).toBe('Inny Jan');
  });

  it('tells the second of two editors that the account changed and keeps their values', async () => {
    const target = await ctx.db.prisma.user.findUniqueOrThrow({ where: { login: 'dup.login' } });
    const other = (await agentFor(ctx, ['ADMIN'])).agent;
    const first = await postForm(admin, `/admin/uzytkownicy/${target.id}`, { fullName: 'Jan Pierwszy', roles: 'DIRECTOR', active: 'on', version: target.version });
    expect(first.status).toBe(303);
    const second = await postForm(other, `/admin/uzytkownicy/${target.id}`, { fullName: 'Jan Drugi', roles: 'DIRECTOR', active: 'on', version: target.version });
    expect(second.status).toBe(409);
    expect(html(second.text)('.error-summary').text()).toContain('Ktoś inny zmienił to konto');
    expect(html(second.text)('#f-fullName').val()).toBe('Jan Drugi');
    expect((await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).fullName).toBe('Jan Pierwszy');
  });

  it('will not let an administrator lock themselves out', async () => {
    const me = await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: adminId } });
    const res = await postForm(admin, `/admin/uzytkownicy/${adminId}`, { fullName: me.fullName, roles: 'DIRECTOR', active: 'on', version: me.version });
    expect(res.status).toBe(409);
    expect((await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: adminId } })).roles).toEqual(['ADMIN']);
  });

  it('resetting a password ends that user\'s sessions', async () => {
    const { agent, user } = await agentFor(ctx, ['COORDINATOR']);
    expect((await agent.get('/')).status).toBe(200);
    const res = await postForm(admin, `/admin/uzytkownicy/${user.id}/haslo`, { password: 'nowe-haslo-9876', password2: 'nowe-haslo-9876' });
    expect(res.status).toBe(303);
    expect((await agent.get('/')).status).toBe(303);
    await loginAgent(ctx, user.login, 'nowe-haslo-9876');
  });

  it('lets a user change their own password only with the current one', async () => {
    const { agent, user } = await agentFor(ctx, ['DIRECTOR']);
    const bad = await postForm(agent, '/konto/haslo', { current: 'nie-to', password: 'zupelnie-nowe-1', password2: 'zupelnie-nowe-1' });
    expect(bad.status).toBe(400);
    expect(html(bad.text)('#f-current-error').text()).toContain('Obecne hasło jest nieprawidłowe.');
    const ok = await postForm(agent, '/konto/haslo', { current: 'test-password-123', password: 'zupelnie-nowe-1', password2: 'zupelnie-nowe-1' });
    expect(ok.status).toBe(303);
    await loginAgent(ctx, user.login, 'zupelnie-nowe-1');
  });
});

describe('centre settings', () => {
  const valid = {
    name: 'Gminny Ośrodek Pomocy Społecznej w Żółkiewce', shortName: 'GOPS Żółkiewka', street: 'ul. Lubelska 1',
    postalCode: '22-335', city: 'Żółkiewka', phone: '', email: '', nip: '', regon: '', directorName: 'Halina Bąk',
    clubName: 'KIS „Razem”', certificatePrefix: 'KIS', retentionYears: '10', inactivityFlagDays: '14', accessibilityContact: '', dpoContact: '',
  };

  it('saves settings and shows the new name in the header', async () => {
    const res = await postForm(admin, '/admin/ustawienia', { ...valid, version: 1 });
    expect(res.status).toBe(303);
    const page = html((await admin.get('/admin/ustawienia')).text);
    expect(page('.site-header__centre').text()).toBe('Gminny Ośrodek Pomocy Społecznej w Żółkiewce');
    expect(page('#f-clubName').val()).toBe('KIS „Razem”');
  });

  it('refuses a bad postal code and prefix, keeping the values', async () => {
    const res = await postForm(admin, '/admin/ustawienia', { ...valid, postalCode: '22335', certificatePrefix: 'kis/', version: 2 });
    expect(res.status).toBe(400);
    const $ = html(res.text);
    expect($('#f-postalCode-error').text()).toContain('00-000');
    expect($('#f-certificatePrefix-error').text()).toContain('Prefiks');
    expect($('#f-name').val()).toBe(valid.name);
  });
});
