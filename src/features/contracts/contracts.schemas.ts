// Social contract forms: the contract with its repeatable goal and action rows, reviews, extension,
// status change and marking an action done.
import { z } from 'zod';
import { f, parseForm } from '../../http/form.ts';
import type { FieldErrors } from '../../http/errors.ts';
import { warsawDate } from '../../lib/dates.ts';

export const CONTRACT_KINDS = ['STANDARD', 'THREE_PARTY'] as const;
export const CONTRACT_SIDES = ['PARTICIPANT', 'WORKER', 'THIRD_PARTY'] as const;
export const FINAL_STATUSES = ['FULFILLED', 'BROKEN', 'ENDED_EARLY'] as const;
export const LIST_STATUSES = ['ACTIVE', 'FULFILLED', 'BROKEN', 'ENDED_EARLY', 'ALL'] as const;

const MAX_ID = 2_147_483_647;
const always = { when: () => true };
const notFuture = (message: string) => f.optionalDate().refine((d) => !d || d <= warsawDate(), message);
const pastDate = (required: string, future: string) => f.date(required).refine((d) => d <= warsawDate(), future);

const mainFields = {
  participantId: f.int('Wybierz osobę, z którą zawierasz kontrakt.', 1, MAX_ID),
  socialWorkerId: f.int('Wybierz pracownika socjalnego, który zawiera kontrakt.', 1, MAX_ID),
  kind: f.choice(CONTRACT_KINDS, 'Wybierz rodzaj kontraktu.'),
  thirdPartyName: f.optionalText(200),
  signedAt: pastDate('Podaj datę zawarcia kontraktu.', 'Data zawarcia nie może być w przyszłości.'),
  startDate: f.date('Podaj datę początku obowiązywania.'),
  endDate: f.date('Podaj datę końca obowiązywania.'),
  assessment: f.longText('Opisz ocenę sytuacji życiowej osoby.', 8000),
  causes: f.longText('Opisz przyczyny trudnej sytuacji.', 8000),
  supportOffered: f.longText('Opisz wsparcie, jakie oferuje ośrodek (forma, zakres, czas).', 8000),
};

function mainRules(v: { kind: string; thirdPartyName: string | null; startDate: Date; endDate: Date }, ctx: z.RefinementCtx) {
  if (v.kind === 'THREE_PARTY' && !v.thirdPartyName) {
    ctx.addIssue({ code: 'custom', path: ['thirdPartyName'], message: 'W kontrakcie trójstronnym podaj trzecią stronę (np. asystent osoby niepełnosprawnej, instytucja).' });
  }
  if (v.startDate instanceof Date && v.endDate instanceof Date && v.endDate < v.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'Koniec obowiązywania nie może być wcześniejszy niż początek.' });
  }
}

export const newContractSchema = z
  .object({ ...mainFields, firstReviewDate: f.optionalDate() })
  .superRefine((v, ctx) => {
    mainRules(v, ctx);
    if (v.firstReviewDate instanceof Date && v.startDate instanceof Date && v.endDate instanceof Date && (v.firstReviewDate < v.startDate || v.firstReviewDate > v.endDate)) {
      ctx.addIssue({ code: 'custom', path: ['firstReviewDate'], message: 'Termin oceny musi przypadać w czasie obowiązywania kontraktu.' });
    }
  }, always);
export const editContractSchema = z.object({ ...mainFields, version: f.version() }).superRefine(mainRules, always);

export type ContractMain = z.output<typeof newContractSchema>;
export type ContractMainChanges = z.output<typeof editContractSchema>;

export interface GoalRow { description: string; achieved: boolean | null }
export interface ActionRow { side: (typeof CONTRACT_SIDES)[number]; description: string; deadline: Date | null; doneAt: Date | null }

/** Form rows arrive as an array, or as an object keyed by index when there are many (qs): both become a list. */
export function rowList(v: unknown): Record<string, unknown>[] {
  if (Array.isArray(v)) return v.map((r) => (r && typeof r === 'object' ? (r as Record<string, unknown>) : {}));
  if (v && typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .filter(([k]) => /^\d+$/.test(k))
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, r]) => (r && typeof r === 'object' ? (r as Record<string, unknown>) : {}));
  }
  return [];
}

const blankText = (v: unknown) => typeof v !== 'string' || v.trim() === '';

const goalRowSchema = z.object({
  description: f.text('Wpisz treść celu.', 1000),
  achieved: z.preprocess((v) => (v === 'yes' ? true : v === 'no' ? false : null), z.boolean().nullable()),
});

const actionRowSchema = z.object({
  side: f.choice(CONTRACT_SIDES, 'Wybierz stronę, która wykonuje działanie.'),
  description: f.text('Wpisz, na czym polega działanie (albo wyczyść cały wiersz).', 1000),
  deadline: f.optionalDate(),
  doneAt: notFuture('Data wykonania nie może być w przyszłości.'),
});

