// The benchmarks' plain-text tables: the first column left-aligned, the others right-aligned.
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
  const line = (r: string[]) =>
    r.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  return [line(header), ...rows.map(line)].map((l) => `  ${l.trimEnd()}`).join('\n');
}
