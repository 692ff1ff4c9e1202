// The correction trail of one person (RODO art. 16 and art. 15): each registration and change of their
// data read back from the audit log, with Polish field names and values. Special-category fields are
// logged by name only (the participants feature never writes their values), so they show by name only.
import { formatDate, parseIsoDate } from '../../lib/dates.ts';
import { ROLE_LABELS } from '../../http/permissions.ts';
import type { Role } from '../../generated/prisma/enums.ts';
import { auditActionLabel } from '../audit/audit-labels.ts';
import * as P from '../participants/participants.labels.ts';

/** Audit actions that record what was written into a person's data. */
export const TRAIL_ACTIONS = ['participant.create', 'participant.update', 'participant.sensitive.update', 'import.participants', 'participant.anonymise'] as const;

/** Form fields of the person's record, as the participant form names them. */
const FIELD_NAMES: Record<string, string> = {
  pesel: 'PESEL',
  documentType: 'rodzaj dokumentu tożsamości',
  documentNumber: 'numer dokumentu tożsamości',
  firstName: 'imię',
  secondName: 'drugie imię',
  lastName: 'nazwisko',
  birthDate: 'data urodzenia',
  sex: 'płeć',
  citizenship: 'obywatelstwo',
  street: 'ulica',
  houseNumber: 'numer domu',
  flatNumber: 'numer lokalu',
  postalCode: 'kod pocztowy',
  city: 'miejscowość',
  phone: 'telefon',
  email: 'e-mail',
  education: 'wykształcenie',
  labourStatus: 'sytuacja na rynku pracy',
  pupRegisteredAt: 'data rejestracji w PUP',
  pupProfile: 'profil pomocy PUP',
  socialWorkerId: 'pracownik socjalny prowadzący',
  notes: 'uwagi',
  status: 'stan sprawy',
  caseClosedAt: 'data zamknięcia sprawy',
  // special-category fields (names only)
  disabilityLevel: 'orzeczenie o niepełnosprawności',
  disabilityValidUntil: 'ważność orzeczenia o niepełnosprawności',
  addictionTherapy: 'terapia uzależnień',
  healthNotes: 'informacje o zdrowiu',
  ...P.SENSITIVE_FLAG_LABELS,
};

const ENUM_VALUES: Record<string, Record<string, string>> = {
  sex: P.SEX_LABELS,
  documentType: P.DOCUMENT_TYPE_LABELS,
  education: P.EDUCATION_LABELS,
  labourStatus: P.LABOUR_STATUS_LABELS,
  pupProfile: P.PUP_PROFILE_LABELS,
  status: P.PARTICIPANT_STATUS_LABELS,
};

export function fieldName(field: string): string {
  return FIELD_NAMES[field] ?? field;
}

type Value = string | number | boolean | null;

export function fieldValue(field: string, v: Value, workers: ReadonlyMap<number, string>): string {
  if (v === null || v === '') return '(puste)';
  if (field === 'socialWorkerId' && typeof v === 'number') return workers.get(v) ?? `użytkownik nr ${v}`;
  if (typeof v === 'boolean') return v ? 'tak' : 'nie';
  const labels = ENUM_VALUES[field];
  if (labels && typeof v === 'string') return labels[v] ?? v;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const d = parseIsoDate(v);
    if (d) return formatDate(d);
  }
  return String(v);
}

export interface TrailChange {
  field: string;
  /** Values are absent for special-category fields and after anonymisation. */
  before?: string;
  after?: string;
}

export interface TrailEntry {
  id: string;
  at: Date;
  action: string;
  actionLabel: string;
  /** Who, for the administrator's screen: full name and login. */
  who: string;
  /** Who, for the document handed to the person: the staff member's role, not their name. */
  whoRole: string;
  changes: TrailChange[];
  sensitiveFields: string[];
  /** A short sentence when the entry lists no fields (registration, anonymisation, redacted details). */
  note: string | null;
}

export interface AuditRow {
  id: bigint | number;
  at: Date;
  action: string;
  userLogin: string | null;
  details: unknown;
  user: { fullName: string; roles: Role[] } | null;
}

const isPair = (v: unknown): v is [Value, Value] => Array.isArray(v) && v.length === 2;

/** { field: [before, after] } under `changes`, or (older entries) at the top level of the details. */
function changePairs(details: Record<string, unknown>): [string, [Value, Value]][] {
  const source = details.changes && typeof details.changes === 'object' ? (details.changes as Record<string, unknown>) : details;
  return Object.entries(source).filter((e): e is [string, [Value, Value]] => isPair(e[1]));
}

export function buildTrail(rows: readonly AuditRow[], workers: ReadonlyMap<number, string>): TrailEntry[] {
  return rows.map((r) => {
    const details = r.details && typeof r.details === 'object' && !Array.isArray(r.details) ? (r.details as Record<string, unknown>) : null;
    const changes: TrailChange[] = details
      ? changePairs(details).map(([field, [b, a]]) => ({ field: fieldName(field), before: fieldValue(field, b, workers), after: fieldValue(field, a, workers) }))
      : [];
    const sensitive = Array.isArray(details?.sensitiveFields) ? (details.sensitiveFields as unknown[]).filter((x): x is string => typeof x === 'string') : [];
    let note: string | null = null;
    if (r.action === 'participant.anonymise') note = 'Dane osobowe usunięto po upływie okresu przechowywania; zostały tylko dane statystyczne.';
    else if (r.action === 'participant.create' || r.action === 'import.participants') note = 'Wpisanie osoby do rejestru.';
    else if (details === null) note = 'Szczegóły zmiany usunięto przy anonimizacji.';
    else if (!changes.length && !sensitive.length) note = 'Zapisano dane bez zmian.';
    return {
      id: String(r.id),
      at: r.at,
      action: r.action,
      actionLabel: auditActionLabel(r.action),
      who: r.user ? `${r.user.fullName} (${r.userLogin ?? '—'})` : (r.userLogin ?? 'system (zadanie automatyczne)'),
      whoRole: r.user ? r.user.roles.map((x) => ROLE_LABELS[x]).join(', ') || 'pracownik ośrodka' : r.userLogin ? 'pracownik ośrodka' : 'system (zadanie automatyczne)',
      changes,
      sensitiveFields: sensitive.map(fieldName),
      note,
    };
  });
}
