// Where a page's time goes: runs the app in-process on DATABASE_URL, logs in, requests each path a few
// times and prints the slowest queries. Usage:
//   DATABASE_URL=postgresql://…/db node --import tsx tests/bench/profile.ts <login> <path> [<path>…]
import request from 'supertest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';

const [loginName, ...paths] = process.argv.slice(2);
const queries: { query: string; duration: number }[] = [];
let recording = false;
const db = await openDatabase({ url: process.env.DATABASE_URL!, onQuery: (q) => recording && queries.push(q) });
const app = createApp({ db, config: loadConfig({ ...process.env, NODE_ENV: 'test', LOGIN_RATE_LIMIT: '100000' }), sessionSecret: 'profile-secret-profile-secret-profile!!' });
const agent = request.agent(app);
const page = await agent.get('/login');
const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
await agent.post('/login').type('form').send({ login: loginName, password: 'reintegra-demo', _csrf: token });
for (const path of paths) {
  await agent.get(path); // warm up
  queries.length = 0;
  recording = true;
  const t0 = performance.now();
  const res = await agent.get(path).buffer(true);
  const ms = performance.now() - t0;
  recording = false;
  const total = queries.reduce((s, q) => s + q.duration, 0);
  console.log(`\n${path}: ${res.status}, ${ms.toFixed(0)} ms, ${queries.length} queries, ${total} ms in the database`);
  for (const q of [...queries].sort((a, b) => b.duration - a.duration).slice(0, 6)) console.log(`  ${String(q.duration).padStart(5)} ms  ${q.query.slice(0, 220)}`);
}
await db.close();
