import { describe, expect, it } from 'vitest';
import { DEFAULT_COST, hashPassword, verifyPassword } from '../../src/lib/password.ts';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one at the production cost', async () => {
    const hash = await hashPassword('zażółć gęślą jaźń', DEFAULT_COST);
    expect(hash.startsWith(`scrypt$${DEFAULT_COST}$8$1$`)).toBe(true);
    expect(await verifyPassword('zażółć gęślą jaźń', hash)).toBe(true);
    expect(await verifyPassword('zażółć gęślą jaźn', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same', 1024)).not.toBe(await hashPassword('same', 1024));
  });

  it('refuses hashes it does not know', async () => {
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});
