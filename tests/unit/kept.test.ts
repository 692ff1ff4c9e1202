// KeptFor: a value computed once per key for a while, shared by callers arriving during the computation,
// forgotten at once on a change, and never kept when it was computed from data older than the change.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeptFor } from '../../src/lib/kept.ts';

afterEach(() => vi.useRealTimers());

describe('KeptFor', () => {
  it('computes once for callers together and while fresh, again after the time or for another key', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const kept = new KeptFor<number>(60_000);
    let runs = 0;
    const compute = async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 5));
      return runs;
    };
    expect(await Promise.all([kept.get('a', compute), kept.get('a', compute), kept.get('a', compute)])).toEqual([1, 1, 1]);
    vi.setSystemTime(Date.now() + 59_000);
    expect(await kept.get('a', compute)).toBe(1);
    expect(await kept.get('b', compute)).toBe(2);
    vi.setSystemTime(Date.now() + 2_000);
    expect(await kept.get('a', compute)).toBe(3);
    expect(runs).toBe(3);
  });

  it('forgets on a change, and does not keep a computation that started before it', async () => {
    const kept = new KeptFor<string>(60_000);
    let data = 'old';
    let release!: () => void;
    const slow = () => new Promise<string>((resolve) => { const seen = data; release = () => resolve(seen); });
    const before = kept.get('k', slow);
    data = 'new';
    kept.forget();
    release();
    expect(await before).toBe('old'); // its caller gets what it asked for
    expect(await kept.get('k', async () => data)).toBe('new'); // but it was not kept
    data = 'newer';
    expect(await kept.get('k', async () => data)).toBe('new'); // the new one is
    kept.forget();
    expect(await kept.get('k', async () => data)).toBe('newer');
  });
});
