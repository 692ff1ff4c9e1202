// A flash message set before a redirect must be in the session store before the browser can follow the
// redirect. express-session sends the headers (with Location) before its store write finishes, so a quick
// browser on a slow store (PostgreSQL under load) asked for the next page too early and lost "Zapisano…".
// The store here takes 150 ms to write; the test reads the headers as a browser does and checks the write
// had finished by then, and that the very next request shows the message.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import session from 'express-session';
import { afterEach, describe, expect, it } from 'vitest';
import { flash } from '../../src/http/flash.ts';
import { saveSessionBeforeRedirect } from '../../src/http/session.ts';

class SlowStore extends session.MemoryStore {
  writesDone: number[] = [];
  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    setTimeout(() => {
      super.set(sid, sess, (err?: unknown) => {
        this.writesDone.push(Date.now());
        cb?.(err);
      });
    }, 150);
  }
}

function appWith(store: SlowStore, fixed: boolean) {
  const app = express();
  app.use(session({ store, secret: 'test-secret-test-secret-test-secret', resave: false, saveUninitialized: false }));
  if (fixed) app.use(saveSessionBeforeRedirect);
  app.post('/save', (req, res) => {
    flash(req, 'success', 'Zapisano zmiany.');
    res.redirect(303, '/next');
  });
  app.get('/next', (req, res) => {
    const messages = req.session.flash ?? [];
    delete req.session.flash;
    res.json(messages.map((m) => m.text));
  });
  return app;
}

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => {
  if (!server) return resolve();
  server.closeAllConnections();
  server.close(() => resolve());
}));

async function listen(app: express.Express): Promise<number> {
  server = http.createServer(app);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** POSTs and resolves when the status line and headers arrive (when a browser would follow Location). */
function postHeaders(port: number): Promise<{ at: number; status: number; cookie: string; location: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/save', method: 'POST' }, (res) => {
      resolve({ at: Date.now(), status: res.statusCode!, cookie: String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!, location: String(res.headers.location) });
      res.resume();
    });
    req.on('error', reject);
    req.end();
  });
}

async function followAtOnce(port: number, cookie: string): Promise<string[]> {
  const res = await fetch(`http://127.0.0.1:${port}/next`, { headers: { cookie } });
  return (await res.json()) as string[];
}

describe('redirect after a change to the session', () => {
  it('without the fix the browser gets the redirect before the session is stored and misses the message', async () => {
    const store = new SlowStore();
    const port = await listen(appWith(store, false));
    const r = await postHeaders(port);
    expect(r.status).toBe(303);
    expect(store.writesDone).toEqual([]); // headers came first: this is the race
    expect(await followAtOnce(port, r.cookie)).toEqual([]);
  });

  it('with saveSessionBeforeRedirect the headers leave only after the write, and the next page shows the message', async () => {
    const store = new SlowStore();
    const port = await listen(appWith(store, true));
    const r = await postHeaders(port);
    expect(r.status).toBe(303);
    expect(r.location).toBe('/next');
    expect(store.writesDone.length).toBe(1);
    expect(store.writesDone[0]!).toBeLessThanOrEqual(r.at);
    expect(await followAtOnce(port, r.cookie)).toEqual(['Zapisano zmiany.']);
  });
});
