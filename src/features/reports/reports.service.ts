// Reports for a period: computed live from the data, or, once an administrator has closed the period,
// read from its frozen snapshot so the numbers sent to the city, the voivode or a funder never change.
import type { DbClient } from '../../db/client.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { utcDate, warsawDate } from '../../lib/dates.ts';
import { SingleFlight } from '../../lib/single-flight.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { loadReportData } from './report-loader.ts';
import type { ReportDocument } from './report-model.ts';
import { computeMonthlyReport, monthLabel, monthPeriod } from './monthly-report.ts';
import { computeYearlyReport } from './yearly-report.ts';

export type ReportKindValue = 'MONTHLY' | 'YEARLY';

export interface ReportKey {
  kind: ReportKindValue;
  year: number;
  /** 0 for a yearly report. */
  month: number;
}

function periodOf(key: ReportKey) {
  return key.kind === 'MONTHLY' ? monthPeriod(key.year, key.month) : { from: utcDate(key.year, 1, 1), to: utcDate(key.year, 12, 31) };
}

export function reportLabel(key: ReportKey): string {
  return key.kind === 'MONTHLY' ? `raport za ${monthLabel(key.year, key.month)}` : `sprawozdanie roczne za ${key.year}`;
}

export async function computeReport(db: DbClient, key: ReportKey, now = new Date()): Promise<ReportDocument> {
  const p = periodOf(key);
  const data = await loadReportData(db, p.from, p.to);
  return key.kind === 'MONTHLY' ? computeMonthlyReport(data, key.year, key.month, now) : computeYearlyReport(data, key.year, now);
}

/** The closed snapshot if there is one, else the live report. */
/**
 * An open period's report is computed from all the year's data, which takes a while in a big centre, so a
 * computed report is reused for a few minutes (the page, the PDF and the spreadsheet then also carry the
 * very same numbers). The page says when it was computed and offers "Przelicz teraz" (fresh: true).
 */
const REPORT_CACHE_MS = 5 * 60_000;
const reportCache = new Map<string, { at: number; value: ReportDocument }>();
/** A second request for a report being computed waits for that computation instead of starting its own. */
let computing = new SingleFlight<ReportDocument>();

export function forgetComputedReports(): void {
  reportCache.clear();
  computing = new SingleFlight<ReportDocument>();
}

/** Computes the report now and keeps it, unless a computation started later has already been kept. */
async function computeAndKeep(db: DbClient, key: ReportKey, id: string): Promise<ReportDocument> {
  const started = Date.now();
  const value = await computeReport(db, key);
  const kept = reportCache.get(id);
  if (!kept || kept.at <= started) reportCache.set(id, { at: started, value });
  return value;
}

export async function getReport(db: DbClient, key: ReportKey, opts: { fresh?: boolean } = {}): Promise<ReportDocument> {
  const snap = await db.reportSnapshot.findUnique({ where: { kind_year_month: key } });
  if (!snap) {
    const id = `${key.kind}/${key.year}/${key.month}`;
    const hit = reportCache.get(id);
    if (!opts.fresh && hit && Date.now() - hit.at < REPORT_CACHE_MS) return hit.value;
    // "Przelicz teraz" computes from the data as it is now, not joining a computation that began earlier.
    return opts.fresh ? computeAndKeep(db, key, id) : computing.run(id, () => computeAndKeep(db, key, id));
  }
  const by = snap.closedById ? await db.user.findUnique({ where: { id: snap.closedById }, select: { fullName: true } }) : null;
  return { ...(snap.data as unknown as ReportDocument), closed: { at: snap.closedAt.toISOString(), by: by?.fullName ?? null } };
}

/** A finished period that is not closed yet may be closed; otherwise a ConflictError says why not. */
export async function checkClosable(db: DbClient, key: ReportKey, today = warsawDate()): Promise<void> {
  if (periodOf(key).to >= today) throw new ConflictError(`Nie można zamknąć okresu, który jeszcze trwa (${reportLabel(key)}).`);
  if (await db.reportSnapshot.findUnique({ where: { kind_year_month: key } })) {
    throw new ConflictError(`Okres jest już zamknięty (${reportLabel(key)}).`);
  }
}

/**
 * Freezes a finished period: later views read the stored numbers. The report is computed just before
 * (outside the transaction, where its queries may run in parallel); the unique key stops a second close.
 */
export async function closeReport(db: DbClient, actor: Actor, key: ReportKey, report: ReportDocument, today = warsawDate()) {
  await checkClosable(db, key, today);
  try {
    await db.reportSnapshot.create({ data: { ...key, data: report as unknown as Prisma.InputJsonValue, closedById: actor.id } });
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') throw new ConflictError(`Okres jest już zamknięty (${reportLabel(key)}).`);
    throw err;
  }
  await recordAudit(db, actor, { action: 'report.close', entityType: 'report', entityId: `${key.kind}/${key.year}/${key.month}` });
}

/** Reopens a closed period (an administrator's correction), logged with the reason. */
export async function reopenReport(db: DbClient, actor: Actor, key: ReportKey, reason: string) {
  const { count } = await db.reportSnapshot.deleteMany({ where: key });
  forgetComputedReports();
  if (count === 0) throw new ConflictError(`Okres nie jest zamknięty (${reportLabel(key)}).`);
  await recordAudit(db, actor, { action: 'report.reopen', entityType: 'report', entityId: `${key.kind}/${key.year}/${key.month}`, details: { reason } });
}

export async function closedReports(db: DbClient) {
  return db.reportSnapshot.findMany({ orderBy: [{ year: 'desc' }, { month: 'desc' }], select: { kind: true, year: true, month: true, closedAt: true } });
}

export function checkKey(kind: ReportKindValue, year: number, month: number): ReportKey {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new NotFoundError('Nie ma raportu za ten okres.');
  if (kind === 'MONTHLY' && (!Number.isInteger(month) || month < 1 || month > 12)) throw new NotFoundError('Nie ma raportu za ten okres.');
  return { kind, year, month: kind === 'MONTHLY' ? month : 0 };
}
