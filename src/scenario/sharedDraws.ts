/**
 * One belief written once and reused stays one draw.
 *
 * A model file shares a number by writing it once under an anchor (`x-growth: &growth {...}`)
 * and reusing it (`growth: *growth`, or `<<: *foster` to take a whole block). Each use is a
 * separate place in the merged model, and each place would otherwise get a draw of its own;
 * but a growth written once for every cohort is one belief about one rate, and the cohorts
 * must move together. So every number with a range or a belief that is reached through an
 * alias or a merge key is given the `draw` name of the place it was written (unless it names
 * one itself), and numbers with the same name share one draw (beliefs.ts).
 *
 * Done per file, on the data as parsed and before files are merged: the YAML document is the
 * only place that still knows which values came from one anchor.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { fieldName } from './fieldName.ts';
import type { ModelSource } from './source.ts';

type Key = string | number;

const isMergeKey = (k: unknown): boolean =>
  isScalar(k) && (k.value === '<<' || (typeof k.value === 'symbol' && k.source === '<<'));

const keyOf = (k: unknown): Key => (isScalar(k) ? (k.value as Key) : String(k));

/** Where every node of the document was written (aliases are not followed). */
function writtenAt(doc: Document.Parsed): Map<Node, Key[]> {
  const at = new Map<Node, Key[]>();
  const walk = (n: unknown, path: Key[]) => {
    if (n === null || typeof n !== 'object' || isAlias(n)) return;
    at.set(n as Node, path);
    if (isMap(n)) {
      for (const p of n.items) if (isPair(p) && !isMergeKey(p.key)) walk(p.value, [...path, keyOf(p.key)]);
    } else if (isSeq(n)) n.items.forEach((item, i) => walk(item, [...path, i]));
  };
  walk(doc.contents, []);
  return at;
}

/** A number with a range or a belief: a map with a `value` and `low`/`high` or `uncertain`. */
function canVary(n: Node): boolean {
  if (!isMap(n)) return false;
  const keys = new Set(n.items.map((p) => (isPair(p) ? keyOf(p.key) : '')));
  return keys.has('value') && (keys.has('uncertain') || (keys.has('low') && keys.has('high')));
}

/**
 * Give every shared number with a range or a belief the draw name of the place it was written.
 * Changes `src.data` in place.
 */
export function nameSharedDraws(src: ModelSource): void {
  const doc = src.doc;
  const at = writtenAt(doc);
  // Data path -> the path where its value was written, for values reached by alias or merge key.
  const shared: [Key[], Key[]][] = [];
  // `via`: the node was reached through an alias or a merge key, so it is written elsewhere.
  const walk = (n: unknown, path: Key[], via: boolean, depth: number): void => {
    if (depth > 64 || n === null || typeof n !== 'object') return;
    if (isAlias(n)) {
      const target = n.resolve(doc) as Node | undefined;
      if (target) walk(target, path, true, depth + 1);
      return;
    }
    const origin = at.get(n as Node);
    if (via && origin && canVary(n as Node)) shared.push([path, origin]);
    if (isMap(n)) {
      const own = new Set<Key>();
      for (const p of n.items) if (isPair(p) && !isMergeKey(p.key)) own.add(keyOf(p.key));
      for (const p of n.items) {
        if (!isPair(p)) continue;
        if (!isMergeKey(p.key)) {
          walk(p.value, [...path, keyOf(p.key)], via, depth + 1);
          continue;
        }
        // `<<: *a` or `<<: [*a, *b]`: the fields this map does not write itself come from the
        // sources, the first source winning (YAML merge-key semantics).
        const sources = isSeq(p.value) ? p.value.items : [p.value];
        for (const s of sources) {
          const m = isAlias(s) ? (s.resolve(doc) as Node | undefined) : (s as Node);
          if (!isMap(m)) continue;
          for (const q of m.items) {
            if (!isPair(q) || isMergeKey(q.key)) continue;
            const k = keyOf(q.key);
            if (own.has(k)) continue;
            own.add(k);
            walk(q.value, [...path, k], true, depth + 1);
          }
        }
      }
    } else if (isSeq(n)) n.items.forEach((item, i) => walk(item, [...path, i], via, depth + 1));
  };
  walk(doc.contents, [], false, 0);
  for (const [path, origin] of shared) {
    const name = fieldName(origin);
    for (const p of [path, origin]) {
      const obj = dataAt(src.data, p);
      if (obj && obj['draw'] === undefined) obj['draw'] = name;
    }
  }
}

function dataAt(data: unknown, path: readonly Key[]): Record<string, unknown> | undefined {
  let v = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<Key, unknown>)[k];
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}
