// Counting related rows for the rows a page shows. Prisma's relation counts (`_count`) aggregate the whole
// related table and join the result (LEFT JOIN (SELECT …, count(*) … GROUP BY …)), which grows with the
// database: the attendance count of today's sessions read every mark ever taken. These count only the keys
// asked for, through the foreign key's index.

/** A Map from key to count, 0 for keys without rows. */
export function countMap<K>(keys: readonly K[], groups: readonly { key: K; n: number }[]): Map<K, number> {
  const m = new Map<K, number>(keys.map((k) => [k, 0]));
  for (const g of groups) m.set(g.key, g.n);
  return m;
}
