// Streams the attendance lists; each print is logged (a document with people's names leaves the system).
import type { RequestHandler } from 'express';
import type { Database } from '../../db/client.ts';
import { NotFoundError } from '../../http/errors.ts';
import { sendPdf } from '../../pdf/send.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { intParam } from '../editions/controller-helpers.ts';
import { monthListPdf, sessionListPdf } from './attendance-pdf.ts';

export function attendancePdfController(db: Database) {
  const sessionList: RequestHandler = async (req, res) => {
    const id = intParam(req, 'id', 'Nie ma takich zajęć.');
    const { doc, fileName, editionId } = await sessionListPdf(db.prisma, id);
    await recordAudit(db.prisma, actorOf(req), { action: 'attendance.print', entityType: 'class_session', entityId: id, details: { editionId } });
    sendPdf(res, doc, fileName);
  };

  const monthList: RequestHandler = async (req, res) => {
    const editionId = intParam(req, 'id', 'Nie ma takiej edycji.');
    const groupId = intParam(req, 'groupId', 'Nie ma takiej grupy.');
    const m = /^(\d{4})-(\d{2})$/.exec(String(req.query.miesiac ?? ''));
    const month = m ? Number(m[2]) : 0;
    if (!m || month < 1 || month > 12) throw new NotFoundError('Podaj miesiąc listy obecności (RRRR-MM).');
    const { doc, fileName } = await monthListPdf(db.prisma, editionId, groupId, Number(m[1]), month);
    await recordAudit(db.prisma, actorOf(req), { action: 'attendance.print', entityType: 'edition_group', entityId: groupId, details: { editionId, month: m[0] } });
    sendPdf(res, doc, fileName);
  };

  return { sessionList, monthList };
}
