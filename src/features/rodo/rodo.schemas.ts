// Input of the RODO pages: the person search and the confirmed anonymisation run.
import { z } from 'zod';
import { idParam } from '../../http/form.ts';

export const searchQuerySchema = z.object({
  q: z.preprocess((v) => (typeof v === 'string' ? v.trim().slice(0, 60) : ''), z.string()),
});

/** The ids of the people listed on the page when the administrator pressed the button. */
export const anonymiseSchema = z.object({
  ids: z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(idParam, { error: 'Lista osób jest nieprawidłowa. Odśwież stronę.' }).max(100_000),
  ),
});
