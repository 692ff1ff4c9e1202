// One sheet row → the participant form's input, checked with the participant form's own schema
// (newParticipantSchema: PESEL check digit, birth date and sex from the PESEL, required fields…). Only
// what a sheet writes differently from the form is translated here: "K"/"M", "średnie", a worker's
// login or name, dates typed as 31/12/1999.
import { parseForm } from '../../http/form.ts';
import { isValidPesel, parsePesel } from '../../lib/pesel.ts';
import { formatDate } from '../../lib/dates.ts';
import { DOCUMENT_TYPE_LABELS, EDUCATION_LABELS, SEX_LABELS } from '../participants/participants.labels.ts';
import { newParticipantSchema, type ParticipantInput } from '../participants/participants.schemas.ts';
import { COLUMN_BY_KEY, COLUMN_KEYS, normalizeHeader, type ColumnKey, type HeaderMap } from './columns.ts';
import { sheetRows as genericRows, type SheetRow as GenericRow, type SheetValues as GenericValues } from './sheet-columns.ts';

export type SheetValues = GenericValues<ColumnKey>;
export type SheetRow = GenericRow<ColumnKey>;

/** The data rows under the header, blank rows left out. */
export function sheetRows(rows: string[][], map: HeaderMap): SheetRow[] {
  return genericRows(rows, map, ['notes']);
}

export interface WorkerRef {
  id: number;
  login: string;
  fullName: string;
}

/** Finds a social worker by login or by full name (case and diacritics do not matter). */
export function workerFinder(workers: WorkerRef[]) {
  const byLogin = new Map(workers.map((w) => [w.login.toLowerCase(), w]));
  const byName = new Map<string, WorkerRef[]>();
  for (const w of workers) {
    const k = normalizeHeader(w.fullName);
    byName.set(k, [...(byName.get(k) ?? []), w]);
  }
  return (text: string): WorkerRef | string => {
    const login = byLogin.get(text.toLowerCase());
    if (login) return login;
    const named = byName.get(normalizeHeader(text)) ?? [];
    if (named.length === 1) return named[0]!;
    if (named.length > 1) return `jest kilku pracowników o imieniu i nazwisku „${text}”: wpisz login zamiast nazwiska.`;
    return `nie ma aktywnego pracownika socjalnego „${text}”. Wpisz login albo imię i nazwisko z listy użytkowników.`;
  };
}

/** Label → enum value, matched like headers ("Średnie", "srednie"…) plus the extra words given. */
function choiceReader<K extends string>(labels: Record<K, string>, extra: Record<string, K> = {}) {
  const map = new Map<string, K>();
  for (const [k, label] of Object.entries(labels) as [K, string][]) map.set(normalizeHeader(label), k);
  for (const [word, k] of Object.entries(extra)) map.set(normalizeHeader(word), k);
  return (text: string) => map.get(normalizeHeader(text)) ?? null;
}

const readSex = choiceReader(SEX_LABELS, { k: 'FEMALE', ż: 'FEMALE', z: 'FEMALE', f: 'FEMALE', female: 'FEMALE', m: 'MALE', male: 'MALE', mezczyzna: 'MALE' });
const readDocument = choiceReader(DOCUMENT_TYPE_LABELS, { inny: 'OTHER', 'zagraniczny dowód osobisty': 'FOREIGN_ID_CARD', 'dowód osobisty': 'FOREIGN_ID_CARD' });
const readEducation = choiceReader(EDUCATION_LABELS, {
  brak: 'NONE', 'bez wykształcenia': 'NONE', gimnazjum: 'LOWER_SECONDARY', zawodowe: 'BASIC_VOCATIONAL', 'zasadnicze': 'BASIC_VOCATIONAL',
  'branżowe': 'BASIC_VOCATIONAL', 'branżowe I stopnia': 'BASIC_VOCATIONAL', 'średnie zawodowe': 'SECONDARY', 'średnie ogólnokształcące': 'SECONDARY',
  'wyższe magisterskie': 'HIGHER', 'wyższe licencjackie': 'HIGHER', 'wyższe inżynierskie': 'HIGHER',
});

/** 31.12.1999, 31-12-1999, 31/12/1999, 1999-12-31 (also with a time) → 31.12.1999; anything else as typed. */
export function sheetDate(text: string): string {
  const t = text.trim();
  const dmy = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(\s.*)?$/.exec(t);
  if (dmy) return `${dmy[1]!.padStart(2, '0')}.${dmy[2]!.padStart(2, '0')}.${dmy[3]}`;
  const ymd = /^(\d{4})[./-](\d{1,2})[./-](\d{1,2})([ T].*)?$/.exec(t);
  if (ymd) return `${ymd[3]!.padStart(2, '0')}.${ymd[2]!.padStart(2, '0')}.${ymd[1]}`;
  return t;
}

