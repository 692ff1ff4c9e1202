// The dashboards' attendance flags come from one SQL query (flaggedPeople); they must agree exactly with
// the per-edition computation the edition pages use (editionAttendance + attendanceFlags).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/db/seed-demo.ts';
import { editionAttendance, flaggedPeople } from '../../src/features/attendance/attendance-report.service.ts';
import { addDays, utcDate } from '../../src/lib/dates.ts';
import { seededRandom } from '../../src/lib/random.ts';
import { createTestContext, TEST_HASH_COST, type TestContext } from '../helpers/app.ts';

let ctx: TestContext;
const today = utcDate(2026, 11, 23);

async function reference(socialWorkerId?: number) {
  const editions = await ctx.db.prisma.edition.findMany({ where: { status: { not: 'CLOSED' } }, select: { id: true } });
  const out: string[] = [];
  for (const { id } of editions) {
    const { rows } = await editionAttendance(ctx.db.prisma, id, today);
    for (const r of rows) {
      if (!r.flags.belowThreshold && r.flags.inactiveDays === null) continue;
      if (socialWorkerId && r.enrolment.participant.socialWorkerId !== socialWorkerId) continue;
      out.push(`${id}/${r.enrolment.participantId}: ${r.flags.belowThreshold} ${r.flags.inactiveDays} ${r.attendance.sessionsBp}`);
    }
  }
  return out.sort();
}

beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemo(ctx.db.prisma, { today, hashCost: TEST_HASH_COST });
  // Vary the picture: some marks removed, some excused, one person moved to the other group mid-way,
  // an individual session, a person who left the group (end date).
  const rnd = seededRandom(7);
  const marks = await ctx.db.prisma.attendance.findMany({ where: { session: { edition: { status: 'RUNNING' } } } });
  for (const m of marks) {
    const r = rnd.next();
    if (r < 0.05) await ctx.db.prisma.attendance.delete({ where: { sessionId_participantId: { sessionId: m.sessionId, participantId: m.participantId } } });
    else if (r < 0.15) await ctx.db.prisma.attendance.update({ where: { sessionId_participantId: { sessionId: m.sessionId, participantId: m.participantId } }, data: { status: rnd.pick(['ABSENT', 'EXCUSED'] as const) } });
  }
  const running = await ctx.db.prisma.edition.findFirstOrThrow({ where: { status: 'RUNNING' }, include: { groups: { orderBy: { name: 'asc' } }, enrolments: true } });
  const [mover, leaver, solo] = running.enrolments.filter((e) => e.groupId === running.groups[0]!.id);
  await ctx.db.prisma.enrolment.update({ where: { id: mover!.id }, data: { groupId: running.groups[1]!.id } });
  await ctx.db.prisma.enrolment.update({ where: { id: leaver!.id }, data: { endDate: addDays(today, -30) } });
  await ctx.db.prisma.classSession.create({ data: { editionId: running.id, participantId: solo!.participantId, date: addDays(today, -3), startMinute: 600, endMinute: 660, status: 'HELD' } });
}, 120_000);
afterAll(() => ctx.close());

describe('attendance flags for the dashboards', () => {
  it('match the per-edition computation for the coordinator (everyone)', async () => {
    const fast = (await flaggedPeople(ctx.db.prisma, { today })).map((f) => `${f.editionId}/${f.participantId}: ${f.belowThreshold} ${f.inactiveDays} ${f.sessionsBp}`).sort();
    const expected = await reference();
    expect(expected.length).toBeGreaterThan(0);
    expect(fast).toEqual(expected);
  });

  it('match for each social worker\'s caseload', async () => {
    const workers = await ctx.db.prisma.user.findMany({ where: { roles: { has: 'SOCIAL_WORKER' } } });
    for (const w of workers) {
      const fast = (await flaggedPeople(ctx.db.prisma, { socialWorkerId: w.id, today })).map((f) => `${f.editionId}/${f.participantId}: ${f.belowThreshold} ${f.inactiveDays} ${f.sessionsBp}`).sort();
      expect(fast).toEqual(await reference(w.id));
    }
  });
});
