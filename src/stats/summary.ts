/**
 * Summaries of a metric across replications: mean, sample standard deviation, the 95%
 * confidence interval of the mean (Student's t, since replications are few and their
 * variance is estimated), and percentiles of the replications themselves.
 *
 * Two things peers get wrong, avoided here (STYLE.md): the variance is the *sample* variance
 * (n - 1), and the interval uses t, not 1.96, so 10 replications are not over-trusted.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { mean as ssMean, quantileSorted, sampleStandardDeviation } from 'simple-statistics';

export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation across replications (0 for one replication). */
  sd: number;
  /** 95% confidence interval of the mean; null bounds with fewer than 2 replications. */
  ciLow: number | null;
  ciHigh: number | null;
  /** Half-width of that interval. */
  halfWidth: number | null;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

/**
 * Two-sided critical value of Student's t for a 95% interval with n - 1 degrees of freedom.
 * @throws RangeError for n < 2
 * @example tCritical95(10) // 2.262
 */
export function tCritical95(n: number): number {
  if (!(n >= 2)) throw new RangeError(`a confidence interval needs at least 2 replications, got ${n}`);
  // A run summarises thousands of cells with the same n; the quantile costs microseconds.
  let t = T_CRITICAL.get(n);
  if (t === undefined) {
    t = tQuantile(0.975, n - 1);
    T_CRITICAL.set(n, t);
  }
  return t;
}
const T_CRITICAL = new Map<number, number>();

/**
 * Summarise one metric's values across replications.
 * Percentiles are simple-statistics' `quantileSorted` of the replications' values.
 * @throws RangeError for no values
 */
export function summarise(values: ArrayLike<number>): Summary {
  const n = values.length;
  if (n === 0) throw new RangeError('no values to summarise');
  // One typed copy, summarised and then sorted in place (a numeric sort, much faster than an
  // array's comparator sort: a run summarises some ten thousand cells).
  const xs = Float64Array.from(values);
  const asArray = xs as unknown as number[]; // simple-statistics reads length and indices only
  const m = ssMean(asArray);
  const sd = n >= 2 ? sampleStandardDeviation(asArray) : 0;
  const half = n >= 2 ? (tCritical95(n) * sd) / Math.sqrt(n) : null;
  xs.sort();
  const q = (p: number) => quantileSorted(asArray, p);
  return {
    n,
    mean: m,
    sd,
    ciLow: half === null ? null : m - half,
    ciHigh: half === null ? null : m + half,
    halfWidth: half,
    p5: q(0.05),
    p25: q(0.25),
    p50: q(0.5),
    p75: q(0.75),
    p95: q(0.95),
  };
}
