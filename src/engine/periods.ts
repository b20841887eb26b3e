// Reporting periods: n consecutive half-open intervals [b[k], b[k+1]) of simulated time, given by n + 1
// ascending boundaries in days (month starts, year starts; they need not be equally long). Shared by the
// period-binned accumulators. A time exactly on a boundary belongs to the period that STARTS there.

/**
 * Check period boundaries and copy them, so later changes by the caller cannot corrupt an accumulator.
 * @param boundaries n + 1 strictly ascending finite times in days (n >= 1).
 * @returns a private copy.
 * @throws {RangeError} if there are fewer than 2 boundaries, or one is not finite, or they do not ascend.
 * @example
 * const months = checkedBoundaries(Float64Array.of(0, 31, 59, 90)); // January to March of a common year
 */
export function checkedBoundaries(boundaries: Float64Array): Float64Array {
  if (boundaries.length < 2) {
    throw new RangeError(`need at least 2 period boundaries (1 period), got ${boundaries.length}`);
  }
  for (let k = 0; k < boundaries.length; k++) {
    if (!Number.isFinite(boundaries[k])) {
      throw new RangeError(`period boundary ${k} must be finite, got ${boundaries[k]}`);
    }
    if (k > 0 && !(boundaries[k] > boundaries[k - 1])) {
      throw new RangeError(
        `period boundaries must ascend strictly, but boundary ${k} (${boundaries[k]}) <= boundary ${k - 1} (${boundaries[k - 1]})`,
      );
    }
  }
  return Float64Array.from(boundaries);
}

/**
 * Index of the period containing t, by binary search. O(log n).
 * @param boundaries checked boundaries (see {@link checkedBoundaries}).
 * @param t a time in days.
 * @returns k with boundaries[k] <= t < boundaries[k + 1]; -1 if t is before the first boundary (or NaN);
 *   n (the number of periods) if t is at or after the last boundary.
 * @example
 * findPeriod(Float64Array.of(0, 31, 59), 31); // 1 (a boundary belongs to the period it starts)
 */
export function findPeriod(boundaries: Float64Array, t: number): number {
  const n = boundaries.length - 1;
  if (!(t >= boundaries[0])) {
    return -1;
  }
  if (t >= boundaries[n]) {
    return n;
  }
  // Invariant: boundaries[lo] <= t < boundaries[hi].
  let lo = 0;
  let hi = n;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (boundaries[mid] <= t) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return lo;
}
