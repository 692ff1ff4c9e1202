import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { idParam, parseForm } from '../../http/form.ts';
import { finishPdf } from '../../pdf/document.ts';
import { sendPdf, sendPdfBytes } from '../../pdf/send.ts';
import { contentKey, PdfCache } from '../../pdf/cache.ts';
import { warsawDate } from '../../lib/dates.ts';
import { actorOf } from '../audit/audit.service.ts';
import { renderCertificates } from './certificate.pdf.ts';
import { personName } from './certificate-content.ts';
import { CERTIFICATE_KINDS, KIND_LABELS } from './certificate-rules.ts';
import { certificateRegister, editionOverview, editionsForCertificates, leaversWithoutCertificate, registerYears } from './certificates-lists.ts';
import { editionIssueSchema, issueSchema, kindQuery, revokeSchema } from './certificates.schemas.ts';
import { polishPlural } from '../editions/labels.ts';
import {
  editionCertificates, getCertificate, issueCertificate, issueForEdition, ISSUE_TX, recordCertificateView, recordPrint, revokeCertificate,
} from './certificates.service.ts';

const crumbs = [{ href: '/', text: 'Pulpit' }, { href: '/zaswiadczenia', text: 'Zaświadczenia' }];

function id(req: Request, what = 'Nie ma takiego zaświadczenia.'): number {
  const r = idParam.safeParse(req.params.id);
  if (!r.success) throw new NotFoundError(what);
  return r.data;
}

/** Base address of the public verification page, as printed on certificates. */
export function verifyUrl(req: Request): string {
  return `${req.protocol}://${req.get('host')}/weryfikacja`;
}

export function certificatesController(db: Database) {
  const editionPdfs = new PdfCache();
  const list: RequestHandler = async (req, res) => {
    const today = warsawDate();
    const yearParam = Number(req.query.rok);
    const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : today.getUTCFullYear();
    const [leavers, editions, register, years] = await Promise.all([
      leaversWithoutCertificate(db.prisma, today),
      editionsForCertificates(db.prisma),
      certificateRegister(db.prisma, year),
      registerYears(db.prisma, today.getUTCFullYear()),
    ]);
    res.render('certificates/list', { title: 'Zaświadczenia', breadcrumbs: crumbs.slice(0, 1), leavers, editions, register, year, years, kindLabels: KIND_LABELS });
  };

  const edition: RequestHandler = async (req, res) => {
    const overview = await editionOverview(db.prisma, id(req, 'Nie ma takiej edycji.'));
    res.render('certificates/edition', { title: `Zaświadczenia: ${overview.edition.name}`, breadcrumbs: crumbs, ...overview, kinds: CERTIFICATE_KINDS, kindLabels: KIND_LABELS });
  };

  const issue: RequestHandler = async (req, res) => {
    const form = parseForm(issueSchema, req.body);
    if (!form.ok) throw new ValidationError(form.errors, Object.values(form.errors)[0]);
    const cert = await db.prisma.$transaction((tx) => issueCertificate(tx, actorOf(req), form.data.enrolmentId, form.data.kind, { verifyUrl: verifyUrl(req), today: warsawDate() }), ISSUE_TX);
    flash(req, 'success', `Wydano zaświadczenie nr ${cert.number}.`);
    res.redirect(303, `/zaswiadczenia/${cert.id}`);
  };

  const issueEdition: RequestHandler = async (req, res) => {
    const editionId = id(req, 'Nie ma takiej edycji.');
    const form = parseForm(editionIssueSchema, req.body);
    if (!form.ok) throw new ValidationError(form.errors, Object.values(form.errors)[0]);
    const result = await db.prisma.$transaction((tx) => issueForEdition(tx, actorOf(req), editionId, form.data.kind, { verifyUrl: verifyUrl(req), today: warsawDate() }), ISSUE_TX);
    if (result.issued.length) {
      const range = result.issued.length === 1 ? result.issued[0] : `${result.issued[0]} – ${result.issued.at(-1)}`;
      flash(req, 'success', `Wydano ${result.issued.length} ${polishPlural(result.issued.length, 'zaświadczenie', 'zaświadczenia', 'zaświadczeń')} „${KIND_LABELS[form.data.kind]}” (nr ${range}).`);
    } else {
      flash(req, 'info', 'Nie ma nikogo, komu można teraz wydać to zaświadczenie: uprawnione osoby już je mają.');
    }
    res.redirect(303, `/zaswiadczenia/edycja/${editionId}`);
  };

  const renderShow = async (req: Request, res: Response, status: number, extra: Record<string, unknown>) => {
    const cert = await getCertificate(db.prisma, id(req));
    await recordCertificateView(db.prisma, actorOf(req), cert);
    res.status(status).render('certificates/show', {
      title: `Zaświadczenie nr ${cert.number}`, breadcrumbs: crumbs, cert, name: personName(cert.content),
      kindLabels: KIND_LABELS, ...extra,
    });
  };

  const show: RequestHandler = (req, res) => renderShow(req, res, 200, {});

  const pdf: RequestHandler = async (req, res) => {
    const cert = await getCertificate(db.prisma, id(req));
    await db.prisma.$transaction((tx) => recordPrint(tx, actorOf(req), [cert]));
    const doc = renderCertificates([cert], `Zaświadczenie ${cert.number}`, verifyUrl(req));
    sendPdf(res, doc, `Zaświadczenie ${cert.number.replace(/\//g, '-')}.pdf`);
    finishPdf(doc);
  };

  const editionPdf: RequestHandler = async (req, res) => {
    const editionId = id(req, 'Nie ma takiej edycji.');
    const { rodzaj: kind } = kindQuery.parse(req.query);
    const certs = await editionCertificates(db.prisma, editionId, kind);
    if (certs.length === 0) throw new NotFoundError(`W tej edycji nie wydano jeszcze zaświadczeń „${KIND_LABELS[kind]}”.`);
    await db.prisma.$transaction((tx) => recordPrint(tx, actorOf(req), certs));
    const title = `Zaświadczenia – ${certs[0]!.content.edition.name}`;
    // Everything printed is frozen at issue (plus a revocation), so the same file is laid out once.
    const printed = certs.map((c) => [c.number, c.verificationCode, c.revokedAt, c.revokedReason, c.content]);
    const bytes = await editionPdfs.get(contentKey(printed, title, verifyUrl(req)), () => renderCertificates(certs, title, verifyUrl(req)));
    sendPdfBytes(res, bytes, `${title}.pdf`);
  };

  const revoke: RequestHandler = async (req, res) => {
    const certId = id(req);
    const form = parseForm(revokeSchema, req.body);
    if (!form.ok) return renderShow(req, res, 400, { values: req.body, errors: form.errors });
    try {
      const cert = await db.prisma.$transaction((tx) => revokeCertificate(tx, actorOf(req), certId, form.data.reason));
      flash(req, 'success', `Unieważniono zaświadczenie nr ${cert.number}.`);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      return renderShow(req, res, 409, { values: req.body, errors: { _form: err.publicMessage } });
    }
    res.redirect(303, `/zaswiadczenia/${certId}`);
  };

  return { list, edition, issue, issueEdition, show, pdf, editionPdf, revoke };
}
