// Polish names of the club's enum values, shared by the edition, timetable and attendance pages.
import type {
  AttendanceStatus, EditionStatus, EnrolmentStatus, FundingSource, ModuleArea, SessionStatus,
} from '../../generated/prisma/enums.ts';

export const FUNDING_VALUES = ['MINISTRY_GRANT', 'EU_ESF', 'OWN_BUDGET', 'OTHER'] as const;
export const FUNDING_LABELS: Record<FundingSource, string> = {
  MINISTRY_GRANT: 'dotacja z budżetu państwa (ministerstwo, przez wojewodę)',
  EU_ESF: 'projekt UE (Europejski Fundusz Społeczny Plus)',
  OWN_BUDGET: 'budżet własny gminy',
  OTHER: 'inne źródło',
};

export const AREA_VALUES = ['SOCIAL', 'VOCATIONAL', 'INDIVIDUAL', 'LEISURE'] as const;
export const AREA_LABELS: Record<ModuleArea, string> = {
  SOCIAL: 'reintegracja społeczna',
  VOCATIONAL: 'reintegracja zawodowa',
  INDIVIDUAL: 'zajęcia indywidualne',
  LEISURE: 'czas wolny',
};

export const EDITION_STATUS_LABELS: Record<EditionStatus, string> = {
  PLANNED: 'planowana',
  RUNNING: 'w toku',
  CLOSED: 'zamknięta',
};

export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  PLANNED: 'zaplanowane',
  HELD: 'odbyte',
  CANCELLED: 'odwołane',
};

export const ENROLMENT_STATUS_LABELS: Record<EnrolmentStatus, string> = {
  ACTIVE: 'uczestniczy',
  COMPLETED: 'ukończył(a)',
  DROPPED_OUT: 'przerwał(a) udział',
  MOVED: 'przeniesiony(-a)',
};

export const MARK_VALUES = ['PRESENT', 'ABSENT', 'EXCUSED'] as const;
export const MARK_LABELS: Record<AttendanceStatus, string> = {
  PRESENT: 'obecność',
  ABSENT: 'nieobecność',
  EXCUSED: 'nieobecność usprawiedliwiona',
};
/** Short forms for tables and the printed month list. */
export const MARK_SHORT: Record<AttendanceStatus, string> = {
  PRESENT: 'ob.',
  ABSENT: 'nb.',
  EXCUSED: 'usp.',
};

/** Weekdays offered for the timetable (ISO numbers): Monday to Saturday. */
export const WEEKDAY_OPTIONS = [
  { value: '1', text: 'poniedziałek' },
  { value: '2', text: 'wtorek' },
  { value: '3', text: 'środa' },
  { value: '4', text: 'czwartek' },
  { value: '5', text: 'piątek' },
  { value: '6', text: 'sobota' },
];

export const optionsOf = <K extends string>(labels: Record<K, string>, values: readonly K[]) =>
  values.map((v) => ({ value: v, text: labels[v] }));

/** Polish plural form for a count: 1 → one, 2–4 (not 12–14) → few, otherwise many. */
export function polishPlural(n: number, one: string, few: string, many: string): string {
  if (n === 1) return one;
  const tens = n % 100;
  const units = n % 10;
  return units >= 2 && units <= 4 && (tens < 12 || tens > 14) ? few : many;
}

/** "1 zajęcia", "3 zajęcia", "5 zajęć", "22 zajęcia". */
export const sessionsCount = (n: number) => `${n} ${polishPlural(n, 'zajęcia', 'zajęcia', 'zajęć')}`;
