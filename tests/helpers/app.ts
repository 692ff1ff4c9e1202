// The real application on a test database, with helpers to log in and post forms with CSRF tokens.
import * as cheerio from 'cheerio';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Role } from '../../src/generated/prisma/enums.ts';
import { createUser } from '../../src/features/users/users.service.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export const TEST_PASSWORD = 'test-password-123';
/** Cheap scrypt cost for test accounts; the production cost is exercised in tests/unit/password.test.ts. */
export const TEST_HASH_COST = 2 ** 10;

export interface TestContext {
  db: TestDatabase;
  app: Express;
  errors: unknown[];
  close(): Promise<void>;
}

export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const db = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '1000', ...env });
  const errors: unknown[] = [];
  const app = createApp({ db, config, sessionSecret: 'test-secret-test-secret-test-secret-!!', log: (e) => errors.push(e) });
  return { db, app, errors, close: () => db.destroy() };
}

let userSeq = 0;

export async function makeUser(ctx: TestContext, roles: Role[], fullName?: string) {
  userSeq += 1;
  const login = `u${process.pid}_${userSeq}_${roles.join('_').toLowerCase()}`;
  return createUser(
    ctx.db.prisma,
    null,
    { login, fullName: fullName ?? `Użytkownik ${userSeq}`, roles, password: TEST_PASSWORD },
    TEST_HASH_COST,
  );
}

export type Agent = ReturnType<typeof request.agent>;

/** The CSRF token from a page's form (or any page, since every layout has one). */
export async function csrfFrom(agent: Agent, path = '/login'): Promise<string> {
  const res = await agent.get(path);
  const token = cheerio.load(res.text)('input[name="_csrf"]').first().val();
  if (typeof token !== 'string' || !token) throw new Error(`No CSRF token on ${path} (status ${res.status})`);
  return token;
}

/** Posts a form the way a browser does: token from the page, urlencoded body. */
export async function postForm(agent: Agent, path: string, fields: Record<string, unknown>, tokenFrom = '/') {
  const _csrf = await csrfFrom(agent, tokenFrom);
  return agent.post(path).type('form').send({ ...fields, _csrf });
}

export async function loginAgent(ctx: TestContext, login: string, password = TEST_PASSWORD): Promise<Agent> {
  const agent = request.agent(ctx.app);
  const res = await postForm(agent, '/login', { login, password }, '/login');
  if (res.status !== 303) throw new Error(`Login failed for ${login}: ${res.status}`);
  return agent;
}

/** A new user with the roles, logged in. */
export async function agentFor(ctx: TestContext, roles: Role[]) {
  const user = await makeUser(ctx, roles);
  return { user, agent: await loginAgent(ctx, user.login) };
}

export function html(text: string) {
  return cheerio.load(text);
}
