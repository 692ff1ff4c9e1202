// The monthly settlement of an agreement: for each person hours × rate = benefit, the PUP's refund at
// the agreement's percentage and the gmina's own share. Money is whole grosze, each person rounded
// half up, totals are sums of the rows. Closing a month freezes its rows; reopening is the
// administrator's act and is logged.
import { faultPoint } from '../../db/fault-point.ts';
import type { DbClient } from '../../db/client.ts';
import type { PsuAgreement } from '../../generated/prisma/client.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { formatDate, isoDate, warsawDate } from '../../lib/dates.ts';
import { KeptFor } from '../../lib/kept.ts';
import { rateOn, settlePerson, sumRows } from '../../lib/psu.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { lockOpenMonth } from './hours.service.ts';
import { onPsuDataChange, psuDataChanged } from './psu-changes.ts';
import { firstDay, lastDay, monthLabel, monthOf, monthParam, monthsBetween, type YearMonth } from './psu-month.ts';
import { listRates } from './rates.service.ts';

/** Printed on the page and on every document. */
export const ROUNDING_NOTE = 'Kwoty zaokrąglone do pełnych groszy dla każdej osoby (od 0,5 grosza w górę); suma = suma wierszy.';

export interface SettlementPerson {
  participantId: number;
  placementId: number;
  firstName: string;
  lastName: string;
  pesel: string | null;
  /** PESEL, or the identity document of a person without one. */
  identity: string;
  workplaces: string[];
  minutes: number;
  workDays: number;
  sicknessDays: number;
  absenceDays: number;
  rateGrosze: number;
  amountGrosze: number;
  refundGrosze: number;
  ownShareGrosze: number;
}

export interface Settlement {
  agreement: PsuAgreement;
  year: number;
  month: number;
  status: 'OPEN' | 'CLOSED';
  /** true: the rows and totals are the ones stored when the month was closed. */
  frozen: boolean;
  monthId: number | null;
  monthVersion: number | null;
  closedAt: Date | null;
  closedBy: string | null;
  reopenedAt: Date | null;
  reopenReason: string | null;
  /** The hourly rate of the month; null when neither the agreement nor the rate table gives one. */
  rateGrosze: number | null;
  rateSource: 'agreement' | 'table' | 'frozen';
  /** People paid this month (worked minutes > 0), ordered by surname. */
  rows: SettlementPerson[];
  /** People placed this month with nothing to pay (sickness, absence, no hours yet). */
  unpaid: Omit<SettlementPerson, 'rateGrosze' | 'amountGrosze' | 'refundGrosze' | 'ownShareGrosze'>[];
  totals: { people: number; minutes: number; amountGrosze: number; refundGrosze: number; ownShareGrosze: number };
}

const DOCUMENT_LABELS: Record<string, string> = { PASSPORT: 'paszport', RESIDENCE_CARD: 'karta pobytu', FOREIGN_ID_CARD: 'dowód zagraniczny', OTHER: 'dokument' };

function identityOf(p: { pesel: string | null; documentType: string | null; documentNumber: string | null }): string {
  if (p.pesel) return p.pesel;
  if (p.documentNumber) return `${DOCUMENT_LABELS[p.documentType ?? 'OTHER'] ?? 'dokument'} ${p.documentNumber}`;
  return 'brak PESEL';
}

interface PlacementMonth {
  id: number;
  participantId: number;
  firstName: string;
  lastName: string;
  pesel: string | null;
  documentType: string | null;
  documentNumber: string | null;
  workplace: string;
  minutes: number;
  workDays: number;
  sicknessDays: number;
  absenceDays: number;
}

/**
 * Per person: minutes, days and workplaces of the month under this agreement, from the entries. The days
 * are counted in the database per placement (a big agreement has thousands of people and tens of thousands
 * of days a month); placements in force in the month or with entries in it, oldest first.
 */
