// The referral workflow table and the yearly case numbers.
import { describe, expect, it } from 'vitest';
import type { ReferralStatus } from '../../src/generated/prisma/enums.ts';
import { ConflictError } from '../../src/http/errors.ts';
import {
  allowedReferralActions, assertReferralTransition, isFinalReferralStatus, nextReferralStatus, REFERRAL_TRANSITIONS, type ReferralAction,
} from '../../src/features/referrals/referral-transitions.ts';
import { formatCaseNumber, highestSequence } from '../../src/features/referrals/case-numbers.ts';

const STATUSES: ReferralStatus[] = ['DRAFT', 'SUBMITTED', 'ACCEPTED', 'RESERVE', 'REJECTED', 'WITHDRAWN'];
const ACTIONS: ReferralAction[] = ['submit', 'accept', 'reserve', 'reject', 'withdraw'];

describe('referral transitions', () => {
  it.each([
    ['DRAFT', 'submit', 'SUBMITTED'],
    ['DRAFT', 'withdraw', 'WITHDRAWN'],
    ['SUBMITTED', 'accept', 'ACCEPTED'],
    ['SUBMITTED', 'reserve', 'RESERVE'],
    ['SUBMITTED', 'reject', 'REJECTED'],
    ['SUBMITTED', 'withdraw', 'WITHDRAWN'],
    ['RESERVE', 'accept', 'ACCEPTED'],
    ['RESERVE', 'reject', 'REJECTED'],
    ['RESERVE', 'withdraw', 'WITHDRAWN'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(nextReferralStatus(from, action)).toBe(to);
    expect(assertReferralTransition(from, action)).toBe(to);
  });

  it('allows exactly the nine transitions above and nothing else', () => {
    const allowed = STATUSES.flatMap((s) => ACTIONS.filter((a) => nextReferralStatus(s, a) !== null).map((a) => `${s}:${a}`));
    expect(allowed).toHaveLength(9);
  });

  it.each([
    ['DRAFT', 'accept'], ['DRAFT', 'reserve'], ['DRAFT', 'reject'],
    ['SUBMITTED', 'submit'], ['RESERVE', 'submit'], ['RESERVE', 'reserve'],
    ['ACCEPTED', 'withdraw'], ['ACCEPTED', 'reject'], ['REJECTED', 'accept'], ['WITHDRAWN', 'submit'],
  ] as const)('refuses %s --%s-->', (from, action) => {
    expect(nextReferralStatus(from, action)).toBeNull();
    expect(() => assertReferralTransition(from, action)).toThrow(ConflictError);
  });

  it('says in Polish what cannot be done and why', () => {
    try {
      assertReferralTransition('ACCEPTED', 'withdraw');
      expect.unreachable();
    } catch (err) {
      expect((err as ConflictError).publicMessage).toBe('Nie można wycofać skierowania, które ma status „przyjęte”.');
      expect((err as ConflictError).status).toBe(409);
    }
  });

  it('has final states with no way out, and every other state can be withdrawn', () => {
    expect(STATUSES.filter(isFinalReferralStatus)).toEqual(['ACCEPTED', 'REJECTED', 'WITHDRAWN']);
    for (const s of STATUSES.filter((x) => !isFinalReferralStatus(x))) expect(allowedReferralActions(s)).toContain('withdraw');
  });

  it('never leads back to a draft or into a state that is not in the schema', () => {
    for (const s of STATUSES) {
      for (const to of Object.values(REFERRAL_TRANSITIONS[s])) {
        expect(STATUSES).toContain(to);
        expect(to).not.toBe('DRAFT');
      }
    }
  });
});

describe('case numbers', () => {
  it('continues after the highest number of the year, whatever its width', () => {
    expect(highestSequence(['SK/2026/0001', 'SK/2026/0009', 'SK/2026/12', 'SK/2025/0400'], 'SK/2026/')).toBe(12);
    expect(formatCaseNumber('SK', 2026, 13)).toBe('SK/2026/0013');
    expect(formatCaseNumber('KS', 2026, 7)).toBe('KS/2026/007');
    expect(formatCaseNumber('KS', 2026, 1234)).toBe('KS/2026/1234');
  });

  it('ignores numbers of other shapes and starts at 1 in a new year', () => {
    expect(highestSequence(['SK/2026/0003/a', 'SK/2026/x', 'KS/2026/0099'], 'SK/2026/')).toBe(0);
    expect(highestSequence([], 'KS/2027/')).toBe(0);
  });
});
