// The administrator's view of the audit log, with filters and a CSV export. There is deliberately no
// route that edits or deletes entries (and the database refuses it: see the audit_log trigger).
import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { f, parseForm } from '../../http/form.ts';
import { can } from '../../http/permissions.ts';
import { toCsv } from '../../lib/csv.ts';
import { formatDateTime, isoDate, warsawDate } from '../../lib/dates.ts';
import { contentDisposition } from '../../pdf/send.ts';
import { actorOf, recordAudit } from './audit.service.ts';
import { auditActionLabel } from './audit-labels.ts';
import { auditActions, exportAudit, listAudit, type AuditFilter } from './audit-query.service.ts';

const filterSchema = z.object({
  uzytkownik: f.optionalInt(1, 2_147_483_647),
  osoba: f.optionalText(60),
  akcja: f.optionalText(80),
  od: f.optionalDate(),
  do: f.optionalDate(),
  strona: f.optionalInt(1, 100_000),
});

function readFilter(req: Request) {
  const r = parseForm(filterSchema, req.query);
  const d = r.ok ? r.data : { uzytkownik: null, osoba: null, akcja: null, od: null, do: null, strona: null };
  const filter: AuditFilter = { userId: d.uzytkownik, person: d.osoba, action: d.akcja, from: d.od, to: d.do };
  return { filter, page: d.strona ?? 1, errors: r.ok ? {} : r.errors };
}

function queryString(filter: AuditFilter, extra: Record<string, string> = {}) {
  const q = new URLSearchParams();
  if (filter.userId) q.set('uzytkownik', String(filter.userId));
  if (filter.person) q.set('osoba', filter.person);
  if (filter.action) q.set('akcja', filter.action);
  if (filter.from) q.set('od', isoDate(filter.from));
  if (filter.to) q.set('do', isoDate(filter.to));
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

export function auditRoutes(db: Database): Router {
  const router = Router();

  const list: RequestHandler = async (req, res) => {
    const { filter, page, errors } = readFilter(req);
    const [result, actions, users] = await Promise.all([
      listAudit(db.prisma, filter, page),
      auditActions(db.prisma),
      db.prisma.user.findMany({ orderBy: { fullName: 'asc' }, select: { id: true, fullName: true, login: true } }),
    ]);
    res.render('audit/list', {
      title: 'Dziennik zdarzeń',
      breadcrumbs: [{ href: '/', text: 'Pulpit' }],
      ...result,
      page,
      actions: actions.map((a) => ({ value: a, text: auditActionLabel(a) })),
      users: users.map((u) => ({ value: u.id, text: `${u.fullName} (${u.login})` })),
      values: req.query,
      errors,
      label: auditActionLabel,
      link: (p: number) => `/admin/dziennik?${queryString(filter, { strona: String(p) })}`,
      exportHref: `/admin/dziennik.csv?${queryString(filter)}`,
    });
  };

  const exportCsv: RequestHandler = async (req, res) => {
    const { filter } = readFilter(req);
    await recordAudit(db.prisma, actorOf(req), { action: 'audit.export', details: { filter: queryString(filter) } });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', contentDisposition(`dziennik-zdarzen-${isoDate(warsawDate())}.csv`, false));
    res.write(toCsv([['Nr', 'Data i godzina', 'Login', 'Zdarzenie', 'Kod', 'Rekord', 'Osoba', 'Szczegóły', 'Adres IP']]).replace(/\r\n$/, '\r\n'));
    for await (const rows of exportAudit(db.prisma, filter)) {
      const body = toCsv(
        rows.map((r) => [
          r.id.toString(),
          formatDateTime(r.at),
          r.userLogin,
          auditActionLabel(r.action),
          r.action,
          r.entityType ? `${r.entityType} #${r.entityId}` : '',
          r.participant ? `${r.participant.lastName} ${r.participant.firstName}` : '',
          r.details === null ? '' : JSON.stringify(r.details),
          r.ip,
        ]),
      ).slice(1); // one BOM only, at the start of the file
      res.write(body);
    }
    res.end();
  };

  router.get('/admin/dziennik', can('audit.read'), list);
  router.get('/admin/dziennik.csv', can('audit.read'), exportCsv);
  return router;
}