async function aggregate(db: DbClient, agreementId: number, ym: YearMonth) {
  const from = firstDay(ym);
  const to = lastDay(ym);
  const placements = await db.$queryRaw<PlacementMonth[]>`
    SELECT p.id, p.participant_id AS "participantId", pa.first_name AS "firstName", pa.last_name AS "lastName", pa.pesel,
           pa.document_type::text AS "documentType", pa.document_number AS "documentNumber", w.name AS workplace,
           COALESCE(sum(e.minutes) FILTER (WHERE e.kind = 'WORK'), 0)::int AS minutes,
           count(e.id) FILTER (WHERE e.kind = 'WORK')::int AS "workDays",
           count(e.id) FILTER (WHERE e.kind = 'SICKNESS')::int AS "sicknessDays",
           count(e.id) FILTER (WHERE e.kind = 'ABSENCE')::int AS "absenceDays"
    FROM psu_placements p
    JOIN participants pa ON pa.id = p.participant_id
    JOIN psu_workplaces w ON w.id = p.workplace_id
    LEFT JOIN psu_hour_entries e ON e.placement_id = p.id AND e.date >= ${from} AND e.date <= ${to}
    WHERE p.agreement_id = ${agreementId}
      AND ((p.start_date <= ${to} AND p.end_date >= ${from})
           OR EXISTS (SELECT 1 FROM psu_hour_entries x WHERE x.placement_id = p.id AND x.date >= ${from} AND x.date <= ${to}))
    GROUP BY p.id, pa.id, w.name
    ORDER BY p.start_date, p.id`;
  const people = new Map<number, Omit<SettlementPerson, 'rateGrosze' | 'amountGrosze' | 'refundGrosze' | 'ownShareGrosze'> & { best: number }>();
  for (const p of placements) {
    const minutes = p.minutes;
    const person = people.get(p.participantId) ?? {
      participantId: p.participantId,
      placementId: p.id,
      firstName: p.firstName,
      lastName: p.lastName,
      pesel: p.pesel,
      identity: identityOf(p),
      workplaces: [],
      minutes: 0,
      workDays: 0,
      sicknessDays: 0,
      absenceDays: 0,
      best: -1,
    };
    if (!person.workplaces.includes(p.workplace)) person.workplaces.push(p.workplace);
    person.minutes += minutes;
    person.workDays += p.workDays;
    person.sicknessDays += p.sicknessDays;
    person.absenceDays += p.absenceDays;
    // The row is stored against the placement with the most hours (the latest one on a tie).
    if (minutes >= person.best) {
      person.best = minutes;
      person.placementId = p.id;
    }
    people.set(p.participantId, person);
  }
  const collator = new Intl.Collator('pl');
  return [...people.values()]
    .map(({ best: _best, ...rest }) => rest)
    .sort((a, b) => collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName));
}

/**
 * The settlement of one agreement's month as it stands: for a closed month the frozen rows and totals
 * stored at closing; for an open month computed now from the entries and the rate in force on the
 * month's first day (rates change on the 1st of a month). Used by the PSU pages and by reports.
 */
