/**
 * Summaries of a metric across replications: mean, sample standard deviation, the 95%
 * confidence interval of the mean (Student's t, since replications are few and their
 * variance is estimated), and percentiles of the replications themselves.
 *
 * Two things peers get wrong, avoided here (STYLE.md): the variance is the *sample* variance
 * (n - 1), and the interval uses t, not 1.96, so 10 replications are not over-trusted.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { mean as ssMean, sampleStandardDeviation } from 'simple-statistics';
import { percentilesInPlace } from './orderStatistics.ts';

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

/** The percentiles a summary reports, in the order of its fields p5 ... p95. */
const PERCENTILES = [0.05, 0.25, 0.5, 0.75, 0.95];

/**
 * Summarise one metric's values across replications.
 * Percentiles are simple-statistics' `quantileSorted` of the replications' values, found by
 * selecting the few order statistics they read instead of sorting (orderStatistics.ts): the same
 * values, at a fraction of the cost (a run summarises some sixteen thousand cells).
 * @throws RangeError for no values
 */
export function summarise(values: ArrayLike<number>): Summary {
  const n = values.length;
  if (n === 0) throw new RangeError('no values to summarise');
  // One typed copy (the constructor copies a typed array as memory; Float64Array.from iterates).
  const xs = new Float64Array(values);
  const asArray = xs as unknown as number[]; // simple-statistics reads length and indices only
  const m = ssMean(asArray);
  const sd = n >= 2 ? sampleStandardDeviation(asArray) : 0;
  const half = n >= 2 ? (tCritical95(n) * sd) / Math.sqrt(n) : null;
  const [p5, p25, p50, p75, p95] = percentilesInPlace(xs, PERCENTILES);
  return {
    n,
    mean: m,
    sd,
    ciLow: half === null ? null : m - half,
    ciHigh: half === null ? null : m + half,
    halfWidth: half,
    p5: p5!,
    p25: p25!,
    p50: p50!,
    p75: p75!,
    p95: p95!,
  };
}

/** A summary of a ratio whose estimate is the ratio of totals (see summariseRatio). */
export interface RatioSummary extends Summary {
  /** How `mean` and its interval were estimated: the ratio of the replications' totals. */
  estimator: 'ratioOfTotals';
}

/**
 * Summarise a ratio across replications (a share of placements, a mean wait) as the ratio of its
 * totals, sum(num) / sum(den): the share of all placements that overflowed, not the mean of each
 * replication's share, which is biased when replications are short (one with few placements
 * counts as much as one with many). Its 95% interval is the linearisation (delta-method)
 * interval of a ratio estimator (Cochran, Sampling Techniques, 3rd ed., §6.4): the standard
 * error is sqrt(sum((num_r - R den_r)^2) / (n (n - 1))) / mean(den), with Student's t. `sd` and
 * the percentiles describe the replications' own ratios (0 where a replication has no
 * denominator): the spread of outcomes.
 * @throws RangeError for no values, or numerators and denominators of different lengths
 */
export function summariseRatio(num: ArrayLike<number>, den: ArrayLike<number>): RatioSummary {
  const n = num.length;
  if (n !== den.length) throw new RangeError(`${n} numerators for ${den.length} denominators`);
  const own = Float64Array.from({ length: n }, (_, i) => (den[i] === 0 ? 0 : num[i]! / den[i]!));
  const spread = summarise(own);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    a += num[i]!;
    b += den[i]!;
  }
  const r = b === 0 ? 0 : a / b;
  let half: number | null = null;
  if (n >= 2) {
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (num[i]! - r * den[i]!) ** 2;
    half = b === 0 ? 0 : (tCritical95(n) * Math.sqrt(ss / (n * (n - 1)))) / (b / n);
  }
  return {
    ...spread,
    mean: r,
    ciLow: half === null ? null : r - half,
    ciHigh: half === null ? null : r + half,
    halfWidth: half,
    estimator: 'ratioOfTotals',
  };
}
