// Yearly case numbers without gaps or duplicates: SK/2026/0001 for referrals, KS/2026/001 for social
// contracts. A transaction-scoped advisory lock serialises numbering per series and year, so two
// workers saving at the same moment get consecutive numbers (the unique index is the last guard).
import type { DbClient } from '../../db/client.ts';

export type CaseSeries = 'SK' | 'KS';

const WIDTH: Record<CaseSeries, number> = { SK: 4, KS: 3 };
/** First half of the advisory lock key; the second half is the hash of the prefix. */
const LOCK_CLASS = 72707370;

/** Highest sequence among numbers with the prefix (numbers typed by hand with other shapes are ignored). */
export function highestSequence(numbers: readonly string[], prefix: string): number {
  let max = 0;
  for (const n of numbers) {
    const rest = n.slice(prefix.length);
    if (n.startsWith(prefix) && /^\d{1,9}$/.test(rest)) max = Math.max(max, Number(rest));
  }
  return max;
}

export function formatCaseNumber(series: CaseSeries, year: number, seq: number): string {
  return `${series}/${year}/${String(seq).padStart(WIDTH[series], '0')}`;
}

/** The next number of a series in a year. Call inside the transaction that inserts the row. */
export async function nextCaseNumber(db: DbClient, series: CaseSeries, year: number): Promise<string> {
  const prefix = `${series}/${year}/`;
  await db.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, hashtext(${prefix}))`;
  const where = { number: { startsWith: prefix } };
  const rows = series === 'SK'
    ? await db.referral.findMany({ where, select: { number: true } })
    : await db.socialContract.findMany({ where, select: { number: true } });
  return formatCaseNumber(series, year, highestSequence(rows.map((r) => r.number), prefix) + 1);
}
