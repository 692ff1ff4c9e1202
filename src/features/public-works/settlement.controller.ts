// The month's settlement page, closing it, and its documents (PDF and CSV).
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { warsawDate } from '../../lib/dates.ts';
import { sendDownload, sendPdfBytes } from '../../pdf/send.ts';
import { contentKey, PdfCache } from '../../pdf/cache.ts';
import { centreHeader } from '../../pdf/header.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { agreementCrumbs, idFrom, monthFrom } from './psu-http.ts';
import { addMonths, firstDay, lastDay, monthLabel, monthParam } from './psu-month.ts';
import { documentName, refundClaimCsv, refundClaimPdf, settlementCsv, settlementPdf } from './settlement-documents.ts';
import { closeMonth, computeSettlement, ROUNDING_NOTE, settlementDocumentStamp } from './settlement.service.ts';

const notFound = 'Nie ma takiego porozumienia.';

async function settlementFor(db: Database, req: Request) {
  const id = idFrom(req, notFound);
  const ym = monthFrom(req);
  return computeSettlement(db.prisma, id, ym.year, ym.month);
}

export function settlementController(db: Database) {
  const show: RequestHandler = async (req, res) => {
    const s = await settlementFor(db, req);
    await recordAudit(db.prisma, actorOf(req), { action: 'psu.settlement.read', entityType: 'psu_agreement', entityId: s.agreement.id, details: { month: monthParam(s) } });
    const today = warsawDate();
    const prev = addMonths(s, -1);
    const next = addMonths(s, 1);
    const workplaces = await db.prisma.psuWorkplace.findMany({ where: { agreementId: s.agreement.id }, orderBy: { name: 'asc' }, select: { id: true, name: true } });
    res.render('public-works/settlement', {
      title: `Rozliczenie: ${monthLabel(s)}`,
      breadcrumbs: agreementCrumbs(s.agreement),
      s,
      workplaces,
      monthKey: monthParam(s),
      monthLabel: monthLabel(s),
      prev: lastDay(prev) >= s.agreement.periodStart ? monthParam(prev) : null,
      next: firstDay(next) <= s.agreement.periodEnd && firstDay(next) <= today ? monthParam(next) : null,
      monthOver: today >= lastDay(s),
      lastDay: lastDay(s),
      roundingNote: ROUNDING_NOTE,
    });
  };

  const close: RequestHandler = async (req, res) => {
    const id = idFrom(req, notFound);
    const ym = monthFrom(req);
    const url = `/psu/porozumienia/${id}/rozliczenie/${monthParam(ym)}`;
    try {
      const s = await db.prisma.$transaction((tx) => closeMonth(tx, actorOf(req), id, ym));
      flash(req, 'success', `Zamknięto miesiąc ${monthLabel(ym)}: osób ${s.totals.people}, godzin i kwot nie można już zmieniać.`);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      flash(req, 'error', err.publicMessage);
    }
    res.redirect(303, url);
  };

  const exported = async (req: Request, kind: string) => {
    const s = await settlementFor(db, req);
    await recordAudit(db.prisma, actorOf(req), { action: 'psu.settlement.export', entityType: 'psu_agreement', entityId: s.agreement.id, details: { month: monthParam(s), document: kind } });
    return s;
  };

  const sendCsv = (res: Response, fileName: string, body: string) => sendDownload(res, 'text/csv; charset=utf-8', body, fileName);

  // A settlement of 2,000 people is some 50 pages: the file is laid out once and sent again while nothing
  // printed in it changes, which settlementDocumentStamp tells without computing the settlement.
  const pdfs = new PdfCache();

  const pdfAction = (kind: 'rozliczenie.pdf' | 'wniosek.pdf'): RequestHandler => async (req, res) => {
    const title = kind === 'rozliczenie.pdf' ? 'Rozliczenie PSU' : 'Wniosek o refundację PSU';
    const build = kind === 'rozliczenie.pdf' ? settlementPdf : refundClaimPdf;
    const id = idFrom(req, notFound);
    const ym = monthFrom(req);
    const stamp = await settlementDocumentStamp(db.prisma, id, ym);
    if (!stamp) throw new NotFoundError(notFound);
    const header = await centreHeader(db.prisma);
    const key = contentKey(kind, id, ym, stamp.stamp, header);
    const bytes = await pdfs.get(key, async () => build(db.prisma, await computeSettlement(db.prisma, id, ym.year, ym.month)));
    await recordAudit(db.prisma, actorOf(req), { action: 'psu.settlement.export', entityType: 'psu_agreement', entityId: id, details: { month: monthParam(ym), document: kind } });
    sendPdfBytes(res, bytes, documentName(title, { ...ym, agreement: { number: stamp.number } }, 'pdf'));
  };

  const settlementPdfAction = pdfAction('rozliczenie.pdf');
  const claimPdfAction = pdfAction('wniosek.pdf');

  const settlementCsvAction: RequestHandler = async (req, res) => {
    const s = await exported(req, 'rozliczenie.csv');
    sendCsv(res, documentName('Rozliczenie PSU', s, 'csv'), settlementCsv(s));
  };

  const claimCsvAction: RequestHandler = async (req, res) => {
    const s = await exported(req, 'wniosek.csv');
    sendCsv(res, documentName('Wniosek o refundację PSU', s, 'csv'), refundClaimCsv(s));
  };

  return { show, close, settlementPdf: settlementPdfAction, settlementCsv: settlementCsvAction, claimPdf: claimPdfAction, claimCsv: claimCsvAction };
}
