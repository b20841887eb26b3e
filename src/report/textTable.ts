/**
 * Plain-text tables for the terminal: columns padded to their widest cell, numbers
 * right-aligned, so a summary reads at a glance and pastes cleanly into an email.
 */
import { formatMoney } from '../charts/money.ts';

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
  // A cell may hold several lines (a long label wrapped by wrapText): the row grows, never the label cut.
  const lines = (c: string | undefined) => (c ?? '').split('\n');
  const widths = header.map((_, j) => Math.max(...cells.flatMap((r) => lines(r[j]).map((l) => l.length))));
  return cells
    .flatMap((r) => {
      const height = Math.max(...r.map((c) => lines(c).length));
      return Array.from({ length: height }, (_, i) =>
        r
          .map((c, j) => {
            const l = lines(c)[i] ?? '';
            return numeric[j] ? l.padStart(widths[j]!) : l.padEnd(widths[j]!);
          })
          .join('  ')
          .trimEnd(),
      );
    })
    .join('\n');
}

/**
 * A long text broken into lines of at most `width` characters at spaces, for a table cell: a
 * label is never cut short ("Overflow share: placements out of county for want of a su...").
 * A word longer than the width stays whole on its own line.
 */
export function wrapText(text: string, width: number): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  out.push(line);
  return out.join('\n');
}

/** 1234.5 -> "1,235" (whole children, beds, referrals). */
export function formatCount(x: number): string {
  return Math.round(x).toLocaleString('en-GB');
}

/** One decimal place, for expected values that are not whole. */
export function formatOneDecimal(x: number): string {
  return x.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** A value in its unit: £1.2m, 8.5%, 12.3. */
export function formatValue(x: number | null, unit: string): string {
  if (x === null || !Number.isFinite(x)) return '-';
  if (unit === '£') return formatMoney(x);
  if (unit === 'share') return `${(x * 100).toFixed(1)}%`;
  return Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-GB') : x.toFixed(1);
}
