// Forms about one person's participation: moving between groups, ending early, soft results, and the
// per-person rows of the closing form (fields suffixed with the participant's id).
import { z } from 'zod';
import { f, parseForm } from '../../http/form.ts';
import type { FieldErrors } from '../../http/errors.ts';

const id = () => f.optionalInt(1, 2_147_483_647);
const score = () => f.optionalInt(0, 100);

export const moveSchema = z.object({
  groupId: f.int('Wybierz grupę.', 1, 2_147_483_647),
  version: f.version(),
});

function reasonRules(v: { outcome: string; outcomeReason: string | null; movedToGroupId: number | null }, ctx: z.RefinementCtx) {
  if (v.outcome === 'DROPPED_OUT' && !v.outcomeReason) {
    ctx.addIssue({ code: 'custom', path: ['outcomeReason'], message: 'Podaj powód przerwania udziału.' });
  }
  if (v.outcome === 'MOVED' && !v.movedToGroupId && !v.outcomeReason) {
    ctx.addIssue({ code: 'custom', path: ['outcomeReason'], message: 'Wybierz grupę innej edycji albo opisz, dokąd przeniesiono osobę.' });
  }
}

export const endSchema = z
  .object({
    outcome: f.choice(['DROPPED_OUT', 'MOVED'] as const, 'Wybierz, jak zakończył się udział.'),
    endDate: f.date('Podaj datę zakończenia udziału.'),
    outcomeReason: f.optionalText(300),
    movedToGroupId: id(),
    version: f.version(),
  })
  .superRefine(reasonRules);

export const softResultsSchema = z.object({
  surveyStartScore: score(),
  surveyEndScore: score(),
  opinionStart: f.optionalLongText(2000),
  opinionEnd: f.optionalLongText(2000),
  tookUpEmployment: f.checkbox(),
  employmentDate: f.optionalDate(),
  version: f.version(),
});

export const closeRowSchema = z
  .object({
    outcome: f.choice(['COMPLETED', 'DROPPED_OUT', 'MOVED'] as const, 'Wybierz wynik udziału.'),
    outcomeReason: f.optionalText(300),
    movedToGroupId: id(),
    surveyStartScore: score(),
    surveyEndScore: score(),
    tookUpEmployment: f.checkbox(),
    employmentDate: f.optionalDate(),
    version: f.version(),
  })
  .superRefine(reasonRules);

export type CloseRow = z.output<typeof closeRowSchema>;
export const CLOSE_ROW_FIELDS = ['outcome', 'outcomeReason', 'movedToGroupId', 'surveyStartScore', 'surveyEndScore', 'tookUpEmployment', 'employmentDate', 'version'] as const;

/** Reads `<field>_<participantId>` for each person; errors come back under the same suffixed names. */
export function parseCloseRows(body: Record<string, unknown> | undefined, participantIds: readonly number[]) {
  const rows = new Map<number, CloseRow>();
  const errors: FieldErrors = {};
  for (const pid of participantIds) {
    const input = Object.fromEntries(CLOSE_ROW_FIELDS.map((k) => [k, body?.[`${k}_${pid}`]]));
    const r = parseForm(closeRowSchema, input);
    if (r.ok) rows.set(pid, r.data);
    else for (const [k, msg] of Object.entries(r.errors)) errors[`${k}_${pid}`] = msg;
  }
  const version = z.coerce.number().int().min(1).safeParse(body?.editionVersion);
  if (!version.success) errors._form = 'Brak wersji edycji. Odśwież stronę.';
  return { rows, errors, editionVersion: version.success ? version.data : 0 };
}
