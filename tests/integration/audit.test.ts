import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor, createTestContext, html, type Agent, type TestContext } from '../helpers/app.ts';
import { makeParticipant } from '../helpers/factories.ts';
import { recordAudit } from '../../src/features/audit/audit.service.ts';
import { binaryParser } from '../helpers/pdf.ts';

let ctx: TestContext;
let admin: Agent;
let workerLogin: string;
let personId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await agentFor(ctx, ['ADMIN'])).agent;
  const worker = await agentFor(ctx, ['SOCIAL_WORKER']);
  workerLogin = worker.user.login;
  const p = await makeParticipant(ctx.db.prisma, { lastName: 'Żółkiewska-Test' });
  personId = p.id;
  const actor = { id: worker.user.id, login: worker.user.login, ip: '10.0.0.7' };
  await recordAudit(ctx.db.prisma, actor, { action: 'participant.read', entityType: 'participant', entityId: p.id, participantId: p.id });
  await recordAudit(ctx.db.prisma, actor, { action: 'participant.update', entityType: 'participant', entityId: p.id, participantId: p.id, details: { phone: ['1', '2'] } });
});
afterAll(() => ctx.close());

describe('audit log viewer', () => {
  it('lists entries newest first with Polish action names', async () => {
    const $ = html((await admin.get('/admin/dziennik')).text);
    const first = $('tbody tr').first().text();
    expect($('h1').text()).toBe('Dziennik zdarzeń');
    expect($('tbody tr').length).toBeGreaterThan(2);
    expect($('tbody').text()).toContain('Odczyt danych osoby');
    expect(first).toBeTruthy();
  });

  it('filters by person (surname prefix or PESEL), user and action', async () => {
    const p = await ctx.db.prisma.participant.findUniqueOrThrow({ where: { id: personId } });
    for (const q of [`osoba=${encodeURIComponent('Żółkiewska')}`, `osoba=${p.pesel}`]) {
      const $ = html((await admin.get(`/admin/dziennik?${q}`)).text);
      expect($('tbody tr').length).toBe(2);
      $('tbody tr').each((_i, tr) => expect($(tr).text()).toContain('Żółkiewska-Test'));
    }
    const user = await ctx.db.prisma.user.findUniqueOrThrow({ where: { login: workerLogin } });
    const byUserAndAction = html((await admin.get(`/admin/dziennik?uzytkownik=${user.id}&akcja=participant.update`)).text);
    expect(byUserAndAction('tbody tr').length).toBe(1);
    expect(byUserAndAction('tbody').text()).toContain('10.0.0.7');
  });

  it('filters by date, and says what to do when nothing matches', async () => {
    const $ = html((await admin.get('/admin/dziennik?od=2001-01-01&do=2001-01-31')).text);
    expect($('tbody tr').length).toBe(0);
    expect($('main').text()).toContain('Brak wpisów spełniających te warunki');
  });

  it('exports the filtered log as CSV and records the export', async () => {
    const res = await admin.get(`/admin/dziennik.csv?osoba=${encodeURIComponent('Żółkiewska')}`).buffer(true).parse(binaryParser);
    expect(res.status).toBe(200);
    const text = (res.body as Buffer).toString('utf8');
    expect(text.startsWith('\ufeffNr;Data i godzina;Login')).toBe(true);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(text).toContain('Zmiana danych osoby');
    expect(await ctx.db.prisma.auditLog.count({ where: { action: 'audit.export' } })).toBe(1);
  });
});

describe('audit log is append-only in the database', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(ctx.db.raw.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(ctx.db.raw.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(ctx.db.raw.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    expect(await ctx.db.prisma.auditLog.count()).toBeGreaterThan(2);
  });

  it('allows redaction only inside a transaction that sets the maintenance flag', async () => {
    await ctx.db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL reintegra.audit_maintenance = 'on'`);
      await tx.$executeRawUnsafe(`UPDATE audit_log SET details = NULL WHERE action = 'participant.update'`);
    });
    const row = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'participant.update' } });
    expect(row.details).toBeNull();
    // The flag ended with the transaction.
    await expect(ctx.db.raw.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });
});
