// What every view can use: the user, navigation, formatting helpers, flash messages, display preferences
// and the centre's name.
import type { RequestHandler } from 'express';
import type { Database } from '../db/client.ts';
import { formatDate, formatDateTime, formatMinuteOfDay, isoDate } from '../lib/dates.ts';
import { formatBasisPoints, formatHours, formatMoney } from '../lib/money.ts';
import { polishPlural, sessionsCount } from '../features/editions/labels.ts';
import { getCentreSettingsCached } from '../features/settings/settings.service.ts';
import { navFor } from './navigation.ts';
import { hasPermission, ROLE_LABELS, type Permission } from './permissions.ts';
import { readPreferences } from '../features/home/preferences.ts';

export const formatters = {
  date: formatDate,
  dateTime: formatDateTime,
  iso: (d: Date | null | undefined) => (d ? isoDate(d) : ''),
  money: formatMoney,
  hours: formatHours,
  bp: formatBasisPoints,
  time: formatMinuteOfDay,
  number: (n: number) => new Intl.NumberFormat('pl-PL').format(n),
  /** "3 zajęcia", "5 zajęć". */
  sessions: sessionsCount,
  /** plural(5, 'osoba', 'osoby', 'osób') → "osób". */
  plural: polishPlural,
};

export function locals(db: Database): RequestHandler {
  return async (req, res, next) => {
    try {
      const roles = req.user?.roles ?? [];
      res.locals.user = req.user ?? null;
      res.locals.roleLabels = ROLE_LABELS;
      res.locals.can = (p: Permission) => hasPermission(roles, p);
      res.locals.nav = req.user ? navFor(roles, req.path) : [];
      res.locals.fmt = formatters;
      res.locals.currentPath = req.path;
      res.locals.currentUrl = req.originalUrl;
      res.locals.prefs = readPreferences(req);
      res.locals.centre = await getCentreSettingsCached(db.prisma);
      res.locals.values = {};
      res.locals.errors = {};
      res.locals.breadcrumbs = [];
      if (req.session?.flash?.length) {
        res.locals.flash = req.session.flash;
        delete req.session.flash;
      } else {
        res.locals.flash = [];
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}
