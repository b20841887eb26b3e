/**
 * Remaining stays of children already in care at the start (an initial census).
 *
 * A child found in care on a given day is more likely to be on a long stay than a child
 * just referred (length bias: long stays cover more days). In a stationary system the
 * total stay S* of a child found in care has density s f(s) / E[S], and the time already
 * spent is uniform over it, so remaining = (1 - U) S* and elapsed = U S* (renewal theory,
 * e.g. Ross, Stochastic Processes, ch. 3). For any distribution this is sampled by
 * tabulating n quantiles of S and picking one in proportion to its length: exact as n grows,
 * and the same code for every distribution type.
 */
import { quantileGrid, type CompiledDistribution } from '../random/compiled.ts';
import type { ResidualSampler } from './scenario.ts';

const TABLE_SIZE = 1024;

/** Tabulate the length-biased stay distribution of `stay`. */
export function buildResidualSampler(stay: CompiledDistribution, n = TABLE_SIZE): ResidualSampler {
  const quantiles = quantileGrid(stay, n);
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += quantiles[i]!;
    cumulative[i] = total;
  }
  // A stay that is always 0 has no length bias to speak of: fall back to equal weights.
  for (let i = 0; i < n; i++) cumulative[i] = total > 0 ? cumulative[i]! / total : (i + 1) / n;
  cumulative[n - 1] = 1;
  return { quantiles, cumulative };
}

/**
 * Draw the total stay S* of a child found in care (length-biased), from one uniform.
 * Pair it with a second uniform U: elapsed = U S*, remaining = (1 - U) S*.
 */
export function lengthBiasedStay(r: ResidualSampler, u: number): number {
  const c = r.cumulative;
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return r.quantiles[lo]!;
}
