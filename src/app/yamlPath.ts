/**
 * Where a line of YAML sits, read from the indentation of the lines above it: what the editor's
 * completion needs to know (which section's keys, which field's values) while the text is
 * being typed and need not parse.
 */

/** The path of keys (and list positions) that a line at `indent` sits in, from the lines above it. */
export function pathAbove(lines: readonly string[], indent: number): (string | number)[] {
  const path: (string | number)[] = [];
  let cur = indent;
  for (let i = lines.length - 1; i >= 0 && cur > 0; i--) {
    const m = /^(\s*)(-\s+)?([^\s#][^:#]*?)?:?(\s.*)?$/.exec(lines[i]!);
    if (!m || /^\s*(#|$)/.test(lines[i]!)) continue;
    const dash = m[1]!.length;
    const content = dash + (m[2]?.length ?? 0);
    const key = /^(\s*)(-\s+)?([\w$-]+):/.exec(lines[i]!)?.[3];
    if (key !== undefined && content < cur) {
      path.unshift(key);
      cur = content;
    }
    if (m[2] && dash < cur) {
      path.unshift(0);
      cur = dash;
    }
  }
  return path;
}
