// Anonymisation after the retention period: personal data gone, statistics kept, the log redacted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymiseDue, findDueForAnonymisation, REDACTED } from '../../src/features/rodo/anonymise.service.ts';
import { recordAudit } from '../../src/features/audit/audit.service.ts';
import { utcDate } from '../../src/lib/dates.ts';
import { createTestContext, makeUser, type TestContext } from '../helpers/app.ts';
import { makeContract, makeEdition, makeParticipant } from '../helpers/factories.ts';

let ctx: TestContext;
const today = utcDate(2026, 11, 23);
let old: number;
let recent: number;
let active: number;

beforeAll(async () => {
  ctx = await createTestContext();
  const db = ctx.db.prisma;
  await db.centreSettings.create({ data: { id: 1, name: 'OPS', shortName: 'OPS', street: 'x', postalCode: '00-000', city: 'x', clubName: 'KIS', retentionYears: 10 } });
  const worker = await makeUser(ctx, ['SOCIAL_WORKER']);
  const mk = async (closed: Date | null) => {
    const p = await makeParticipant(db, { lastName: 'Wiśniewska-Stara', birthDate: utcDate(1970, 3, 14), sex: 'FEMALE' });
    await db.participant.update({ where: { id: p.id }, data: { phone: '600 100 200', street: 'ul. Długa', status: closed ? 'CLOSED' : 'ACTIVE', caseClosedAt: closed, sensitive: { create: { alcoholAddiction: true, healthNotes: 'leczenie' } } } });
    const c = await makeContract(db, { participantId: p.id, socialWorkerId: worker.id, status: 'FULFILLED' });
    await db.contractGoal.create({ data: { contractId: c.id, position: 1, description: 'Podjęcie terapii' } });
    await db.referral.create({ data: { number: `SK/T/${p.id}`, kind: 'KIS', participantId: p.id, authorId: worker.id, eligibilityBases: ['ALCOHOL_ADDICTION'], reasons: 'Szczegóły sytuacji rodzinnej', status: 'ACCEPTED' } });
    const ed = await makeEdition(db);
    await db.enrolment.create({ data: { editionId: ed.id, groupId: ed.groups[0]!.id, participantId: p.id, startDate: ed.startDate, status: 'COMPLETED', opinionEnd: 'Dobra współpraca' } });
    await recordAudit(db, { id: worker.id, login: worker.login }, { action: 'participant.update', participantId: p.id, entityType: 'participant', entityId: p.id, details: { phone: ['500', '600 100 200'] } });
    return p.id;
  };
  old = await mk(utcDate(2016, 11, 23)); // exactly 10 years ago: due
  recent = await mk(utcDate(2016, 11, 24)); // one day short
  active = await mk(null);
});
afterAll(() => ctx.close());

describe('anonymisation', () => {
  it('finds exactly the people whose case closed at least the retention period ago', async () => {
    const due = await findDueForAnonymisation(ctx.db.prisma, today);
    expect(due.people.map((p) => p.id)).toEqual([old]);
  });

  it('removes identity, contact, narratives and special-category data, and keeps what statistics need', async () => {
    expect(await anonymiseDue(ctx.db.prisma, null, today)).toBe(1);
    const db = ctx.db.prisma;
    const p = await db.participant.findUniqueOrThrow({ where: { id: old }, include: { sensitive: true, referrals: true, enrolments: true, contracts: { include: { goals: true } } } });
    expect(p.status).toBe('ANONYMISED');
    expect([p.pesel, p.phone, p.street, p.sensitive]).toEqual([null, null, null, null]);
    expect(p.lastName).not.toContain('Wiśniewska');
    expect(p.sex).toBe('FEMALE');
    expect(p.birthDate.getUTCFullYear()).toBe(1970);
    expect(p.referrals[0]!.reasons).toBe(REDACTED);
    expect(p.referrals[0]!.eligibilityBases).toEqual(['ALCOHOL_ADDICTION']);
    expect(p.enrolments[0]!.status).toBe('COMPLETED');
    expect(p.enrolments[0]!.opinionEnd).toBeNull();
    expect(p.contracts[0]!.goals[0]!.description).toBe(REDACTED);
    const log = await db.auditLog.findMany({ where: { participantId: old } });
    expect(log.find((l) => l.action === 'participant.update')?.details).toBeNull();
    expect(log.some((l) => l.action === 'participant.anonymise')).toBe(true);
  });

  it('leaves everyone else untouched', async () => {
    for (const id of [recent, active]) {
      const p = await ctx.db.prisma.participant.findUniqueOrThrow({ where: { id }, include: { sensitive: true } });
      expect(p.lastName).toContain('Wiśniewska-Stara');
      expect(p.sensitive?.alcoholAddiction).toBe(true);
    }
    const log = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { participantId: recent, action: 'participant.update' } });
    expect(log.details).toEqual({ phone: ['500', '600 100 200'] });
  });

  it('running again does nothing more', async () => {
    expect(await anonymiseDue(ctx.db.prisma, null, today)).toBe(0);
  });
});
