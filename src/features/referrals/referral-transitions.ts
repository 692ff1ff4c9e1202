// The referral workflow as a table: which action may move a referral from which status to which.
// DRAFT → SUBMITTED → ACCEPTED / RESERVE / REJECTED; RESERVE → ACCEPTED / REJECTED; WITHDRAWN from any
// open status. ACCEPTED, REJECTED and WITHDRAWN are final.
import type { ReferralStatus } from '../../generated/prisma/enums.ts';
import { ConflictError } from '../../http/errors.ts';
import { REFERRAL_STATUS_LABELS } from './referrals.labels.ts';

export type ReferralAction = 'submit' | 'accept' | 'reserve' | 'reject' | 'withdraw';

export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralStatus, Readonly<Partial<Record<ReferralAction, ReferralStatus>>>>> = {
  DRAFT: { submit: 'SUBMITTED', withdraw: 'WITHDRAWN' },
  SUBMITTED: { accept: 'ACCEPTED', reserve: 'RESERVE', reject: 'REJECTED', withdraw: 'WITHDRAWN' },
  RESERVE: { accept: 'ACCEPTED', reject: 'REJECTED', withdraw: 'WITHDRAWN' },
  ACCEPTED: {},
  REJECTED: {},
  WITHDRAWN: {},
};

const ACTION_PHRASES: Record<ReferralAction, string> = {
  submit: 'złożyć',
  accept: 'przyjąć',
  reserve: 'wpisać na listę rezerwową',
  reject: 'odrzucić',
  withdraw: 'wycofać',
};

/** The status an action leads to, or null when the action is not allowed from `from`. */
export function nextReferralStatus(from: ReferralStatus, action: ReferralAction): ReferralStatus | null {
  return REFERRAL_TRANSITIONS[from][action] ?? null;
}

export function allowedReferralActions(from: ReferralStatus): ReferralAction[] {
  return Object.keys(REFERRAL_TRANSITIONS[from]) as ReferralAction[];
}

export function isFinalReferralStatus(status: ReferralStatus): boolean {
  return allowedReferralActions(status).length === 0;
}

/** The next status, or a ConflictError telling the user why the action cannot be done now. */
export function assertReferralTransition(from: ReferralStatus, action: ReferralAction): ReferralStatus {
  const to = nextReferralStatus(from, action);
  if (!to) {
    throw new ConflictError(`Nie można ${ACTION_PHRASES[action]} skierowania, które ma status „${REFERRAL_STATUS_LABELS[from]}”.`);
  }
  return to;
}
