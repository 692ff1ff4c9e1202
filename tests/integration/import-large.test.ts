// A large sheet: 5,000 people checked in the preview and imported in one transaction, with the progress
// endpoint followed until the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor, createTestContext, html, makeUser, type Agent, type TestContext } from '../helpers/app.ts';
import { csvText, HEADER, person, preview, utf8, waitForImport } from './import-fixtures.ts';

let ctx: TestContext;
let admin: Agent;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await agentFor(ctx, ['ADMIN'])).agent;
});
afterAll(() => ctx.close());

describe('a 5,000-row sheet', () => {
  it('is previewed, imported whole, and its progress only ever moves forward', async () => {
    const w = await makeUser(ctx, ['SOCIAL_WORKER'], 'Pracownik Duży');
    const rows = [HEADER, ...Array.from({ length: 5000 }, (_v, i) => person(i + 1, { 'Pracownik socjalny': i % 2 ? w.login : '' }))];
    const started = Date.now();
    const { id, $ } = await preview(admin, utf8(csvText(rows), true), 'duzy.csv');
    const previewMs = Date.now() - started;
    expect($('.stat__value').first().text()).toBe('5000'); // Polish groups digits from 10 000 on
    expect($('.notice--success').text()).toContain('Import doda do rejestru 5000 osób');

    const t = Date.now();
    const button = $(`form[action="/admin/import/${id}/import"]`);
    const res = await admin.post(`/admin/import/${id}/import`).type('form').send({ _csrf: String(button.find('input[name=_csrf]').val()) });
    expect(res.status).toBe(303);
    if (ctx.db.kind === 'postgres') {
      // PostgreSQL answers while the import runs: the page shows its progress (the embedded database
      // has one connection, so there the page waits for the end instead).
      const running = html((await admin.get(`/admin/import/${id}`)).text);
      expect(running('progress#import-progress-bar').attr('max')).toBe('5000');
      expect(running('[data-import-progress]').attr('data-import-progress')).toBe(`/admin/import/${id}/postep`);
      expect(running('a:contains("Odśwież stan importu")').attr('href')).toBe(`/admin/import/${id}`);
    }
    const seen: { done: number; status: string }[] = [];
    const final = await waitForImport(admin, id, seen);
    const importMs = Date.now() - t;
    expect(final).toMatchObject({ status: 'DONE', done: 5000, total: 5000 });
    expect(await ctx.db.prisma.participant.count()).toBe(5000);
    expect(await ctx.db.prisma.participant.count({ where: { socialWorkerId: w.id } })).toBe(2500);
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'participant.create' } })).toBe(5000);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
    if (ctx.db.kind === 'postgres') expect(seen.some((s) => s.status === 'RUNNING' && s.done > 0 && s.done < 5000)).toBe(true);
    const page = html((await admin.get(`/admin/import/${id}`)).text);
    expect(page('.notice--success h2').text()).toBe('Zaimportowano 5000 osób');
    console.log(`[import] 5000 rows: preview ${previewMs} ms, import ${importMs} ms (${ctx.db.kind}); progress seen: ${seen.map((s) => s.done).join(' ')}`);
  }, 300_000);
});
