// Factories that make unique, valid rows for tests. Each feature may add its own next to its tests.
import type { DbClient } from '../../src/db/client.ts';
import { addDays, utcDate } from '../../src/lib/dates.ts';
import { makePesel } from '../../src/lib/pesel.ts';

let seq = 0;
const next = () => (seq += 1) + (process.pid % 1000) * 1000;

export async function makeParticipant(db: DbClient, o: { socialWorkerId?: number | null; lastName?: string; firstName?: string; sex?: 'MALE' | 'FEMALE'; birthDate?: Date } = {}) {
  const n = next();
  const sex = o.sex ?? (n % 2 ? 'MALE' : 'FEMALE');
  const birthDate = o.birthDate ?? utcDate(1960 + (n % 40), 1 + (n % 12), 1 + (n % 28));
  return db.participant.create({
    data: {
      pesel: makePesel(birthDate, sex, n),
      firstName: o.firstName ?? (sex === 'MALE' ? 'Józef' : 'Małgorzata'),
      lastName: o.lastName ?? `Testowy-Łęcki ${n}`,
      birthDate,
      sex,
      city: 'Borków',
      socialWorkerId: o.socialWorkerId ?? null,
    },
  });
}

export async function makeContract(db: DbClient, o: { participantId: number; socialWorkerId: number; start?: Date; end?: Date; status?: 'ACTIVE' | 'FULFILLED' | 'BROKEN' | 'ENDED_EARLY' }) {
  const start = o.start ?? utcDate(2026, 1, 1);
  return db.socialContract.create({
    data: {
      number: `KS/T/${next()}`,
      participantId: o.participantId,
      socialWorkerId: o.socialWorkerId,
      signedAt: start,
      startDate: start,
      endDate: o.end ?? addDays(start, 180),
      assessment: 'Ocena sytuacji',
      causes: 'Przyczyny',
      supportOffered: 'Wsparcie',
      status: o.status ?? 'ACTIVE',
    },
  });
}

export async function makeEdition(db: DbClient, o: { start?: Date; end?: Date; groups?: { name: string; capacity: number }[]; status?: 'PLANNED' | 'RUNNING' | 'CLOSED'; thresholdPct?: number; excusedCountsAsPresent?: boolean } = {}) {
  const start = o.start ?? utcDate(2026, 3, 3);
  return db.edition.create({
    data: {
      name: `Edycja testowa ${next()}`,
      startDate: start,
      endDate: o.end ?? addDays(start, 84),
      fundingSource: 'OWN_BUDGET',
      plannedParticipants: 16,
      status: o.status ?? 'RUNNING',
      completionThresholdPct: o.thresholdPct ?? 80,
      excusedCountsAsPresent: o.excusedCountsAsPresent ?? false,
      groups: { create: o.groups ?? [{ name: 'Grupa A', capacity: 8 }, { name: 'Grupa B', capacity: 8 }] },
      modules: { create: [{ name: 'Warsztaty umiejętności psychospołecznych', area: 'SOCIAL', plannedHours: 24, position: 1 }] },
    },
    include: { groups: { orderBy: { name: 'asc' } }, modules: true },
  });
}
