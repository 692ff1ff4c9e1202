// The machine-readable art. 15 export: every section of the PDF as plain JSON (dates as YYYY-MM-DD or
// ISO instants, amounts in grosze, attendance in basis points), plus the same art. 15 information.
import type { PersonData } from './person-data.service.ts';
import { buildTrail } from './correction-trail.ts';
import { psuMonths } from './person-document-club.ts';
import { centreAddress, rightsInformation } from './rights-info.ts';

export const ART15_FORMAT = 'reintegra/art15/v2';

export function personDataJson(data: PersonData, generatedAt: Date) {
  const {
    socialWorker, sensitive, referrals, contracts, enrolments, individualPlans, psuPlacements, psuSettlementRows, certificates, ...person
  } = data.person;
  const c = data.centre;
  const doc = {
    format: ART15_FORMAT,
    generatedAt: generatedAt.toISOString(),
    legalBasis: 'Art. 15 RODO – prawo dostępu osoby, której dane dotyczą',
    controller: { name: c.name, address: centreAddress(c), phone: c.phone ?? null, email: c.email ?? null, dataProtectionOfficer: c.dpoContact ?? null },
    person: { ...person, socialWorkerName: socialWorker?.fullName ?? null },
    specialCategory: sensitive,
    referrals,
    socialContracts: contracts,
    kis: {
      enrolments: enrolments.map((e) => {
        const rate = data.rates.find((r) => r.enrolmentId === e.id);
        return { ...e, attendanceSoFar: rate ? { ...rate.sessions, basisPoints: rate.sessionsBp, hoursBasisPoints: rate.hoursBp } : null };
      }),
      attendance: data.attendance.map((a) => ({
        date: a.session.date,
        startMinute: a.session.startMinute,
        endMinute: a.session.endMinute,
        edition: a.session.edition.name,
        module: a.session.module?.name ?? null,
        topic: a.session.topic,
        status: a.status,
        note: a.note,
      })),
      individualPlans,
    },
    psu: {
      placements: psuPlacements,
      hourEntries: data.psuEntries,
      months: psuMonths(data).map((m) => ({
        year: m.year, month: m.month, minutesWorked: m.minutes, sicknessDays: m.sick, absenceDays: m.absent,
        settled: m.settled ? { minutes: m.settled.minutes, rateGrosze: m.settled.rate, amountGrosze: m.settled.amount } : null,
      })),
      settlementRows: psuSettlementRows,
    },
    certificates,
    changes: buildTrail(data.changes, data.workerNames).map(({ who: _who, ...e }) => e),
    information: rightsInformation(c, data.person),
  };
  // Calendar dates (stored at UTC midnight) as YYYY-MM-DD; instants stay ISO with time.
  const replacer = (_k: string, v: unknown) =>
    typeof v === 'bigint' ? v.toString() : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/.test(v) ? v.slice(0, 10) : v;
  return JSON.parse(JSON.stringify(doc, replacer)) as Record<string, unknown>;
}
