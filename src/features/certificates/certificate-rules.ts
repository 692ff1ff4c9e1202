// The pure half of certificates: kinds, which modules each kind covers, who may get one, the register
// number and the random verification code. No database here, so every rule has a unit test.
import crypto from 'node:crypto';
import { attendanceBasisPoints, meetsThreshold, type AttendanceTally } from '../../lib/attendance.ts';
import { formatBasisPoints } from '../../lib/money.ts';

export const CERTIFICATE_KINDS = ['KIS_COMPLETION', 'VOCATIONAL_ACTIVATION', 'SOCIAL_SKILLS', 'LABOUR_LAW'] as const;
export type CertificateKindValue = (typeof CERTIFICATE_KINDS)[number];

/** Short names for lists and the verification page. */
export const KIND_LABELS: Record<CertificateKindValue, string> = {
  KIS_COMPLETION: 'ukończenie zajęć w Klubie Integracji Społecznej',
  VOCATIONAL_ACTIVATION: 'warsztaty aktywizacji zawodowej',
  SOCIAL_SKILLS: 'trening umiejętności społecznych',
  LABOUR_LAW: 'warsztaty z prawa pracy',
};

/** What the certificate says the person did ("…ukończył(a) …"). */
export const KIND_TITLES: Record<CertificateKindValue, string> = {
  KIS_COMPLETION: 'o ukończeniu zajęć w Klubie Integracji Społecznej',
  VOCATIONAL_ACTIVATION: 'o ukończeniu warsztatów aktywizacji zawodowej',
  SOCIAL_SKILLS: 'o ukończeniu treningu umiejętności społecznych',
  LABOUR_LAW: 'o ukończeniu warsztatów z prawa pracy',
};

export interface ModuleInfo {
  id: number;
  name: string;
  area: 'SOCIAL' | 'VOCATIONAL' | 'INDIVIDUAL' | 'LEISURE';
  plannedHours: number;
  position: number;
}

/** The modules of the programme a certificate of this kind covers. */
export function modulesForKind(kind: CertificateKindValue, modules: readonly ModuleInfo[]): ModuleInfo[] {
  const sorted = [...modules].sort((a, b) => a.position - b.position || a.id - b.id);
  switch (kind) {
    case 'KIS_COMPLETION':
      return sorted;
    case 'VOCATIONAL_ACTIVATION':
      return sorted.filter((m) => m.area === 'VOCATIONAL' && !isLawModule(m));
    case 'SOCIAL_SKILLS':
      return sorted.filter((m) => m.area === 'SOCIAL');
    case 'LABOUR_LAW':
      return sorted.filter(isLawModule);
  }
}

function isLawModule(m: ModuleInfo): boolean {
  return /prawn|prawo|prawa/i.test(m.name);
}

/** One held session of the person's group (or their individual session) and their mark. */
export interface SessionMark {
  moduleId: number | null;
  minutes: number;
  mark: 'PRESENT' | 'ABSENT' | 'EXCUSED' | null;
}

export interface ModuleHours {
  moduleId: number;
  name: string;
  plannedHours: number;
  heldMinutes: number;
  presentMinutes: number;
  excusedMinutes: number;
}

/** Hours held and attended per module (sessions without a mark count as absences). */
export function hoursByModule(modules: readonly ModuleInfo[], sessions: readonly SessionMark[]): ModuleHours[] {
  return modules.map((m) => {
    const own = sessions.filter((s) => s.moduleId === m.id);
    return {
      moduleId: m.id,
      name: m.name,
      plannedHours: m.plannedHours,
      heldMinutes: own.reduce((s, x) => s + x.minutes, 0),
      presentMinutes: own.filter((x) => x.mark === 'PRESENT').reduce((s, x) => s + x.minutes, 0),
      excusedMinutes: own.filter((x) => x.mark === 'EXCUSED').reduce((s, x) => s + x.minutes, 0),
    };
  });
}

export interface EnrolmentFacts {
  status: 'ACTIVE' | 'COMPLETED' | 'DROPPED_OUT' | 'MOVED';
  certificateEligible: boolean | null;
  attendanceFinalBp: number | null;
  thresholdPct: number;
  excusedCountsAsPresent: boolean;
}

export type Verdict = { ok: true; attendanceBp: number | null } | { ok: false; reason: string };

/**
 * Whether the person may get a certificate of this kind. Completion of the club follows the outcome
 * the coordinator recorded when closing the edition (completed and eligible); a workshop certificate
 * follows attendance at that workshop's hours against the edition's threshold.
 */
export function checkEligibility(kind: CertificateKindValue, e: EnrolmentFacts, hours: readonly ModuleHours[]): Verdict {
  if (kind === 'KIS_COMPLETION') {
    if (e.status === 'ACTIVE' || e.status === 'MOVED' || e.certificateEligible === null) {
      return { ok: false, reason: 'Uczestnik nadal bierze udział w edycji: zaświadczenie o ukończeniu wydaje się po zamknięciu edycji.' };
    }
    if (e.status === 'DROPPED_OUT') {
      return { ok: false, reason: 'Uczestnik przerwał udział w zajęciach i nie ukończył edycji, więc nie otrzymuje zaświadczenia o ukończeniu.' };
    }
    if (!e.certificateEligible) {
      const rate = e.attendanceFinalBp === null ? '' : `Frekwencja ${formatBasisPoints(e.attendanceFinalBp)} jest niższa niż wymagane ${e.thresholdPct}%. `;
      return { ok: false, reason: `${rate}Przy zamykaniu edycji uczestnik nie uzyskał prawa do zaświadczenia.` };
    }
    return { ok: true, attendanceBp: e.attendanceFinalBp };
  }
  if (hours.length === 0) {
    return { ok: false, reason: `W programie tej edycji nie ma zajęć, których dotyczy zaświadczenie („${KIND_LABELS[kind]}”).` };
  }
  const t: AttendanceTally = {
    held: sum(hours, 'heldMinutes'),
    present: sum(hours, 'presentMinutes'),
    excused: sum(hours, 'excusedMinutes'),
    absent: 0,
  };
  t.absent = t.held - t.present - t.excused;
  const bp = attendanceBasisPoints(t, e.excusedCountsAsPresent);
  if (bp === null) {
    return { ok: false, reason: `Zajęcia „${KIND_LABELS[kind]}” jeszcze się nie odbyły.` };
  }
  if (!meetsThreshold(bp, e.thresholdPct)) {
    return { ok: false, reason: `Obecność na zajęciach „${KIND_LABELS[kind]}” wynosi ${formatBasisPoints(bp)}, a wymagane jest co najmniej ${e.thresholdPct}%.` };
  }
  return { ok: true, attendanceBp: bp };
}

function sum(rows: readonly ModuleHours[], key: 'heldMinutes' | 'presentMinutes' | 'excusedMinutes'): number {
  return rows.reduce((s, r) => s + r[key], 0);
}

/** KIS/2026/0007 */
export function certificateNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}/${year}/${String(seq).padStart(4, '0')}`;
}

// Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 16;

/** 16 random characters (80 bits): too many to guess, even without the rate limit. */
export function newVerificationCode(): string {
  const bytes = crypto.randomBytes(CODE_LENGTH);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

/** "ABCD-EFGH-JKMN-PQRS" as printed. */
export function formatVerificationCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** What a person typed (dashes, spaces, lower case, O for 0…) back to the stored form; null if impossible. */
export function normaliseVerificationCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return s.length === CODE_LENGTH && [...s].every((c) => ALPHABET.includes(c)) ? s : null;
}
