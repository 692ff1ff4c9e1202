// Form parsing: zod schemas built from a few field helpers with Polish messages, and parseForm(),
// which returns either the typed data or { field: message } for the page to show beside each field.
import { z } from 'zod';
import { parseIsoDate } from '../lib/dates.ts';
import { parseMoney } from '../lib/money.ts';
import type { FieldErrors } from './errors.ts';

// Fallback messages for anything a helper below does not word itself.
z.config(z.locales.pl());

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function parseForm<S extends z.ZodType>(schema: S, input: unknown): FormResult<z.output<S>> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return { ok: true, data: r.data };
  const errors: FieldErrors = {};
  for (const issue of r.error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Form bodies send strings (or nothing); turn blank into undefined so "required" reads the same. */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const f = {
  text: (message: string, max = 200) =>
    z.preprocess(blank, z.string({ error: message }).trim().min(1, message).max(max, `Najwyżej ${max} znaków.`)),

  optionalText: (max = 200) =>
    z.preprocess(
      blank,
      z.string().trim().max(max, `Najwyżej ${max} znaków.`).optional().transform((v) => v ?? null),
    ),

  longText: (message: string, max = 10_000) => f.text(message, max),
  optionalLongText: (max = 10_000) => f.optionalText(max),

  date: (message = 'Podaj datę.') =>
    z.preprocess(blank, z.string({ error: message }).transform((v, ctx) => {
      const d = parseAnyDate(v);
      if (!d) {
        ctx.addIssue({ code: 'custom', message: 'Podaj prawdziwą datę w formacie DD.MM.RRRR.' });
        return z.NEVER;
      }
      return d;
    })),

  optionalDate: () =>
    z.preprocess(blank, z.string().optional().transform((v, ctx) => {
      if (v === undefined) return null;
      const d = parseAnyDate(v);
      if (!d) {
        ctx.addIssue({ code: 'custom', message: 'Podaj prawdziwą datę w formacie DD.MM.RRRR.' });
        return z.NEVER;
      }
      return d;
    })),

  int: (message: string, min: number, max: number) =>
    z.preprocess(
      blank,
      z.coerce
        .number({ error: message })
        .int(message)
        .min(min, `Podaj liczbę od ${min} do ${max}.`)
        .max(max, `Podaj liczbę od ${min} do ${max}.`),
    ),

  optionalInt: (min: number, max: number) =>
    z.preprocess(
      blank,
      z.coerce
        .number({ error: `Podaj liczbę od ${min} do ${max}.` })
        .int(`Podaj liczbę całkowitą.`)
        .min(min, `Podaj liczbę od ${min} do ${max}.`)
        .max(max, `Podaj liczbę od ${min} do ${max}.`)
        .optional()
        .transform((v) => v ?? null),
    ),

  /** An amount in złote typed as "10,90" → grosze. */
  money: (message = 'Podaj kwotę, np. 10,90.') =>
    z.preprocess(blank, z.string({ error: message }).transform((v, ctx) => {
      const g = parseMoney(v);
      if (g === null || g < 0) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return g;
    })),

  checkbox: () => z.preprocess((v) => v === 'on' || v === 'true' || v === '1' || v === true, z.boolean()),

  choice: <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
    z.preprocess(blank, z.enum(values, { error: message })),

  optionalChoice: <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
    z.preprocess(blank, z.enum(values, { error: message }).optional().transform((v) => v ?? null)),

  /** Checkbox group: nothing, one value or several. */
  choices: <const T extends readonly [string, ...string[]]>(values: T, message: string, min = 0) =>
    z.preprocess(
      (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(values, { error: message })).min(min, message),
    ),

  /** Optimistic-locking version carried in a hidden field. */
  version: () => z.coerce.number({ error: 'Brak wersji rekordu. Odśwież stronę.' }).int().min(1),
};

/** YYYY-MM-DD (date inputs) or DD.MM.RRRR (typed by hand). */
export function parseAnyDate(value: string): Date | null {
  const v = value.trim();
  const pl = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  if (pl) return parseIsoDate(`${pl[3]}-${pl[2]!.padStart(2, '0')}-${pl[1]!.padStart(2, '0')}`);
  return parseIsoDate(v);
}

/** Route id parameter: a positive integer, anything else is "not found". */
export const idParam = z.coerce.number().int().positive().max(2_147_483_647);

/** A positive integer id from a query or form value, or null (a missing or malformed id is not an error). */
export const positiveInt = (v: unknown): number | null => {
  const r = idParam.safeParse(v);
  return r.success ? r.data : null;
};
