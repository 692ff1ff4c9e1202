// Referral forms: the worker's referral (draft or submitted), withdrawal, and the coordinator's decisions.
import { z } from 'zod';
import { f } from '../../http/form.ts';
import type { FieldErrors } from '../../http/errors.ts';
import { warsawDate } from '../../lib/dates.ts';

export const ELIGIBILITY_BASES = [
  'HOMELESS', 'ALCOHOL_ADDICTION', 'DRUG_ADDICTION', 'MENTAL_DISORDER', 'LONG_TERM_UNEMPLOYED', 'RELEASED_FROM_PRISON', 'REFUGEE', 'DISABLED',
] as const;
export const REFERRAL_KINDS = ['KIS', 'PSU'] as const;
export const REFERRAL_STATUSES = ['DRAFT', 'SUBMITTED', 'ACCEPTED', 'RESERVE', 'REJECTED', 'WITHDRAWN'] as const;

const MAX_ID = 2_147_483_647;

/** An optional date that cannot lie after today (checked per field, so it shows with the other errors). */
export const notFuture = (message: string) => f.optionalDate().refine((d) => !d || d <= warsawDate(), message);

const referralFields = {
  participantId: f.int('Wybierz osobę, którą kierujesz.', 1, MAX_ID),
  kind: f.choice(REFERRAL_KINDS, 'Wybierz, dokąd kierujesz osobę: do KIS czy do prac społecznie użytecznych.'),
  eligibilityBases: f.choices(ELIGIBILITY_BASES, 'Zaznacz co najmniej jedną podstawę z art. 1 ust. 2 ustawy o zatrudnieniu socjalnym.', 1),
  reasons: f.longText('Opisz, dlaczego kierujesz tę osobę i czego oczekujesz od udziału.', 4000),
  contractId: f.optionalInt(1, MAX_ID),
  editionId: f.optionalInt(1, MAX_ID),
  psuAgreementId: f.optionalInt(1, MAX_ID),
  consentGiven: f.checkbox(),
  consentDate: notFuture('Data zgody nie może być w przyszłości.'),
  gdprInfoDate: notFuture('Data przekazania informacji nie może być w przyszłości.'),
  /** Which button was pressed: save a draft, or save and submit to the coordinator. */
  intent: z.preprocess((v) => (v === 'submit' ? 'submit' : 'draft'), z.enum(['draft', 'submit'])),
};

function referralRules(v: { consentGiven: boolean; consentDate: Date | null; gdprInfoDate: Date | null }, ctx: z.RefinementCtx) {
  if (v.consentDate && !v.consentGiven) {
    ctx.addIssue({ code: 'custom', path: ['consentGiven'], message: 'Podano datę zgody: zaznacz też, że osoba wyraziła zgodę.' });
  }
}

/** The edition belongs to club referrals, the PSU agreement to PSU referrals; the other one is dropped. */
function byKind<T extends { kind: 'KIS' | 'PSU'; editionId: number | null; psuAgreementId: number | null }>(v: T): T {
  return { ...v, editionId: v.kind === 'KIS' ? v.editionId : null, psuAgreementId: v.kind === 'PSU' ? v.psuAgreementId : null };
}

export const newReferralSchema = z.object(referralFields).superRefine(referralRules, { when: () => true }).transform(byKind);
export const editReferralSchema = z.object({ ...referralFields, version: f.version() }).superRefine(referralRules, { when: () => true }).transform(byKind);

export type ReferralInput = z.output<typeof newReferralSchema>;
export type ReferralChanges = z.output<typeof editReferralSchema>;

/** What a referral still lacks before it can go to the coordinator (voluntary consent and RODO information). */
export function submissionProblems(r: { consentGiven: boolean; consentDate: Date | null; gdprInfoDate: Date | null }): FieldErrors {
  const errors: FieldErrors = {};
  if (!r.consentGiven) errors.consentGiven = 'Przed złożeniem skierowania zaznacz, że osoba dobrowolnie zgodziła się na udział.';
  if (!r.consentDate) errors.consentDate = 'Przed złożeniem skierowania podaj datę zgody osoby.';
  if (!r.gdprInfoDate) errors.gdprInfoDate = 'Przed złożeniem skierowania podaj datę przekazania informacji o przetwarzaniu danych (RODO).';
  return errors;
}

export const versionSchema = z.object({ version: f.version() });

export const withdrawSchema = z.object({
  withdrawalReason: f.longText('Podaj powód wycofania skierowania.', 1000),
  version: f.version(),
});

export const acceptSchema = z.object({
  groupId: f.int('Wybierz grupę, do której przyjmujesz osobę.', 1, MAX_ID),
  startDate: f.date('Podaj datę rozpoczęcia udziału.'),
  version: f.version(),
});

export const psuAcceptSchema = z.object({ version: f.version() });

export const rejectSchema = z.object({
  rejectionReason: f.longText('Podaj powód odrzucenia: osoba i pracownik socjalny go zobaczą.', 1000),
  version: f.version(),
});

export const listQuerySchema = z.object({
  status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(REFERRAL_STATUSES).optional().catch(undefined)),
  kind: z.preprocess((v) => (v === '' ? undefined : v), z.enum(REFERRAL_KINDS).optional().catch(undefined)),
  mine: z.preprocess((v) => v === '1' || v === 'on', z.boolean()),
  q: z.preprocess((v) => (typeof v === 'string' ? v.trim().slice(0, 100) : undefined), z.string().optional()),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type ReferralListQuery = z.output<typeof listQuerySchema>;