export async function computeSettlement(db: DbClient, agreementId: number, year: number, month: number): Promise<Settlement> {
  const agreement = await db.psuAgreement.findUnique({ where: { id: agreementId } });
  if (!agreement) throw new NotFoundError('Nie ma takiego porozumienia.');
  const ym = { year, month };
  const [people, monthRow] = await Promise.all([
    aggregate(db, agreementId, ym),
    db.psuMonth.findUnique({
      where: { agreementId_year_month: { agreementId, year, month } },
      include: { closedBy: { select: { fullName: true } }, rows: true },
    }),
  ]);
  const base = {
    agreement,
    year,
    month,
    monthId: monthRow?.id ?? null,
    monthVersion: monthRow?.version ?? null,
    closedAt: monthRow?.closedAt ?? null,
    closedBy: monthRow?.closedBy?.fullName ?? null,
    reopenedAt: monthRow?.reopenedAt ?? null,
    reopenReason: monthRow?.reopenReason ?? null,
  };
  if (monthRow?.status === 'CLOSED') {
    const personById = new Map(people.map((p) => [p.participantId, p]));
    const rows = monthRow.rows.map((r) => {
      const person = personById.get(r.participantId)!;
      return { ...person, placementId: r.placementId, minutes: r.minutes, rateGrosze: r.rateGrosze, amountGrosze: r.amountGrosze, refundGrosze: r.refundGrosze, ownShareGrosze: r.amountGrosze - r.refundGrosze };
    });
    const rowById = new Map(rows.map((r) => [r.participantId, r]));
    const ordered = people.filter((p) => rowById.has(p.participantId)).map((p) => rowById.get(p.participantId)!);
    return {
      ...base,
      status: 'CLOSED',
      frozen: true,
      rateGrosze: rows[0]?.rateGrosze ?? null,
      rateSource: 'frozen',
      rows: ordered,
      unpaid: people.filter((p) => !rowById.has(p.participantId)),
      totals: {
        people: rows.length,
        minutes: monthRow.totalMinutes ?? 0,
        amountGrosze: monthRow.totalBenefitGrosze ?? 0,
        refundGrosze: monthRow.refundGrosze ?? 0,
        ownShareGrosze: monthRow.ownShareGrosze ?? 0,
      },
    };
  }
  const rateGrosze = agreement.ownRateGrosze ?? rateOn(firstDay(ym), await listRates(db));
  const rows = people
    .filter((p) => p.minutes > 0)
    .map((p) => ({ ...p, ...settlePerson(p.minutes, rateGrosze ?? 0, agreement.refundBasisPoints) }));
  return {
    ...base,
    status: 'OPEN',
    frozen: false,
    rateGrosze,
    rateSource: agreement.ownRateGrosze ? 'agreement' : 'table',
    rows,
    unpaid: people.filter((p) => p.minutes === 0),
    totals: { people: rows.length, ...sumRows(rows) },
  };
}

/** Freezes the month: stores each person's row and the totals; entries of the month are refused from now on. */
export async function closeMonth(db: DbClient, actor: Actor, agreementId: number, ym: YearMonth, today = warsawDate()) {
  const agreement = await db.psuAgreement.findUnique({ where: { id: agreementId } });
  if (!agreement) throw new NotFoundError('Nie ma takiego porozumienia.');
  if (lastDay(ym) < agreement.periodStart || firstDay(ym) > agreement.periodEnd) {
    throw new ConflictError(`Miesiąc ${monthLabel(ym)} jest poza okresem porozumienia.`);
  }
  if (today < lastDay(ym)) throw new ConflictError(`Miesiąc ${monthLabel(ym)} jeszcze trwa: można go zamknąć od ${formatDate(lastDay(ym))}.`);
  await lockOpenMonth(db, agreementId, ym);
  const s = await computeSettlement(db, agreementId, ym.year, ym.month);
  if (s.rateGrosze === null) {
    throw new ConflictError(`Brak stawki godzinowej na ${monthLabel(ym)}: administrator musi dodać ją w tabeli stawek PSU albo trzeba wpisać stawkę w porozumieniu.`);
  }
  const monthRow = await db.psuMonth.findUniqueOrThrow({ where: { agreementId_year_month: { agreementId, year: ym.year, month: ym.month } } });
  await db.psuSettlementRow.deleteMany({ where: { monthId: monthRow.id } });
  await db.psuSettlementRow.createMany({
    data: s.rows.map((r) => ({
      monthId: monthRow.id,
      participantId: r.participantId,
      placementId: r.placementId,
      minutes: r.minutes,
      rateGrosze: r.rateGrosze,
      amountGrosze: r.amountGrosze,
      refundGrosze: r.refundGrosze,
    })),
  });
  await faultPoint('psu.month.close');
  const totals = { totalMinutes: s.totals.minutes, totalBenefitGrosze: s.totals.amountGrosze, refundGrosze: s.totals.refundGrosze, ownShareGrosze: s.totals.ownShareGrosze };
  await db.psuMonth.update({
    where: { id: monthRow.id },
    data: { status: 'CLOSED', closedAt: new Date(), closedById: actor.id, ...totals, version: { increment: 1 } },
  });
  psuDataChanged();
  await recordAudit(db, actor, {
    action: 'psu.month.close',
    entityType: 'psu_month',
    entityId: monthRow.id,
    details: { agreementId, agreement: agreement.number, month: monthParam(ym), people: s.rows.length, rateGrosze: s.rateGrosze, ...totals },
  });
  return s;
}

