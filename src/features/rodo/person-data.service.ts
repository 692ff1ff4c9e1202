// Everything held about one person (RODO art. 15), gathered for the PDF and the JSON export.
import type { DbClient } from '../../db/client.ts';
import { NotFoundError } from '../../http/errors.ts';

export async function collectPersonData(db: DbClient, participantId: number) {
  const person = await db.participant.findUnique({
    where: { id: participantId },
    include: {
      socialWorker: { select: { fullName: true } },
      sensitive: true,
      referrals: { orderBy: { createdAt: 'asc' }, include: { edition: { select: { name: true } }, group: { select: { name: true } } } },
      contracts: {
        orderBy: { startDate: 'asc' },
        include: { goals: { orderBy: { position: 'asc' } }, actions: { orderBy: { position: 'asc' } }, reviews: { orderBy: { dueDate: 'asc' } }, extensions: true, socialWorker: { select: { fullName: true } } },
      },
      enrolments: { orderBy: { startDate: 'asc' }, include: { edition: { select: { name: true } }, group: { select: { name: true } } } },
      individualPlans: { orderBy: { madeOn: 'asc' } },
      psuPlacements: { orderBy: { startDate: 'asc' }, include: { workplace: { select: { name: true } }, agreement: { select: { number: true } } } },
      psuSettlementRows: { include: { month: { select: { year: true, month: true } } } },
      certificates: { orderBy: { issuedOn: 'asc' }, select: { number: true, kind: true, issuedOn: true, revokedAt: true, edition: { select: { name: true } } } },
    },
  });
  if (!person) throw new NotFoundError('Nie ma takiej osoby.');
  const [attendance, psuEntries, changes] = await Promise.all([
    db.attendance.findMany({
      where: { participantId },
      orderBy: { session: { date: 'asc' } },
      select: { status: true, session: { select: { date: true, startMinute: true, endMinute: true, module: { select: { name: true } }, edition: { select: { name: true } } } } },
    }),
    db.psuHourEntry.findMany({ where: { participantId }, orderBy: { date: 'asc' }, select: { date: true, kind: true, minutes: true } }),
    // The correction trail: who changed what and when (values are kept in the log).
    db.auditLog.findMany({
      where: { participantId, action: { in: ['participant.create', 'participant.update', 'participant.sensitive.update'] } },
      orderBy: { id: 'asc' },
      select: { at: true, userLogin: true, action: true, details: true },
    }),
  ]);
  return { person, attendance, psuEntries, changes };
}

export type PersonData = Awaited<ReturnType<typeof collectPersonData>>;

/** Plain JSON (dates as YYYY-MM-DD or ISO instants), without internal ids of other people. */
export function personDataJson(data: PersonData, generatedAt: Date) {
  const replacer = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);
  const { passwordHash: _ignored, ...person } = data.person as typeof data.person & { passwordHash?: string };
  return JSON.parse(
    JSON.stringify(
      {
        format: 'reintegra/art15/v1',
        generatedAt: generatedAt.toISOString(),
        legalBasis: 'Art. 15 RODO – prawo dostępu osoby, której dane dotyczą',
        person,
        attendance: data.attendance,
        psuEntries: data.psuEntries,
        changes: data.changes,
      },
      replacer,
    ),
  );
}
