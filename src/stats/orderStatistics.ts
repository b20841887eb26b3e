/**
 * Percentiles without a full sort: a multiple selection that puts the few order statistics the
 * percentiles read at the places a sort would put them, so simple-statistics' `quantileSorted`
 * then reads the values it would read from the sorted array, bit for bit.
 *
 * Why not a library's selection: simple-statistics' `quantile` (Floyd-Rivest) is quick on
 * distinct values but slow on the many ties of replications' counts (a month's children in a
 * unit: a handful of values among a thousand replications), slower there than the sort it
 * replaces. A three-way partition puts every value equal to the pivot in place at once, so ties
 * make it faster, not slower.
 */
import { quantileSorted } from 'simple-statistics';

/**
 * The positions of a sorted array of n values that `quantileSorted(sorted, p)` reads: simple-
 * statistics' linear interpolation between order statistics (R and numpy's type 7), at (n - 1) p.
 * Tested against quantileSorted itself for every count up to 1,200 (test/stats/summary.test.ts),
 * so a change of the library's rule fails there.
 */
function ranksRead(n: number, p: number): number[] {
  if (p === 0) return [0];
  if (p === 1) return [n - 1];
  const idx = (n - 1) * p;
  return idx % 1 !== 0 ? [Math.floor(idx), Math.ceil(idx)] : [idx];
}

/**
 * Rearrange xs in place so that each given rank holds the value a full sort would put there.
 * Values must not be NaN. ranks: ascending, within [lo, hi].
 */
function select(xs: Float64Array, ranks: readonly number[], lo: number, hi: number): void {
  let from = 0;
  let to = ranks.length; // ranks[from, to) lie in [lo, hi]
  while (from < to && lo < hi) {
    // Median of three as the pivot, so sorted or reversed input stays linear.
    const mid = lo + ((hi - lo) >> 1);
    const a = xs[lo]!;
    const b = xs[mid]!;
    const c = xs[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    // Three-way partition: [lo, lt) < pivot, [lt, i) = pivot, (gt, hi] > pivot.
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i <= gt) {
      const v = xs[i]!;
      if (v < pivot) {
        xs[i++] = xs[lt]!;
        xs[lt++] = v;
      } else if (v > pivot) {
        xs[i] = xs[gt]!;
        xs[gt--] = v;
      } else i++;
    }
    // Ranks below lt are in the left part, ranks above gt in the right; those between are placed.
    let split = from;
    while (split < to && ranks[split]! < lt) split++;
    let right = split;
    while (right < to && ranks[right]! <= gt) right++;
    // Recurse into the smaller side, loop on the larger, so the stack stays shallow.
    if (split - from <= to - right) {
      if (split > from) select(xs, ranks.slice(from, split), lo, lt - 1);
      from = right;
      lo = gt + 1;
    } else {
      if (to > right) select(xs, ranks.slice(right, to), gt + 1, hi);
      to = split;
      hi = lt - 1;
    }
  }
}

/** The ranks to select for these percentiles of n values, ascending: the last asked is kept (a run asks the same thousands of times). */
let lastRanks: { n: number; ps: readonly number[]; ranks: number[] } | null = null;
function ranksFor(n: number, ps: readonly number[]): number[] {
  if (lastRanks?.n !== n || lastRanks.ps !== ps)
    lastRanks = { n, ps, ranks: [...new Set(ps.flatMap((p) => ranksRead(n, p)))].sort((a, b) => a - b) };
  return lastRanks.ranks;
}

/**
 * `quantileSorted` of the sorted values at each p, found by selection. xs is rearranged.
 * @throws RangeError for no values or a p outside [0, 1] (as quantileSorted)
 */
export function percentilesInPlace(xs: Float64Array, ps: readonly number[]): number[] {
  const n = xs.length;
  if (n === 0) throw new RangeError('no values');
  let hasNaN = false;
  for (let i = 0; i < n; i++) if (xs[i] !== xs[i]) hasNaN = true;
  // NaN sorts last in a typed array's sort; keep that meaning by sorting when one is present.
  if (hasNaN) xs.sort();
  else select(xs, ranksFor(n, ps), 0, n - 1);
  const asArray = xs as unknown as number[]; // quantileSorted reads length and indices only
  return ps.map((p) => quantileSorted(asArray, p));
}