export async function getMonth(db: DbClient, monthId: number) {
  const month = await db.psuMonth.findUnique({
    where: { id: monthId },
    include: { agreement: true, closedBy: { select: { fullName: true } }, _count: { select: { rows: true } } },
  });
  if (!month) throw new NotFoundError('Nie ma takiego miesiąca rozliczenia.');
  return month;
}

/** The administrator opens a closed month again; the frozen rows are dropped (the audit keeps them). */
export async function reopenMonth(db: DbClient, actor: Actor, monthId: number, input: { reason: string; version: number }) {
  const month = await getMonth(db, monthId);
  if (month.status !== 'CLOSED') throw new ConflictError('Ten miesiąc jest już otwarty.');
  const rows = await db.psuSettlementRow.findMany({ where: { monthId } });
  const { count } = await db.psuMonth.updateMany({
    where: { id: monthId, version: input.version, status: 'CLOSED' },
    data: {
      status: 'OPEN',
      reopenedAt: new Date(),
      reopenReason: input.reason,
      totalMinutes: null,
      totalBenefitGrosze: null,
      refundGrosze: null,
      ownShareGrosze: null,
      version: { increment: 1 },
    },
  });
  if (count === 0) throw new ConflictError('Ktoś inny zmienił ten miesiąc w międzyczasie. Odśwież stronę.');
  psuDataChanged();
  await db.psuSettlementRow.deleteMany({ where: { monthId } });
  await recordAudit(db, actor, {
    action: 'psu.month.reopen',
    entityType: 'psu_month',
    entityId: monthId,
    details: {
      agreementId: month.agreementId,
      agreement: month.agreement.number,
      month: monthParam(month),
      reason: input.reason,
      closed: {
        at: month.closedAt?.toISOString() ?? null,
        by: month.closedBy?.fullName ?? null,
        totalMinutes: month.totalMinutes,
        totalBenefitGrosze: month.totalBenefitGrosze,
        refundGrosze: month.refundGrosze,
        ownShareGrosze: month.ownShareGrosze,
        rows: rows.map((r) => ({ participantId: r.participantId, minutes: r.minutes, rateGrosze: r.rateGrosze, amountGrosze: r.amountGrosze, refundGrosze: r.refundGrosze })),
      },
    },
  });
  return month;
}

/**
 * What a month's settlement documents print, as one string that changes whenever any of it does, read in one
 * query without computing the settlement: the month's state and version, the agreement, the names beside the
 * rows (people, workplaces, placements) and, while the month is open, its hour entries (count, sum, newest id
 * and change) and the rate table. A closed month's rows are frozen, so corrections of names or an
 * anonymisation are all that can change its documents. Undefined when there is no such agreement.
 */
export async function settlementDocumentStamp(db: DbClient, agreementId: number, ym: YearMonth) {
  const [row] = await db.$queryRaw<{ number: string; stamp: string }[]>`
    SELECT a.number,
      concat_ws('|', m.status, m.version, a.version, a.updated_at,
        (SELECT md5(string_agg(concat_ws('.', p.id, p.version, p.updated_at, pa.id, pa.version, w.id, w.name), ',' ORDER BY p.id))
           FROM psu_placements p JOIN participants pa ON pa.id = p.participant_id JOIN psu_workplaces w ON w.id = p.workplace_id
          WHERE p.agreement_id = a.id),
        CASE WHEN m.status IS DISTINCT FROM 'CLOSED' THEN
          (SELECT concat_ws('.', count(*), sum(e.minutes), max(e.id), max(e.updated_at), string_agg(DISTINCT e.kind::text, ','))
             FROM psu_hour_entries e JOIN psu_placements p ON p.id = e.placement_id
            WHERE p.agreement_id = a.id AND e.date >= ${firstDay(ym)} AND e.date <= ${lastDay(ym)}) END,
        CASE WHEN m.status IS DISTINCT FROM 'CLOSED' THEN
          (SELECT md5(string_agg(concat_ws('.', r.id, r.valid_from, r.rate_grosze), ',' ORDER BY r.id)) FROM psu_rates r) END) AS stamp
    FROM psu_agreements a
    LEFT JOIN psu_months m ON m.agreement_id = a.id AND m.year = ${ym.year} AND m.month = ${ym.month}
    WHERE a.id = ${agreementId}`;
  return row;
}

