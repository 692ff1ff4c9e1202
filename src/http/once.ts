// Double-submit protection for every form. The csrf partial adds a hidden `_once` key, new on each
// render. The first POST carrying a key claims it in form_submissions (a primary key: two requests at the
// same moment cannot both win); a repeat is not applied again but sent where the first one went.
// A submission that fails (4xx/5xx) releases its key so the corrected form can be sent.
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Database } from '../db/client.ts';
import { flash } from './flash.ts';

const KEY = /^[A-Za-z0-9_-]{16,64}$/;
const WAIT_MS = 100;
const WAIT_TRIES = 50;

export function newOnceKey(): string {
  return crypto.randomBytes(18).toString('base64url');
}

export function onceOnly(db: Database): RequestHandler {
  return async (req, res, next) => {
    // A function, so each form on a page gets its own key (two buttons on one list are two actions).
    res.locals.onceKey = newOnceKey;
    const key = (req.body as Record<string, unknown> | undefined)?._once;
    if (req.method !== 'POST' || typeof key !== 'string' || !KEY.test(key)) return next();
    try {
      const claimed = await db.prisma.$executeRaw`
        INSERT INTO form_submissions (key, user_id) VALUES (${key}, ${req.user?.id ?? null}) ON CONFLICT (key) DO NOTHING`;
      if (claimed === 0) {
        // Wait for the first submission to finish, then follow it.
        for (let i = 0; i < WAIT_TRIES; i++) {
          const row = await db.prisma.formSubmission.findUnique({ where: { key } });
          if (!row) return next(); // the first one failed and released the key: this one may proceed
          if (row.location) {
            flash(req, 'info', 'Ten formularz został już wysłany. Nie zapisano go drugi raz.');
            return res.redirect(303, row.location);
          }
          await new Promise((r) => setTimeout(r, WAIT_MS));
        }
        return res.status(409).render('errors/error', { title: 'Formularz jest już przetwarzany', status: 409, message: 'Ten formularz jest właśnie zapisywany. Odśwież stronę za chwilę.' });
      }
      const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
      let location: string | null = null;
      res.redirect = ((...args: unknown[]) => {
        location = String(args.length > 1 ? args[1] : args[0]);
        redirect(...args);
      }) as typeof res.redirect;
      res.on('finish', () => {
        const done = res.statusCode < 400 && location !== null
          ? db.prisma.formSubmission.update({ where: { key }, data: { location } })
          : db.prisma.formSubmission.delete({ where: { key } });
        done.catch(() => undefined);
      });
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** Forgets keys older than a day (called at start-up and daily). */
export async function pruneFormSubmissions(db: Database): Promise<number> {
  return db.prisma.formSubmission.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 86_400_000) } } }).then((r) => r.count);
}
