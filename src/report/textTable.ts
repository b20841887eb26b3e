/**
 * Plain-text tables for the terminal: columns padded to their widest cell, numbers
 * right-aligned, so a summary reads at a glance and pastes cleanly into an email.
 */

export type Cell = string | number;

/**
 * Render rows under a header.
 * @param format how to print numbers (default: thousands separators, no decimals)
 */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  format = formatCount,
): string {
  const cells = [
    header.map(String),
    ...rows.map((r) => r.map((c) => (typeof c === 'number' ? format(c) : c))),
  ];
  const numeric = header.map((_, j) => rows.length > 0 && rows.every((r) => typeof r[j] === 'number'));
  const widths = header.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? '').length)));
  return cells
    .map((r) =>
      r
        .map((c, j) => (numeric[j] ? c.padStart(widths[j]!) : c.padEnd(widths[j]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** 1234.5 -> "1,235" (whole children, beds, referrals). */
export function formatCount(x: number): string {
  return Math.round(x).toLocaleString('en-GB');
}

/** One decimal place, for expected values that are not whole. */
export function formatOneDecimal(x: number): string {
  return x.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** Money given as an input (a price, a budget), exactly as a committee paper writes it: £411,840 / £2.50m. */
export function formatMoney(x: number): string {
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  if (a >= 1e6)
    return `${sign}£${(a / 1e6).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}m`;
  return `${sign}£${Math.round(a).toLocaleString('en-GB')}`;
}

/**
 * A simulated amount of money, to the precision it deserves: £1.23m; £736k from £10,000 up;
 * whole pounds below. An estimate from replications is uncertain in its third figure anyway, so
 * "£735,547 (95% interval £650,123 to £820,971)" would claim a precision it does not have.
 * @example formatMoneyEstimate(735_547) // "£736k"
 */
export function formatMoneyEstimate(x: number): string {
  const a = Math.abs(x);
  // From 999,500 up, thousands would round to "£1000k": millions instead.
  if (a >= 999_500) return formatMoney(x < 0 ? -Math.max(a, 1e6) : Math.max(a, 1e6));
  if (a < 1e4) return formatMoney(x);
  return `${x < 0 ? '-' : ''}£${Math.round(a / 1e3)}k`;
}

/** A value in its unit: £1.2m, 8.5%, 12.3. */
export function formatValue(x: number | null, unit: string): string {
  if (x === null || !Number.isFinite(x)) return '-';
  if (unit === '£') return formatMoneyEstimate(x);
  if (unit === 'share') return `${(x * 100).toFixed(1)}%`;
  return Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-GB') : x.toFixed(1);
}