/**
 * A PESEL as sheets spoil it: a numeric cell drops the leading zero of people born 2000–2009 (10 digits
 * left); a narrow numeric column shows 8,50312E+10. The first is mended when the check digit then agrees.
 */
export function sheetPesel(text: string): { value: string; problem?: string } {
  const digits = text.replace(/[\s-]+/g, '');
  if (/^\d+([.,]\d+)?e\+?\d+$/i.test(digits)) {
    return { value: digits, problem: 'numer zapisany w postaci wykładniczej (np. 8,5E+10), więc część cyfr przepadła. W arkuszu ustaw format kolumny PESEL na „Tekst” i wpisz numery ponownie.' };
  }
  if (/^\d{10}$/.test(digits) && isValidPesel(`0${digits}`)) return { value: `0${digits}` };
  return { value: digits };
}

export interface RowCheck {
  row: number;
  problems: string[];
  /** The row repeats a person (in the file or already in the register). */
  duplicate: boolean;
  input: ParticipantInput | null;
}

const label = (key: string) => COLUMN_BY_KEY[(key === 'socialWorkerId' ? 'socialWorker' : key) as ColumnKey]?.header ?? key;

/** Checks one row on its own (duplicates are checked across rows afterwards). */
export function checkRow(sheetRow: SheetRow, findWorker: ReturnType<typeof workerFinder>): RowCheck {
  const v = sheetRow.values;
  const problems: string[] = [];
  const form: Record<string, unknown> = {};
  for (const key of COLUMN_KEYS) if (v[key] !== undefined) form[key] = v[key];
  form.citizenship = v.citizenship ?? 'polskie';
  let sheetSex: string | null = null;
  if (v.pesel) {
    const p = sheetPesel(v.pesel);
    form.pesel = p.value;
    if (p.problem) problems.push(`PESEL: ${p.problem}`);
  }
  if (v.birthDate) form.birthDate = sheetDate(v.birthDate);
  if (v.sex) {
    sheetSex = readSex(v.sex);
    form.sex = sheetSex ?? undefined;
    if (!sheetSex) problems.push(`Płeć: nieznana wartość „${v.sex}”. Wpisz K (kobieta) albo M (mężczyzna).`);
  }
  if (v.documentType) {
    form.documentType = readDocument(v.documentType) ?? undefined;
    if (!form.documentType) problems.push(`Rodzaj dokumentu: nieznana wartość „${v.documentType}”. Wpisz: ${Object.values(DOCUMENT_TYPE_LABELS).join(', ')}.`);
  }
  if (v.education) {
    form.education = readEducation(v.education) ?? undefined;
    if (!form.education) problems.push(`Wykształcenie: nieznana wartość „${v.education}”. Wpisz: ${Object.values(EDUCATION_LABELS).join(', ')}.`);
  }
  delete form.socialWorker;
  if (v.socialWorker) {
    const w = findWorker(v.socialWorker);
    if (typeof w === 'string') problems.push(`Pracownik socjalny: ${w}`);
    else form.socialWorkerId = String(w.id);
  }
  const parsed = parseForm(newParticipantSchema, form);
  if (!parsed.ok) {
    // A value already reported above (unknown sex…) is not reported again as "missing".
    for (const [field, message] of Object.entries(parsed.errors)) {
      if (!problems.some((p) => p.startsWith(`${label(field)}:`))) problems.push(`${label(field)}: ${message}`);
    }
  }
  // The form takes birth date and sex from the PESEL; a sheet that says otherwise holds a typo somewhere.
  const info = typeof form.pesel === 'string' ? parsePesel(form.pesel) : null;
  if (info) {
    const typedDate = v.birthDate ? sheetDate(v.birthDate) : null;
    const reported = (col: string) => problems.some((p) => p.startsWith(`${col}:`));
    if (typedDate && typedDate !== formatDate(info.birthDate) && !reported('Data urodzenia')) {
      problems.push(`Data urodzenia: ${typedDate} nie zgadza się z numerem PESEL (wynika z niego ${formatDate(info.birthDate)}). Sprawdź oba.`);
    }
    if (sheetSex && sheetSex !== info.sex && !reported('Płeć')) {
      problems.push(`Płeć: „${v.sex}” nie zgadza się z numerem PESEL (wynika z niego: ${SEX_LABELS[info.sex]}). Sprawdź oba.`);
    }
  }
  return { row: sheetRow.row, problems, duplicate: false, input: problems.length ? null : parsed.ok ? parsed.data : null };
}
