// The administrator's centre settings.
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { ConflictError } from '../../http/errors.ts';
import { flash } from '../../http/flash.ts';
import { f, parseForm } from '../../http/form.ts';
import { can } from '../../http/permissions.ts';
import { actorOf } from '../audit/audit.service.ts';
import { getCentreSettings, saveCentreSettings } from './settings.service.ts';

const settingsSchema = z.object({
  name: f.text('Wpisz pełną nazwę ośrodka.', 200),
  shortName: f.text('Wpisz skróconą nazwę, np. MOPS Gdańsk.', 60),
  street: f.text('Wpisz ulicę i numer.', 120),
  postalCode: z.string().trim().regex(/^\d{2}-\d{3}$/, 'Kod pocztowy w formacie 00-000.'),
  city: f.text('Wpisz miejscowość.', 80),
  phone: f.optionalText(40),
  email: f.optionalText(120),
  nip: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().regex(/^\d{10}$/, 'NIP to 10 cyfr bez kresek.').optional().transform((v) => v ?? null)),
  regon: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().regex(/^(\d{9}|\d{14})$/, 'REGON to 9 lub 14 cyfr.').optional().transform((v) => v ?? null)),
  directorName: f.optionalText(120),
  clubName: f.text('Wpisz nazwę klubu.', 200),
  certificatePrefix: z.string().trim().regex(/^[A-Z]{2,10}$/, 'Prefiks: od 2 do 10 wielkich liter bez polskich znaków, np. KIS.'),
  retentionYears: f.int('Podaj liczbę lat.', 1, 50),
  inactivityFlagDays: f.int('Podaj liczbę dni.', 1, 90),
  accessibilityContact: f.optionalText(200),
  dpoContact: f.optionalText(200),
  version: f.version(),
});

const crumbs = [{ href: '/', text: 'Pulpit' }];

export function settingsRoutes(db: Database): Router {
  const router = Router();

  const show: RequestHandler = async (_req, res) => {
    const current = await getCentreSettings(db.prisma);
    res.render('settings/edit', { title: 'Ustawienia ośrodka', breadcrumbs: crumbs, values: current ?? { version: 1 } });
  };

  const save: RequestHandler = async (req, res) => {
    const form = parseForm(settingsSchema, req.body);
    const render = (status: number, errors: Record<string, string>) =>
      res.status(status).render('settings/edit', { title: 'Ustawienia ośrodka', breadcrumbs: crumbs, values: req.body, errors });
    if (!form.ok) return render(400, form.errors);
    try {
      await db.prisma.$transaction((tx) => saveCentreSettings(tx, actorOf(req), form.data));
    } catch (err) {
      if (err instanceof ConflictError) return render(409, { _form: err.publicMessage });
      throw err;
    }
    flash(req, 'success', 'Zapisano ustawienia ośrodka.');
    res.redirect(303, '/admin/ustawienia');
  };

  router.get('/admin/ustawienia', can('settings.manage'), show);
  router.post('/admin/ustawienia', can('settings.manage'), save);
  return router;
}
