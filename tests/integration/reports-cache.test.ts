// An open month's report is computed once and reused for a few minutes; "Przelicz teraz" recomputes; an older
// one is served while the next is computed behind it, and the warmer keeps last and this month computed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { agentFor, createTestContext, html, type Agent, type TestContext } from '../helpers/app.ts';
import { forgetComputedReports, getReport, periodsToKeepWarm, reportKeptAt, startReportWarmer } from '../../src/features/reports/reports.service.ts';

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

  it("gives the page's computation to its downloads, even after a newer one replaced it", async () => {
    const key = { kind: 'MONTHLY' as const, year: 2026, month: 8 };
    const page = html((await director.get('/raporty/miesieczny/2026/8')).text);
    const shown = page('#report-state').attr('data-generated-at')!;
    for (const kind of ['pdf', 'xlsx', 'csv']) {
      expect(page(`.report-actions a[href="/raporty/miesieczny/2026/8/${kind}?wersja=${encodeURIComponent(shown)}"]`).length, kind).toBe(1);
    }
    await new Promise((r) => setTimeout(r, 5));
    const newer = await getReport(ctx.db.prisma, key, { fresh: true });
    expect(newer.generatedAt).not.toBe(shown);
    expect((await getReport(ctx.db.prisma, key, { version: shown })).generatedAt).toBe(shown);
    expect((await getReport(ctx.db.prisma, key, { version: 'nieznana' })).generatedAt).toBe(newer.generatedAt);
    expect((await getReport(ctx.db.prisma, key)).generatedAt).toBe(newer.generatedAt);
    expect((await director.get(`/raporty/miesieczny/2026/8/csv?wersja=${encodeURIComponent(shown)}`)).status).toBe(200);
  });
});

describe('reports kept computed off the request path', () => {
  const key = { kind: 'MONTHLY' as const, year: 2026, month: 9 };
  afterAll(() => vi.useRealTimers());

  it('serves a report a few minutes old at once while the next one is computed behind it; a much older one is waited for', async () => {
    forgetComputedReports();
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = new Date('2026-10-05T08:00:00Z');
    vi.setSystemTime(t0);
    const first = await getReport(ctx.db.prisma, key);
    expect(first.generatedAt).toBe(t0.toISOString());

    // 3 minutes on: fresh, the same computation.
    vi.setSystemTime(new Date(t0.getTime() + 3 * 60_000));
    expect((await getReport(ctx.db.prisma, key)).generatedAt).toBe(t0.toISOString());

    // 10 minutes on: the kept one comes back at once, and a new computation starts behind it.
    const t10 = new Date(t0.getTime() + 10 * 60_000);
    vi.setSystemTime(t10);
    expect((await getReport(ctx.db.prisma, key)).generatedAt).toBe(t0.toISOString());
    await expect.poll(async () => (await getReport(ctx.db.prisma, key)).generatedAt, { timeout: 10_000 }).toBe(t10.toISOString());

    // An hour on: too old to show, the request waits for the new numbers.
    const t70 = new Date(t0.getTime() + 70 * 60_000);
    vi.setSystemTime(t70);
    expect((await getReport(ctx.db.prisma, key)).generatedAt).toBe(t70.toISOString());
    vi.useRealTimers();
  });

  it('computes last month and this month in the background, skipping a closed period', async () => {
    forgetComputedReports();
    const [last, current] = periodsToKeepWarm();
    expect(periodsToKeepWarm(new Date('2027-01-10T00:00:00Z'))).toEqual([
      { kind: 'MONTHLY', year: 2026, month: 12 }, { kind: 'MONTHLY', year: 2027, month: 1 },
    ]);
    await ctx.db.prisma.reportSnapshot.create({ data: { ...last!, data: { closedTest: true } } });
    expect(reportKeptAt(current!)).toBeUndefined();
    const stop = startReportWarmer(ctx.db.prisma, { firstAfterMs: 0, everyMs: 3_600_000 });
    try {
      // Nobody asked, yet this month's report gets computed; the first request is served that computation.
      await expect.poll(() => reportKeptAt(current!), { timeout: 15_000, interval: 50 }).toBeDefined();
      const kept = reportKeptAt(current!)!;
      const r = await getReport(ctx.db.prisma, current!);
      expect(Date.parse(r.generatedAt)).toBeLessThanOrEqual(Date.now());
      expect(reportKeptAt(current!)).toEqual(kept);
      expect(reportKeptAt(last!), 'a closed period is not computed').toBeUndefined();
      // The closed month is read from its snapshot, never computed.
      expect((await getReport(ctx.db.prisma, last!)) as unknown).toMatchObject({ closedTest: true });
    } finally {
      stop();
      await ctx.db.prisma.reportSnapshot.deleteMany({ where: last! });
    }
  });
});
