// An open month's report is computed once and reused for a few minutes; "Przelicz teraz" recomputes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor, createTestContext, html, type Agent, type TestContext } from '../helpers/app.ts';

let ctx: TestContext;
let director: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  director = (await agentFor(ctx, ['DIRECTOR'])).agent;
});
afterAll(() => ctx.close());

describe('report reuse', () => {
  it('serves the same computation until asked to recompute', async () => {
    const state = async (q = '') => html((await director.get(`/raporty/miesieczny/2026/10${q}`)).text)('#report-state').attr('data-generated-at');
    const first = await state();
    expect(first).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await new Promise((r) => setTimeout(r, 20));
    expect(await state()).toBe(first);
    const fresh = await state('?przelicz=1');
    expect(fresh).not.toBe(first);
    expect(await state()).toBe(fresh);
  });
});