/** Closed (and once reopened) months of every agreement, newest first, for the administrator. */
export async function listClosedMonths(db: DbClient) {
  return db.psuMonth.findMany({
    where: { OR: [{ status: 'CLOSED' }, { reopenedAt: { not: null } }] },
    orderBy: [{ year: 'desc' }, { month: 'desc' }, { agreementId: 'asc' }],
    include: { agreement: { select: { number: true } }, closedBy: { select: { fullName: true } } },
  });
}

/** The agreement's months so far, newest first: closed ones with their frozen totals, open ones with hours. */
export async function monthsOverview(
  db: DbClient,
  agreement: { id: number; periodStart: Date; periodEnd: Date; months: { year: number; month: number; status: string; closedAt: Date | null; totalMinutes: number | null; totalBenefitGrosze: number | null; refundGrosze: number | null }[] },
  today = warsawDate(),
) {
  if (today < agreement.periodStart) return [];
  const end = agreement.periodEnd < today ? agreement.periodEnd : today;
  // Closed months show their frozen totals; only the open ones are summed, in the database (a month of a
  // big agreement is thousands of entries).
  const isClosed = (ym: YearMonth) => agreement.months.some((m) => m.year === ym.year && m.month === ym.month && m.status === 'CLOSED');
  const firstOpen = monthsBetween(agreement.periodStart, end).find((ym) => !isClosed(ym));
  const sums = firstOpen
    ? await db.$queryRaw<{ y: number; m: number; minutes: number }[]>`
      SELECT extract(year FROM e.date)::int AS y, extract(month FROM e.date)::int AS m, sum(e.minutes)::int AS minutes
      FROM psu_hour_entries e JOIN psu_placements p ON p.id = e.placement_id
      WHERE p.agreement_id = ${agreement.id} AND e.kind = 'WORK' AND e.date >= ${firstDay(firstOpen)} AND e.date <= ${lastDay(monthOf(end))}
      GROUP BY 1, 2`
    : [];
  const live = new Map(sums.map((r) => [monthParam({ year: r.y, month: r.m }), r.minutes]));
  return monthsBetween(agreement.periodStart, end)
    .reverse()
    .map((ym) => {
      const stored = agreement.months.find((m) => m.year === ym.year && m.month === ym.month);
      const closed = stored?.status === 'CLOSED';
      return {
        ...ym,
        key: monthParam(ym),
        label: monthLabel(ym),
        closed,
        closedAt: closed ? stored!.closedAt : null,
        minutes: closed ? (stored!.totalMinutes ?? 0) : (live.get(monthParam(ym)) ?? 0),
        amountGrosze: closed ? stored!.totalBenefitGrosze : null,
        refundGrosze: closed ? stored!.refundGrosze : null,
        over: today >= lastDay(ym),
      };
    });
}

/** For the dashboard: per active agreement, hours this month and the finished months still open. */
export function psuDashboard(db: DbClient, today = warsawDate()) {
  return keptDashboard.get(isoDate(today), () => computePsuDashboard(db, today));
}

/** The sums read thousands of hour entries: kept for a minute, forgotten when PSU data changes. */
const keptDashboard = new KeptFor<Awaited<ReturnType<typeof computePsuDashboard>>>(60_000);
onPsuDataChange(() => keptDashboard.forget());

async function computePsuDashboard(db: DbClient, today: Date) {
  const agreements = await db.psuAgreement.findMany({
    where: { status: 'ACTIVE', periodStart: { lte: today } },
    orderBy: { periodStart: 'desc' },
    include: { months: true },
  });
  const out = [];
  for (const a of agreements) {
    const months = await monthsOverview(db, a, today);
    const current = months.find((m) => !m.over);
    out.push({
      id: a.id,
      number: a.number,
      currentKey: current?.key ?? null,
      currentLabel: current?.label ?? null,
      currentMinutes: current?.minutes ?? 0,
      toClose: months.filter((m) => m.over && !m.closed && m.minutes > 0),
    });
  }
  return out;
}
