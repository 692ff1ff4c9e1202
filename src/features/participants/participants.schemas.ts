// Participant forms: identity (PESEL, or a document for people without one), contact and labour-market
// facts, and separately the special-category facts that only some roles may see.
import { z } from 'zod';
import { f } from '../../http/form.ts';
import { parsePesel, peselCheckDigit } from '../../lib/pesel.ts';
import { warsawDate } from '../../lib/dates.ts';

export const DOCUMENT_TYPES = ['PASSPORT', 'RESIDENCE_CARD', 'FOREIGN_ID_CARD', 'OTHER'] as const;
export const EDUCATIONS = ['NONE', 'PRIMARY', 'LOWER_SECONDARY', 'BASIC_VOCATIONAL', 'SECONDARY', 'POST_SECONDARY', 'HIGHER'] as const;
export const LABOUR_STATUSES = ['UNEMPLOYED_REGISTERED', 'UNEMPLOYED_NOT_REGISTERED', 'INACTIVE', 'EMPLOYED', 'INCAPACITY_PENSION'] as const;
export const PUP_PROFILES = ['I', 'II', 'III'] as const;
export const SEXES = ['FEMALE', 'MALE'] as const;
export const EDITABLE_STATUSES = ['ACTIVE', 'CLOSED'] as const;
export const DISABILITY_LEVELS = ['NONE', 'LIGHT', 'MODERATE', 'SEVERE'] as const;
export const SENSITIVE_FLAGS = ['alcoholAddiction', 'drugAddiction', 'mentalDisorder', 'homeless', 'releasedFromPrison', 'refugee'] as const;

/** What is wrong with a typed PESEL, in words a social worker can act on; null when it is valid. */
export function peselProblem(pesel: string): string | null {
  if (!/^\d{11}$/.test(pesel)) return 'PESEL ma 11 cyfr. Sprawdź, czy wpisano cały numer (bez liter).';
  if (peselCheckDigit(pesel) !== Number(pesel[10])) {
    return 'Numer PESEL jest nieprawidłowy: nie zgadza się cyfra kontrolna. Sprawdź, czy numer został dobrze przepisany.';
  }
  if (!parsePesel(pesel)) return 'Numer PESEL zawiera nieistniejącą datę urodzenia. Sprawdź, czy został dobrze przepisany.';
  return null;
}

/** Spaces and dashes people type inside numbers are dropped before checking. */
const peselField = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/[\s-]+/g, '') : v),
  f.optionalText(20),
);

/** An optional date that cannot lie after today (checked per field, so it shows with the other errors). */
const notFuture = (message: string) => f.optionalDate().refine((d) => !d || d <= warsawDate(), message);

const postalCode = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string().trim().regex(/^\d{2}-\d{3}$/, 'Kod pocztowy ma postać 00-000.').optional().transform((v) => v ?? null),
);

const email = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.email('Podaj prawidłowy adres e-mail.').optional().transform((v) => v ?? null),
);

const base = z.object({
  pesel: peselField,
  documentType: f.optionalChoice(DOCUMENT_TYPES, 'Wybierz rodzaj dokumentu z listy.'),
  documentNumber: f.optionalText(30),
  birthDate: notFuture('Data urodzenia nie może być w przyszłości.'),
  sex: f.optionalChoice(SEXES, 'Wybierz płeć.'),
  firstName: f.text('Wpisz imię.', 60),
  secondName: f.optionalText(60),
  lastName: f.text('Wpisz nazwisko.', 80),
  citizenship: f.text('Wpisz obywatelstwo, np. polskie.', 60),
  street: f.optionalText(120),
  houseNumber: f.optionalText(10),
  flatNumber: f.optionalText(10),
  postalCode,
  city: f.optionalText(80),
  phone: f.optionalText(30),
  email,
  education: f.optionalChoice(EDUCATIONS, 'Wybierz wykształcenie z listy.'),
  labourStatus: f.optionalChoice(LABOUR_STATUSES, 'Wybierz sytuację na rynku pracy z listy.'),
  pupRegisteredAt: notFuture('Data rejestracji w PUP nie może być w przyszłości.'),
  pupProfile: f.optionalChoice(PUP_PROFILES, 'Wybierz profil pomocy z listy.'),
  socialWorkerId: f.optionalInt(1, 2_147_483_647),
  notes: f.optionalLongText(4000),
});

