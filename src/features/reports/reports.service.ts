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

/**
 * An open period's report is computed from all the year's data, which takes seconds in a big centre, so no
 * request should wait for it. A computed report is served as it is for a few minutes (the page, the PDF and
 * the spreadsheet then carry the very same numbers); an older one is still served while a new computation
 * runs behind it, and the warmer (startReportWarmer) keeps the periods a director opens computed. The page
 * says when its numbers were computed and offers "Przelicz teraz" (fresh: true).
 */
const REPORT_FRESH_MS = 5 * 60_000;
/** Older than this, a kept report is not served while the new one is computed: the request waits. */
const REPORT_STALE_MS = 30 * 60_000;
const reportCache = new Map<string, { at: number; value: ReportDocument }>();
/**
 * The computation each kept one replaced, so a download from a page computed just before a refresh still
 * carries the page's numbers (the page's links name the computation: `wersja` = its generatedAt).
 */
const replacedReports = new Map<string, ReportDocument>();
/** A second request for a report being computed waits for that computation instead of starting its own. */
let computing = new SingleFlight<ReportDocument>();

export function forgetComputedReports(): void {
  reportCache.clear();
  replacedReports.clear();
  computing = new SingleFlight<ReportDocument>();
}

const cacheId = (key: ReportKey) => `${key.kind}/${key.year}/${key.month}`;

/** When the kept computation of an open period's report started, if one is kept. */
export function reportKeptAt(key: ReportKey): Date | undefined {
  const kept = reportCache.get(cacheId(key));
  return kept ? new Date(kept.at) : undefined;
}

/** Computes the report now and keeps it, unless a computation started later has already been kept. */
async function computeAndKeep(db: DbClient, key: ReportKey, id: string): Promise<ReportDocument> {
  const started = Date.now();
  const value = await computeReport(db, key);
  const kept = reportCache.get(id);
  if (!kept || kept.at <= started) {
    if (kept) replacedReports.set(id, kept.value);
    reportCache.set(id, { at: started, value });
  }
  return value;
}

/** Computes and keeps the report, or joins the computation of it already running. */
function computeShared(db: DbClient, key: ReportKey): Promise<ReportDocument> {
  const id = cacheId(key);
  return computing.run(id, () => computeAndKeep(db, key, id));
}

/** Starts (or joins) a computation of the report without waiting for it; a failure is logged, not thrown. */
function refreshInBackground(db: DbClient, key: ReportKey): void {
  computeShared(db, key).catch((err: unknown) => {
    console.error(`Raport ${cacheId(key)}: przeliczenie w tle nie powiodło się:`, err instanceof Error ? err.message : err);
  });
}

/** The closed snapshot if there is one, else the live report. */
export async function getReport(db: DbClient, key: ReportKey, opts: { fresh?: boolean; version?: string } = {}): Promise<ReportDocument> {
  const snap = await db.reportSnapshot.findUnique({ where: { kind_year_month: key } });
  if (!snap) {
    const id = cacheId(key);
    // "Przelicz teraz" computes from the data as it is now, not joining a computation that began earlier.
    if (opts.fresh) return computeAndKeep(db, key, id);
    const hit = reportCache.get(id);
    // A download from the page: the very computation the page showed, while it is kept.
    if (opts.version) {
      if (hit?.value.generatedAt === opts.version) return hit.value;
      const replaced = replacedReports.get(id);
      if (replaced?.generatedAt === opts.version) return replaced;
    }
    const age = hit ? Date.now() - hit.at : Infinity;
    if (hit && age < REPORT_FRESH_MS) return hit.value;
    if (hit && age < REPORT_STALE_MS) {
      refreshInBackground(db, key);
      return hit.value;
    }
    return computeShared(db, key);
  }
  const by = snap.closedById ? await db.user.findUnique({ where: { id: snap.closedById }, select: { fullName: true } }) : null;
  return { ...(snap.data as unknown as ReportDocument), closed: { at: snap.closedAt.toISOString(), by: by?.fullName ?? null } };
}

/** The open periods a director is most likely to open: last month (due at the start of this one) and this one. */
export function periodsToKeepWarm(today = warsawDate()): ReportKey[] {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth() + 1;
  const last = m === 1 ? { year: y - 1, month: 12 } : { year: y, month: m - 1 };
  return [{ kind: 'MONTHLY', ...last }, { kind: 'MONTHLY', year: y, month: m }];
}

/** How often the warmer computes the likely reports again: before a kept one becomes too old to serve. */
const WARM_EVERY_MS = REPORT_STALE_MS - 5 * 60_000;

/**
 * Keeps the likely reports computed, off every request's path: once after start-up, then every 25 minutes,
 * so a kept one is always young enough to serve at once (a read more than 5 minutes after it was computed
 * also starts a new computation behind it). Closed periods are skipped (they are read from their snapshot).
 * Each run costs one report's computation per period (seconds of database work in a big centre), which is
 * why it is not more often. Returns a stop function.
 */
export function startReportWarmer(db: DbClient, opts: { firstAfterMs?: number; everyMs?: number } = {}): () => void {
  const warm = async () => {
    for (const key of periodsToKeepWarm()) {
      if (await db.reportSnapshot.findUnique({ where: { kind_year_month: key }, select: { kind: true } })) continue;
      await computeShared(db, key);
    }
  };
  const run = () => { warm().catch((err: unknown) => console.error('Raporty: przeliczenie w tle nie powiodło się:', err instanceof Error ? err.message : err)); };
  const first = setTimeout(run, opts.firstAfterMs ?? 30_000);
  const every = setInterval(run, opts.everyMs ?? WARM_EVERY_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
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
