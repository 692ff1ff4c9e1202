// Small request helpers shared by the PSU controllers.
import type { Request } from 'express';
import { NotFoundError } from '../../http/errors.ts';
import { idParam } from '../../http/form.ts';
import { warsawDate } from '../../lib/dates.ts';
import { monthOf, monthParam, parseMonthParam, type YearMonth } from './psu-month.ts';

export function idFrom(req: Request, message = 'Nie znaleziono rekordu.'): number {
  const r = idParam.safeParse(req.params.id);
  if (!r.success) throw new NotFoundError(message);
  return r.data;
}

export function monthFrom(req: Request): YearMonth {
  return parseMonthParam(req.params.month);
}

/** The month asked for in ?miesiac=, else the current month, kept inside [from, to]. */
export function monthInRange(query: unknown, from: Date, to: Date): YearMonth {
  let ym: YearMonth;
  try {
    ym = parseMonthParam(query);
  } catch {
    ym = monthOf(warsawDate());
  }
  const key = monthParam(ym);
  if (key < monthParam(monthOf(from))) return monthOf(from);
  if (key > monthParam(monthOf(to))) return monthOf(to);
  return ym;
}

export const PSU_CRUMBS = [{ href: '/', text: 'Pulpit' }, { href: '/psu', text: 'Prace społecznie użyteczne' }];

export function agreementCrumbs(agreement: { id: number; number: string }) {
  return [...PSU_CRUMBS, { href: `/psu/porozumienia/${agreement.id}`, text: `Porozumienie ${agreement.number}` }];
}