type Base = z.output<typeof base>;

/** PESEL valid, or (without PESEL) a document, a birth date and sex. */
function identityRules(v: Base, ctx: z.RefinementCtx) {
  if (v.pesel) {
    const problem = peselProblem(String(v.pesel));
    if (problem) ctx.addIssue({ code: 'custom', path: ['pesel'], message: problem });
  } else {
    if (!v.documentType) ctx.addIssue({ code: 'custom', path: ['documentType'], message: 'Osoba bez numeru PESEL: wybierz rodzaj dokumentu tożsamości.' });
    if (!v.documentNumber) ctx.addIssue({ code: 'custom', path: ['documentNumber'], message: 'Osoba bez numeru PESEL: wpisz serię i numer dokumentu.' });
    if (!v.birthDate) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'Osoba bez numeru PESEL: podaj datę urodzenia.' });
    if (!v.sex) ctx.addIssue({ code: 'custom', path: ['sex'], message: 'Osoba bez numeru PESEL: wybierz płeć.' });
  }
  if (v.pesel && v.documentType && !v.documentNumber) {
    ctx.addIssue({ code: 'custom', path: ['documentNumber'], message: 'Wpisz numer dokumentu albo usuń jego rodzaj.' });
  }
  if (v.pesel && v.documentNumber && !v.documentType) {
    ctx.addIssue({ code: 'custom', path: ['documentType'], message: 'Wybierz rodzaj dokumentu albo usuń jego numer.' });
  }
}

/** Birth date and sex come from the PESEL whenever there is one. */
function derive<T extends Base>(v: T) {
  const info = v.pesel ? parsePesel(v.pesel) : null;
  return {
    ...v,
    pesel: v.pesel ?? null,
    documentType: v.documentType ?? null,
    documentNumber: v.documentNumber ? v.documentNumber.toUpperCase() : null,
    birthDate: info ? info.birthDate : v.birthDate!,
    sex: info ? info.sex : v.sex!,
  };
}

/** Cross-field rules run even when another field failed, so every error shows at once. */
const always = { when: () => true };

export const newParticipantSchema = base.superRefine(identityRules, always).transform(derive);

export const editParticipantSchema = base
  .extend({
    status: f.choice(EDITABLE_STATUSES, 'Wybierz stan sprawy.'),
    caseClosedAt: f.optionalDate(),
    version: f.version(),
  })
  .superRefine((v, ctx) => {
    identityRules(v, ctx);
    if (v.status === 'CLOSED' && !v.caseClosedAt) {
      ctx.addIssue({ code: 'custom', path: ['caseClosedAt'], message: 'Podaj datę zamknięcia sprawy.' });
    }
  }, always)
  .transform((v) => ({ ...derive(v), caseClosedAt: v.status === 'CLOSED' ? v.caseClosedAt : null }));

export type ParticipantInput = z.output<typeof newParticipantSchema>;
export type ParticipantChanges = z.output<typeof editParticipantSchema>;

/** Special-category facts (RODO art. 9 and 10): parsed only for users allowed to see them. */
export const sensitiveSchema = z.object({
  disabilityLevel: f.optionalChoice(DISABILITY_LEVELS, 'Wybierz stopień niepełnosprawności z listy.'),
  disabilityValidUntil: f.optionalDate(),
  alcoholAddiction: f.checkbox(),
  drugAddiction: f.checkbox(),
  addictionTherapy: f.optionalText(300),
  mentalDisorder: f.checkbox(),
  homeless: f.checkbox(),
  releasedFromPrison: f.checkbox(),
  refugee: f.checkbox(),
  healthNotes: f.optionalLongText(4000),
});

export type SensitiveInput = z.output<typeof sensitiveSchema>;
export const SENSITIVE_FIELDS = Object.keys(sensitiveSchema.shape) as (keyof SensitiveInput)[];

/** Query string of the participant register. */
export const listQuerySchema = z.object({
  q: z.preprocess((v) => (typeof v === 'string' ? v.trim().slice(0, 100) : undefined), z.string().optional()),
  status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['ACTIVE', 'CLOSED', 'ANONYMISED', 'ALL']).catch('ACTIVE').default('ACTIVE')),
  worker: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined)),
  edition: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined)),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type ListQuery = z.output<typeof listQuerySchema>;
