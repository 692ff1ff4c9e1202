// Uploads refused cleanly: too large, malformed, not a sheet, without a file; and the CSRF token that
// rides inside the multipart body, checked for the upload route only.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_PATHS } from '../../src/http/csrf.ts';
import { isUploadParser } from '../../src/http/upload.ts';
import { agentFor, createTestContext, csrfFrom, html, type Agent, type TestContext } from '../helpers/app.ts';
import { csvText, HEADER, person, upload, utf8 } from './import-fixtures.ts';

let ctx: TestContext;
let admin: Agent;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await agentFor(ctx, ['ADMIN'])).agent;
});
afterAll(() => ctx.close());

const batches = () => ctx.db.prisma.importBatch.count();
const fileError = (text: string) => html(text)('#f-file-error').text();

describe('refused uploads', () => {
  it('a file over 5 MB gets a Polish 413 on the upload page and nothing is stored', async () => {
    const before = await batches();
    const big = Buffer.concat([utf8(csvText([HEADER])), Buffer.alloc(5 * 1024 * 1024 + 10, 'a')]);
    const res = await upload(admin, big, 'za-duzy.csv');
    expect(res.status).toBe(413);
    expect(fileError(res.text)).toContain('Plik jest za duży: można przesłać najwyżej 5 MB.');
    expect(html(res.text)('#f-file').attr('aria-invalid')).toBe('true');
    expect(await batches()).toBe(before);
  });

  it('a request declaring a huge body is answered at once with 413, without reading it', async () => {
    // A raw request: it claims 200 MB and sends only the start.
    const server = http.createServer(ctx.app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const cookie = ((await admin.get('/admin/import')) as unknown as { request: { cookies: string } }).request.cookies;
      const token = await csrfFrom(admin, '/admin/import');
      const answer = await new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
        const req = http.request({
          port: (server.address() as AddressInfo).port, host: '127.0.0.1', method: 'POST', path: '/admin/import',
          headers: { 'content-type': 'multipart/form-data; boundary=XYZ', 'content-length': String(200 * 1024 * 1024), cookie, 'x-csrf-token': token },
        }, (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode!, body, connection: res.headers.connection }));
        });
        req.on('error', reject);
        req.write('--XYZ\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\n\r\n');
      });
      expect(answer.status).toBe(413);
      expect(answer.connection).toBe('close');
      expect(fileError(answer.body)).toContain('Plik jest za duży');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('a malformed multipart body gets 400, not a server error', async () => {
    const token = await csrfFrom(admin, '/admin/import');
    const broken = '--B\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n' + token + '\r\n--B\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nNazwisko;Imię\r\n';
    const res = await admin.post('/admin/import').set('Content-Type', 'multipart/form-data; boundary=B').send(broken);
    expect(res.status).toBe(400);
    expect(fileError(res.text)).toContain('uszkodzony lub niekompletny');
    const noBoundary = await admin.post('/admin/import').set('Content-Type', 'multipart/form-data').set('x-csrf-token', token).send('abc');
    expect(noBoundary.status).toBe(400);
    expect(fileError(noBoundary.text)).toContain('uszkodzony');
    expect(ctx.errors).toEqual([]);
  });

  it('files that are not sheets are refused with a reason', async () => {
    const cases: [Buffer, string, string][] = [
      [Buffer.alloc(0), 'pusty.csv', 'Plik jest pusty.'],
      [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), 'zdjecie.csv', 'To nie jest plik tekstowy CSV'],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'stary.xls', 'starym formacie Excela (.xls)'],
      [Buffer.from('PK\x03\x04to nie jest zip'), 'uszkodzony.xlsx', 'Nie udało się odczytać pliku .xlsx'],
      [Buffer.from('to nie jest arkusz'), 'tekst.xlsx', 'nie jest prawidłowym plikiem .xlsx'],
      [utf8('Lorem ipsum;dolor\r\nsit;amet\r\n'), 'obcy.csv', 'Nie znaleziono wiersza nagłówków'],
      [utf8(csvText([HEADER])), 'same-naglowki.csv', 'Pod wierszem nagłówków nie ma żadnych danych'],
      [utf8('Nazwisko;Imię;PESEL\r\n"Kowalska;Anna;85031212350\r\n'), 'cudzyslow.csv', 'cudzysłów otwarty i niezamknięty'],
      [utf8('Nazwisko;Imię;PESEL;Nr PESEL\r\nA;B;1;2\r\n'), 'dwa-pesele.csv', 'oznaczają to samo (PESEL)'],
    ];
    for (const [bytes, name, message] of cases) {
      const res = await upload(admin, bytes, name);
      expect(res.status, name).toBe(400);
      expect(fileError(res.text), name).toContain(message);
    }
    expect(ctx.errors).toEqual([]);
  });

  it('a form post without a file (or without the file field) gets 400', async () => {
    const token = await csrfFrom(admin, '/admin/import');
    const plain = await admin.post('/admin/import').type('form').send({ _csrf: token });
    expect(plain.status).toBe(400);
    expect(fileError(plain.text)).toContain('Nie przesłano pliku');
    const other = await admin.post('/admin/import').field('_csrf', token).attach('obrazek', Buffer.from('x'), 'x.csv');
    expect(other.status).toBe(400);
    expect(fileError(other.text)).toContain('Nie wybrano pliku');
  });

  it('a sheet with more than 10 000 rows is refused', async () => {
    const rows = [HEADER.join(';'), ...Array.from({ length: 10_001 }, (_v, i) => `N${i};I;1`)].join('\n');
    const res = await upload(admin, utf8(rows), 'za-dlugi.csv');
    expect(res.status).toBe(400);
    expect(fileError(res.text)).toMatch(/więcej niż 10\s000 wierszy z danymi/);
  });
});

