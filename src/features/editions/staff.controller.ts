// Kadra: the staff register page (list and add) and one person's edit page.
import type { RequestHandler, Response } from 'express';
import type { Database } from '../../db/client.ts';
import { flash } from '../../http/flash.ts';
import { parseForm } from '../../http/form.ts';
import { actorOf } from '../audit/audit.service.ts';
import { attempt, intParam } from './controller-helpers.ts';
import { staffMemberSchema } from './editions.schemas.ts';
import { createStaffMember, getStaffMember, listStaff, updateStaffMember } from './staff.service.ts';

const crumbs = [{ href: '/', text: 'Pulpit' }, { href: '/kadra', text: 'Kadra' }];

export function staffController(db: Database) {
  const renderList = async (res: Response, status: number, values: Record<string, unknown>, errors: Record<string, string> = {}) =>
    res.status(status).render('editions/kadra-list', { title: 'Kadra', breadcrumbs: crumbs.slice(0, 1), staff: await listStaff(db.prisma), values, errors });

  const list: RequestHandler = async (_req, res) => renderList(res, 200, { active: 'on' });

  const create: RequestHandler = async (req, res) => {
    const values = { ...(req.body ?? {}), active: 'on' };
    const form = parseForm(staffMemberSchema, values);
    if (!form.ok) return renderList(res, 400, values, form.errors);
    const ok = await attempt(
      () => db.prisma.$transaction((tx) => createStaffMember(tx, actorOf(req), form.data)),
      (status, errors) => renderList(res, status, values, errors),
    );
    if (!ok) return;
    flash(req, 'success', `Dodano do kadry: ${form.data.fullName}.`);
    res.redirect(303, '/kadra');
  };

  const renderEdit = async (res: Response, id: number, status: number, values?: Record<string, unknown>, errors: Record<string, string> = {}) => {
    const member = await getStaffMember(db.prisma, id);
    res.status(status).render('editions/kadra-edit', {
      title: member.fullName, breadcrumbs: crumbs, member,
      values: values ?? { ...member, active: member.active ? 'on' : '' }, errors,
    });
  };

  const editForm: RequestHandler = async (req, res) => renderEdit(res, intParam(req, 'id', 'Nie ma takiej osoby w kadrze.'), 200);

  const update: RequestHandler = async (req, res) => {
    const id = intParam(req, 'id', 'Nie ma takiej osoby w kadrze.');
    const values = req.body ?? {};
    const form = parseForm(staffMemberSchema, values);
    if (!form.ok) return renderEdit(res, id, 400, values, form.errors);
    await db.prisma.$transaction((tx) => updateStaffMember(tx, actorOf(req), id, form.data));
    flash(req, 'success', 'Zapisano dane osoby z kadry.');
    res.redirect(303, '/kadra');
  };

  return { list, create, editForm, update };
}
