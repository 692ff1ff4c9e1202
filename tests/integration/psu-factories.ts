// Rows for the PSU tests: an agreement with workplaces, placements and hour entries. Written directly, so
// they tell the kept PSU figures (dashboards) of the change as the services do.
import type { DbClient } from '../../src/db/client.ts';
import { utcDate } from '../../src/lib/dates.ts';
import { makeParticipant } from '../helpers/factories.ts';
import { psuDataChanged } from '../../src/features/public-works/psu-changes.ts';

let seq = 0;

export async function makeAgreement(db: DbClient, o: { year?: number; ownRateGrosze?: number | null; refundBasisPoints?: number; workplaces?: string[] } = {}) {
  seq += 1;
  const year = o.year ?? 2025;
  const agreement = await db.psuAgreement.create({
    data: {
      number: `PUP/PSU/T/${process.pid}/${seq}`,
      signedAt: utcDate(year, 1, 10),
      pupName: 'Powiatowy Urząd Pracy w Łęcznej',
      periodStart: utcDate(year, 1, 1),
      periodEnd: utcDate(year, 12, 31),
      plannedPeople: 10,
      plannedHoursPerMonth: 40,
      refundBasisPoints: o.refundBasisPoints ?? 6000,
      ownRateGrosze: o.ownRateGrosze === undefined ? 830 : o.ownRateGrosze,
      workplaces: { create: (o.workplaces ?? ['Urząd Gminy', 'Gminny Ośrodek Sportu']).map((name) => ({ name })) },
    },
    include: { workplaces: { orderBy: { id: 'asc' } } },
  });
  psuDataChanged();
  return agreement;
}

export async function makePlacement(db: DbClient, o: { agreementId: number; workplaceId: number; participantId?: number; start?: Date; end?: Date; lastName?: string }) {
  const participantId = o.participantId ?? (await makeParticipant(db, { lastName: o.lastName })).id;
  const agreement = await db.psuAgreement.findUniqueOrThrow({ where: { id: o.agreementId } });
  return db.psuPlacement.create({
    data: {
      agreementId: o.agreementId,
      workplaceId: o.workplaceId,
      participantId,
      startDate: o.start ?? agreement.periodStart,
      endDate: o.end ?? agreement.periodEnd,
      plannedHoursPerMonth: 40,
    },
    include: { participant: true },
  });
}

/** Worked days: [date, hours] pairs for one placement. */
export async function addHours(db: DbClient, placement: { id: number; participantId: number }, days: [Date, number][]) {
  await db.psuHourEntry.createMany({
    data: days.map(([date, hours]) => ({ placementId: placement.id, participantId: placement.participantId, date, kind: 'WORK' as const, minutes: Math.round(hours * 60) })),
  });
  psuDataChanged();
}