describe('CSRF for uploads', () => {
  const body = utf8(csvText([HEADER, person(1)]));

  it('a multipart upload without the token, or with another session’s, is refused with 403', async () => {
    const before = await batches();
    const none = await admin.post('/admin/import').attach('file', body, 'a.csv');
    expect(none.status).toBe(403);
    const other = await agentFor(ctx, ['ADMIN']);
    const foreign = await csrfFrom(other.agent, '/admin/import');
    const wrong = await admin.post('/admin/import').field('_csrf', foreign).attach('file', body, 'a.csv');
    expect(wrong.status).toBe(403);
    expect(html(wrong.text)('main').text()).toContain('Formularz wygasł');
    expect(await batches()).toBe(before);
  });

  it('the token is accepted in the multipart body or in the x-csrf-token header', async () => {
    const token = await csrfFrom(admin, '/admin/import');
    expect((await admin.post('/admin/import').field('_csrf', token).attach('file', body, 'a.csv')).status).toBe(303);
    expect((await admin.post('/admin/import').set('x-csrf-token', token).attach('file', body, 'b.csv')).status).toBe(303);
  });

  it('other routes do not accept a token inside a multipart body', async () => {
    const token = await csrfFrom(admin, '/admin/uzytkownicy/nowy');
    const res = await admin.post('/admin/uzytkownicy').field('_csrf', token).field('login', 'wieloczesciowy').field('fullName', 'X').field('roles', 'ADMIN')
      .field('password', 'abcdefghijkl').field('password2', 'abcdefghijkl');
    expect(res.status).toBe(403);
    expect(await ctx.db.prisma.user.count({ where: { login: 'wieloczesciowy' } })).toBe(0);
  });

  it('every upload path is a POST route that parses its body with readUpload (which checks the token)', () => {
    type Layer = { route?: { path: string; methods: Record<string, boolean>; stack: { handle: unknown }[] }; handle: { stack?: Layer[] } };
    const found = new Map<string, boolean>();
    const walk = (stack: Layer[]) => {
      for (const l of stack) {
        if (l.route?.methods.post && UPLOAD_PATHS.has(l.route.path)) found.set(l.route.path, l.route.stack.some((s) => isUploadParser(s.handle)));
        else if (l.handle.stack) walk(l.handle.stack);
      }
    };
    walk((ctx.app as unknown as { router: { stack: Layer[] } }).router.stack);
    expect([...found.keys()].sort()).toEqual([...UPLOAD_PATHS].sort());
    expect([...found.values()].every(Boolean)).toBe(true);
  });

  it('another role is refused the upload and the preview', async () => {
    const { agent } = await agentFor(ctx, ['SOCIAL_WORKER']);
    const token = await csrfFrom(agent, '/');
    expect((await agent.post('/admin/import').field('_csrf', token).attach('file', body, 'a.csv')).status).toBe(403);
    const batch = await ctx.db.prisma.importBatch.findFirstOrThrow();
    expect((await agent.get(`/admin/import/${batch.id}`)).status).toBe(403);
    expect((await agent.get(`/admin/import/${batch.id}/postep`).set('Accept', 'application/json')).status).toBe(403);
  });
});
