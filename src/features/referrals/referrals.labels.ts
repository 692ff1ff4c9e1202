// Polish names for referrals: kinds, statuses and the eligibility bases of the law.
import type { EligibilityBasis, ReferralKind, ReferralStatus } from '../../generated/prisma/enums.ts';

export const REFERRAL_KIND_LABELS: Record<ReferralKind, string> = {
  KIS: 'Klub Integracji Społecznej (KIS)',
  PSU: 'prace społecznie użyteczne (PSU)',
};

export const REFERRAL_KIND_SHORT: Record<ReferralKind, string> = { KIS: 'KIS', PSU: 'PSU' };

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  DRAFT: 'szkic',
  SUBMITTED: 'złożone, czeka na decyzję',
  ACCEPTED: 'przyjęte',
  RESERVE: 'lista rezerwowa',
  REJECTED: 'odrzucone',
  WITHDRAWN: 'wycofane',
};

/** Tag colour of each status (classes tag--green etc. in app.css). */
export const REFERRAL_STATUS_TONES: Record<ReferralStatus, string> = {
  DRAFT: 'grey',
  SUBMITTED: 'yellow',
  ACCEPTED: 'green',
  RESERVE: '',
  REJECTED: 'red',
  WITHDRAWN: 'grey',
};

/** Ustawa z 13 czerwca 2003 r. o zatrudnieniu socjalnym, art. 1 ust. 2 pkt 1–8. */
export const ELIGIBILITY_LABELS: Record<EligibilityBasis, string> = {
  HOMELESS: 'bezdomność – osoba realizująca indywidualny program wychodzenia z bezdomności (pkt 1)',
  ALCOHOL_ADDICTION: 'uzależnienie od alkoholu (pkt 2)',
  DRUG_ADDICTION: 'uzależnienie od narkotyków lub innych środków odurzających (pkt 3)',
  MENTAL_DISORDER: 'choroba psychiczna w rozumieniu przepisów o ochronie zdrowia psychicznego (pkt 4)',
  LONG_TERM_UNEMPLOYED: 'długotrwałe bezrobocie w rozumieniu przepisów o rynku pracy (pkt 5)',
  RELEASED_FROM_PRISON: 'zwolnienie z zakładu karnego, trudności w integracji ze środowiskiem (pkt 6)',
  REFUGEE: 'uchodźca realizujący indywidualny program integracji (pkt 7)',
  DISABLED: 'niepełnosprawność w rozumieniu przepisów o rehabilitacji zawodowej (pkt 8)',
};
