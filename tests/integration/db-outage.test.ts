// The database going away gives a 503 page, and the app recovers by itself when it returns.
// Real PostgreSQL behind a proxy we cut (the embedded database lives in the process and cannot go away).
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { adminQuery, serverUrl, withDatabase } from '../helpers/db.ts';
import { startProxy, type CuttableProxy } from '../helpers/tcp-proxy.ts';
import { html, makeUser, postForm, TEST_PASSWORD, type TestContext } from '../helpers/app.ts';

describe.runIf(serverUrl)('database outage', () => {
  let proxy: CuttableProxy;
  let db: Database;
  let name: string;
  let ctx: TestContext;

  beforeAll(async () => {
    name = `reintegra_outage_${crypto.randomBytes(4).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}${process.env.TEST_TEMPLATE_DB ? ` TEMPLATE ${process.env.TEST_TEMPLATE_DB}` : ''}`);
    const target = new URL(serverUrl!);
    proxy = await startProxy(target.hostname, Number(target.port || 5432));
    const url = new URL(withDatabase(serverUrl!, name));
    url.host = `127.0.0.1:${proxy.port}`;
    db = await openDatabase({ url: url.toString(), poolSize: 4 });
    if (!process.env.TEST_TEMPLATE_DB) await (await import('../../src/db/migrate.ts')).migrate(db.raw);
    const config = loadConfig({ NODE_ENV: 'test', LOGIN_RATE_LIMIT: '1000' });
    const errors: unknown[] = [];
    const app = createApp({ db, config, sessionSecret: 'outage-secret-outage-secret-outage-!', log: (e) => errors.push(e) });
    ctx = { db: { ...db, destroy: async () => undefined }, app, errors, close: async () => undefined };
  });

  afterAll(async () => {
    await db?.close().catch(() => undefined);
    await proxy?.close();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('answers 503 with a Polish page while the database is away, then recovers without a restart', async () => {
    const user = await makeUser(ctx, ['COORDINATOR']);
    const agent = request.agent(ctx.app);
    expect((await postForm(agent, '/login', { login: user.login, password: TEST_PASSWORD }, '/login')).status).toBe(303);
    expect((await agent.get('/')).status).toBe(200);

    await proxy.cut();
    const down = await agent.get('/');
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('10');
    const $ = html(down.text);
    expect($('h1').text()).toBe('Usługa chwilowo niedostępna');
    expect(down.text).not.toMatch(/ECONNREFUSED|Connection terminated|at .+\.ts:\d+/);
    expect((await request(ctx.app).get('/healthz')).status).toBe(503);

    await proxy.restore();
    // The pool reconnects on its own; the same login session still works.
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await agent.get('/')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
    expect((await request(ctx.app).get('/healthz')).status).toBe(200);
  });
});