/**
 * Goal and action rows of the form. Empty rows are skipped; errors are keyed by the row's position on the
 * page (goals.2.description) so the error summary links to the right field.
 */
export function parseContractRows(body: Record<string, unknown>, o: { kind: string; startDate: Date | null }) {
  const errors: FieldErrors = {};
  const goals: GoalRow[] = [];
  const actions: ActionRow[] = [];
  rowList(body.goals).forEach((row, i) => {
    if (blankText(row.description)) return;
    const r = parseForm(goalRowSchema, row);
    if (!r.ok) for (const [k, m] of Object.entries(r.errors)) errors[`goals.${i}.${k}`] = m;
    else goals.push(r.data);
  });
  rowList(body.actions).forEach((row, i) => {
    if (blankText(row.description) && blankText(row.deadline) && blankText(row.doneAt)) return;
    const r = parseForm(actionRowSchema, row);
    if (!r.ok) {
      for (const [k, m] of Object.entries(r.errors)) errors[`actions.${i}.${k}`] = m;
      return;
    }
    if (r.data.side === 'THIRD_PARTY' && o.kind !== 'THREE_PARTY') {
      errors[`actions.${i}.side`] = 'Działania trzeciej strony są tylko w kontrakcie trójstronnym.';
    }
    if (r.data.deadline && o.startDate && r.data.deadline < o.startDate) {
      errors[`actions.${i}.deadline`] = 'Termin nie może być wcześniejszy niż początek kontraktu.';
    }
    actions.push(r.data);
  });
  if (!goals.length && !Object.keys(errors).some((k) => k.startsWith('goals.'))) errors['goals.0.description'] = 'Wpisz co najmniej jeden cel kontraktu.';
  if (!actions.length && !Object.keys(errors).some((k) => k.startsWith('actions.'))) errors['actions.0.description'] = 'Wpisz co najmniej jedno działanie.';
  return { goals, actions, errors };
}

export const reviewSchema = z
  .object({
    dueDate: f.optionalDate(),
    heldAt: notFuture('Data oceny nie może być w przyszłości.'),
    notes: f.optionalLongText(4000),
    version: f.version(),
  })
  .superRefine((v, ctx) => {
    if (!v.dueDate && !v.heldAt) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'Podaj termin oceny albo datę, w której się odbyła.' });
    if (v.heldAt && !v.notes) ctx.addIssue({ code: 'custom', path: ['notes'], message: 'Opisz, jak przebiega realizacja kontraktu.' });
  }, always);

export const reviewHeldSchema = z.object({
  heldAt: pastDate('Podaj datę oceny.', 'Data oceny nie może być w przyszłości.'),
  notes: f.longText('Opisz, jak przebiega realizacja kontraktu.', 4000),
  version: f.version(),
});

export const extensionSchema = z.object({
  newEnd: f.date('Podaj nową datę końca kontraktu.'),
  reason: f.longText('Podaj powód przedłużenia.', 2000),
  version: f.version(),
});

export const statusSchema = z
  .object({
    status: f.choice(FINAL_STATUSES, 'Wybierz, jak kończy się kontrakt.'),
    statusDate: pastDate('Podaj datę.', 'Data nie może być w przyszłości.'),
    statusReason: f.optionalLongText(4000),
    evaluation: f.optionalLongText(8000),
    version: f.version(),
  })
  .superRefine((v, ctx) => {
    if ((v.status === 'BROKEN' || v.status === 'ENDED_EARLY') && !v.statusReason) {
      ctx.addIssue({ code: 'custom', path: ['statusReason'], message: v.status === 'BROKEN' ? 'Opisz, czego osoba nie dotrzymała.' : 'Podaj, dlaczego kontrakt kończy się przed terminem.' });
    }
    if (v.status === 'FULFILLED' && !v.evaluation) {
      ctx.addIssue({ code: 'custom', path: ['evaluation'], message: 'Opisz ocenę realizacji kontraktu.' });
    }
  }, always);

export const actionDoneSchema = z.object({
  doneAt: pastDate('Podaj datę wykonania.', 'Data wykonania nie może być w przyszłości.'),
  version: f.version(),
});

export const listQuerySchema = z.object({
  status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(LIST_STATUSES).catch('ACTIVE').default('ACTIVE')),
  worker: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().max(MAX_ID).optional().catch(undefined)),
  ending: z.preprocess((v) => v === '1' || v === 'on', z.boolean()),
  q: z.preprocess((v) => (typeof v === 'string' ? v.trim().slice(0, 100) : undefined), z.string().optional()),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type ContractListQuery = z.output<typeof listQuerySchema>;
