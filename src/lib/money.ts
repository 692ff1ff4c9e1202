// Money is whole grosze (integers). Never binary floats.

/** `1 234,56 zł` (thin grouping with a no-break space, decimal comma). */
export function formatMoney(grosze: number, withCurrency = true): string {
  if (!Number.isInteger(grosze)) throw new TypeError(`Money must be whole grosze, got ${grosze}`);
  const sign = grosze < 0 ? '-' : '';
  const abs = Math.abs(grosze);
  const zl = Math.floor(abs / 100);
  const gr = String(abs % 100).padStart(2, '0');
  const grouped = String(zl).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${sign}${grouped},${gr}${withCurrency ? '\u00a0zł' : ''}`;
}

/** Parses "1 234,56", "1234.56", "8,3" into grosze; null when it is not an amount. */
export function parseMoney(text: string): number | null {
  const s = text.replace(/[\s\u00a0]/g, '').replace(/zł$/i, '').replace(',', '.');
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const grosze = Number(m[2]) * 100 + Number((m[3] ?? '0').padEnd(2, '0'));
  return m[1] ? -grosze : grosze;
}

/**
 * numerator / denominator rounded half up (away from zero for halves), with integers only.
 * Used for hours × rate and percentages so every amount is exact to the grosz.
 */
export function divideRoundHalfUp(numerator: bigint | number, denominator: bigint | number): number {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  if (d <= 0n) throw new RangeError('Denominator must be positive');
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = (a * 2n + d) / (2n * d);
  return Number(neg ? -q : q);
}

/** Share of an amount in basis points (6000 = 60,00%), rounded half up to the grosz. */
export function percentOf(grosze: number, basisPoints: number): number {
  return divideRoundHalfUp(BigInt(grosze) * BigInt(basisPoints), 10_000n);
}

/** Basis points as "60,00%". */
export function formatBasisPoints(bp: number): string {
  return `${formatMoney(bp, false)}%`;
}

/** Hours from minutes as "36" or "7,5" (Polish decimal comma). */
export function formatHours(minutes: number): string {
  const h = minutes / 60;
  return Number.isInteger(h) ? String(h) : h.toFixed(2).replace(/0+$/, '').replace('.', ',');
}
