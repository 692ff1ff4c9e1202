// Every route of the application, every role: access must match src/http/permissions.ts exactly.
// A route without a guard fails this test, so nothing lands unprotected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { PERMISSIONS, type Permission } from '../../src/http/permissions.ts';
import type { Role } from '../../src/generated/prisma/enums.ts';
import { agentFor, createTestContext, csrfFrom, type Agent, type TestContext } from '../helpers/app.ts';
import { concretePath as concrete, listRoutes, type RouteInfo } from '../helpers/routes.ts';

const ROLES: Role[] = ['ADMIN', 'SOCIAL_WORKER', 'COORDINATOR', 'DIRECTOR'];

let ctx: TestContext;
let routes: RouteInfo[];
const agents = new Map<Role, Agent>();

beforeAll(async () => {
  ctx = await createTestContext();
  routes = listRoutes(ctx.app);
  for (const role of ROLES) agents.set(role, (await agentFor(ctx, [role])).agent);
});
afterAll(() => ctx.close());

describe('permission table', () => {
  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes).toContainEqual({ method: 'GET', path: '/admin/uzytkownicy', permission: 'users.manage' });
  });

  it('every route names a permission from the table or is marked public', () => {
    const unguarded = routes.filter((r) => r.permission === undefined).map((r) => `${r.method} ${r.path}`);
    expect(unguarded).toEqual([]);
    for (const r of routes) {
      if (r.permission !== 'public') expect(Object.keys(PERMISSIONS)).toContain(r.permission);
    }
  });

  it('anonymous users get only the public routes', async () => {
    const anon = request.agent(ctx.app);
    const token = await csrfFrom(anon, '/login');
    for (const r of routes.filter((x) => x.permission !== 'public')) {
      const res = r.method === 'GET' ? await anon.get(concrete(r.path)) : await anon.post(concrete(r.path)).type('form').send({ _csrf: token });
      expect([303, 401], `${r.method} ${r.path}`).toContain(res.status);
      if (res.status === 303) expect(res.headers.location).toBe('/login');
    }
  });

  it('each role is let in exactly where the table allows, and refused elsewhere', async () => {
    const mismatches: string[] = [];
    for (const role of ROLES) {
      const agent = agents.get(role)!;
      const token = await csrfFrom(agent, '/');
      for (const r of routes.filter((x) => x.permission !== 'public' && !(x.method === 'POST' && x.path === '/logout'))) {
        const allowed = (PERMISSIONS[r.permission as Permission] as readonly Role[]).includes(role);
        const res =
          r.method === 'GET'
            ? await agent.get(concrete(r.path))
            : await agent.post(concrete(r.path)).type('form').send({ _csrf: token });
        const refused = res.status === 403;
        if (allowed === refused) mismatches.push(`${role} ${r.method} ${r.path}: ${res.status}`);
        expect(res.status, `${role} ${r.method} ${r.path}`).not.toBe(500);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
