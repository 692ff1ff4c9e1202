import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { agentFor, createTestContext, html, type TestContext } from '../helpers/app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('error pages', () => {
  it('404 is a Polish page', async () => {
    const res = await request(ctx.app).get('/nie-ma-takiej-strony');
    expect(res.status).toBe(404);
    expect(html(res.text)('h1').text()).toBe('Nie znaleziono');
  });

  it('a server error shows no stack trace or internal message, and is logged', async () => {
    const { agent } = await agentFor(ctx, ['ADMIN']);
    const original = ctx.db.prisma.user.count;
    (ctx.db.prisma.user as { count: unknown }).count = () => {
      throw new Error('SECRET-INTERNAL relation "users" at /work/src/features/x.ts:12');
    };
    try {
      const res = await agent.get('/');
      expect(res.status).toBe(500);
      expect(res.text).not.toContain('SECRET-INTERNAL');
      expect(res.text).not.toMatch(/\bat .+\.ts:\d+/);
      expect(html(res.text)('h1').text()).toBe('Błąd serwera');
      expect(html(res.text)('main').text()).toContain('Wystąpił nieoczekiwany błąd');
      expect(ctx.errors.some((e) => String(e).includes('SECRET-INTERNAL'))).toBe(true);
    } finally {
      (ctx.db.prisma.user as { count: unknown }).count = original;
    }
  });

  it('sends security headers', async () => {
    const res = await request(ctx.app).get('/login');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('/healthz', () => {
  it('checks the database', async () => {
    const res = await request(ctx.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('answers 503 when the database is unreachable', async () => {
    const broken = await createTestContext();
    await broken.db.close();
    const res = await request(broken.app).get('/healthz');
    expect(res.status).toBe(503);
    await broken.close().catch(() => undefined);
  });
});

describe('public pages', () => {
  it('has an accessibility statement naming the law', async () => {
    const res = await request(ctx.app).get('/deklaracja-dostepnosci');
    expect(res.status).toBe(200);
    expect(html(res.text)('main').text()).toContain('ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej');
  });

  it('switches larger text and high contrast, kept in a cookie', async () => {
    const agent = request.agent(ctx.app);
    const token = html((await agent.get('/login')).text)('input[name="_csrf"]').val();
    const res = await agent.post('/preferencje').type('form').send({ _csrf: token, toggle: 'contrast', returnTo: '/login' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
    const page = await agent.get('/login');
    expect(html(page.text)('html').attr('class')).toContain('high-contrast');
    expect(html(page.text)('button[value="contrast"]').attr('aria-pressed')).toBe('true');
  });

  it('never redirects preferences to another site', async () => {
    const agent = request.agent(ctx.app);
    const token = html((await agent.get('/login')).text)('input[name="_csrf"]').val();
    const res = await agent.post('/preferencje').type('form').send({ _csrf: token, toggle: 'text', returnTo: '//evil.example/' });
    expect(res.headers.location).toBe('/');
  });
});

describe('oversized and malformed requests', () => {
  it('refuses a body over the limit with 413 and a Polish page, saving nothing', async () => {
    const { agent } = await agentFor(ctx, ['ADMIN']);
    const token = html((await agent.get('/')).text)('input[name="_csrf"]').val();
    const res = await agent.post('/admin/uzytkownicy').type('form').send({ _csrf: token, login: 'wielki', fullName: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(html(res.text)('main').text()).toContain('Przesłane dane są zbyt duże');
    expect(await ctx.db.prisma.user.count({ where: { login: 'wielki' } })).toBe(0);
  });

  it('answers malformed JSON and broken URL encoding with 400, not 500', async () => {
    const { agent } = await agentFor(ctx, ['ADMIN']);
    const json = await agent.post('/admin/uzytkownicy').set('Content-Type', 'application/json').send('{"login": ');
    expect(json.status).toBe(400);
    const url = await agent.get('/admin/uzytkownicy/%E0%A4%A');
    expect(url.status).toBe(400);
  });

  it('treats ids that are not numbers as not found', async () => {
    const { agent } = await agentFor(ctx, ['ADMIN']);
    for (const id of ['abc', '-1', '1.5', '99999999999999999999', "1' OR '1'='1"]) {
      expect((await agent.get(`/admin/uzytkownicy/${encodeURIComponent(id)}`)).status, id).toBe(404);
    }
  });
});
