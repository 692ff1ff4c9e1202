import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { ConflictError } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { f, parseForm } from '../../http/form.ts';
import { centreHeader } from '../../pdf/header.ts';
import { contentKey, PdfCache } from '../../pdf/cache.ts';
import { sendDownload, sendPdfBytes } from '../../pdf/send.ts';
import { MONTH_NAMES, warsawDate } from '../../lib/dates.ts';
import { actorOf } from '../audit/audit.service.ts';
import { getCentreSettingsCached } from '../settings/settings.service.ts';
import { formatValue, reportCsv } from './report-format.ts';
import { renderReportPdf } from './report.pdf.ts';
import { reportXlsx } from './report-xlsx.ts';
import { checkClosable, checkKey, closedReports, closeReport, computeReport, getReport, reopenReport, reportLabel, type ReportKey, type ReportKindValue } from './reports.service.ts';

const crumbs = [{ href: '/', text: 'Pulpit' }, { href: '/raporty', text: 'Raporty' }];
const reopenSchema = z.object({ reason: f.text('Podaj powód ponownego otwarcia okresu.', 500) });

function keyOf(req: Request, kind: ReportKindValue): ReportKey {
  return checkKey(kind, Number(req.params.year), kind === 'MONTHLY' ? Number(req.params.month) : 0);
}

export function pathOf(key: ReportKey): string {
  return key.kind === 'MONTHLY' ? `/raporty/miesieczny/${key.year}/${key.month}` : `/raporty/roczny/${key.year}`;
}

function fileName(key: ReportKey, ext: string): string {
  return key.kind === 'MONTHLY'
    ? `Raport miesięczny ${key.year}-${String(key.month).padStart(2, '0')}.${ext}`
    : `Sprawozdanie KIS ${key.year}.${ext}`;
}

export function reportsController(db: Database) {
  const reportPdfs = new PdfCache();

  const index: RequestHandler = async (req, res) => {
    const year = Number(req.query.rok);
    const month = Number(req.query.miesiac);
    if (req.query.rok !== undefined && req.query.miesiac !== undefined) {
      const key = checkKey('MONTHLY', year, month);
      return res.redirect(303, pathOf(key));
    }
    const today = warsawDate();
    const closed = await closedReports(db.prisma);
    const isClosed = (kind: string, y: number, m: number) => closed.some((c) => c.kind === kind && c.year === y && c.month === m);
    const months = Array.from({ length: 12 }, (_v, i) => {
      const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
      const y = d.getUTCFullYear();
      const m = d.getUTCMonth() + 1;
      return { year: y, month: m, label: `${MONTH_NAMES[m - 1]} ${y}`, closed: isClosed('MONTHLY', y, m), current: i === 0 };
    });
    const years = [0, 1, 2].map((i) => today.getUTCFullYear() - i).map((y) => ({ year: y, closed: isClosed('YEARLY', y, 0) }));
    res.render('reports/index', { title: 'Raporty', breadcrumbs: crumbs.slice(0, 1), months, years, monthNames: MONTH_NAMES, today });
  };

  const renderReport = async (req: Request, res: Response, key: ReportKey, status = 200, extra: Record<string, unknown> = {}) => {
    const report = await getReport(db.prisma, key, { fresh: req.query.przelicz === '1' });
    const finished = key.kind === 'MONTHLY' ? new Date(Date.UTC(key.year, key.month, 0)) < warsawDate() : new Date(Date.UTC(key.year, 11, 31)) < warsawDate();
    res.status(status).render(key.kind === 'MONTHLY' ? 'reports/monthly' : 'reports/yearly', {
      title: report.title, breadcrumbs: crumbs, report, key, base: pathOf(key), finished, fv: formatValue, ...extra,
    });
  };

  const show = (kind: ReportKindValue): RequestHandler => (req, res) => renderReport(req, res, keyOf(req, kind));

  /** A download: the computation the page named (?wersja=), else the kept one, else a fresh one on request. */
  const downloaded = (req: Request, key: ReportKey) =>
    getReport(db.prisma, key, { fresh: req.query.przelicz === '1', version: typeof req.query.wersja === 'string' ? req.query.wersja : undefined });

  const pdf = (kind: ReportKindValue): RequestHandler => async (req, res) => {
    const key = keyOf(req, kind);
    const report = await downloaded(req, key);
    const centre = await getCentreSettingsCached(db.prisma);
    const header = await centreHeader(db.prisma, [centre.clubName]);
    // The same report (same computation or the same closed snapshot) under the same header gives the same file.
    const version = contentKey(key, report.generatedAt, report.closed ?? null, header);
    sendPdfBytes(res, await reportPdfs.get(version, () => renderReportPdf(report, header)), fileName(key, 'pdf'));
  };

  const csv = (kind: ReportKindValue): RequestHandler => async (req, res) => {
    const key = keyOf(req, kind);
    const report = await downloaded(req, key);
    const centre = await getCentreSettingsCached(db.prisma);
    sendDownload(res, 'text/csv; charset=utf-8', reportCsv(report, centre.name), fileName(key, 'csv'));
  };

  const xlsx = (kind: ReportKindValue): RequestHandler => async (req, res) => {
    const key = keyOf(req, kind);
    const report = await downloaded(req, key);
    const centre = await getCentreSettingsCached(db.prisma);
    sendDownload(res, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await reportXlsx(report, centre.name), fileName(key, 'xlsx'));
  };

  const close = (kind: ReportKindValue): RequestHandler => async (req, res) => {
    const key = keyOf(req, kind);
    try {
      await checkClosable(db.prisma, key);
      const report = await computeReport(db.prisma, key);
      await db.prisma.$transaction((tx) => closeReport(tx, actorOf(req), key, report));
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      return renderReport(req, res, key, 409, { errors: { _form: err.publicMessage } });
    }
    flash(req, 'success', `Zamknięto okres: ${reportLabel(key)}. Liczby zostały utrwalone.`);
    res.redirect(303, pathOf(key));
  };

  const reopen = (kind: ReportKindValue): RequestHandler => async (req, res) => {
    const key = keyOf(req, kind);
    const form = parseForm(reopenSchema, req.body);
    if (!form.ok) return renderReport(req, res, key, 400, { errors: form.errors, values: req.body });
    try {
      await db.prisma.$transaction((tx) => reopenReport(tx, actorOf(req), key, form.data.reason));
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      return renderReport(req, res, key, 409, { errors: { _form: err.publicMessage }, values: req.body });
    }
    flash(req, 'success', `Ponownie otwarto okres: ${reportLabel(key)}. Liczby będą liczone na bieżąco do ponownego zamknięcia.`);
    res.redirect(303, pathOf(key));
  };

  return { index, show, pdf, csv, xlsx, close, reopen };
}
